"""Centrality over a graph view, with networkx's own functions (the reference), ranked.

Ties are broken by label then node id, so the same graph always gives the same table.
With igraph installed (`pip install 'kg[fast]'`), large graphs are scored by
`kg.analysis_igraph`, which gives networkx's numbers faster.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import asdict, dataclass

import networkx as nx

from kg import analysis_igraph
from kg.errors import KgError

MEASURES = ("degree", "weighted-degree", "betweenness", "closeness", "pagerank", "eigenvector")
ENGINES = ("auto", "networkx", "igraph")
# Below this many edges networkx answers in well under a second and stays the engine for
# `auto`: converting the graph would cost more than it saves.
AUTO_IGRAPH_EDGES = 5_000
# networkx's eigenvector power iteration needs more than its default 100 steps on news graphs.
EIGENVECTOR_MAX_ITER = 1000
# Scores equal to this many decimals are ties: the same value summed in another order (or by
# the other engine) differs in the last bits, and must not reorder the table.
TIE_DECIMALS = 12


@dataclass(frozen=True, slots=True)
class Ranked:
    node: str
    label: str
    type: str
    score: float


def pick_engine(graph: nx.Graph, measure: str, engine: str = "auto") -> str:
    """The engine that will score `measure`: "networkx" or "igraph".

    `auto` takes igraph when it is installed and the graph has more than AUTO_IGRAPH_EDGES
    edges. Degree stays with networkx whatever is asked: it is a count, already instant.
    """
    if engine not in ENGINES:
        raise KgError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")
    if engine == "igraph" and not analysis_igraph.available():
        raise KgError("engine igraph: igraph is not installed (pip install 'kg[fast]')")
    fast = (
        measure in analysis_igraph.MEASURES
        and analysis_igraph.supports(graph)
        and analysis_igraph.available()
    )
    if engine == "igraph" and fast:
        return "igraph"
    if engine == "auto" and fast and graph.number_of_edges() > AUTO_IGRAPH_EDGES:
        return "igraph"
    return "networkx"


def centrality(
    graph: nx.Graph, measure: str, k: int | None = None, seed: int = 0, engine: str = "networkx"
) -> dict:
    """Scores of every node. `k` samples that many source nodes for betweenness (large
    graphs), with a fixed `seed` so the sample is reproducible. `engine` as in pick_engine;
    both engines give the same numbers."""
    if measure not in MEASURES:
        raise KgError(f"unknown measure {measure!r}; known: {', '.join(MEASURES)}")
    if graph.number_of_nodes() == 0:
        return {}
    if pick_engine(graph, measure, engine) == "igraph":
        return _fast(graph, measure, k, seed)
    if measure == "degree":
        return nx.degree_centrality(graph)
    if measure == "weighted-degree":
        return {node: float(value) for node, value in graph.degree(weight="weight")}
    if measure == "betweenness":
        sample = min(k, graph.number_of_nodes()) if k else None
        return nx.betweenness_centrality(graph, k=sample, seed=seed if sample else None)
    if measure == "closeness":
        return nx.closeness_centrality(graph)
    if measure == "pagerank":
        return nx.pagerank(graph, weight="weight")
    try:
        return nx.eigenvector_centrality(graph, max_iter=EIGENVECTOR_MAX_ITER, weight="weight")
    except nx.PowerIterationFailedConvergence as error:
        raise KgError(f"eigenvector centrality did not converge: {error}") from error


def _fast(graph: nx.Graph, measure: str, k: int | None, seed: int) -> dict:
    if measure == "betweenness":
        return analysis_igraph.betweenness(graph, k=k, seed=seed)
    if measure == "closeness":
        return analysis_igraph.closeness(graph)
    try:
        if measure == "pagerank":
            return analysis_igraph.pagerank(graph)
        return analysis_igraph.eigenvector(graph, max_iter=EIGENVECTOR_MAX_ITER)
    except analysis_igraph.PowerIterationFailed as error:
        raise KgError(str(error)) from error


def top_nodes(
    graph: nx.Graph, scores: dict, n: int = 20, node_type: str | None = None
) -> list[Ranked]:
    rows = [
        Ranked(node, graph.nodes[node].get("label", node), graph.nodes[node].get("type", ""), score)
        for node, score in scores.items()
        if node_type is None or graph.nodes[node].get("type") == node_type
    ]
    rows.sort(key=_rank_key)
    return rows[:n]


def _rank_key(row: Ranked) -> tuple:
    """Highest score first, ties by label then node id; an undefined (NaN) score last."""
    if math.isnan(row.score):
        return (1, 0.0, row.label, row.node)
    return (0, -round(row.score, TIE_DECIMALS), row.label, row.node)


def format_ranking(rows: list[Ranked], fmt: str = "table", measure: str = "score") -> str:
    if fmt == "json":
        return json.dumps([asdict(row) for row in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["rank", "label", "type", measure, "node"])
        for rank, row in enumerate(rows, 1):
            writer.writerow([rank, row.label, row.type, f"{row.score:.6f}", row.node])
        return out.getvalue()
    width = max([len(row.label) for row in rows] + [5])
    lines = [f"{'rank':>4}  {'label':<{width}}  {'type':<9}  {measure}"]
    lines += [
        f"{rank:>4}  {row.label:<{width}}  {row.type:<9}  {row.score:.6f}"
        for rank, row in enumerate(rows, 1)
    ]
    return "\n".join(lines) + "\n"
