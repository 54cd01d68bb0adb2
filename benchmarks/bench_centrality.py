"""Centrality time on a large synthetic graph (issue 5): `python -m benchmarks.bench_centrality`.

The graph has the shape of the entity view (persons linked to posts, posts to places, persons
to elections), 100,000 edges by default, seeded. Each measure runs `--repeats` times; the
table shows the median and the min-max spread, so machine noise is visible. Betweenness is
sampled (`--k` sources), as `kg centrality --k` does on large graphs.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time

import networkx as nx

from kg.analysis import centrality


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--k", type=int, default=64, help="betweenness sample size")
    args = parser.parse_args()
    started = time.perf_counter()
    graph = synthetic_entity_graph(args.edges)
    built = time.perf_counter() - started
    print(
        f"machine: {os.cpu_count()} cpus, Python {platform.python_version()},"
        f" networkx {nx.__version__}"
    )
    print(
        f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"
        f" (built in {built:.1f} s)"
    )
    print(f"{'measure':<22} {'median s':>9} {'min s':>8} {'max s':>8}")
    for measure in ("degree", "weighted-degree", "pagerank", "eigenvector", "betweenness"):
        times = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            centrality(graph, measure, k=args.k if measure == "betweenness" else None)
            times.append(time.perf_counter() - started)
        name = f"betweenness (k={args.k})" if measure == "betweenness" else measure
        print(f"{name:<22} {statistics.median(times):>9.3f} {min(times):>8.3f} {max(times):>8.3f}")


if __name__ == "__main__":
    main()
