"""A picture of the top of a graph view (PNG or SVG), for reports where no Gephi is at hand:
the N most central nodes and the links among them, coloured by type as in the GEXF export,
sized by the score, labelled. Needs matplotlib (`pip install 'kg[plot]'`)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.errors import KgError
from kg.export.atomic import atomic_path
from kg.export.gexf import TYPE_COLOURS

FORMATS = ("png", "svg")


def plot_top(graph: nx.Graph, scores: dict, path: Path, top: int = 30, title: str = "") -> int:
    """Draw the `top` highest-scoring nodes of `graph`; returns the number of nodes drawn."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise KgError("kg plot needs matplotlib: pip install 'kg[plot]'") from error
    fmt = Path(path).suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise KgError(f"{path}: plot format must be .png or .svg")
    ranked = sorted(scores, key=lambda n: (-scores[n], graph.nodes[n].get("label", n)))[:top]
    sub = graph.subgraph(ranked)
    layout = nx.spring_layout(sub, seed=0, weight="weight", k=1.5 / max(len(sub), 1) ** 0.5)
    high = max((scores[n] for n in sub), default=1.0) or 1.0
    figure, axes = plt.subplots(figsize=(14, 10), dpi=110)
    axes.set_axis_off()
    if title:
        axes.set_title(title, fontsize=14)
    colours = [
        tuple(c / 255 for c in TYPE_COLOURS.get(sub.nodes[n].get("type", ""), (150, 150, 150)))
        for n in sub
    ]
    sizes = [200 + 2200 * scores[n] / high for n in sub]
    nx.draw_networkx_edges(sub, layout, ax=axes, alpha=0.35, width=1.2)
    nx.draw_networkx_nodes(sub, layout, ax=axes, node_color=colours, node_size=sizes, alpha=0.9)
    labels = {n: _short(sub.nodes[n].get("label", n)) for n in sub}
    nx.draw_networkx_labels(sub, layout, labels, ax=axes, font_size=8)
    for kind, rgb in TYPE_COLOURS.items():
        axes.scatter([], [], color=tuple(c / 255 for c in rgb), label=kind)
    axes.legend(loc="lower left", frameon=False, fontsize=9)
    with atomic_path(Path(path)) as temp:
        figure.savefig(temp, format=fmt, bbox_inches="tight")
    plt.close(figure)
    return len(sub)


def _short(label: str, width: int = 34) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
