"""Centrality over a graph view, with networkx's own functions (the reference), ranked.

Ties are broken by label then node id, so the same graph always gives the same table.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass

import networkx as nx

from kg.errors import KgError

MEASURES = ("degree", "weighted-degree", "betweenness", "closeness", "pagerank", "eigenvector")


@dataclass(frozen=True, slots=True)
class Ranked:
    node: str
    label: str
    type: str
    score: float


def centrality(graph: nx.Graph, measure: str, k: int | None = None, seed: int = 0) -> dict:
    """Scores of every node. `k` samples that many source nodes for betweenness (large
    graphs), with a fixed `seed` so the sample is reproducible."""
    if measure not in MEASURES:
        raise KgError(f"unknown measure {measure!r}; known: {', '.join(MEASURES)}")
    if graph.number_of_nodes() == 0:
        return {}
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
        return nx.eigenvector_centrality(graph, max_iter=1000, weight="weight")
    except nx.PowerIterationFailedConvergence as error:
        raise KgError(f"eigenvector centrality did not converge: {error}") from error


def top_nodes(
    graph: nx.Graph, scores: dict, n: int = 20, node_type: str | None = None
) -> list[Ranked]:
    rows = [
        Ranked(node, graph.nodes[node].get("label", node), graph.nodes[node].get("type", ""), score)
        for node, score in scores.items()
        if node_type is None or graph.nodes[node].get("type") == node_type
    ]
    rows.sort(key=lambda row: (-row.score, row.label, row.node))
    return rows[:n]


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
