"""Which files to read: the files given, and the article files under the directories given."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError

ARTICLE_SUFFIXES = frozenset({".txt", ".html", ".htm", ".jsonl"})
# Files a corpus folder holds beside its articles: not articles, and not worth a note.
_NOT_ARTICLES = ("readme", "sources.tsv", "license", "changelog")


def iter_sources(paths: Iterable[Path]) -> Iterator[Path | InputError]:
    """Files as given (whatever their name); directories walked recursively in sorted order,
    taking .txt/.html/.htm/.jsonl files and skipping hidden files and folders, READMEs and
    sources.tsv. A path that does not exist, and a directory with no article file anywhere
    under it (a wrong folder, most likely: a build that reads nothing must not look like a
    success), yield an InputError."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            yield InputError(str(path), "no such file or directory")


def is_article_file(name: str) -> bool:
    lower = name.lower()
    return (
        not lower.startswith(".")
        and not lower.startswith(_NOT_ARTICLES)
        and os.path.splitext(lower)[1] in ARTICLE_SUFFIXES
    )


def _walk(root: Path) -> Iterator[Path | InputError]:
    found = False
    for item in _walk_tree(root):
        found = True  # an article file, or a folder that could not be read (already reported)
        yield item
    if not found:
        yield InputError(str(root), f"no article files here ({', '.join(_SUFFIX_NAMES)})")


_SUFFIX_NAMES = sorted(ARTICLE_SUFFIXES)


def _walk_tree(root: Path) -> Iterator[Path | InputError]:
    # An explicit stack rather than recursion: deep trees cannot exhaust Python's stack.
    # Symlinked folders are not followed, so a link loop cannot make the walk endless.
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as exc:
            yield InputError(str(directory), exc.strerror or str(exc))
            continue
        subdirectories = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                subdirectories.append(Path(entry.path))
            elif is_article_file(entry.name):
                yield Path(entry.path)
        stack.extend(reversed(subdirectories))
