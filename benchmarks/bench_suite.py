"""The benchmark suite (issue 9): `python -m benchmarks.bench_suite --sizes 1000,10000,100000`.

Per corpus size: the build end to end into a fresh on-disk store (`kg build --no-progress
--jobs J` as a subprocess: wall time, CPU time, peak memory of the process tree, store size),
each named query with and without a representative parameter (each in a process of its own,
so a query that runs away is stopped and reported, not waited for), centrality and GEXF
export, and adding 1,000 new articles to the store against building those 1,000 alone. At
`--rdflib-at` articles, the same build and queries on rdflib's in-memory Dataset, for a
speed-up measured in the same run.

The corpus is `benchmarks/generate.py` (seeded) plus the real articles under `--real`. Every
timing is repeated: the tables show the median and the min-max spread, because other work on
the machine moves single runs a lot.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

from benchmarks.generate import write_corpus

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_REAL = REPO.parent / "shared" / "corpus" / "dev"
KG = Path(sys.executable).with_name("kg")
EXTRA = 1_000  # articles added to a built store (incremental build)
# Parameters tried on each named query that declares them: one person, region, post, election,
# official or article (what a user looks up), and a day for holds-office; never a broad filter
# such as a title or status.
PARAM_KEYS = ("person", "jurisdiction", "post", "election", "official", "article", "on")
# The queries of the DESIGN.md contract, run on rdflib too (each may take up to --timeout).
RDFLIB_QUERIES = ("holds-office", "directives", "elections", "candidates")


# --- measuring ---------------------------------------------------------------------------


def run_tree(command: list[str]) -> dict:
    """Run `command`; wall seconds, CPU seconds (user + system of it and its children) and the
    peak resident memory of the whole process tree, polled every 50 ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(_rss(p) for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.05)
    out, err = process.communicate()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed: {err.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_mb": peak / 2**20, "output": out.decode()}


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


# --- the steps -----------------------------------------------------------------------------


def kg_build(store: Path, sources: list[Path], jobs: int) -> dict:
    command = [str(KG), "build", "--no-progress", "--jobs", str(jobs), "--store", str(store)]
    return run_tree(command + [str(s) for s in sources])


def representative_params(store_path: Path) -> dict[str, str]:
    """One person, region, post, election, official and article that the store holds."""
    import pyoxigraph as ox

    from kg.graph.vocab import PREFIXES

    store = ox.Store.read_only(str(store_path))
    found: dict[str, str] = {}
    probes = {
        ("person", "jurisdiction", "post"): """SELECT ?person ?jurisdiction ?post WHERE {
            ?h a kg:Holding ; kg:holder/schema:name ?person ; kg:post ?post .
            ?post kg:title "Penjabat Bupati" ; kg:jurisdiction/rdfs:label ?jurisdiction }
            LIMIT 1""",
        ("election",): """SELECT ?election WHERE {
            ?c a kg:Candidacy ; kg:election/rdfs:label ?election } LIMIT 1""",
        ("official",): """SELECT ?official WHERE {
            ?d a kg:Directive ; schema:agent/schema:name ?official } LIMIT 1""",
        ("article",): "SELECT ?article WHERE { ?a kg:articleId ?article } LIMIT 1",
        ("on",): "SELECT ?on WHERE { ?h kg:attestedOn ?on } LIMIT 1",
    }
    for keys, text in probes.items():
        for row in store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True):
            found.update({key: row[key].value for key in keys})
    del store
    return found


