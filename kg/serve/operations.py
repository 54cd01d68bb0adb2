"""What a store worker can be asked to do (kg.serve.workers runs these in its processes).

Each operation takes the worker's `State` first; arguments and results are plain values that
pickle across processes. Errors a user can fix are raised as KgError subclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import KgError, NotFoundError, QueryError, first_line
from kg.export.gexf import gexf_bytes
from kg.graph import vocab as v
from kg.graph.store import open_store
from kg.query import QueryResult, load_named_query, query_from_text, run_query, shorten
from kg.serve import sparql as protocol
from kg.serve.entity import describe, entity_iri, holders_over_time
from kg.serve.network import render_svg
from kg.serve.search import KINDS, SearchIndex
from kg.views import neighbourhood


@dataclass
class State:
    store: ox.Store
    writable: bool
    index: SearchIndex | None = None

    def search_index(self) -> SearchIndex:
        if self.index is None:
            self.index = SearchIndex.from_store(self.store)
        return self.index


def open_state(path: Path, writable: bool) -> State:
    return State(open_store(path, create=False, read_only=not writable), writable)


def ping(state: State) -> dict[str, Any]:
    query = f"""
        SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
          {{ GRAPH <{v.ENTITIES_GRAPH}> {{ ?e a ?type }} }}
          UNION {{ GRAPH ?g {{ ?e a <{v.SCHEMA.NewsArticle}> ; <{v.contentHash}> ?h }}
                  BIND(<{v.SCHEMA.NewsArticle}> AS ?type) }}
        }} GROUP BY ?type"""
    counts = {"article": 0} | {kind: 0 for kind in KINDS.values()}
    for row in state.store.query(query):
        kind = KINDS.get(row["type"].value)
        if row["type"].value == str(v.SCHEMA.NewsArticle):
            kind = "article"
        if kind:
            counts[kind] = int(row["n"].value)
    return {"writable": state.writable, "counts": counts}


def sparql(
    state: State,
    text: str,
    accept: str,
    explicit_format: str | None,
    default_graphs: tuple[str, ...],
    max_rows: int,
) -> tuple[str, bytes, bool]:
    """(media type, body, truncated) for a protocol query."""
    try:
        graphs = [ox.NamedNode(iri) for iri in default_graphs] or None
    except ValueError as error:
        raise QueryError(f"bad default-graph-uri: {error}") from None
    result = run_query(state.store, query_from_text(text), max_rows=max_rows, default_graph=graphs)
    fmt = protocol.choose_format(accept, explicit_format, result.form)
    return protocol.media_type(fmt), protocol.serialize(result, fmt), result.truncated


def update(state: State, text: str) -> None:
    if not state.writable:
        raise KgError("this server is read-only: start `kg serve --allow-update` to accept updates")
    try:
        state.store.update(text, prefixes=v.PREFIXES)
    except SyntaxError as error:
        raise QueryError(f"invalid SPARQL update: {first_line(error)}") from None
    state.index = None  # names may have changed


def search(state: State, text: str, kind: str | None, limit: int) -> list[tuple[str, ...]]:
    hits = state.search_index().search(text, limit=limit, kind=kind or None)
    return [(hit.iri, hit.label, hit.kind, hit.matched) for hit in hits]


def entity(state: State, iri: str) -> dict[str, Any]:
    data = describe(state.store, iri)
    if data["kind"] == "office":
        data["history"] = holders_over_time(data["facts"])
    return data


def network(state: State, iri: str, hops: int, max_nodes: int) -> dict[str, Any]:
    graph = _neighbourhood(state, iri, hops, max_nodes)
    center = graph.nodes[iri] if iri in graph else {}
    return {
        "svg": render_svg(graph, iri),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "label": center.get("label", iri.rsplit("/", 1)[-1]),
        "legend": sorted({data.get("type", "") for _, data in graph.nodes(data=True)}),
    }


def network_gexf(state: State, iri: str, hops: int, max_nodes: int) -> bytes:
    return gexf_bytes(_neighbourhood(state, iri, hops, max_nodes))


def _neighbourhood(state: State, iri: str, hops: int, max_nodes: int):
    node = entity_iri(iri)
    graph = neighbourhood(state.store, node.value, hops=hops, max_nodes=max_nodes)
    if node.value not in graph:
        raise NotFoundError(f"{node.value} is not in the entity graph")
    return graph


def ask(
    state: State,
    text: str,
    name: str | None,
    params: Mapping[str, str],
    max_rows: int,
    fmt: str | None = None,
) -> dict[str, Any]:
    """Run a query from the Ask page: a named query (with its parameters bound as RDF
    terms) when its text is unchanged, else the text as given. With `fmt` (csv, json, tsv),
    the whole result as that download."""
    query = _ask_query(text, name)
    known = {param.name for param in query.params}
    values = {key: value for key, value in params.items() if key in known and value.strip()}
    result = run_query(state.store, query, values, max_rows=max_rows)
    if fmt:
        choice = protocol.choose_format("", fmt, result.form)
        return {"media": protocol.media_type(choice), "body": protocol.serialize(result, choice)}
    return _table(result)


def _ask_query(text: str, name: str | None):
    if name:
        named = load_named_query(name)
        if not text.strip() or " ".join(text.split()) == " ".join(named.text.split()):
            return named
    if not text.strip():
        raise QueryError("write a query, or pick one of the named queries")
    return query_from_text(text)


def _table(result: QueryResult) -> dict[str, Any]:
    if result.form == "ask":
        return {"form": "ask", "boolean": bool(result.boolean)}
    if result.form == "graph":
        columns = ("subject", "predicate", "object")
        rows = [tuple(_cell(term) for term in triple) for triple in result.triples]
    else:
        columns = result.columns
        rows = [tuple(_cell(term) for term in row) for row in result.rows]
    return {"form": result.form, "columns": columns, "rows": rows, "truncated": result.truncated}


def _cell(term: Any) -> tuple[str, str | None]:
    """(text shown, entity IRI to link to or None)."""
    if term is None:
        return ("", None)
    if isinstance(term, ox.NamedNode):
        own = term.value.startswith(str(v.ID))
        return (shorten(term.value), term.value if own else None)
    if isinstance(term, ox.Literal):
        return (term.value, None)
    return (str(term), None)


OPERATIONS: dict[str, Callable[..., Any]] = {
    "ping": ping,
    "sparql": sparql,
    "update": update,
    "search": search,
    "entity": entity,
    "network": network,
    "network_gexf": network_gexf,
    "ask": ask,
}
