"""Where a build's CPU time goes: reading, extraction, the store.

    python -m benchmarks.build_parts CORPUS... [--store DIR]

Runs what `kg build --jobs 1` does, in this one process, into a fresh store (DIR, a
temporary folder by default), and splits its CPU time:

* read: reading and cleaning the articles (kg.ingest), on this thread;
* extract: extraction, mapping to RDF and the text prepared for the store (what a build's
  worker process does), on this thread;
* store: everything else the process spent: the bulk loads and their bookkeeping on this
  thread, and the store's own background threads (RocksDB merging what was loaded), which
  grow with the store;
* compact: the compaction at the end of a large build.

With 2 cores and 2 worker processes, a build can go no faster than (read + extract + store
+ compact) / 2 CPU-seconds; the store's part runs in the writing process alone.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from kg.build import BATCH_SIZE, _process
from kg.graph.store import EntityMemory, compact, load_ontology, open_store, write_articles
from kg.ingest import read_articles
from kg.model import Article


def measure(paths: list[str], folder: Path) -> dict[str, float]:
    store = open_store(folder)
    load_ontology(store)
    memory = EntityMemory()
    spent = {"read": 0.0, "extract": 0.0}
    started_cpu, started_wall = time.process_time(), time.perf_counter()
    articles = iter(read_articles(paths))
    batch = []
    count = 0
    while True:
        before = time.thread_time()
        item = next(articles, None)
        spent["read"] += time.thread_time() - before
        if item is None:
            break
        if not isinstance(item, Article):
            continue
        before = time.thread_time()
        done = _process((item, False), 0.0)
        spent["extract"] += time.thread_time() - before
        if done.prepared is None:
            continue
        count += 1
        batch.append(done.prepared)
        if len(batch) >= BATCH_SIZE:
            write_articles(store, batch, memory)
            batch = []
    if batch:
        write_articles(store, batch, memory)
    loaded_cpu = time.process_time()
    compact(store, folder)
    spent["compact"] = time.process_time() - loaded_cpu
    spent["store"] = loaded_cpu - started_cpu - spent["read"] - spent["extract"]
    spent["articles"] = count
    spent["wall"] = time.perf_counter() - started_wall
    return spent


def report(spent: dict[str, float]) -> str:
    count = int(spent["articles"])
    lines = [f"{count} articles, {spent['wall']:.1f} s wall in one process"]
    total = 0.0
    for part in ("read", "extract", "store", "compact"):
        seconds = spent[part]
        total += seconds
        per_article = 1000 * seconds / max(count, 1)
        lines.append(f"  {part:8} {seconds:8.1f} CPU-s  {per_article:6.3f} ms an article")
    per_article = 1000 * total / max(count, 1)
    lines.append(f"  {'total':8} {total:8.1f} CPU-s  {per_article:6.3f} ms an article")
    lines.append(f"  at best on 2 cores: {2000 / per_article:,.0f} articles/s")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.build_parts")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--store", type=Path, help="a fresh folder (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.store is not None:
        if args.store.exists() and any(args.store.iterdir()):
            parser.error(f"{args.store}: not empty; give a fresh folder")
        print(report(measure(args.paths, args.store)))
        return
    with tempfile.TemporaryDirectory(prefix="kg-build-parts-") as folder:
        print(report(measure(args.paths, Path(folder))))


if __name__ == "__main__":
    main(sys.argv[1:])
