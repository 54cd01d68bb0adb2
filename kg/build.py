"""The build: articles in, facts into the store; incremental, idempotent, batch-safe.

Each article is read, extracted and mapped on its own: a bad file or a failing article is
reported and the rest of the batch goes on. New articles are bulk-loaded in batches, each
article marked complete only once its batch is on disk (see kg.graph.store); an article whose
text (and extractor version) is unchanged is skipped.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.pool
import os
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from traceback import format_exc

import pyoxigraph as ox
from tqdm import tqdm

from kg.errors import InputError
from kg.extract import extract
from kg.graph.rdf import article_triples, content_hash
from kg.graph.store import (
    EntityMemory,
    GraphStore,
    PreparedArticle,
    article_count,
    compact,
    fresh_share,
    hashes_of,
    load_ontology,
    note_written,
    prepare,
    replace_article,
    write_articles,
)
from kg.ingest import Skipped, read_articles
from kg.model import Article, Extraction, relation_of

# Articles per bulk load. Larger batches load faster (fewer, larger files for the store to
# merge) but an interrupted build redoes up to one batch, and the writer holds the batch in
# memory. Measured on 30,000 generated articles (benchmarks/README.md, "Build throughput"):
# 25.4 CPU-s in batches of 2,048, 22.2 in batches of 8,192 (writer peak 0.3 and 0.8 GB);
# 16,384 took the writer to 1.4 GB.
BATCH_SIZE = 8192
# Articles handed to the workers and not yet taken back, at most: the pool's feeder thread
# would otherwise read the whole corpus ahead into memory. As large as a batch, so that the
# workers keep extracting the next batch while the writer bulk-loads one (100,000 articles:
# 178 s wall with 8,192, 251 s with 2,048, CPU the same; about 100 MB more at the peak).
IN_FLIGHT = 8192
# A build that writes at least this many articles compacts the store when it is done; so does
# one after which more than COMPACT_SHARE of the store's articles came since its last
# compaction (see kg.graph.store.fresh_share). Compacting costs about 7 s a GB (13-15 s at
# 100,000 articles), so a share amortises it at a fixed cost an article whatever the store's
# size: with 0.1, one build of 1,000 in ten pays it on a 100,000-article store.
OPTIMIZE_AFTER = 5_000
COMPACT_SHARE = 0.1
# Articles handed to a worker process at a time. Each hand-over costs the pool's machinery in
# both processes (pipes, locks, a thread of the writer per direction): 100,000 articles with
# the store left out, chunks of 8 took 37.0 CPU-s in the writer and 116.8 in the workers,
# chunks of 64 22.2 and 100.3, chunks of 256 18.9 and 90.3 (extraction alone, in one
# process: 94). An article that fails still fails alone: `_process` catches its error.
TASK_CHUNK = 256  # well under IN_FLIGHT: a chunk waits for all its articles' slots
# Articles whose stored hashes are looked up in one query.
LOOKUP_CHUNK = 256


@dataclass
class BuildSummary:
    written: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    facts: Counter[str] = field(default_factory=Counter)

    @property
    def articles(self) -> int:
        return self.written + self.unchanged

    @property
    def failed(self) -> bool:
        return bool(self.errors)


@dataclass(frozen=True, slots=True)
class _Done:
    """One article extracted and mapped (in a worker process when --jobs > 1)."""

    article_id: str
    source: str
    prepared: PreparedArticle | None
    relations: tuple[str, ...] = ()
    error: str | None = None
    detail: str | None = None  # the traceback of a failure, as text (it crosses processes)


# Entity lines this process has already sent to the writer during the current build (see
# EntityMemory.unsent_lines). Set anew by `build` before the workers are forked, so each build (and
# each worker, a copy) starts empty.
_sent = EntityMemory()


def _process(task: tuple[Article, bool], min_confidence: float) -> _Done:
    """Extract and map one article. The flag says the article replaces a stored version: the
    writer swaps it in at once, ahead of the batch in progress, so its entity lines must all
    be there."""
    article, replacing = task
    try:
        extraction = _filtered(extract(article), min_confidence)
        prepared = prepare(article_triples(extraction), sent=None if replacing else _sent)
    except Exception as exc:  # one article's failure must not stop the batch
        message = f"extraction failed: {type(exc).__name__}: {exc}"
        return _Done(article.id, article.source, None, error=message, detail=format_exc())
    relations = tuple(relation_of(fact) for fact in extraction.facts)
    return _Done(article.id, article.source, prepared, relations)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def build(
    paths: Iterable[Path],
    store: GraphStore,
    min_confidence: float = 0.0,
    progress: bool = True,
    on_problem: Callable[[str], None] | None = None,
    jobs: int = 1,
    store_folder: Path | None = None,
) -> BuildSummary:
    """Read every article under `paths` and write its facts into `store`.

    Articles are read one at a time (memory does not grow with the corpus); with `jobs` > 1
    they are extracted in that many worker processes while this one reads and writes.
    `on_problem` is called with a one-line message for each file that fails or is skipped, as
    it happens (the CLI prints them); they are also collected in the summary. `store_folder`
    is where an embedded `store` lives, if known: it lets the build see how much of the store
    is uncompacted."""
    summary = BuildSummary()
    load_ontology(store)
    replaced: set[str] = set()  # ids of articles already stored with another text
    in_flight = threading.Semaphore(IN_FLIGHT)
    stopped = threading.Event()
    bar = tqdm(desc="articles", unit=" art", disable=not progress, leave=False)

    def report(error: InputError) -> None:
        summary.errors.append(error)
        _tell(on_problem, str(error))

    def changed(chunk: list[Article]) -> Iterator[tuple[Article, bool]]:
        """The articles of `chunk` that are new or whose text changed (one store lookup)."""
        stored = hashes_of(store, [article.id for article in chunk])
        for article in chunk:
            if stored.get(article.id) == content_hash(article):
                summary.unchanged += 1
                bar.update(1)
                continue
            if article.id in stored:
                replaced.add(article.id)
            in_flight.acquire()
            if stopped.is_set():
                return
            yield article, article.id in stored

    def to_process() -> Iterator[tuple[Article, bool]]:
        seen: dict[str, str] = {}
        chunk: list[Article] = []
        for item in read_articles(list(paths)):
            if stopped.is_set():
                return
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                _tell(on_problem, f"{item.source}: skipped, {item.reason}")
            elif isinstance(item, InputError):
                report(item)
            elif item.id in seen:
                problem = f"duplicate article id {item.id!r} (also {seen[item.id]})"
                report(InputError(item.source, problem))
            else:
                seen[item.id] = item.source
                chunk.append(item)
                if len(chunk) >= LOOKUP_CHUNK:
                    yield from changed(chunk)
                    chunk = []
        yield from changed(chunk)

    work = functools.partial(_process, min_confidence=min_confidence)
    batch: list[PreparedArticle] = []
    entities = EntityMemory()
    global _sent
    _sent = EntityMemory()
    with _pool(jobs) as pool, _unblocking(in_flight, stopped):
        tasks = to_process()
        results = pool.imap(work, tasks, chunksize=TASK_CHUNK) if pool else map(work, tasks)
        for done in results:
            in_flight.release()
            bar.update(1)
            if done.prepared is None:
                report(InputError(done.source, done.error or "extraction failed", done.detail))
                continue
            summary.facts.update(done.relations)
            summary.written += 1
            if done.article_id in replaced:
                replace_article(store, done.prepared)
                continue
            batch.append(done.prepared)
            if len(batch) >= BATCH_SIZE:
                write_articles(store, batch, entities)
                batch = []
    if batch:
        write_articles(store, batch, entities)
    bar.close()
    if _compaction_due(summary, store, store_folder) and isinstance(store, ox.Store):
        # Bulk loads leave many small files; compacting them once makes every later query
        # faster (100,000 articles: a 3-pattern join over all holdings 6.3 s before, 2.4 s
        # after; the compaction took 15 s). Small incremental builds skip it.
        compact(store, store_folder)
    return summary


def _compaction_due(summary: BuildSummary, store: GraphStore, folder: Path | None) -> bool:
    if not summary.written:
        return False
    if folder is None:
        return summary.written >= OPTIMIZE_AFTER
    note_written(folder, summary.written)
    if summary.written >= OPTIMIZE_AFTER:
        return True
    return fresh_share(folder, article_count(store)) > COMPACT_SHARE


@contextmanager
def _unblocking(in_flight: threading.Semaphore, stopped: threading.Event) -> Iterator[None]:
    """On the way out (also on an error or Ctrl-C), let the pool's feeder thread past its wait
    for a free slot, so that closing the pool does not wait for it forever."""
    try:
        yield
    finally:
        stopped.set()
        in_flight.release(IN_FLIGHT)


@contextmanager
def _pool(jobs: int) -> Iterator[multiprocessing.pool.Pool | None]:
    """Worker processes for extraction, or None to work in this process. Workers are forked
    (cheap: the lexicons are already loaded) and never touch the store."""
    if jobs <= 1:
        yield None
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(jobs) as pool:
        yield pool


def extract_articles(paths: Iterable[Path], min_confidence: float = 0.0) -> list[Extraction]:
    """Extractions of every readable article, without a store (for `kg eval`)."""
    return [
        _filtered(extract(item), min_confidence)
        for item in read_articles(list(paths))
        if isinstance(item, Article)
    ]


def _filtered(extraction: Extraction, min_confidence: float) -> Extraction:
    if min_confidence <= 0:
        return extraction
    facts = tuple(f for f in extraction.facts if f.evidence.confidence >= min_confidence)
    return replace(extraction, facts=facts)


def _tell(callback: Callable[[str], None] | None, message: str) -> None:
    if callback is not None:
        callback(message)


def format_summary(summary: BuildSummary) -> str:
    facts = ", ".join(f"{relation} {count}" for relation, count in sorted(summary.facts.items()))
    lines = [
        f"articles: {summary.articles} ({summary.written} written, {summary.unchanged} unchanged)",
        f"facts: {sum(summary.facts.values())}" + (f" ({facts})" if facts else ""),
        f"errors: {len(summary.errors)}",
    ]
    if summary.skipped:
        lines.append(f"skipped (not articles): {len(summary.skipped)}")
    return "\n".join(lines)
