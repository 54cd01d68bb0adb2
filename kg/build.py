"""The build: articles in, facts into the store; incremental, idempotent, batch-safe.

Each article is read, extracted and mapped on its own: a bad file or a failing article is
reported and the rest of the batch goes on. Articles are written in small batches, each one
store transaction; an article whose text (and extractor version) is unchanged is skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
from tqdm import tqdm

from kg.errors import InputError
from kg.extract import extract
from kg.graph.rdf import ArticleTriples, article_triples, content_hash
from kg.graph.store import load_ontology, replace_article, stored_hashes, write_articles
from kg.ingest import Skipped, read_articles
from kg.model import Article, Extraction, relation_of

BATCH_SIZE = 64


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


def build(
    paths: Iterable[Path],
    store: ox.Store,
    min_confidence: float = 0.0,
    progress: bool = True,
    on_problem: Callable[[str], None] | None = None,
) -> BuildSummary:
    """Read every article under `paths` and write its facts into `store`.

    `on_problem` is called with a one-line message for each file that fails or is skipped, as
    it happens (the CLI prints them); they are also collected in the summary."""
    summary = BuildSummary()
    load_ontology(store)
    known = stored_hashes(store)
    seen: dict[str, str] = {}
    batch: list[ArticleTriples] = []
    bar = tqdm(desc="articles", unit=" art", disable=not progress, leave=False)
    for item in read_articles(list(paths)):
        bar.update(1)
        if isinstance(item, Skipped):
            summary.skipped.append(item)
            _tell(on_problem, f"{item.source}: skipped, {item.reason}")
            continue
        if isinstance(item, InputError):
            summary.errors.append(item)
            _tell(on_problem, str(item))
            continue
        if item.id in seen:
            error = InputError(
                item.source, f"duplicate article id {item.id!r} (also {seen[item.id]})"
            )
            summary.errors.append(error)
            _tell(on_problem, str(error))
            continue
        seen[item.id] = item.source
        if known.get(item.id) == content_hash(item):
            summary.unchanged += 1
            continue
        try:
            extraction = _filtered(extract(item), min_confidence)
            triples = article_triples(extraction)
        except Exception as exc:  # one article's failure must not stop the batch
            error = InputError(item.source, f"extraction failed: {type(exc).__name__}: {exc}")
            summary.errors.append(error)
            _tell(on_problem, str(error))
            continue
        summary.facts.update(relation_of(fact) for fact in extraction.facts)
        summary.written += 1
        if item.id in known:
            replace_article(store, triples)
            continue
        batch.append(triples)
        if len(batch) >= BATCH_SIZE:
            write_articles(store, batch)
            batch = []
    if batch:
        write_articles(store, batch)
    bar.close()
    return summary


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
