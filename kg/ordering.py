"""A SELECT's final ORDER BY, applied by kg to the rows instead of by the engine.

Oxigraph orders by comparing decoded terms: on 100,000 articles, `ORDER BY ?personName` over
the 190,000 rows of holds-office costs about 4 s of a query that is otherwise 3 s, and an
IRI key about 6 s (benchmarks/README.md). Sorting the same rows in Python takes a fraction
of a second. So a query whose last clause is `ORDER BY` over plain result variables (each
optionally in `ASC()`, `DESC()` or `STR()`) runs without it, and `sort_rows` puts the rows
in the order SPARQL 1.1 (section 15.1) gives: unbound first, then blank nodes, IRIs and
literals; numbers by value, dates and times by their lexical form (one time zone assumed),
strings by code point. The query text keeps its ORDER BY, so it stays portable: any other
SPARQL engine orders it the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC_TYPES = (
    "integer decimal float double int long short byte nonNegativeInteger positiveInteger "
    "negativeInteger nonPositiveInteger unsignedInt unsignedLong unsignedShort unsignedByte"
)
_NUMERIC = {_XSD + name for name in _NUMERIC_TYPES.split(" ")}
_TEMPORAL = {_XSD + name for name in ("date", "dateTime", "time", "gYear", "gYearMonth")}
_STRINGS = {_XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}

_KEY = r"(?:[?$]\w+|(?:ASC|DESC|STR)\s*\(\s*[?$]\w+\s*\))"
# The query's last clause: ORDER BY and its keys, then only whitespace or comments.
_FINAL_ORDER = re.compile(rf"\bORDER\s+BY((?:\s*{_KEY})+)(?:\s|#[^\n]*)*\Z", re.IGNORECASE)
_ONE_KEY = re.compile(r"(?:(ASC|DESC|STR)\s*\(\s*)?[?$](\w+)", re.IGNORECASE)


@dataclass(frozen=True)
class OrderKey:
    variable: str
    descending: bool = False
    as_string: bool = False  # STR(?v): order by the lexical form


def split_order(text: str) -> tuple[str, tuple[OrderKey, ...]] | None:
    """The query without its final ORDER BY, and the keys; None when it has none that
    `sort_rows` can apply (an expression other than ASC/DESC/STR of a variable)."""
    match = _FINAL_ORDER.search(text)
    if match is None:
        return None
    keys = tuple(
        OrderKey(
            name,
            descending=(wrapper or "").upper() == "DESC",
            as_string=(wrapper or "").upper() == "STR",
        )
        for wrapper, name in _ONE_KEY.findall(match.group(1))
    )
    return text[: match.start()].rstrip() + "\n", keys


def sort_rows(columns: Sequence[str], rows: list[tuple], keys: Sequence[OrderKey]) -> list[tuple]:
    """`rows` (cells of ox terms or None, in `columns` order) sorted by `keys`."""
    ordered = list(rows)
    # Stable sorts from the last key to the first give the lexicographic order of all keys.
    for key in reversed(keys):
        index = columns.index(key.variable)
        make = _string_key if key.as_string else term_key
        known: dict[object, tuple] = {}  # a column repeats its terms (names, titles, dates)

        def cell_key(row: tuple, i: int = index, make=make, known=known) -> tuple:
            term = row[i]
            found = known.get(term)
            if found is None:
                found = known[term] = make(term)
            return found

        ordered.sort(key=cell_key, reverse=key.descending)
    return ordered


def term_key(term: object) -> tuple:
    """A sort key that orders terms as SPARQL's ORDER BY does."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _NUMERIC:
            try:
                return (3, 0, Decimal(term.value), "")
            except InvalidOperation:  # NaN, INF: after the numbers, by their text
                return (3, 1, Decimal(0), term.value)
        if datatype in _STRINGS:
            return (4, "", term.value, term.language or "")
        if datatype in _TEMPORAL:
            return (5, datatype, term.value, "")
        return (6, datatype, term.value, "")
    return (7, str(term))


def _string_key(term: object) -> tuple:
    if term is None:
        return (0, "")
    return (1, getattr(term, "value", str(term)))
