"""Extraction speed, and a dump of what extraction gives to check that a speed-up changed nothing.

    python -m benchmarks.bench_extract speed CORPUS...          # articles per CPU-second
    python -m benchmarks.bench_extract dump -o OUT.nq CORPUS... # every article's quads, sorted

`speed` runs what a build's worker does for each article (extract, map to RDF, prepare the
TriG text) in this one process, after reading every article first, and reports CPU seconds.
`dump` writes the quads the store would receive for every article (parsed back from the
prepared TriG with Oxigraph and written as N-Quads, one article after another, each article's
lines sorted), then the extracted records of each article, so two dumps differ exactly where
the build's output would.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.extract import extract
from kg.graph.rdf import article_triples
from kg.graph.store import PreparedArticle, prepare
from kg.ingest import read_articles
from kg.model import Article


def _articles(paths: list[str]) -> list[Article]:
    return [item for item in read_articles(paths) if isinstance(item, Article)]


def _prepared(article: Article) -> PreparedArticle:
    return prepare(article_triples(extract(article)))


def speed(paths: list[str], repeats: int) -> None:
    articles = _articles(paths)
    _prepared(articles[0])  # lexicons and automata are built once per process: not timed
    for _ in range(repeats):
        started = time.process_time()
        for article in articles:
            _prepared(article)
        seconds = time.process_time() - started
        print(f"{len(articles)} articles in {seconds:.2f} CPU s: {len(articles) / seconds:.0f}/s")


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
    dump_cmd = commands.add_parser("dump", help="every article's quads and records, sorted")
    dump_cmd.add_argument("paths", nargs="+")
    dump_cmd.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "speed":
        speed(args.paths, args.repeats)
    else:
        dump(args.paths, args.output)


if __name__ == "__main__":
    main(sys.argv[1:])
