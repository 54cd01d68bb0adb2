"""Read the language data in kg/data: TSV tables and word lists, each loaded once.

A table file has `#` comment lines (its source and meaning), then a header row, then rows.
"""

from __future__ import annotations

import re
from functools import cache

from kg.resources import data_dir


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `kg/data/<name>` as dicts keyed by the header; empty cells are ""."""
    lines = _content_lines(name)
    if not lines:
        return ()
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append({key: cell.strip() for key, cell in zip(header, cells, strict=False)})
    return tuple(rows)


@cache
def load_words(name: str) -> frozenset[str]:
    """A one-word-per-line list from `kg/data/<name>`, lower-cased."""
    return frozenset(line.strip().lower() for line in _content_lines(name))


def _content_lines(name: str) -> list[str]:
    text = (data_dir() / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def forms_pattern(forms: list[str] | tuple[str, ...] | set[str], prefix: bool = False) -> str:
    """A regex alternation of surface forms, ignoring case, longest first, spaces matching
    any whitespace.

    With `prefix`, a form may be followed by more word characters ("netral" -> "netralitas").
    """
    ordered = sorted(set(forms), key=lambda form: (-len(form), form))
    alternatives = [r"\s+".join(re.escape(word) for word in form.split()) for form in ordered]
    tail = r"\w*" if prefix else r"(?!\w)"
    return r"(?i:(?<!\w)(?:" + _by_first_letter(ordered, alternatives) + ")" + tail + ")"


def _by_first_letter(forms: list[str], alternatives: list[str]) -> str:
    """`alternatives` as one alternation, grouped by first letter: "b(?:upati|awaslu)|k(?:pu)".

    The regex engine then tries one letter a group at a position where a plain alternation
    tried every form (a hundred for the office titles), which made scanning the text the main
    cost of extraction. The match is the same: forms that begin with different ASCII letters
    (case ignored) cannot match at the same place, and within a group the order is kept.
    Forms that begin otherwise are left as they are.
    """
    if not all(form[:1].isascii() and form[:1].isalpha() for form in forms):
        return "|".join(alternatives)
    groups: dict[str, list[str]] = {}
    for form, alternative in zip(forms, alternatives, strict=True):
        # re.escape leaves ASCII letters as they are: the alternative starts with the letter.
        groups.setdefault(form[0].lower(), []).append(alternative[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())


def lookup(name: str, key: str, value: str) -> dict[str, str]:
    """A case-insensitive map from the `key` column of a table to its `value` column."""
    return {row[key].lower(): row[value] for row in load_table(name)}
