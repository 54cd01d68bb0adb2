"""Ingest: files, directories, JSONL and HTML -> Article records with clean paragraphs.

`read_articles` is the stage's entry point. It never raises for a bad input: each problem
becomes an InputError for that file (or JSONL line) and the rest of the batch is read. Files
that are not articles at all (a gold.jsonl) come back as Skipped.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.ingest.discover import iter_sources
from kg.ingest.readers import NotArticles, read_html, read_jsonl, read_txt
from kg.model import Article

__all__ = ["NotArticles", "Skipped", "iter_sources", "read_articles"]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that is not an article file, left out on purpose (not an error)."""

    source: str
    reason: str


def read_articles(paths: Iterable[Path | str]) -> Iterator[Article | InputError | Skipped]:
    """Every article under `paths`, in order, with an InputError or Skipped for each file (or
    JSONL line) that gives none."""
    for source in iter_sources(Path(path) for path in paths):
        if isinstance(source, InputError):
            yield source
        else:
            yield from _read_file(source)


def _read_file(path: Path) -> Iterator[Article | InputError | Skipped]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".txt":
            yield read_txt(path)
        elif suffix in (".html", ".htm"):
            yield read_html(path)
        elif suffix == ".jsonl":
            yield from read_jsonl(path)
        else:
            yield InputError(
                str(path),
                f"unsupported file type {suffix or '(no extension)'}: "
                "expected .txt, .html, .htm or .jsonl",
            )
    except NotArticles as exc:
        yield Skipped(str(path), exc.reason)
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(str(path), exc.strerror or str(exc))
    except UnicodeError as exc:
        yield InputError(str(path), f"cannot decode text: {exc}")
    except Exception as exc:  # one unreadable file must not stop the batch
        problem = f"cannot read: {type(exc).__name__}: {exc}"
        yield InputError(str(path), problem, detail=traceback.format_exc())
