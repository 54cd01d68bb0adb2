"""GEXF 1.3 for Gephi: labels, node type, colour by type, size by a centrality measure,
edge relation and weight, and spells from fact dates so Gephi's timeline plays the campaign.

Written with networkx's GEXF writer at version 1.3 from a copy of the view in which every
attribute is a scalar (networkx and Gephi read the file back the same way).
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from kg.export.atomic import atomic_path

# One colour per node type (RGB), shared with the web explorer and `kg plot`.
TYPE_COLOURS = {
    "person": (228, 87, 46),
    "office": (41, 128, 185),
    "place": (39, 174, 96),
    "election": (142, 68, 173),
    "audience": (243, 156, 18),
    "topic": (127, 140, 141),
}
MIN_SIZE, MAX_SIZE = 4.0, 40.0


def gexf_graph(graph: nx.Graph, size_by: dict | None = None, dynamic: bool = True) -> nx.Graph:
    """A copy of `graph` shaped for GEXF: viz colour/size, spells instead of start/end."""
    out = nx.Graph()
    scores = size_by or {}
    low, high = (min(scores.values()), max(scores.values())) if scores else (0.0, 0.0)
    node_spans: dict[str, list[str]] = {}
    for source, target, data in graph.edges(data=True):
        if dynamic and data.get("start"):
            for node in (source, target):
                node_spans.setdefault(node, []).extend([data["start"], data["end"]])
    for node, data in graph.nodes(data=True):
        attributes = {k: v for k, v in data.items() if v is not None}
        r, g, b = TYPE_COLOURS.get(data.get("type", ""), (150, 150, 150))
        size = MIN_SIZE
        if node in scores and high > low:
            size = MIN_SIZE + (scores[node] - low) / (high - low) * (MAX_SIZE - MIN_SIZE)
        if node in scores:
            attributes["score"] = float(scores[node])
        attributes["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": size}
        if node in node_spans:
            first, last = min(node_spans[node]), max(node_spans[node])
            attributes["spells"] = [(first, last)]
            attributes["firstDate"], attributes["lastDate"] = first, last
        out.add_node(node, **attributes)
    for source, target, data in graph.edges(data=True):
        attributes = {k: v for k, v in data.items() if k not in ("start", "end")}
        if data.get("start"):
            # as plain attributes too: parsers that skip spells (graphology-gexf) keep the time
            attributes["firstDate"], attributes["lastDate"] = data["start"], data["end"]
            if dynamic:
                attributes["spells"] = [(data["start"], data["end"])]
        out.add_edge(source, target, **attributes)
    return out


def gexf_bytes(graph: nx.Graph, size_by: dict | None = None, dynamic: bool = True) -> bytes:
    """The GEXF 1.3 document for `graph`, in memory (the explorer's subgraph download)."""
    out = io.BytesIO()
    nx.write_gexf(gexf_graph(graph, size_by, dynamic), out, version="1.3")
    return out.getvalue()


def write_gexf(
    graph: nx.Graph, path: Path, size_by: dict | None = None, dynamic: bool = True
) -> None:
    shaped = gexf_graph(graph, size_by, dynamic)
    with atomic_path(Path(path)) as temp:
        nx.write_gexf(shaped, temp, version="1.3")
