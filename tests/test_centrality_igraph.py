"""The igraph engine gives networkx's numbers: every measure, on the sample views and on
seeded random graphs with several components, isolated nodes and weights.

networkx is the reference; the fast engine must equal it to 1e-6 per node and rank the nodes
in the same order. Skipped when igraph (the `fast` extra) is not installed.
"""

from __future__ import annotations

import json
import math
import random

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

pytest.importorskip("igraph")

from kg import analysis_igraph
from kg.analysis import (
    AUTO_IGRAPH_EDGES,
    ENGINES,
    centrality,
    pick_engine,
    top_nodes,
)
from kg.build import build
from kg.cli import centrality as centrality_command
from kg.cli import cli
from kg.errors import KgError
from kg.resources import samples_dir
from kg.views import VIEWS, build_view

TOLERANCE = 1e-6


def news_like_graph(seed: int, components: int = 6, isolated: int = 15) -> nx.Graph:
    """Components of different sizes and densities (so different leading eigenvalues), a
    few isolated nodes, integer weights (articles per link), string ids in shuffled order
    (the order networkx samples betweenness sources from)."""
    rng = random.Random(seed)
    graph = nx.Graph()
    start = 0
    for part in range(components):
        size = rng.randint(3, 40)
        piece = nx.gnm_random_graph(size, rng.randint(size - 1, size * 3), seed=seed + part)
        for u, v in piece.edges():
            graph.add_edge(start + u, start + v, weight=rng.randint(1, 6))
        graph.add_nodes_from(range(start, start + size))
        start += size
    graph.add_nodes_from(range(start, start + isolated))
    order = list(graph)
    rng.shuffle(order)
    names = {node: f"n{node}" for node in order}
    shuffled = nx.Graph()
    shuffled.add_nodes_from(
        (names[node], {"label": f"Tokoh {node % 7}", "type": "person"}) for node in order
    )
    shuffled.add_edges_from((names[u], names[v], d) for u, v, d in graph.edges(data=True))
    return shuffled


@pytest.fixture(scope="module")
def sample_store() -> ox.Store:
    store = ox.Store()
    build([samples_dir()], store, progress=False, jobs=1)
    return store


GRAPH_NAMES = [f"view-{view}" for view in VIEWS] + [
    "random-1",
    "random-2",
    "random-3",
    "one-component",
]


@pytest.fixture(scope="module")
def all_graphs(sample_store) -> dict[str, nx.Graph]:
    found = {f"view-{view}": build_view(sample_store, view) for view in VIEWS}
    found |= {f"random-{seed}": news_like_graph(seed) for seed in (1, 2, 3)}
    found["one-component"] = nx.karate_club_graph()
    return found


def assert_same_scores(graph: nx.Graph, fast: dict, reference: dict) -> None:
    assert fast.keys() == reference.keys()
    for node, expected in reference.items():
        if math.isnan(expected):
            assert math.isnan(fast[node]), node
        else:
            assert fast[node] == pytest.approx(expected, abs=TOLERANCE), node
    everyone = graph.number_of_nodes()
    assert [row.node for row in top_nodes(graph, fast, n=everyone)] == [
        row.node for row in top_nodes(graph, reference, n=everyone)
    ]


@pytest.mark.parametrize("name", GRAPH_NAMES)
@pytest.mark.parametrize("measure", analysis_igraph.MEASURES)
def test_fast_engine_equals_networkx(all_graphs, name, measure):
    graph = all_graphs[name]
    assert graph.number_of_nodes() > 0
    assert_same_scores(
        graph,
        centrality(graph, measure, engine="igraph"),
        centrality(graph, measure, engine="networkx"),
    )


@pytest.mark.parametrize("name", GRAPH_NAMES)
@pytest.mark.parametrize(("k", "seed"), [(2, 0), (5, 0), (5, 7), (17, 3)])
def test_sampled_betweenness_draws_networkx_sources_and_rescales_alike(all_graphs, name, k, seed):
    graph = all_graphs[name]
    assert_same_scores(
        graph,
        centrality(graph, "betweenness", k=k, seed=seed, engine="igraph"),
        nx.betweenness_centrality(graph, k=min(k, len(graph)), seed=seed),
    )


def test_one_sampled_source_is_undefined_like_networkx(all_graphs):
    """networkx leaves the lone source's 0/0 as NaN when k = 1; so does the fast engine."""
    graph = all_graphs["random-1"]
    fast = analysis_igraph.betweenness(graph, k=1, seed=4)
    reference = nx.betweenness_centrality(graph, k=1, seed=4)
    assert sum(math.isnan(value) for value in reference.values()) == 1
    assert_same_scores(graph, fast, reference)


