"""A node list and an edge list as CSV, the pair Gephi's spreadsheet import reads."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

from kg.export.atomic import atomic_path

NODE_COLUMNS = ["Id", "Label", "type", "title", "jurisdiction", "code", "date"]
EDGE_COLUMNS = ["Source", "Target", "Type", "Label", "Weight", "start", "end"]


def write_tables(graph: nx.Graph, nodes_path: Path, edges_path: Path) -> None:
    with (
        atomic_path(Path(nodes_path)) as temp,
        temp.open("w", newline="", encoding="utf-8") as handle,
    ):
        writer = csv.writer(handle)
        writer.writerow(NODE_COLUMNS)
        for node, data in sorted(graph.nodes(data=True)):
            writer.writerow(
                [node, data.get("label", node)] + [data.get(c, "") for c in NODE_COLUMNS[2:]]
            )
    with (
        atomic_path(Path(edges_path)) as temp,
        temp.open("w", newline="", encoding="utf-8") as handle,
    ):
        writer = csv.writer(handle)
        writer.writerow(EDGE_COLUMNS)
        for source, target, data in sorted(graph.edges(data=True)):
            writer.writerow(
                [
                    source,
                    target,
                    "Undirected",
                    data.get("relation", ""),
                    data.get("weight", 1),
                    data.get("start", ""),
                    data.get("end", ""),
                ]
            )
