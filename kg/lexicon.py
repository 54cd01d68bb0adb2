"""Read the language data in kg/data: TSV tables and word lists, each loaded once.

A table file has `#` comment lines (its source and meaning), then a header row, then rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
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


@cache
def reporting_verbs(kind: str | None = None) -> tuple[str, ...]:
    """Verbs that report speech (kg/data/reporting_verbs.tsv): of one kind ("after_quote",
    "reporting"), or all."""
    rows = load_table("reporting_verbs.tsv")
    return tuple(row["form"] for row in rows if kind is None or row["kind"] == kind)


@cache
def associate_before(phrase: bool = False) -> re.Pattern[str]:
    """A word for someone's associate (kg/data/associates.txt) right before a position
    ("Istri | Bupati Lahat"), or with `phrase` heading the phrase that runs up to it, with no
    comma between ("Tim Pemenangan pasangan calon Wali Kota Palembang | nomor urut 1"); for
    `kg.regex.ends_at`."""
    rest = r"\s+[^,.;:\"“”]*" if phrase else r"\s+"
    return re.compile(forms_pattern(load_words("associates.txt")) + rest + "$")


def alternation(forms: tuple[str, ...]) -> str:
    """`forms` as a regex alternation of literal words, longest first."""
    return "|".join(re.escape(form) for form in sorted(forms, key=lambda form: (-len(form), form)))


def forms_pattern(
    forms: list[str] | tuple[str, ...] | set[str], prefix: bool = False, lower: bool = False
) -> str:
    """A regex alternation of surface forms, ignoring case, longest first, spaces matching
    any whitespace.

    With `prefix`, a form may be followed by more word characters ("netral" -> "netralitas").
    With `lower`, the pattern is for lower-cased ASCII text (see `CaseFreePattern`): the forms
    are lower-cased and case is not ignored, which the regex engine scans faster.
    """
    if lower:
        forms = [form.lower() for form in forms]
    ordered = sorted(set(forms), key=lambda form: (-len(form), form))
    alternatives = [r"\s+".join(re.escape(word) for word in form.split()) for form in ordered]
    tail = r"\w*" if prefix else r"(?!\w)"
    if lower:
        return "(?:" + _by_first_letter(ordered, alternatives, lead=True) + ")" + tail
    return r"(?i:(?<!\w)(?:" + _by_first_letter(ordered, alternatives) + ")" + tail + ")"


# Up to this many first letters, a lower-case pattern begins each group with its letter (the
# engine then skips to those letters), not with the word-start test: with more letters, and
# so more places to stop at, testing the word start first is faster (measured on news text).
_LEADING_LETTERS = 4


def _by_first_letter(forms: list[str], alternatives: list[str], lead: bool = False) -> str:
    r"""`alternatives` as one alternation, grouped by first letter: "b(?:upati|awaslu)|k(?:pu)".

    The regex engine then tries one letter a group at a position where a plain alternation
    tried every form (a hundred for the office titles), which made scanning the text the main
    cost of extraction. The match is the same: forms that begin with different ASCII letters
    (case ignored) cannot match at the same place, and within a group the order is kept.
    Forms that begin otherwise are left as they are.

    With `lead`, the result also tests that a match begins a word (the caller's `(?<!\w)`):
    after the letter when there are few letters ("p(?<!\w.)(?:ilkada|ilwako)"), else first.
    """
    if not all(form[:1].isascii() and form[:1].isalpha() for form in forms):
        return r"(?<!\w)(?:" + "|".join(alternatives) + ")" if lead else "|".join(alternatives)
    groups: dict[str, list[str]] = {}
    for form, alternative in zip(forms, alternatives, strict=True):
        # re.escape leaves ASCII letters as they are: the alternative starts with the letter.
        groups.setdefault(form[0].lower(), []).append(alternative[1:])
    if lead and len(groups) <= _LEADING_LETTERS:
        return "|".join(
            f"{letter}(?<!\\w.)(?:{'|'.join(rests)})" for letter, rests in groups.items()
        )
    grouped = "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())
    return r"(?<!\w)(?:" + grouped + ")" if lead else grouped


# The four letters outside ASCII that `re` matches, ignoring case, to an ASCII letter, and
# that lower() does not turn into it ("İ".lower() is "i" and a combining dot). Replaced one
# for one in the text a CaseFreePattern runs on, so that offsets stay and what matches reads
# as its form: "PİLKADA" is the lexicon's "pilkada". (Found by trying every code point
# against every ASCII letter with re.IGNORECASE, Python 3.11.)
_CASE_TWINS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})


def ascii_twins(text: str) -> str:
    """`text` for a pattern that ignores case: the letters `re` matches to an ASCII letter
    replaced by it, one for one (offsets stay), so that matched text reads as its form."""
    return text.translate(_CASE_TWINS)


@dataclass(frozen=True, slots=True)
class CaseFreePattern:
    """A pattern that ignores case, and its twin for lower-cased text.

    Ignoring case makes the regex engine compare each letter both ways and keeps it from
    skipping ahead to the letters a match can begin with; lower-casing the text first is
    cheaper. For ASCII text the two find the same spans. Other text keeps the pattern that
    ignores case: `re` matches "K" (a Kelvin sign) to "k", which lower-casing does not.
    """

    ignoring_case: re.Pattern[str]
    on_lower: re.Pattern[str]

    @classmethod
    def build(cls, pattern: Callable[[bool], str]) -> CaseFreePattern:
        """From a function giving the pattern text, for lower-cased text when passed True."""
        return cls(re.compile(pattern(False), re.I), re.compile(pattern(True)))

    def on(self, text: str) -> tuple[re.Pattern[str], str]:
        """The pattern to run, and the text to run it on (same offsets as `text`); matched
        text may come back lower-cased."""
        if text.isascii():
            return self.on_lower, text.lower()
        return self.ignoring_case, ascii_twins(text)


def lookup(name: str, key: str, value: str) -> dict[str, str]:
    """A case-insensitive map from the `key` column of a table to its `value` column."""
    return {row[key].lower(): row[value] for row in load_table(name)}
