"""GraphML with typed keys (networkx's writer), for tools other than Gephi."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.export.atomic import atomic_path


def write_graphml(graph: nx.Graph, path: Path) -> None:
    clean = nx.Graph()
    clean.add_nodes_from(
        (n, {k: v for k, v in d.items() if v is not None}) for n, d in graph.nodes(data=True)
    )
    clean.add_edges_from(graph.edges(data=True))
    with atomic_path(Path(path)) as temp:
        nx.write_graphml(clean, temp, infer_numeric_types=True)
