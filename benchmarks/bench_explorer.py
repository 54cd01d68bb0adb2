"""Explorer page latency (issue 7): `python -m benchmarks.bench_explorer --store DIR`.

Starts the explorer's app over an existing store (as `kg serve` would, with its worker
processes) and times, for a seeded sample of entities of each kind, the entity page, a
search for the entity's name, and its 1-hop network, calling the WSGI app directly (no
socket: the figure is the server's own time). Prints median, 95th percentile and maximum
per page kind; the first request of each kind (index and import warm-up) is reported apart.
"""

from __future__ import annotations

import argparse
import io
import platform
import random
import statistics
import time
from pathlib import Path
from urllib.parse import quote, urlencode
from wsgiref.util import setup_testing_defaults

import pyoxigraph as ox

from kg.graph import vocab as v
from kg.serve.app import App, Limits
from kg.serve.search import KINDS
from kg.serve.workers import StoreWorkers


def sample_entities(store_path: Path, per_kind: int, seed: int) -> list[tuple[str, str, str]]:
    """(kind, iri, label) for up to `per_kind` entities of each kind, seeded."""
    store = ox.Store.read_only(str(store_path))
    rng = random.Random(seed)
    chosen = []
    for type_iri, kind in KINDS.items():
        query = f"""SELECT ?e ?label WHERE {{ GRAPH <{v.ENTITIES_GRAPH}> {{
            ?e a <{type_iri}> ; <{v.RDFS.label}>|<{v.SCHEMA.name}> ?label }} }}"""
        rows = sorted({(row["e"].value, row["label"].value) for row in store.query(query)})
        for iri, label in rng.sample(rows, min(per_kind, len(rows))):
            chosen.append((kind, iri, label))
    del store
    return chosen


def timed(app: App, path: str) -> tuple[float, int]:
    environ: dict = {}
    path_info, _, query = path.partition("?")
    environ.update(REQUEST_METHOD="GET", PATH_INFO=path_info, QUERY_STRING=query)
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO()
    status: list[str] = []
    started = time.perf_counter()
    body = b"".join(app(environ, lambda s, h, e=None: status.append(s)))
    elapsed = time.perf_counter() - started
    assert body
    return elapsed, int(status[0].split()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--per-kind", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    entities = sample_entities(args.store, args.per_kind, args.seed)
    workers = StoreWorkers(args.store, size=1)
    app = App(workers, Limits(timeout=120))
    timings: dict[str, list[float]] = {}
    warmup: dict[str, float] = {}
    failures = 0
    try:
        for kind, iri, label in entities:
            pages = {
                f"entity ({kind})": "/entity?iri=" + quote(iri, safe=""),
                "search": "/search?" + urlencode({"q": label[:40]}),
                "network 1 hop": "/network?" + urlencode({"iri": iri, "hops": 1}),
            }
            for name, path in pages.items():
                elapsed, status = timed(app, path)
                failures += status != 200
                if name not in warmup:
                    warmup[name] = elapsed
                else:
                    timings.setdefault(name, []).append(elapsed)
    finally:
        workers.close()
    print(f"store {args.store}; {len(entities)} entities; {platform.python_version()}")
    print("| page | n | median ms | p95 ms | max ms | first ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, values in sorted(timings.items()):
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(
            f"| {name} | {len(values)} | {statistics.median(values) * 1000:.1f} | "
            f"{p95 * 1000:.1f} | {ordered[-1] * 1000:.1f} | {warmup[name] * 1000:.1f} |"
        )
    print(f"non-200 responses: {failures}")


if __name__ == "__main__":
    main()
