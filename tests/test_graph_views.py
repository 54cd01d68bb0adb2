"""Graph views, centrality and the Gephi exports, on a store built from the sample articles."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.analysis import MEASURES, centrality, format_ranking, top_nodes
from kg.build import build
from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml
from kg.export.tables import write_tables
from kg.resources import samples_dir
from kg.views import VIEWS, build_view


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    build([samples_dir()], store, progress=False, jobs=1)
    return store


@pytest.fixture(scope="module")
def entity(store) -> nx.Graph:
    return build_view(store, "entity")


def test_entity_view_has_typed_labelled_nodes_and_no_literal_nodes(entity):
    types = {data["type"] for _, data in entity.nodes(data=True)}
    assert types == {"person", "office", "place", "election", "audience", "topic"}
    assert all(node.startswith("https://") for node in entity)
    assert all(data.get("label") for _, data in entity.nodes(data=True))


def test_edge_weight_counts_supporting_articles(entity):
    person = "https://kg-pilkada.example.org/id/person/darmawan-syahputra"
    post = "https://kg-pilkada.example.org/id/post/penjabat-bupati/16.04"
    edge = entity.edges[person, post]
    assert edge["relation"] == "holds_office"
    assert edge["weight"] == 2  # named as Pj Bupati Lahat in two sample articles
    assert edge["start"] <= edge["end"]


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_builds(store, view):
    graph = build_view(store, view)
    assert graph.number_of_nodes() > 0 and graph.number_of_edges() > 0


@pytest.mark.parametrize("measure", ["degree", "betweenness", "closeness", "pagerank"])
def test_scores_equal_networkx_own_functions(entity, measure):
    reference = {
        "degree": nx.degree_centrality,
        "betweenness": nx.betweenness_centrality,
        "closeness": nx.closeness_centrality,
        "pagerank": lambda g: nx.pagerank(g, weight="weight"),
    }[measure](entity)
    assert centrality(entity, measure) == pytest.approx(reference)


def test_every_measure_runs_and_ranking_is_deterministic(entity):
    for measure in MEASURES:
        assert len(centrality(entity, measure)) == entity.number_of_nodes()
    scores = centrality(entity, "degree")
    first = top_nodes(entity, scores, n=10, node_type="person")
    assert first == top_nodes(entity, scores, n=10, node_type="person")
    assert all(row.type == "person" for row in first)
    assert [r.score for r in first] == sorted((r.score for r in first), reverse=True)
    assert "rank" in format_ranking(first, "table", "degree")


def test_gexf_is_version_1_3_and_reads_back(entity, tmp_path):
    path = tmp_path / "g.gexf"
    write_gexf(entity, path, size_by=centrality(entity, "pagerank"))
    root = ET.parse(path).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    assert root.find("{http://gexf.net/1.3}graph").get("mode") == "dynamic"
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == entity.number_of_nodes()
    assert back.number_of_edges() == entity.number_of_edges()
    for node, data in entity.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert back.nodes[node]["type"] == data["type"]
        assert "color" in back.nodes[node]["viz"]
    for source, target, data in entity.edges(data=True):
        edge = back.edges[source, target]
        assert edge["weight"] == data["weight"] and edge["relation"] == data["relation"]
        if "start" in data:
            assert edge["spells"] == [(data["start"], data["end"])]


def test_graphml_and_csv_tables_read_back(entity, tmp_path):
    write_graphml(entity, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == entity.number_of_nodes()
    weights = {data["weight"] for _, _, data in back.edges(data=True)}
    assert all(isinstance(w, int) for w in weights)
    write_tables(entity, tmp_path / "nodes.csv", tmp_path / "edges.csv")
    nodes = list(csv.DictReader((tmp_path / "nodes.csv").open(encoding="utf-8")))
    edges = list(csv.DictReader((tmp_path / "edges.csv").open(encoding="utf-8")))
    assert len(nodes) == entity.number_of_nodes() and len(edges) == entity.number_of_edges()
    assert {"Id", "Label", "type"} <= set(nodes[0]) and edges[0]["Type"] == "Undirected"


def test_period_keeps_only_links_dated_inside_it(entity):
    from kg.views import restrict_period

    assert restrict_period(entity, None, None) is entity
    september = restrict_period(entity, "2024-09-01", "2024-09-30")
    assert 0 < september.number_of_edges() < entity.number_of_edges()
    for _, _, data in september.edges(data=True):
        assert data["end"] >= "2024-09-01" and data["start"] <= "2024-09-30"
    assert restrict_period(entity, "2030-01-01", None).number_of_nodes() == 0


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_plot_draws_the_top_nodes(entity, tmp_path, suffix):
    pytest.importorskip("matplotlib")
    from kg.export.plot import plot_top

    path = tmp_path / f"top.{suffix}"
    scores = centrality(entity, "pagerank")
    assert plot_top(entity, scores, path, top=10) == 10
    data = path.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG")
    else:
        best = max(scores, key=scores.get)
        assert entity.nodes[best]["label"][:20].encode() in data
