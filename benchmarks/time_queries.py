"""Time named queries in-process: the query and its CSV, as `kg query NAME --format csv` does
without Python's start-up, best of `--runs`, wall and CPU milliseconds side by side (the
machine is often shared: CPU time is the steadier number).

    python -m benchmarks.time_queries STORE [NAME ...] [--runs 3] [--no-params | --only-params]

Each query runs without parameters, then once per parameter with the value that has the most
rows in the query's own answer (the worst case for a lookup), taken from that answer. The
store is opened read-only. The variant kg chose (queries/variants) is shown in brackets.
"""

from __future__ import annotations

import argparse
import collections
import json

from benchmarks.timing import time_query
from kg import query as q
from kg.graph.store import open_store


def busiest_values(result: q.QueryResult, named: q.NamedQuery) -> dict[str, str]:
    """For each parameter, the value with the most rows in `result` (parameters whose column
    the query does not show are left out)."""
    chosen = {}
    for param in named.params:
        column = "jurisdictionLabel" if param.variable == "_jurisdiction" else param.variable
        if column not in result.columns:
            continue
        index = result.columns.index(column)
        counts = collections.Counter(row[index].value for row in result.rows if row[index])
        if counts:
            chosen[param.name] = counts.most_common(1)[0][0]
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("names", nargs="*", help="named queries (default: all)")
    parser.add_argument("--runs", type=int, default=3)
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--no-params", action="store_true", help="only without parameters")
    only.add_argument("--only-params", action="store_true", help="only with one parameter")
    args = parser.parse_args()
    store = open_store(args.store, create=False, read_only=True)
    names = args.names or [named.name for named in q.list_named_queries()]
    for name in names:
        named = q.load_named_query(name)
        cases: list[dict[str, str]] = [] if args.only_params else [{}]
        if not args.no_params:
            values = busiest_values(q.run_query(store, named), named)
            cases += [{param: value} for param, value in values.items()]
        for params in cases:
            measured = time_query(store, name, params, args.runs)
            wall, cpu = min(measured["seconds"]), min(measured["cpu_seconds"])
            rows = measured["rows"]
            chosen = q.variant_for(named, q.bind_params(named, params)).path
            label = json.dumps(params, ensure_ascii=False)[:70]
            print(
                f"{name:<16} {label:<72} rows {rows:>7}  wall {wall * 1000:>8,.0f} ms"
                f"  cpu {cpu * 1000:>8,.0f} ms  [{chosen.name if chosen else '-'}]",
                flush=True,
            )


if __name__ == "__main__":
    main()
