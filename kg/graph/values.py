"""Bind query variables with a VALUES block: parameters for a SPARQL server.

The embedded store binds parameters through Oxigraph's `substitutions`; a remote server has
no such option, so the bound terms are written into the query as a VALUES block, each term
serialised by Oxigraph in N-Triples syntax (quotes, backslashes and line breaks escaped; an
IRI cannot hold `>`, a space or a brace). A value therefore stays one RDF term: it cannot
close the block or add a pattern.

Where the block goes matters. It is joined into the query's WHERE group:

* at the start of the group, so that every pattern, BIND and FILTER after it sees the value
  (`BIND(xsd:date(?_on) AS ?day)` in holds-office needs `?_on` bound before it runs), and a
  variable matched only inside OPTIONAL keeps the value, as with Oxigraph's substitution;
* at the end of the group for a variable that the group assigns itself with `... AS ?var`
  (SPARQL forbids a BIND to a variable already in scope): the join after the BIND keeps only
  the rows whose computed value equals the parameter, which is what a parameter slot such as
  `BIND(COALESCE(?jurisdictionLabel, "") AS ?_jurisdiction)` is for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from kg.errors import QueryError

BindableTerm = ox.NamedNode | ox.Literal

# Tokens the brace scan must step over: comments, the four string forms, IRIs (`<` followed
# by a space is the less-than operator, not an IRI), variables, and words (keywords or
# prefixed names, which may contain ":").
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      | '''(?:[^'\\]|\\.|'(?!''))*'''
      | "(?:[^"\\\n]|\\.)*"
      | '(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<variable>[?$][A-Za-z0-9_\u00B7-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_.\-]*(?::[^\s{}()<>,;"']*)?)
  | (?P<brace>[{}])
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def bind_with_values(query: str, bindings: Mapping[ox.Variable, ox.NamedNode | ox.Literal]) -> str:
    """`query` with `bindings` joined into its WHERE group as VALUES blocks (see above)."""
    if not bindings:
        return query
    start, end, assigned = _where_group(query)
    first = {var: term for var, term in bindings.items() if var.value not in assigned}
    last = {var: term for var, term in bindings.items() if var.value in assigned}
    return (
        query[: start + 1]
        + _values_block(first)
        + query[start + 1 : end]
        + _values_block(last)
        + query[end:]
    )


def _values_block(bindings: Mapping[ox.Variable, ox.NamedNode | ox.Literal]) -> str:
    if not bindings:
        return ""
    variables = " ".join(f"?{var.value}" for var in bindings)
    terms = " ".join(_term(var, term) for var, term in bindings.items())
    # On the line of the brace, so that the server's error positions keep their line.
    return f" VALUES ({variables}) {{ ({terms}) }} "


def _term(var: ox.Variable, term: object) -> str:
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return str(term)  # N-Triples syntax, escaped by Oxigraph
    raise QueryError(f"parameter ?{var.value}: only an IRI or a literal can be bound")


def _where_group(query: str) -> tuple[int, int, set[str]]:
    """Offsets of the WHERE group's `{` and its matching `}`, and the variables the group
    assigns with `AS ?var` (in BINDs or sub-select projections)."""
    depth = 0
    start: int | None = None
    seen_where = False
    is_construct = False
    previous_word = ""
    assigned: set[str] = set()
    for match in _TOKEN.finditer(query):
        kind, text = match.lastgroup, match.group()
        if kind == "word":
            word = text.upper()
            if depth == 0 and start is None:
                seen_where = seen_where or word == "WHERE"
                is_construct = is_construct or word == "CONSTRUCT"
            previous_word = word
            continue
        if kind == "variable" and start is not None and previous_word == "AS":
            assigned.add(text[1:])
        if kind in ("comment", "other") and text.isspace():
            continue
        if kind != "comment":
            previous_word = ""
        if kind != "brace":
            continue
        if text == "{":
            if depth == 0 and start is None and (seen_where or not is_construct):
                start = match.start()
            depth += 1
        else:
            depth -= 1
            if depth == 0 and start is not None:
                return start, match.start(), assigned
    raise QueryError("cannot bind parameters: the query has no complete WHERE { ... } group")
