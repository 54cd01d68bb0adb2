"""Time one named query on a store, in a process of its own (so a slow query can be stopped).

    python -m benchmarks.timing STORE NAME REPEATS [PARAM=VALUE ...]

Prints one JSON line: {"seconds": [...], "cpu_seconds": [...], "rows": N}. Each run is the
query and its result as CSV (`kg query NAME --format csv` without the process start-up), on a
store opened read-only.
"""

from __future__ import annotations

import gc
import json
import sys
import time

import pyoxigraph as ox

from kg import query as q


def time_query(store: ox.Store, name: str, params: dict[str, str], repeats: int) -> dict:
    """`repeats` runs of the query and its CSV: wall and CPU seconds of each, and the rows.
    Python's cyclic garbage collector is off, as in `kg query` (kg/cli.py)."""
    gc.disable()
    named = q.load_named_query(name)
    values = q.bind_params(named, params)
    seconds, cpu_seconds, rows = [], [], 0
    for _ in range(repeats):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = q.run_query(store, named, values)
        q.format_result(result, "csv")
        seconds.append(time.perf_counter() - started)
        cpu_seconds.append(time.process_time() - cpu_started)
        rows = len(result.rows)
    return {"seconds": seconds, "cpu_seconds": cpu_seconds, "rows": rows}


def main(argv: list[str]) -> None:
    path, name, repeats, *pairs = argv
    store = ox.Store.read_only(path)
    print(json.dumps(time_query(store, name, q.parse_params(pairs), int(repeats))))


if __name__ == "__main__":
    main(sys.argv[1:])