def query_variants(params: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """(query name, parameters) for each named query: once without parameters, then once for
    each representative parameter it declares."""
    from kg.query import list_named_queries

    variants = []
    for named in list_named_queries():
        variants.append((named.name, {}))
        declared = {p.name for p in named.params}
        for key in PARAM_KEYS:
            if key in declared and key in params:
                variants.append((named.name, {key: params[key]}))
    return variants


def time_queries(
    store: Path, variants: list[tuple[str, dict[str, str]]], repeats: int, timeout: float
) -> list[dict]:
    results = []
    for name, params in variants:
        pairs = [f"{k}={v}" for k, v in params.items()]
        command = [sys.executable, "-m", "benchmarks.timing", str(store), name, str(repeats)]
        entry: dict = {"query": name, "params": params}
        try:
            done = subprocess.run(
                command + pairs,
                capture_output=True,
                text=True,
                timeout=timeout * repeats,
                cwd=REPO,
                check=True,
            )
            measured = json.loads(done.stdout)
            entry.update(spread(measured["seconds"]), rows=measured["rows"])
        except subprocess.TimeoutExpired:
            entry["timeout"] = timeout
        print(f"  query {_variant_name(entry)}: {_fmt_query(entry)}", flush=True)
        results.append(entry)
    return results


def analysis_and_export(store_path: Path, workdir: Path, repeats: int) -> dict:
    """`kg centrality --measure pagerank` and `kg export --format gexf`, in-process: the
    graph view from SPARQL, PageRank, and the GEXF file (which sizes nodes by PageRank)."""
    import pyoxigraph as ox

    from kg.analysis import centrality
    from kg.export.gexf import write_gexf
    from kg.views import build_view

    store = ox.Store.read_only(str(store_path))
    view, pagerank, export = [], [], []
    graph = None
    for _ in range(repeats):
        started = time.perf_counter()
        graph = build_view(store, "entity")
        view.append(time.perf_counter() - started)
        started = time.perf_counter()
        centrality(graph, "pagerank")
        pagerank.append(time.perf_counter() - started)
        started = time.perf_counter()
        exported = build_view(store, "entity")
        write_gexf(exported, workdir / "export.gexf", size_by=centrality(exported, "pagerank"))
        export.append(time.perf_counter() - started)
    assert graph is not None
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "view": spread(view),
        "pagerank": spread(pagerank),
        "centrality": spread([a + b for a, b in zip(view, pagerank, strict=True)]),
        "export_gexf": spread(export),
    }


def incremental(store: Path, workdir: Path, size: int, seed: int, jobs: int, repeats: int) -> dict:
    """Add `EXTRA` new articles to the built store, `repeats` times (each a new slice of the
    same corpus), against building each slice into an empty store."""
    added, alone = [], []
    for run in range(repeats):
        extra = workdir / f"extra-{size}-{run}.jsonl"
        if not extra.exists():
            write_corpus(extra, EXTRA, seed, offset=size + run * EXTRA)
        fresh = workdir / "store-alone"
        shutil.rmtree(fresh, ignore_errors=True)
        alone.append(kg_build(fresh, [extra], jobs)["wall"])
        added.append(kg_build(store, [extra], jobs)["wall"])
        shutil.rmtree(fresh, ignore_errors=True)
    return {"added": spread(added), "alone": spread(alone)}


def bench_size(size: int, args: argparse.Namespace) -> dict:
    workdir: Path = args.workdir
    corpus = workdir / f"corpus-{size}-seed{args.seed}.jsonl"
    if not corpus.exists():
        write_corpus(corpus, size, args.seed)
    sources = [corpus, *([args.real] if args.real else [])]
    store = workdir / f"store-{size}"
    build_repeats = args.build_repeats or (args.repeats if size <= 10_000 else 1)
    builds = []
    for _ in range(build_repeats):
        shutil.rmtree(store, ignore_errors=True)
        result = kg_build(store, sources, args.jobs)
        builds.append(result)
        print(
            f"{size}: build {result['wall']:.1f} s, cpu {result['cpu']:.1f} s,"
            f" peak {result['peak_mb']:.0f} MB",
            flush=True,
        )
    articles = _articles_written(builds[-1]["output"])
    out: dict = {
        "size": size,
        "articles": articles,
        "build": {
            "runs": len(builds),
            "wall": spread([b["wall"] for b in builds]),
            "cpu": spread([b["cpu"] for b in builds]),
            "peak_mb": spread([b["peak_mb"] for b in builds]),
            "articles_per_s": spread([articles / b["wall"] for b in builds]),
            "articles_per_cpu_s": spread([articles / b["cpu"] for b in builds]),
            "summary": builds[-1]["output"].strip(),
        },
        "store_mb": folder_mb(store),
    }
    params = representative_params(store)
    out["params"] = params
    out["queries"] = time_queries(store, query_variants(params), args.repeats, args.timeout)
    out["analysis"] = analysis_and_export(store, workdir, args.repeats)
    print(f"{size}: centrality and export {out['analysis']}", flush=True)
    out["rebuild_unchanged"] = kg_build(store, sources, args.jobs)["wall"]
    out["incremental"] = incremental(store, workdir, size, args.seed, args.jobs, args.repeats)
    print(f"{size}: incremental {out['incremental']}", flush=True)
    if size == args.rdflib_at:
        variants = [v for v in query_variants(params) if v[0] in RDFLIB_QUERIES]
        out["rdflib"] = rdflib_side(sources, variants, args)
    if not args.keep_stores:
        shutil.rmtree(store, ignore_errors=True)
    return out


