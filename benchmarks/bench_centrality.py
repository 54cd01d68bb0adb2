"""Centrality time on a large synthetic graph (issue 5): `python -m benchmarks.bench_centrality`.

The graph has the shape of the entity view (persons linked to posts, posts to places, persons
to elections), 100,000 edges by default, seeded. Each measure runs `--repeats` times; the
table shows the median and the min-max spread, so machine noise is visible. Betweenness is
sampled (`--k` sources), as `kg centrality --k` does on large graphs.

`--engine both` (the default when igraph is installed) runs each measure with networkx and
with the igraph engine side by side, and checks the largest difference between their scores.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time

import networkx as nx

from kg import analysis_igraph
from kg.analysis import centrality, pick_engine

MEASURES = ("degree", "weighted-degree", "pagerank", "eigenvector", "betweenness")


def synthetic_entity_graph(edges: int, seed: int = 0) -> nx.Graph:
    rng = random.Random(seed)
    persons, posts, places, elections = edges // 4, edges // 12, 514, 600
    graph = nx.Graph()
    for i in range(places):
        graph.add_node(f"place/{i}", type="place", label=f"Place {i}")
    for i in range(posts):
        graph.add_node(f"post/{i}", type="office", label=f"Post {i}")
        graph.add_edge(f"post/{i}", f"place/{rng.randrange(places)}", weight=1)
    for i in range(elections):
        graph.add_node(f"election/{i}", type="election", label=f"Election {i}")
        graph.add_edge(f"election/{i}", f"place/{i % places}", weight=1)
    for i in range(persons):
        graph.add_node(f"person/{i}", type="person", label=f"Person {i}")
    count = graph.number_of_edges()  # counted here: nx's number_of_edges() is O(nodes)
    while count < edges:
        person = f"person/{rng.randrange(persons)}"
        if rng.random() < 0.7:
            other = f"post/{rng.randrange(posts)}"
        else:
            other = f"election/{rng.randrange(elections)}"
        if graph.has_edge(person, other):
            graph.edges[person, other]["weight"] += 1
        else:
            graph.add_edge(person, other, weight=1)
            count += 1
    return graph


def timed(graph: nx.Graph, measure: str, k: int, engine: str, repeats: int):
    """Times of `repeats` runs and the scores of the last."""
    times, sample = [], k if measure == "betweenness" else None
    for _ in range(repeats):
        started = time.perf_counter()
        scores = centrality(graph, measure, k=sample, engine=engine)
        times.append(time.perf_counter() - started)
    return times, scores


def spread(times: list[float]) -> str:
    return f"{statistics.median(times):.3f} ({min(times):.3f}-{max(times):.3f})"


def markdown_row(cells: list[str]) -> str:
    """A table row that pastes into benchmarks/README.md as it is."""
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--k", type=int, default=64, help="betweenness sample size")
    parser.add_argument(
        "--engine",
        choices=("networkx", "igraph", "both"),
        default="both" if analysis_igraph.available() else "networkx",
    )
    parser.add_argument(
        "--measures",
        default=",".join(MEASURES),
        help="comma-separated; closeness is exact (all sources), so slow at this size",
    )
    args = parser.parse_args()
    engines = ("networkx", "igraph") if args.engine == "both" else (args.engine,)
    started = time.perf_counter()
    graph = synthetic_entity_graph(args.edges)
    built = time.perf_counter() - started
    versions = f"networkx {nx.__version__}"
    if analysis_igraph.available():
        versions += f", igraph {analysis_igraph.igraph.__version__}"
    print(f"machine: {os.cpu_count()} cpus, Python {platform.python_version()}, {versions}")
    print(
        f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
        f" (built in {built:.1f} s); seconds: median (min-max) of {args.repeats} runs"
    )
    header = ["measure", *(f"{engine} s" for engine in engines)]
    if len(engines) == 2:
        header += ["speed-up", "max abs diff"]
    print(markdown_row(header))
    print(markdown_row(["---", *("---:" for _ in header[1:])]))
    for measure in args.measures.split(","):
        name = f"betweenness (k={args.k})" if measure == "betweenness" else measure
        cells, medians, scores = [name], [], []
        for engine in engines:
            if pick_engine(graph, measure, engine) != engine:
                cells.append("(networkx)")
                continue
            times, result = timed(graph, measure, args.k, engine, args.repeats)
            cells.append(spread(times))
            medians.append(statistics.median(times))
            scores.append(result)
        if len(engines) == 2 and len(scores) == 2:
            reference, fast = scores
            cells.append(f"{medians[0] / medians[1]:.1f}x")
            cells.append(f"{max(abs(reference[node] - fast[node]) for node in graph):.1e}")
        cells += [""] * (len(header) - len(cells))
        print(markdown_row(cells), flush=True)


if __name__ == "__main__":
    main()
