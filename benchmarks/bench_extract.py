"""Extraction speed, and a dump of what extraction gives to check that a speed-up changed nothing.

    python -m benchmarks.bench_extract speed CORPUS...          # articles per CPU-second
    python -m benchmarks.bench_extract parts CORPUS...          # CPU seconds of each stage
    python -m benchmarks.bench_extract dump -o OUT.nq CORPUS... # every article's quads, sorted

`speed` runs what a build's worker does for each article (extract, map to RDF, prepare the
TriG text) in this one process, after reading every article first, and reports CPU seconds.
`parts` times the stages apart, each over every article (best of `--repeats`): the mentions,
each relation extractor on ready mentions, the mapping on ready extractions (also as the
build's worker does it, leaving out the entity lines it already sent).
`dump` writes the quads the store would receive for every article (parsed back from the
prepared TriG with Oxigraph and written as N-Quads, one article after another, each article's
lines sorted), then the extracted records of each article, so two dumps differ exactly where
the build's output would.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.extract import extract
from kg.extract.candidacies import extract_candidacies
from kg.extract.context import build_context
from kg.extract.directives import extract_directives
from kg.extract.election_dates import extract_election_dates
from kg.extract.holdings import extract_holdings
from kg.graph.rdf import article_triples
from kg.graph.store import EntityMemory, PreparedArticle, prepare
from kg.ingest import read_articles
from kg.model import Article, Extraction


def _articles(paths: list[str]) -> list[Article]:
    return [item for item in read_articles(paths) if isinstance(item, Article)]


def _prepared(article: Article) -> PreparedArticle:
    return _mapped(extract(article))


def speed(paths: list[str], repeats: int) -> None:
    articles = _articles(paths)
    _prepared(articles[0])  # lexicons and automata are built once per process: not timed
    for _ in range(repeats):
        seconds = _cpu_seconds(lambda: [_prepared(article) for article in articles])
        print(f"{len(articles)} articles in {seconds:.2f} CPU s: {len(articles) / seconds:.0f}/s")


def parts(paths: list[str], repeats: int) -> None:
    articles = _articles(paths)
    contexts = [build_context(article) for article in articles]
    holdings = [extract_holdings(context) for context in contexts]
    extractions = [extract(article) for article in articles]

    def timed(name: str, work: Callable[[], object]) -> None:
        seconds = min(_cpu_seconds(work) for _ in range(max(1, repeats)))
        per_article = 1000 * seconds / len(articles)
        print(f"{name:<34} {seconds:6.3f} CPU s  {per_article:.3f} ms an article")

    def worker_mapping() -> None:
        sent = EntityMemory()
        for extraction in extractions:
            prepare(article_triples(extraction), sent=sent)

    print(f"{len(articles)} articles")
    timed("mentions (build_context)", lambda: [build_context(a) for a in articles])
    timed("holdings", lambda: [extract_holdings(c) for c in contexts])
    timed(
        "directives",
        lambda: [extract_directives(*ch) for ch in zip(contexts, holdings, strict=True)],
    )
    timed("election dates", lambda: [extract_election_dates(c) for c in contexts])
    timed("candidacies", lambda: [extract_candidacies(c) for c in contexts])
    timed("mapping (article_triples, prepare)", lambda: [_mapped(e) for e in extractions])
    timed("mapping, entity lines once", worker_mapping)


def _mapped(extraction: Extraction) -> PreparedArticle:
    return prepare(article_triples(extraction))


def _cpu_seconds(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def _dump_lines(articles: list[Article]) -> Iterator[str]:
    for article in articles:
        extraction = extract(article)
        prepared = prepare(article_triples(extraction))
        trig = prepared.body + prepared.marker
        quads = ox.parse(trig, format=ox.RdfFormat.TRIG, lenient=True)
        yield f"# article {article.id}\n"
        yield from sorted(f"{quad} .\n" for quad in quads)
        yield f"# records {article.id}\n"
        yield from (f"{person!r}\n" for person in extraction.persons)
        yield from (f"{fact!r}\n" for fact in extraction.facts)


def dump(paths: list[str], out: Path) -> None:
    with out.open("w", encoding="utf-8") as f:
        f.writelines(_dump_lines(_articles(paths)))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_extract")
    commands = parser.add_subparsers(dest="command", required=True)
    speed_cmd = commands.add_parser("speed", help="articles per CPU-second, in one process")
    speed_cmd.add_argument("paths", nargs="+")
    speed_cmd.add_argument("--repeats", type=int, default=1)
    parts_cmd = commands.add_parser("parts", help="CPU seconds of extraction's stages, apart")
    parts_cmd.add_argument("paths", nargs="+")
    parts_cmd.add_argument("--repeats", type=int, default=3)
    dump_cmd = commands.add_parser("dump", help="every article's quads and records, sorted")
    dump_cmd.add_argument("paths", nargs="+")
    dump_cmd.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "speed":
        speed(args.paths, args.repeats)
    elif args.command == "parts":
        parts(args.paths, args.repeats)
    else:
        dump(args.paths, args.output)


if __name__ == "__main__":
    main(sys.argv[1:])