def _articles_written(summary: str) -> int:
    first = summary.splitlines()[0]  # "articles: N (N written, 0 unchanged)"
    return int(first.split()[1])


# --- rdflib, side by side ------------------------------------------------------------------


def rdflib_side(sources: list[Path], variants: list, args: argparse.Namespace) -> dict:
    """The same articles into rdflib's in-memory Dataset (union default graph), in a process of
    its own (its memory is then given back): build = reading + extraction + adding the same
    quads, one process (rdflib has no parallel load); then the same named queries."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_rdflib_worker, args=(sources, variants, args, queue))
    worker.start()
    result = queue.get()
    worker.join()
    return result


def _rdflib_worker(sources, variants, args, queue) -> None:
    from rdflib import Dataset

    from kg.build import extract_articles
    from kg.graph.rdf import article_triples, iter_quads
    from kg.graph.terms import to_rdflib

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    articles = 0
    for extraction in extract_articles(sources):
        quads = iter_quads(article_triples(extraction))
        dataset.addN(
            (to_rdflib(s), to_rdflib(p), to_rdflib(o), dataset.graph(to_rdflib(g)))
            for s, p, o, g in quads
        )
        articles += 1
    build = time.perf_counter() - started
    memory = psutil.Process().memory_info().rss / 2**20
    print(f"rdflib: {articles} articles in {build:.1f} s, {memory:.0f} MB", flush=True)
    queries = []
    for name, params in variants:
        entry = {"query": name, "params": params, **_rdflib_query(dataset, name, params, args)}
        print(f"  rdflib query {_variant_name(entry)}: {_fmt_query(entry)}", flush=True)
        queries.append(entry)
    queue.put({"articles": articles, "build_s": build, "rss_mb": memory, "queries": queries})


def _rdflib_query(dataset, name: str, params: dict[str, str], args) -> dict:
    """Run in a forked child (which shares the loaded Dataset), stopped after the timeout."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_rdflib_query_child, args=(dataset, name, params, args, send))
    child.start()
    if receive.poll(args.timeout):
        measured = receive.recv()
        child.join()
        return {**spread(measured["seconds"]), "rows": measured["rows"]}
    child.kill()
    child.join()
    return {"timeout": args.timeout}


def _rdflib_query_child(dataset, name, params, args, send) -> None:
    from rdflib import Literal, URIRef, Variable

    from kg import query as q
    from kg.graph.vocab import PREFIXES

    named = q.load_named_query(name)
    by_name = {p.name: p for p in named.params}
    bindings = {
        Variable(by_name[key].variable): URIRef(value)
        if by_name[key].kind == "iri"
        else Literal(value)
        for key, value in params.items()
    }
    seconds, rows = [], 0
    for _ in range(args.repeats):
        started = time.perf_counter()
        result = dataset.query(named.text, initNs=PREFIXES, initBindings=bindings)
        result.serialize(format="csv")
        seconds.append(time.perf_counter() - started)
        rows = len(result)
    send.send({"seconds": seconds, "rows": rows})


# --- reporting -----------------------------------------------------------------------------


def _variant_name(entry: dict) -> str:
    params = entry["params"]
    return entry["query"] + (f" ({', '.join(params)})" if params else "")


def _fmt_query(entry: dict | None) -> str:
    if entry is None:
        return ""
    if "timeout" in entry:
        return f"> {entry['timeout']:g} s"
    return _ms(entry)


def _ms(s: dict) -> str:
    return f"{s['median'] * 1000:,.0f} ({s['min'] * 1000:,.0f}-{s['max'] * 1000:,.0f})"


def _s(s: dict, digits: int = 1) -> str:
    return f"{s['median']:.{digits}f} ({s['min']:.{digits}f}-{s['max']:.{digits}f})"


