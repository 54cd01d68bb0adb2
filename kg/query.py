"""SPARQL over the store: named queries from queries/, parameter binding, result formats.

A query is a named query (`queries/<name>.rq`), a `.rq` file, or SPARQL text. Parameters are
bound through Oxigraph's `substitutions` (SEP-0007): the value is an RDF term handed to the
engine, never pasted into the query text, so no value can change the query's shape.

Substitution pre-binds a variable; where that variable is only matched inside OPTIONAL (or
BIND), a row that does not match keeps the pre-bound value instead of being dropped. A
parameter must therefore bind a variable that every row binds: named queries bind optional
columns through a helper such as `?_jurisdiction` (the label or ""). Result columns whose name
starts with "_" are such parameter slots and are not shown.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal as TypingLiteral

import pyoxigraph as ox

from kg.errors import QueryError, first_line
from kg.graph.store import GraphStore
from kg.graph.vocab import PREFIXES
from kg.ordering import sort_rows, split_order
from kg.resources import queries_dir

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
ParamKind = TypingLiteral["literal", "iri", "date"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# The first keyword after the prologue (PREFIX/BASE declarations) says what the text is.
_READ_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_UPDATE_FORMS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY")
_SPARQL_WORD = re.compile(
    r"\b(?:SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX|INSERT|DELETE|LOAD|CLEAR|DROP)\b", re.IGNORECASE
)
# Whitespace, a comment, or a PREFIX/BASE declaration (whose IRI may hold a "#").
_PROLOGUE_ITEM = re.compile(
    r"\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>", re.IGNORECASE
)
# grlc convention for queries without a params header: ?_name is a literal parameter,
# ?_name_iri an IRI parameter.
_GRLC_VARIABLE = re.compile(r"[?$](_[A-Za-z0-9_]+)")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*")
_PARAM_ITEM = re.compile(r"-\s*([A-Za-z_][\w-]*)\s*:\s*\??([A-Za-z_]\w*)(?:\s+\(?(\w+)\)?)?\s*")
_TABLE_CELL_WIDTH = 80
# A variant that only Oxigraph runs (it uses LATERAL, SEP-0006).
_ENGINE_OXIGRAPH = re.compile(
    r"^#\+[ \t]*engine:[ \t]*oxigraph[ \t]*$", re.MULTILINE | re.IGNORECASE
)
# A variant chosen only when its own parameters are all that is given (a whole-store plan
# filtered by one broad value: with a person or an article as well, the general text that
# starts from them is faster).
_ALONE = re.compile(r"^#\+[ \t]*alone[ \t]*$", re.MULTILINE | re.IGNORECASE)
# Where a query's VALUES block goes when it has a line of its own saying so (queries/README.md).
_VALUES_HERE = re.compile(r"^[ \t]*#\+[ \t]*values[ \t]*$", re.MULTILINE)
_PLAIN_TERMS = frozenset((ox.NamedNode, ox.Literal))  # CSV writes their value as it is
# The first WHERE clause after the query form is the outermost (subqueries come inside it).
_OUTER_WHERE = re.compile(r"^[^#\n]*?\bWHERE\s*\{", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class QueryParam:
    """A parameter users pass as `--param name=value`, bound to `?variable`."""

    name: str
    variable: str
    kind: ParamKind = "literal"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    summary: str
    text: str
    params: tuple[QueryParam, ...] = ()
    path: Path | None = None


@dataclass(frozen=True)
class QueryResult:
    """What a query gave: `columns` and `rows` (SELECT; None for an unbound cell),
    `boolean` (ASK) or `triples` (CONSTRUCT, DESCRIBE)."""

    form: TypingLiteral["select", "ask", "graph"]
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = field(default=())
    truncated: bool = False  # more rows (or triples) than `max_rows` asked for


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a result is read or written: its rows
    hold no cycles, but each of the hundreds of thousands of tuples made counts towards a
    collection, and each full collection walks every row made so far (directives at 100,000
    articles: 0.45 s of 3.5 s)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- finding queries -----------------------------------------------------------------------


def list_named_queries() -> list[NamedQuery]:
    """The shipped named queries, sorted by name."""
    return [_read_query_file(path) for path in sorted(queries_dir().glob("*.rq"))]


def load_named_query(name: str) -> NamedQuery:
    path = queries_dir() / f"{name}.rq"
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", name) or not _is_file(path):
        known = ", ".join(query.name for query in list_named_queries())
        raise QueryError(f"unknown query {name!r}; known: {known}")
    return _read_query_file(path)


def resolve_query(spec: str) -> NamedQuery:
    """A named query, a `.rq` file, or SPARQL text (told apart in that order)."""
    stripped = spec.strip()
    if re.fullmatch(r"[A-Za-z0-9_-]+", stripped) and _is_file(queries_dir() / f"{stripped}.rq"):
        return load_named_query(stripped)
    if "\n" not in stripped and stripped.lower().endswith(".rq"):
        return _read_query_file(Path(stripped))
    if _SPARQL_WORD.search(spec):
        return NamedQuery("query", "", spec, _params_from_variables(spec))
    if _is_file(stripped):
        return _read_query_file(Path(stripped))
    return load_named_query(stripped)


def query_from_text(text: str, name: str = "query") -> NamedQuery:
    """SPARQL text as a query, its parameters from a `#+ params:` header if it has one
    (a named query's text pasted into a form), else from its `?_name` variables."""
    summary, params = _parse_header(text, Path(name))
    if params is None:
        params = _params_from_variables(text)
    return NamedQuery(name, summary, text, params)


def _is_file(path: str | Path) -> bool:
    try:
        return "\n" not in str(path) and Path(path).is_file()
    except (OSError, ValueError):  # a name too long, or a NUL byte
        return False


def _read_query_file(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{path}: no such query file") from None
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or first_line(error)
        raise QueryError(f"{path}: cannot read the query file: {reason}") from None
    summary, params = _parse_header(text, path)
    if params is None:
        params = _params_from_variables(text)
    return NamedQuery(path.stem, summary, text, params, path)


def _parse_header(text: str, source: Path) -> tuple[str, tuple[QueryParam, ...] | None]:
    """The `#+ key: value` header (see queries/README.md); params None when absent."""
    summary = ""
    params: list[QueryParam] | None = None
    in_params = False
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        body = line[2:].strip()
        if in_params and body.startswith("-"):
            match = _PARAM_ITEM.fullmatch(body)
            kind = (match.group(3) or "literal").lower() if match else ""
            if not match or kind not in ("literal", "iri", "date"):
                raise QueryError(
                    f"{source}: bad parameter line {body!r}; "
                    "expected '- name: variable [literal|iri|date]'"
                )
            assert params is not None
            params.append(QueryParam(match.group(1), match.group(2), kind))  # type: ignore[arg-type]
            continue
        key, _, value = body.partition(":")
        key = key.strip().lower()
        in_params = key == "params"
        if key == "summary":
            summary = value.strip()
        elif key == "params":
            params = []
    return summary, tuple(params) if params is not None else None


def _params_from_variables(text: str) -> tuple[QueryParam, ...]:
    seen: dict[str, QueryParam] = {}
    for variable in _GRLC_VARIABLE.findall(text):
        if variable.endswith("_iri"):
            seen.setdefault(variable, QueryParam(variable[1:-4], variable, "iri"))
        else:
            seen.setdefault(variable, QueryParam(variable[1:], variable, "literal"))
    return tuple(seen.values())


# --- parameters ----------------------------------------------------------------------------


def parse_params(pairs: Iterable[str]) -> dict[str, str]:
    """`["name=value", ...]` -> {name: value}; the value may itself contain "="."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"parameter {pair!r} is not NAME=VALUE")
        values[name.strip()] = value
    return values


def bind_params(query: NamedQuery, values: Mapping[str, str]) -> dict[ox.Variable, Term]:
    """The substitutions for `values`: literal parameters become plain string literals
    whatever they contain; IRI parameters must be absolute IRIs (or use a known prefix); date
    parameters must be YYYY-MM-DD dates (an invalid one would otherwise bind nothing a query
    can use and be silently ignored)."""
    by_name = {param.name: param for param in query.params}
    bound: dict[ox.Variable, Term] = {}
    for name, value in values.items():
        param = by_name.get(name)
        if param is None:
            known = ", ".join(by_name) or "none"
            raise QueryError(f"query {query.name!r} has no parameter {name!r}; known: {known}")
        if param.kind == "iri":
            bound[ox.Variable(param.variable)] = _iri(name, value)
        elif param.kind == "date":
            bound[ox.Variable(param.variable)] = _date(name, value)
        else:
            bound[ox.Variable(param.variable)] = ox.Literal(value)
    return bound


def _date(name: str, value: str) -> ox.Literal:
    text = value.strip()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        datetime.date.fromisoformat(text)
    except ValueError:
        raise QueryError(f"parameter {name!r} needs a date YYYY-MM-DD, not {value!r}") from None
    return ox.Literal(text, datatype=XSD_DATE)


def _iri(name: str, value: str) -> ox.NamedNode:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        text = PREFIXES[prefix] + local
    if not _ABSOLUTE_IRI.fullmatch(text):
        raise QueryError(f"parameter {name!r} needs an absolute IRI, not {value!r}")
    try:
        return ox.NamedNode(text)
    except ValueError:
        raise QueryError(f"parameter {name!r} needs an absolute IRI, not {value!r}") from None


# --- running -------------------------------------------------------------------------------


@_gc_paused()
def run_query(
    store: GraphStore,
    query: NamedQuery,
    values: Mapping[ox.Variable, Term] | Mapping[str, str] | None = None,
    max_rows: int | None = None,
    default_graph: list[ox.NamedNode] | None = None,
) -> QueryResult:
    """Run a read-only query over the union of all graphs (or over `default_graph`), with
    vocab.PREFIXES predeclared. `values` are substitutions from `bind_params` (or raw
    name -> value strings). With `max_rows`, at most that many rows or triples are read
    and the result says whether there were more."""
    substitutions = _substitutions(query, values)
    query = variant_for(query, substitutions, embedded=isinstance(store, ox.Store))
    form = _query_form(query.text)
    if form in _UPDATE_FORMS:
        raise QueryError(f"SPARQL Update ({form}) is not allowed here: queries only read")
    text, substitutions = _inline_values(query.text, substitutions)
    # A final ORDER BY is applied here, to the rows, when it can be (see kg.ordering).
    ordered = split_order(text) if form == "SELECT" else None
    try:
        answer = _execute(store, ordered[0] if ordered else text, substitutions, default_graph)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            if ordered and not all(key.variable in variables for key in ordered[1]):
                # ORDER BY reads a variable the query does not return: the engine orders.
                ordered = None
                answer = _execute(store, text, substitutions, default_graph)
            keep = [i for i, name in enumerate(variables) if not name.startswith("_")]
            if ordered:
                every = sort_rows(variables, [tuple(row) for row in answer], ordered[1])
                solutions, truncated = _take(every, max_rows)
            else:
                solutions, truncated = _take(answer, max_rows)
            if len(keep) == len(variables):
                rows = tuple(map(tuple, solutions))  # a row that is a tuple already is kept
            else:
                rows = tuple(tuple(solution[i] for i in keep) for solution in solutions)
            return QueryResult(
                "select", tuple(variables[i] for i in keep), rows, truncated=truncated
            )
        triples, truncated = _take(answer, max_rows)
        return QueryResult("graph", triples=tuple(triples), truncated=truncated)
    except SyntaxError as error:
        raise QueryError(f"invalid SPARQL: {first_line(error)}") from None
    except (RuntimeError, OSError, ValueError) as error:
        message = first_line(error)
        if "projection" in message:
            # Oxigraph substitutes only variables the query returns.
            message = f"a parameter's variable must be in the SELECT list ({message})"
        raise QueryError(f"query {query.name!r} failed: {message}") from None


def _execute(
    store: GraphStore,
    text: str,
    substitutions: dict[ox.Variable, Term],
    default_graph: list[ox.NamedNode] | None,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    graphs = {"default_graph": default_graph} if default_graph else {}
    return store.query(
        text,
        prefixes=PREFIXES,
        use_default_graph_as_union=not default_graph,
        substitutions=substitutions or None,
        **graphs,  # only the embedded store takes explicit default graphs (kg serve)
    )


def variant_for(
    query: NamedQuery, substitutions: Mapping[ox.Variable, Term], embedded: bool = True
) -> NamedQuery:
    """The text that answers a shipped named query fastest for the parameters given.

    `queries/variants/<name>.<param>[.<param>...].rq` answers the same question as
    `<name>.rq` when those parameters are given (not empty), written so that Oxigraph starts
    from them: a region given to holds-office, say, is a required pattern there, where the
    general text must keep posts without a region. `<name>.all.rq` answers it when no
    parameter is given at all: every row, with joins Oxigraph runs as hash joins (sub-SELECTs)
    rather than one index lookup per row. A variant whose header says `#+ engine: oxigraph`
    uses Oxigraph's extensions (LATERAL) and is chosen only for the embedded store, not for a
    SPARQL 1.1 server. A variant is passed over when another parameter is given whose
    variable it does not mention (holds-office.office.rq has no day: with `on` as well, the
    day's variant answers), and, if its header says `#+ alone`, when any other parameter is
    given. tests/test_query_variants.py checks that each variant gives the
    same rows as its query."""
    if query.path is None:
        return query
    folder = queries_dir() / "variants"
    if query.path.parent != queries_dir() or not folder.is_dir():
        return query
    for path in sorted(folder.glob(f"{query.name}.*.rq")):
        if variant_fits(query, path, substitutions, embedded):
            text = path.read_text("utf-8")
            return NamedQuery(query.name, query.summary, text, query.params, path)
    return query


def variant_fits(
    query: NamedQuery, path: Path, substitutions: Mapping[ox.Variable, Term], embedded: bool = True
) -> bool:
    """Whether the variant at `path` answers `query` for these parameters (the rules of
    `variant_for`, which takes the first variant that fits)."""
    by_variable = {param.variable: param.name for param in query.params}
    given_variables = {
        variable.value
        for variable, term in substitutions.items()
        if variable.value in by_variable and getattr(term, "value", "")
    }
    given = {by_variable[variable] for variable in given_variables}
    needs = variant_needs(path)
    if not (not substitutions if needs == {"all"} else needs <= given):
        return False
    text = path.read_text("utf-8")
    if not embedded and _ENGINE_OXIGRAPH.search(text):
        return False
    if not all(_mentions(text, variable) for variable in given_variables):
        return False  # it cannot take another parameter given with the ones it is for
    return given == needs or not _ALONE.search(text)


def _mentions(text: str, variable: str) -> bool:
    return re.search(rf"[?$]{re.escape(variable)}\b", text) is not None


def variant_needs(path: Path) -> set[str]:
    """What a variant file is for: the parameters after the query's name in
    `<name>.<param>[.<param>...].rq`, or {"all"}. (Query names hold no dot.)"""
    return set(path.name[: -len(".rq")].split(".")[1:])


def _take(items: Iterable, limit: int | None) -> tuple[list, bool]:
    """At most `limit` items (all when None), and whether any were left over."""
    if limit is None:
        return list(items), False
    taken = list(itertools.islice(iter(items), limit + 1))
    return taken[:limit], len(taken) > limit


def _inline_values(
    text: str, values: dict[ox.Variable, Term]
) -> tuple[str, dict[ox.Variable, Term]]:
    """Bind what can be bound as a `VALUES` block at the top of the query's WHERE clause; the
    rest stays substitutions. Oxigraph joins substitutions with the finished result, so a
    parameter costs as much as the whole query (100,000 articles: holds-office for one person
    in minutes); a leading VALUES is joined first (about a second). Values are written as RDF
    terms (pyoxigraph escapes them), never as raw text. A variable assigned by `BIND(... AS ?v)`
    cannot also be in a VALUES block before it, so those stay substitutions. A line `#+ values`
    gets the block too (inside a per-holding aggregate, say, that would otherwise be computed
    for every post before the join with the top block)."""
    if not values:
        return text, values
    match = _OUTER_WHERE.search(text, _prologue_end(text))
    inline = {
        variable: term
        for variable, term in values.items()
        if not isinstance(term, ox.Triple)
        and not re.search(rf"\bAS\s+[?$]{re.escape(variable.value)}\b", text, re.IGNORECASE)
    }
    if match is None or not inline:
        return text, values
    block = " ".join(f"VALUES {variable} {{ {term} }}" for variable, term in inline.items())
    rest = {variable: term for variable, term in values.items() if variable not in inline}
    # From the last place to the first, so that each offset still holds.
    places = sorted({match.end(), *(m.end() for m in _VALUES_HERE.finditer(text))}, reverse=True)
    for place in places:
        text = f"{text[:place]}\n  {block}\n{text[place:]}"
    return text, rest


def _prologue_end(text: str) -> int:
    position = 0
    while True:
        match = _PROLOGUE_ITEM.match(text, position)
        if not match or match.end() == position:
            return position
        position = match.end()


def _substitutions(
    query: NamedQuery, values: Mapping[ox.Variable, Term] | Mapping[str, str] | None
) -> dict[ox.Variable, Term]:
    if not values:
        return {}
    if all(isinstance(key, str) for key in values):
        return bind_params(query, values)  # type: ignore[arg-type]
    return dict(values)  # type: ignore[arg-type]


def _query_form(text: str) -> str:
    """The query's first keyword after comments and the prologue, upper-cased."""
    position = 0
    while True:
        match = _PROLOGUE_ITEM.match(text, position)
        if not match or match.end() == position:
            break
        position = match.end()
    word = re.match(r"[A-Za-z]+", text[position:])
    return word.group(0).upper() if word else ""


# --- formatting ----------------------------------------------------------------------------

ResultFormat = TypingLiteral["table", "csv", "tsv", "json"]


@_gc_paused()
def format_result(result: QueryResult, fmt: str = "table") -> str:
    """The result as text: an aligned table for people, or SPARQL 1.1 CSV, TSV or JSON.
    CONSTRUCT/DESCRIBE results are Turtle (table), N-Triples (csv, tsv) or JSON-LD (json)."""
    if fmt not in ("table", "csv", "tsv", "json"):
        raise QueryError(f"unknown result format {fmt!r}; known: table, csv, tsv, json")
    if result.form == "graph":
        return _format_graph(result.triples, fmt)
    if result.form == "ask":
        return _format_boolean(bool(result.boolean), fmt)
    return {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json}[fmt](result)


def _format_graph(triples: tuple[ox.Triple, ...], fmt: str) -> str:
    if fmt == "table":
        rdf_format, prefixes = ox.RdfFormat.TURTLE, PREFIXES
    elif fmt == "json":
        rdf_format, prefixes = ox.RdfFormat.JSON_LD, None
    else:
        rdf_format, prefixes = ox.RdfFormat.N_TRIPLES, None
    ordered = sorted(triples, key=str)  # the engine's order is not stable between runs
    data = ox.serialize(ordered, format=rdf_format, prefixes=prefixes) or b""
    text = data.decode("utf-8")
    return text if text.endswith("\n") or not text else text + "\n"


def _format_boolean(value: bool, fmt: str) -> str:
    # The W3C CSV/TSV formats define no ASK result; this is Jena's convention.
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}) + "\n"
    if fmt == "csv":
        return f"_askResult\r\n{word}\r\n"
    if fmt == "tsv":
        return f"?_askResult\n{word}\n"
    return word + "\n"


def _table(result: QueryResult) -> str:
    header = list(result.columns)
    body = [[_cell(term) for term in row] for row in result.rows]
    widths = [len(name) for name in header]
    for row in body:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    lines = [
        "  ".join(name.ljust(width) for name, width in zip(header, widths, strict=True)),
        "  ".join("-" * width for width in widths),
    ]
    lines += [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in body
    ]
    count = len(body)
    lines.append(f"({count} row{'' if count == 1 else 's'})")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        text = shorten(term.value)
    elif isinstance(term, ox.Literal):
        text = term.value
    else:
        text = str(term)
    text = " ".join(text.split())
    if len(text) > _TABLE_CELL_WIDTH:
        text = text[: _TABLE_CELL_WIDTH - 1] + "…"
    return text


def shorten(iri: str) -> str:
    """`prefix:local` for an IRI in a known namespace (the longest that fits), else `<iri>`."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        return f"{best}:{iri[len(PREFIXES[best]) :]}"
    return f"<{iri}>"


def _csv(result: QueryResult) -> str:
    """https://www.w3.org/TR/sparql11-results-csv-tsv/#csv: plain values, CRLF line ends; a
    field with a comma, quote or line break is quoted. Written without the csv module, which
    took 0.3 s of 0.4 s for the 62,000 rows of `candidates`."""
    lines = [_csv_line(list(result.columns))]
    plain = _PLAIN_TERMS
    lines += [
        _csv_line([term.value if type(term) in plain else _csv_value(term) for term in row])
        for row in result.rows
    ]
    lines.append("")
    return "\r\n".join(lines)


def _csv_line(values: list[str]) -> str:
    if len(values) == 1 and not values[0]:
        return '""'  # as the csv module writes it: an empty line would be no row at all
    # Four `in` tests cost less than one regex search per field (80 ns against 185 ns).
    return ",".join(
        [
            f'"{value.replace(chr(34), chr(34) * 2)}"'
            if "," in value or '"' in value or "\n" in value or "\r" in value
            else value
            for value in values
        ]
    )


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _tsv(result: QueryResult) -> str:
    """https://www.w3.org/TR/sparql11-results-csv-tsv/#tsv: terms in Turtle/N-Triples syntax."""
    lines = ["\t".join(f"?{name}" for name in result.columns)]
    lines += ["\t".join(_tsv_term(term) for term in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        return _nt_literal(term)
    return str(term)


def _nt_literal(term: ox.Literal) -> str:
    # Tab, newline and carriage return must not appear raw in a TSV field.
    value = (
        term.value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    if term.language:
        return f'"{value}"@{term.language}'
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return f'"{value}"'
    return f'"{value}"^^<{datatype}>'


def _json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    bindings = []
    for row in result.rows:
        binding = {
            name: _json_term(term)
            for name, term in zip(result.columns, row, strict=True)
            if term is not None
        }
        bindings.append(binding)
    document = {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }
