"""Parameters written into query text as VALUES blocks (the remote store's binding)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.graph.values import bind_with_values

NAME = ox.Variable("_name")
HOSTILE = 'x" } UNION { ?s ?p ?o } #'


def test_block_opens_the_where_group():
    text = bind_with_values(
        "SELECT ?p WHERE { ?p <http://x/name> ?_name }", {NAME: ox.Literal("A")}
    )
    assert text == 'SELECT ?p WHERE { VALUES (?_name) { ("A") }  ?p <http://x/name> ?_name }'


def test_variable_assigned_by_bind_is_joined_after_the_bind():
    query = 'SELECT * { OPTIONAL { ?p <http://x/j> ?j } BIND(COALESCE(?j, "") AS ?_name) }'
    text = bind_with_values(query, {NAME: ox.Literal("")})
    assert text.endswith('AS ?_name)  VALUES (?_name) { ("") } }')


def test_braces_in_strings_comments_and_iris_are_not_groups():
    query = (
        "# a comment { with braces\n"
        'SELECT ?p WHERE { ?p <http://x/n> "}{" . FILTER(?p != <http://x/a#b>) '
        "FILTER(1 <= 2 && 3 > 2) BIND('''x } y''' AS ?_name) }"
    )
    text = bind_with_values(query, {NAME: ox.Literal("x } y")})
    assert text.endswith('AS ?_name)  VALUES (?_name) { ("x } y") } }')
    assert list(ox.Store().query(text)) == []


def test_construct_template_is_skipped():
    query = "CONSTRUCT { ?p <http://x/n> ?_name } WHERE { ?p <http://x/n> ?_name }"
    text = bind_with_values(query, {NAME: ox.Literal("A")})
    assert text.startswith("CONSTRUCT { ?p <http://x/n> ?_name } WHERE { VALUES")


def test_hostile_value_stays_one_literal():
    store = ox.Store()
    graph = ox.NamedNode("http://x/g")
    for name in (HOSTILE, "Rina Kusuma"):
        store.add(
            ox.Quad(ox.NamedNode("http://x/p"), ox.NamedNode("http://x/n"), ox.Literal(name), graph)
        )
    query = "SELECT ?p WHERE { GRAPH ?g { ?p <http://x/n> ?_name } }"
    for value, expected in ((HOSTILE, 1), ("Rina", 0), (HOSTILE[:-1], 0), ("Rina Kusuma", 1)):
        text = bind_with_values(query, {NAME: ox.Literal(value)})
        assert len(list(store.query(text))) == expected, value


def test_blank_node_cannot_be_bound():
    with pytest.raises(QueryError, match="only an IRI or a literal"):
        bind_with_values("SELECT * { ?s ?p ?_name }", {NAME: ox.BlankNode("b")})  # type: ignore[dict-item]


def test_query_without_a_group_is_refused():
    with pytest.raises(QueryError, match="no complete WHERE"):
        bind_with_values("DESCRIBE <http://x/p>", {NAME: ox.Literal("A")})
