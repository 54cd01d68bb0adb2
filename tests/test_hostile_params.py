"""Hostile `--param` values through `kg query`: quotes, braces, newlines and SPARQL keywords
are bound as one literal (or refused as an IRI or date, with one clear line), so they can
never change a query: every named query answers them exactly as it answers a plain value
that matches nothing, and the store is left as it was.

The commands run through click's CliRunner on one in-memory store of the sample articles
(opening an on-disk store for each of the few hundred runs would take most of the time).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from kg_cli import run

import kg.graph.store
from kg.build import build
from kg.query import list_named_queries
from kg.resources import samples_dir

HOSTILE = [
    '"',
    "'",
    "}",
    "baris satu\nbaris dua",
    "} UNION { ?s ?p ?o",
    'x" } UNION { ?s ?p ?o } #',
    "DROP ALL",
    "'; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #",
    "<http://x>",
    '"""\\" }',
    "?s",
]
PLAIN = {"literal": "tidak ada yang cocok", "iri": "http://example.org/tidak-ada"}
PARAMS = [
    pytest.param(query.name, param.name, param.kind, id=f"{query.name}-{param.name}")
    for query in list_named_queries()
    for param in query.params
]


@pytest.fixture(scope="module")
def samples() -> ox.Store:
    store = ox.Store()
    summary = build([samples_dir()], store, progress=False)
    assert summary.written and not summary.errors
    return store


@pytest.fixture
def store(samples, monkeypatch) -> ox.Store:
    """The sample store, which `kg query` opens whatever --store says."""
    monkeypatch.setattr(kg.graph.store, "open_store", lambda path, create=True: samples)
    return samples


def kg_query(name: str, *params: str) -> tuple[int, str, str]:
    args = ["query", name, "--store", "kg-store", "--format", "csv"]
    for param in params:
        args += ["--param", param]
    return run(*args)


@pytest.mark.parametrize(("query", "param", "kind"), PARAMS)
def test_hostile_values_change_nothing(store, query, param, kind):
    before = set(store)
    plain_value = "1900-01-01" if kind == "date" else PLAIN[kind]
    code, plain, err = kg_query(query, f"{param}={plain_value}")
    assert code == 0, err
    for value in HOSTILE:
        code, out, err = kg_query(query, f"{param}={value}")
        if code == 0:
            # Only literals, and an IRI that is well formed, get here: they match nothing.
            assert out == plain, f"{value!r} changed the answer of {query}"
        else:
            # An IRI or date parameter refuses what is not one: one line naming the parameter.
            assert kind in ("iri", "date"), err
            assert code == 1 and not out
            assert len(err.strip().splitlines()) == 1 and f"parameter {param!r}" in err
            assert "Traceback" not in err
    assert set(store) == before


def test_plain_values_do_match(store):
    """The baseline is meaningful: bound parameters do select rows."""
    code, out, _ = kg_query("holds-office", "jurisdiction=Kabupaten Lahat")
    assert code == 0 and len(out.splitlines()) > 1
    assert all("Kabupaten Lahat" in line for line in out.splitlines()[1:])
    code, out, _ = kg_query("holds-office", "on=2024-09-10")
    assert code == 0 and len(out.splitlines()) > 1


def test_hostile_value_in_a_query_given_as_text(store):
    """SPARQL text with a grlc-style ?_name parameter binds it the same way."""
    text = "SELECT ?p ?_name WHERE { ?p schema:name ?_name }"
    for value in HOSTILE:
        code, out, err = kg_query(text, f"name={value}")
        assert code == 0, err
        assert out.splitlines() == ["p,_name"] or out.splitlines() == ["p"]


@pytest.mark.parametrize(
    ("param", "message"),
    [
        ("jurisdiction", "is not NAME=VALUE"),
        ("} UNION { ?s ?p ?o=1", "has no parameter"),
        ("=Kabupaten Lahat", "is not NAME=VALUE"),
    ],
)
def test_malformed_params_are_one_line_errors(store, param, message):
    code, out, err = kg_query("holds-office", param)
    assert code == 1 and not out
    assert len(err.strip().splitlines()) == 1 and message in err
