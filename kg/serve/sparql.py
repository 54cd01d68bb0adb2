"""The SPARQL 1.1 Protocol (https://www.w3.org/TR/sparql11-protocol/): reading a request,
choosing a result format from Accept, and writing the results.

Queries see the union of the store's graphs as their default graph, as `kg query` does,
unless the request names `default-graph-uri`s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from kg.query import QueryResult, format_result

# Result formats: name -> media type. The first is the default.
SELECT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_ALIASES = {
    "application/json": "json",
    "text/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/plain": "ntriples",
    "application/x-turtle": "turtle",
}
_RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
MAX_QUERY_BYTES = 100_000


class ProtocolError(Exception):
    """A request the protocol does not allow; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class SparqlRequest:
    operation: str  # "query" | "update"
    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    format: str | None = None  # an explicit ?format= / &output=
    extra: dict[str, list[str]] = field(default_factory=dict)


def read_request(method: str, content_type: str, query_string: str, body: bytes) -> SparqlRequest:
    """The operation a protocol request asks for (query via GET or POST, update via POST)."""
    params = parse_qs(query_string, keep_blank_values=True)
    media = content_type.split(";", 1)[0].strip().lower()
    if method == "POST":
        if len(body) > MAX_QUERY_BYTES:
            raise ProtocolError(413, f"request body over {MAX_QUERY_BYTES:,} bytes")
        text_body = _decode(body)
        if media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text_body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif media == "application/sparql-query":
            params.setdefault("query", []).append(text_body)
        elif media == "application/sparql-update":
            params.setdefault("update", []).append(text_body)
        else:
            raise ProtocolError(
                415,
                f"unsupported content type {media!r}: use application/sparql-query, "
                "application/sparql-update or application/x-www-form-urlencoded",
            )
    elif method not in ("GET", "HEAD"):
        raise ProtocolError(405, f"method {method} not allowed: use GET or POST")
    queries, updates = params.get("query", []), params.get("update", [])
    if len(queries) + len(updates) != 1:
        raise ProtocolError(400, "give exactly one 'query' (or, with POST, one 'update')")
    if updates and method != "POST":
        raise ProtocolError(400, "an update must be sent with POST")
    text = (queries or updates)[0]
    if len(text.encode("utf-8")) > MAX_QUERY_BYTES:
        raise ProtocolError(413, f"query over {MAX_QUERY_BYTES:,} bytes")
    fmt = (params.get("format") or params.get("output") or [None])[0]
    return SparqlRequest(
        "query" if queries else "update",
        text,
        tuple(params.get("default-graph-uri", [])),
        tuple(params.get("named-graph-uri", [])),
        fmt,
    )


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not UTF-8") from None


def choose_format(accept: str, explicit: str | None, form: str) -> str:
    """The result format for a query `form` ("select", "ask" or "graph"), from an explicit
    format parameter or the Accept header; JSON (or Turtle for graphs) by default."""
    formats = GRAPH_FORMATS if form == "graph" else SELECT_FORMATS
    if explicit:
        name = _format_named(explicit.lower(), formats)
        if name is None:
            known = ", ".join(formats)
            raise ProtocolError(400, f"unknown result format {explicit!r}; known: {known}")
        return name
    for media, _quality in _accepted(accept):
        if media in ("*/*", "application/*", "text/*"):
            break
        name = _format_named(media, formats)
        if name is not None:
            return name
    return next(iter(formats))


def _format_named(word: str, formats: dict[str, str]) -> str | None:
    """The key of `formats` that `word` names: the key itself, an alias, or its media type."""
    name = _ALIASES.get(word, word)
    if name in formats:
        return name
    return next((key for key, media in formats.items() if media == word), None)


def _accepted(accept: str) -> list[tuple[str, float]]:
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *options = (part.strip() for part in item.split(";"))
        quality = 1.0
        for option in options:
            if option.startswith("q="):
                try:
                    quality = float(option[2:])
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((media.lower(), quality, position))
    ranked.sort(key=lambda item: (-item[1], item[2]))
    return [(media, quality) for media, quality, _ in ranked]


def media_type(fmt: str) -> str:
    return {**SELECT_FORMATS, **GRAPH_FORMATS}[fmt]


def serialize(result: QueryResult, fmt: str) -> bytes:
    """The result in `fmt` (a key of SELECT_FORMATS or GRAPH_FORMATS)."""
    if result.form == "graph":
        if fmt not in GRAPH_FORMATS:
            fmt = "turtle"
        return ox.serialize(list(result.triples), format=_RDF_FORMATS[fmt]) or b""
    if fmt == "xml":
        return _xml(result).encode("utf-8")
    return format_result(result, fmt).encode("utf-8")


def _xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format (https://www.w3.org/TR/rdf-sparql-XMLres/)."""
    lines = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.form == "ask":
        lines += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
        return "\n".join([*lines, "</sparql>"]) + "\n"
    lines.append("<head>")
    lines += [f"<variable name={quoteattr(name)}/>" for name in result.columns]
    lines += ["</head>", "<results>"]
    for row in result.rows:
        lines.append("<result>")
        for name, term in zip(result.columns, row, strict=True):
            if term is not None:
                lines.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        lines.append("</result>")
    lines += ["</results>", "</sparql>"]
    return "\n".join(lines) + "\n"


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return (
                f"<literal xml:lang={quoteattr(term.language)}>{xml_escape(term.value)}</literal>"
            )
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            datatype = quoteattr(term.datatype.value)
            return f"<literal datatype={datatype}>{xml_escape(term.value)}</literal>"
        return f"<literal>{xml_escape(term.value)}</literal>"
    return f"<literal>{xml_escape(str(term))}</literal>"