def test_sampled_betweenness_differs_from_exact(all_graphs):
    """The sample is real: a few sources do not give the exact values (guards the k path)."""
    graph = all_graphs["random-2"]
    sampled = analysis_igraph.betweenness(graph, k=5, seed=0)
    exact = analysis_igraph.betweenness(graph)
    assert any(abs(sampled[node] - exact[node]) > 1e-3 for node in graph)


def test_closeness_penalises_small_components_as_networkx_does():
    """Wasserman-Faust: the centre of a 3-node path outranks the pair in a 2-node piece."""
    graph = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    graph.add_node("alone")
    scores = analysis_igraph.closeness(graph)
    assert scores == pytest.approx(nx.closeness_centrality(graph), abs=1e-12)
    assert scores["b"] == pytest.approx((2 / 2) * (2 / 5))  # reaches 2 of the 5 others
    assert scores["x"] == pytest.approx((1 / 1) * (1 / 5))
    assert scores["alone"] == 0.0


def test_pagerank_spreads_isolated_nodes_and_weights_like_networkx():
    graph = nx.Graph()
    graph.add_edge("bupati", "camat", weight=5)
    graph.add_edge("bupati", "lurah", weight=1)
    graph.add_node("sekda")
    graph.add_edge("kpu", "kpu", weight=2)  # a self-loop, counted once like networkx
    assert_same_scores(graph, analysis_igraph.pagerank(graph), nx.pagerank(graph, weight="weight"))


def test_eigenvector_follows_networkx_on_components_with_different_spectra():
    """A triangle (leading eigenvalue 2) and a single edge (1): networkx's power iteration
    leaves the edge small but not zero, at a value set by where the iteration stopped."""
    graph = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    reference = nx.eigenvector_centrality(graph, max_iter=1000, weight="weight")
    assert 0 < reference["x"] < 1e-3
    assert_same_scores(graph, analysis_igraph.eigenvector(graph, max_iter=1000), reference)


@pytest.mark.parametrize("nodes", [1, 2, 3])
def test_tiny_graphs(nodes):
    graph = nx.path_graph(nodes)
    for measure in analysis_igraph.MEASURES:
        assert_same_scores(
            graph,
            centrality(graph, measure, engine="igraph"),
            centrality(graph, measure, engine="networkx"),
        )


def test_auto_takes_igraph_only_on_large_graphs():
    small = nx.path_graph(10)
    large = nx.path_graph(AUTO_IGRAPH_EDGES + 2)
    assert pick_engine(small, "betweenness", "auto") == "networkx"
    assert pick_engine(large, "betweenness", "auto") == "igraph"
    assert pick_engine(large, "degree", "auto") == "networkx"
    assert pick_engine(small, "pagerank", "igraph") == "igraph"
    assert pick_engine(small, "weighted-degree", "igraph") == "networkx"
    assert pick_engine(large, "closeness", "networkx") == "networkx"


def test_directed_graphs_stay_with_networkx():
    assert pick_engine(nx.DiGraph([(1, 2)]), "pagerank", "igraph") == "networkx"


def test_missing_igraph_falls_back_or_says_how_to_install(monkeypatch):
    monkeypatch.setattr(analysis_igraph, "igraph", None)
    large = nx.path_graph(AUTO_IGRAPH_EDGES + 2)
    assert pick_engine(large, "betweenness", "auto") == "networkx"
    with pytest.raises(KgError, match=r"pip install 'kg\[fast\]'"):
        pick_engine(large, "betweenness", "igraph")


def test_unknown_engine_is_a_user_error():
    with pytest.raises(KgError, match="graph-tool"):
        pick_engine(nx.path_graph(3), "pagerank", "graph-tool")


def test_cli_engine_choice_matches_the_library():
    option = next(p for p in centrality_command.params if p.name == "engine")
    assert tuple(option.type.choices) == ENGINES


def test_cli_names_the_engine_and_both_give_the_same_ranking(tmp_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    result = runner.invoke(cli, ["build", "--store", store, "--no-progress", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    tables = {}
    for engine in ("networkx", "igraph"):
        options = ["--measure", "betweenness", "--engine", engine, "--format", "json"]
        result = runner.invoke(cli, ["centrality", "--store", store, *options, "--top", "50"])
        assert result.exit_code == 0, result.output
        assert f"betweenness by {engine} on " in result.stderr
        tables[engine] = json.loads(result.stdout)
    assert [row["node"] for row in tables["igraph"]] == [row["node"] for row in tables["networkx"]]
    for fast, reference in zip(tables["igraph"], tables["networkx"], strict=True):
        assert fast["score"] == pytest.approx(reference["score"], abs=TOLERANCE)
