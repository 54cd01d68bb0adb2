"""Embedded store against `oxigraph serve` (issue 9): `python -m benchmarks.bench_remote`.

The sample articles, copied under `--articles` distinct ids, are extracted once; then only
the write path is timed, in the build's batches of 64: the embedded store (`Store.extend`,
one transaction a batch), the server with one SPARQL `INSERT DATA` request a batch (what
`RemoteStore` does), and, for comparison, the server through the Graph Store protocol (one
POST of the entity triples and one PUT of the article graph per article). Then the
holds-office query, with and without a parameter, `--repeats` times on each store: median
and min-max. The server runs on localhost, so the numbers are the protocol's own overhead,
without a network.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox

from kg.build import BATCH_SIZE
from kg.extract import extract
from kg.graph import vocab as v
from kg.graph.rdf import ArticleTriples, article_triples
from kg.graph.remote import RemoteStore
from kg.graph.store import article_count, write_articles
from kg.ingest import read_articles
from kg.model import Article
from kg.query import bind_params, load_named_query, run_query
from kg.resources import samples_dir


def copies(count: int) -> list[Article]:
    samples = [item for item in read_articles([samples_dir()]) if isinstance(item, Article)]
    return [
        replace(samples[i % len(samples)], id=f"{samples[i % len(samples)].id}-{i}")
        for i in range(count)
    ]


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    binary = Path(sys.executable).parent / "oxigraph"
    command = str(binary) if binary.exists() else shutil.which("oxigraph")
    if command is None:
        sys.exit("the `oxigraph` binary is missing: pip install oxigraph")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [command, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                RemoteStore(url, timeout=1).query("ASK {}")
                break
            except Exception:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def write_batches(store, batches: list[list[ArticleTriples]]) -> float:
    started = time.perf_counter()
    for batch in batches:
        write_articles(store, batch)
    return time.perf_counter() - started


def write_graph_store(remote: RemoteStore, batches: list[list[ArticleTriples]]) -> float:
    """Per article: POST its entity triples to the shared graph, PUT its own graph."""
    started = time.perf_counter()
    for batch in batches:
        for triples in batch:
            for graph, body, method in (
                (v.ENTITIES_GRAPH, triples.entities, "POST"),
                (triples.graph, triples.facts, "PUT"),
            ):
                data = "".join(f"{s} {p} {o} .\n" for s, p, o in body).encode("utf-8")
                target = f"{remote.url}/store?{urllib.parse.urlencode({'graph': str(graph)})}"
                remote._request(method, target, data, {"Content-Type": "application/n-triples"})
    return time.perf_counter() - started


def timed(function: Callable[[], object], repeats: int) -> tuple[float, float, float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{platform.python_version()}, pyoxigraph {ox.__version__}, "
        f"{len(os.sched_getaffinity(0))} cpus, {args.articles} articles"
    )
    started = time.perf_counter()
    triples = [article_triples(extract(article)) for article in copies(args.articles)]
    print(f"extraction (not timed below): {time.perf_counter() - started:.1f} s")
    batches = [triples[i : i + BATCH_SIZE] for i in range(0, len(triples), BATCH_SIZE)]
    quads = sum(len(t.facts) + len(t.entities) for t in triples)
    print(f"{quads} quads before entity deduplication, {len(batches)} batches\n")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        embedded = ox.Store(str(root / "embedded"))
        rows = [("embedded Store.extend", write_batches(embedded, batches))]
        with oxigraph_server(root / "gsp") as url:
            remote = RemoteStore(url)
            rows.append(("server, Graph Store PUT/POST", write_graph_store(remote, batches)))
            assert article_count(remote) == args.articles
        with oxigraph_server(root / "server") as url:
            # holds-office's plan in Oxigraph 0.5 sometimes takes 100x longer (both stores)
            remote = RemoteStore(url, timeout=600)
            rows.append(("server, INSERT DATA a batch", write_batches(remote, batches)))
            assert article_count(remote) == article_count(embedded) == args.articles
            print("| write path | s | articles/s |\n| --- | ---: | ---: |")
            for name, seconds in rows:
                print(f"| {name} | {seconds:.2f} | {args.articles / seconds:,.0f} |")

            query = load_named_query("holds-office")
            lahat = bind_params(query, {"jurisdiction": "Kabupaten Lahat"})
            print("\n| query | store | median s | min s | max s | rows |")
            print("| --- | --- | ---: | ---: | ---: | ---: |")
            for label, values in (("holds-office", None), ("holds-office (Lahat)", lahat)):
                for name, store in (("embedded", embedded), ("server", remote)):
                    count = len(run_query(store, query, values).rows)
                    median, low, high = timed(
                        lambda s=store, q=values: run_query(s, query, q), args.repeats
                    )
                    print(f"| {label} | {name} | {median:.3f} | {low:.3f} | {high:.3f} | {count} |")


if __name__ == "__main__":
    main()
