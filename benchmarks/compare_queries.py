"""Dump the sorted CSV of every named query for a list of parameter cases, to compare the
answers of two versions of queries/ (or of kg/query.py) row for row.

    python -m benchmarks.compare_queries STORE OUTDIR CASES.json [--make-cases N]

With --make-cases N, the cases are first derived from the store with the current code: each
named query without parameters, then with up to N values of each parameter taken from its own
answer (plus "" for a jurisdiction, a hostile string, and dates from the data for `on`), and
`on` combined with the other parameters. Run it once per version (PYTHONPATH pointing at a
checkout of the other version) with the same CASES.json, then `diff -r` the two OUTDIRs.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg import query as q

COLUMN = {"_jurisdiction": "jurisdictionLabel"}


def csv_sorted(store, name, params):
    named = q.load_named_query(name)
    started = time.perf_counter()
    result = q.run_query(store, named, q.bind_params(named, params))
    text = q.format_result(result, "csv")
    took = time.perf_counter() - started
    lines = text.splitlines()
    return lines[0] + "\n" + "\n".join(sorted(lines[1:])) + "\n", len(lines) - 1, took


def data_dates(store, n):
    found = [
        r[0].value[:10]
        for r in store.query(
            "SELECT ?d WHERE { { ?h kg:attestedOn ?d } UNION { ?h time:inXSDDate ?d } }",
            prefixes={**q.PREFIXES, "time": "http://www.w3.org/2006/time#"},
            use_default_graph_as_union=True,
        )
    ]
    return [*pick(found, n), "1990-01-01"]


def pick(values, n):
    values = sorted(set(values))
    if len(values) <= n:
        return values
    step = len(values) / n
    return [values[int(i * step)] for i in range(n)]


def make_cases(store, n):
    cases = []
    for named in q.list_named_queries():
        cases.append([named.name, {}])
        result = q.run_query(store, named, {})
        cols = list(result.columns)
        per_param = {}
        for param in named.params:
            if param.kind == "date":
                vals = data_dates(store, n + 1)
            else:
                col = COLUMN.get(param.variable, param.variable)
                if col not in cols:
                    print("no column", named.name, param.variable)
                    continue
                i = cols.index(col)
                raw = [row[i] for row in result.rows]
                if param.kind == "iri":
                    vals = pick([t.value for t in raw if isinstance(t, ox.NamedNode)], n)
                else:
                    vals = pick([t.value if t is not None else "" for t in raw], n)
                    if param.variable == "_jurisdiction" and "" not in vals:
                        vals.append("")
                vals.append(
                    'x" } UNION { ?s ?p ?o } #'
                    if param.kind != "iri"
                    else "http://example.org/none"
                )
            per_param[param.name] = vals
            for v in vals:
                cases.append([named.name, {param.name: v}])
        if "on" in per_param:
            for other in ("person", "post", "jurisdiction", "office"):
                for v in per_param.get(other, [])[:2]:
                    for d in per_param["on"][:2]:
                        cases.append([named.name, {other: v, "on": d}])
        if "office" in per_param and "jurisdiction" in per_param:
            for v in per_param["office"][:2]:
                for j in per_param["jurisdiction"][:2]:
                    cases.append([named.name, {"office": v, "jurisdiction": j}])
    return cases


def main():
    store_path, outdir, cases_path, *rest = sys.argv[1:]
    store = ox.Store.read_only(store_path)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    if rest and rest[0] == "--make-cases":
        Path(cases_path).write_text(json.dumps(make_cases(store, int(rest[1])), indent=0))
    cases = json.loads(Path(cases_path).read_text())
    summary = []
    for name, params in cases:
        text, rows, took = csv_sorted(store, name, params)
        key = hashlib.sha1(json.dumps([name, params], sort_keys=True).encode()).hexdigest()[:10]
        (out / f"{name}-{key}.csv").write_text(text)
        summary.append(f"{name}\t{json.dumps(params, ensure_ascii=False)}\t{rows}\t{took:.3f}")
        print(summary[-1], flush=True)
    (out / "summary.tsv").write_text("\n".join(summary) + "\n")


if __name__ == "__main__":
    main()
