"""RDF export: every format parses back with the same statements; writes are atomic."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from graph_fixture import ARTICLE_GRAPHS, build_store

from kg.errors import KgError
from kg.export import rdf as export
from kg.export.rdf import RDF_FORMATS, export_rdf

RDFLIB_FORMAT = {
    "ttl": "turtle",
    "nt": "nt",
    "trig": "trig",
    "nq": "nquads",
    "jsonld": "json-ld",
}
QUAD_FORMATS = ("trig", "nq", "jsonld")


def parsed_count(path, fmt: str) -> int:
    if fmt in QUAD_FORMATS:
        dataset = rdflib.Dataset()
        dataset.parse(path, format=RDFLIB_FORMAT[fmt])
        return len(list(dataset.quads((None, None, None, None))))
    graph = rdflib.Graph()
    graph.parse(path, format=RDFLIB_FORMAT[fmt])
    return len(graph)


def store_with_a_shared_triple() -> ox.Store:
    """The fixture store plus one triple stated in both article graphs."""
    store = build_store()
    for graph in ARTICLE_GRAPHS:
        store.add(
            ox.Quad(
                ox.NamedNode("https://kg-pilkada.example.org/id/election/pilkada-serentak/2024"),
                ox.NamedNode("https://schema.org/startDate"),
                ox.Literal("2024-11-27", datatype=ox.NamedNode(str(rdflib.XSD.date))),
                ox.NamedNode(graph),
            )
        )
    return store


def test_formats_are_the_cli_contract():
    assert set(RDF_FORMATS) == {"ttl", "nt", "trig", "nq", "jsonld"}


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_round_trips(tmp_path, fmt):
    store = store_with_a_shared_triple()
    path = tmp_path / f"graph.{fmt}"
    count = export_rdf(store, fmt, path)
    assert count > 100
    assert parsed_count(path, fmt) == count


def test_triple_formats_write_the_union_once_and_quad_formats_keep_graphs(tmp_path):
    store = store_with_a_shared_triple()
    quads = export_rdf(store, "nq", tmp_path / "graph.nq")
    triples = export_rdf(store, "nt", tmp_path / "graph.nt")
    assert quads == len(store)
    assert triples == quads - 1
    assert export_rdf(store, "trig", tmp_path / "graph.trig") == quads
    dataset = rdflib.Dataset()
    dataset.parse(tmp_path / "graph.trig", format="trig")
    graphs = {str(context.identifier) for context in dataset.graphs()}
    assert set(ARTICLE_GRAPHS) <= graphs
    assert "https://kg-pilkada.example.org/id/graph/entities" in graphs


def test_export_is_isomorphic_to_the_store(tmp_path):
    store = build_store()
    export_rdf(store, "ttl", tmp_path / "graph.ttl")
    expected = rdflib.Graph()
    expected.parse(
        data=ox.serialize(
            store.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            ),
            format=ox.RdfFormat.N_TRIPLES,
        ).decode(),
        format="nt",
    )
    written = rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")
    assert rdflib.compare.isomorphic(expected, written)


@pytest.mark.parametrize("fmt", ["ttl", "trig"])
def test_turtle_and_trig_use_the_project_prefixes(tmp_path, fmt):
    path = tmp_path / f"graph.{fmt}"
    export_rdf(build_store(), fmt, path)
    text = path.read_text(encoding="utf-8")
    assert "@prefix kg: <https://kg-pilkada.example.org/ontology#> ." in text
    assert "schema:name" in text


def test_json_ld_is_compacted_with_the_prefixes(tmp_path):
    path = tmp_path / "graph.jsonld"
    export_rdf(build_store(), "jsonld", path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"]["kg"] == "https://kg-pilkada.example.org/ontology#"


def test_empty_store_writes_an_empty_document(tmp_path):
    for fmt in RDF_FORMATS:
        path = tmp_path / f"empty.{fmt}"
        assert export_rdf(ox.Store(), fmt, path) == 0
        assert parsed_count(path, fmt) == 0


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(KgError, match="unknown RDF format 'rdfxml'"):
        export_rdf(build_store(), "rdfxml", tmp_path / "graph.rdf")
    assert list(tmp_path.iterdir()) == []


def test_successful_write_leaves_no_temporary_file(tmp_path):
    for fmt in RDF_FORMATS:
        export_rdf(build_store(), fmt, tmp_path / f"graph.{fmt}")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"graph.{f}" for f in RDF_FORMATS)


def test_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "graph.nt"
    path.write_text("old content\n", encoding="utf-8")

    def broken(items, output, **_):
        output.write(b"<urn:half")
        next(iter(items))
        raise OSError("disk full")

    monkeypatch.setattr(export.ox, "serialize", broken)
    with pytest.raises(OSError, match="disk full"):
        export_rdf(build_store(), "nt", path)
    assert path.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]


def test_missing_directory_is_a_user_error(tmp_path):
    with pytest.raises(KgError, match="cannot write here"):
        export_rdf(build_store(), "nt", tmp_path / "no" / "such" / "graph.nt")
