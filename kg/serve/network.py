"""An entity's neighbourhood drawn as SVG, laid out on the server with networkx.

Colours are the GEXF export's (kg.export.gexf.TYPE_COLOURS); node size follows degree
within the drawn subgraph; every node links to its entity page.
"""

from __future__ import annotations

import math
from html import escape
from urllib.parse import quote

import networkx as nx

from kg.export.gexf import TYPE_COLOURS

WIDTH, HEIGHT, MARGIN = 960, 640, 70


def layout(graph: nx.Graph, center: str) -> dict[str, tuple[float, float]]:
    """Positions in the SVG's coordinates, the centre entity in the middle; seeded, so the
    same subgraph is always drawn the same way."""
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() == 1:
        return {next(iter(graph)): (WIDTH / 2, HEIGHT / 2)}
    fixed = [center] if center in graph else None
    start = {center: (0.0, 0.0)} if fixed else None
    k = 1.6 / math.sqrt(graph.number_of_nodes())
    raw = nx.spring_layout(graph, pos=start, fixed=fixed, seed=7, k=k, iterations=200)
    xs = [x for x, _ in raw.values()]
    ys = [y for _, y in raw.values()]
    span_x = max(max(xs) - min(xs), 1e-9)
    span_y = max(max(ys) - min(ys), 1e-9)
    return {
        node: (
            MARGIN + (x - min(xs)) / span_x * (WIDTH - 2 * MARGIN),
            MARGIN + (y - min(ys)) / span_y * (HEIGHT - 2 * MARGIN),
        )
        for node, (x, y) in raw.items()
    }


def render_svg(graph: nx.Graph, center: str, link_prefix: str = "/entity?iri=") -> str:
    positions = layout(graph, center)
    degrees = dict(graph.degree())
    most = max(degrees.values(), default=1) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="network" role="img" aria-labelledby="network-title">',
        f'<title id="network-title">Network around {escape(_label(graph, center))}: '
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} links</title>",
        '<g class="edges">',
    ]
    for source, target, data in sorted(graph.edges(data=True)):
        (x1, y1), (x2, y2) = positions[source], positions[target]
        width = 1 + min(int(data.get("weight", 1)), 6)
        tip = f"{_label(graph, source)} — {data.get('relation', '')} — {_label(graph, target)}"
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke-width="{width}"><title>{escape(tip)} '
            f"({data.get('weight', 1)} article(s))</title></line>"
        )
    parts.append('</g><g class="nodes">')
    for node in sorted(graph, key=lambda n: (n == center, n)):
        x, y = positions[node]
        data = graph.nodes[node]
        r, g, b = TYPE_COLOURS.get(data.get("type", ""), (150, 150, 150))
        radius = 7 + 11 * degrees.get(node, 0) / most + (6 if node == center else 0)
        label = _label(graph, node)
        css = "node center" if node == center else "node"
        parts.append(
            f'<a href="{escape(link_prefix + quote(node, safe=""))}" class="{css}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="rgb({r},{g},{b})">'
            f"<title>{escape(label)} ({escape(data.get('type', ''))})</title></circle>"
            f'<text x="{x:.1f}" y="{y + radius + 14:.1f}" text-anchor="middle">'
            f"{escape(_short(label))}</text></a>"
        )
    parts.append("</g></svg>")
    return "\n".join(parts)


def _label(graph: nx.Graph, node: str) -> str:
    return str(graph.nodes[node].get("label", node.rsplit("/", 1)[-1]))


def _short(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