def markdown(results: dict) -> str:
    sizes = results["sizes"]
    lines = [
        f"Measured {results['date']} on {results['machine']}; median (min-max) of the runs.",
        "",
        "| articles | build runs | build s | articles/s | CPU s | articles/CPU-s"
        " | peak MB | store MB | re-run, unchanged s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in sizes:
        b = r["build"]
        lines.append(
            f"| {r['articles']:,} | {b['runs']} | {_s(b['wall'])} | {_s(b['articles_per_s'], 0)}"
            f" | {_s(b['cpu'])} | {_s(b['articles_per_cpu_s'], 0)} | {b['peak_mb']['max']:,.0f}"
            f" | {r['store_mb']:,.0f} | {r['rebuild_unchanged']:.1f} |"
        )
    lines += [
        "",
        "Named queries, ms to CSV (rows at the largest size):",
        "",
        "| query (parameter) | " + " | ".join(f"{r['articles']:,}" for r in sizes) + " | rows |",
        "| --- | " + " | ".join("---:" for _ in sizes) + " | ---: |",
    ]
    for i, entry in enumerate(sizes[-1]["queries"]):
        cells = [_fmt_query(r["queries"][i] if i < len(r["queries"]) else None) for r in sizes]
        rows = entry.get("rows", "")
        lines.append(
            f"| {_variant_name(entry)} | " + " | ".join(cells) + f" | {rows:,} |"
            if rows != ""
            else f"| {_variant_name(entry)} | " + " | ".join(cells) + " | |"
        )
    lines += [
        "",
        "| articles | view nodes / edges | centrality s (view + PageRank) | GEXF export s"
        f" | +{EXTRA:,} to the store s | {EXTRA:,} alone s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in sizes:
        a, inc = r["analysis"], r["incremental"]
        lines.append(
            f"| {r['articles']:,} | {a['nodes']:,} / {a['edges']:,} | {_s(a['centrality'], 2)}"
            f" | {_s(a['export_gexf'], 2)} | {_s(inc['added'])} | {_s(inc['alone'])} |"
        )
    for r in sizes:
        if "rdflib" not in r:
            continue
        rd, b = r["rdflib"], r["build"]
        lines += [
            "",
            f"Side by side at {r['articles']:,} articles: Oxigraph on disk (kg build, 2 jobs)"
            " and rdflib's in-memory Dataset (one process: extraction + adding the same quads).",
            "",
            "| | Oxigraph | rdflib | rdflib / Oxigraph |",
            "| --- | ---: | ---: | ---: |",
            f"| build s | {b['wall']['median']:.1f} | {rd['build_s']:.1f}"
            f" | {rd['build_s'] / b['wall']['median']:.1f}x |",
        ]
        on_oxigraph = {_variant_name(e): e for e in r["queries"]}
        for rd_entry in rd["queries"]:
            ox_entry = on_oxigraph[_variant_name(rd_entry)]
            ratio = ""
            if "median" in ox_entry and "median" in rd_entry and ox_entry["median"] > 0:
                ratio = f"{rd_entry['median'] / ox_entry['median']:,.1f}x"
            elif "timeout" in rd_entry and "median" in ox_entry:
                ratio = f"> {rd_entry['timeout'] / ox_entry['median']:,.0f}x"
            lines.append(
                f"| {_variant_name(ox_entry)}, ms | {_fmt_query(ox_entry)}"
                f" | {_fmt_query(rd_entry)} | {ratio} |"
            )
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = psutil.virtual_memory().total / 2**30
    return f"{cpus} cpus, {memory:.0f} GB, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--build-repeats",
        type=int,
        default=None,
        help="full builds per size (default: --repeats up to 10,000 articles, then 1)",
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--real", type=Path, default=DEFAULT_REAL if DEFAULT_REAL.exists() else None
    )
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--rdflib-at", type=int, default=10_000, help="0: no rdflib run")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a query run may take")
    parser.add_argument("--keep-stores", action="store_true")
    parser.add_argument("-o", "--output", type=Path, default=None)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {
        "date": dt.date.today().isoformat(),
        "machine": machine(),
        "command": "python -m benchmarks.bench_suite "
        + " ".join(sys.argv[1:] if argv is None else argv),
        "real": str(args.real) if args.real else None,
        "sizes": [],
    }
    output = args.output or RESULTS / f"results-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        results["sizes"].append(bench_size(size, args))
        output.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print()
    print(markdown(results))
    print(f"results: {output}")


if __name__ == "__main__":
    main()
