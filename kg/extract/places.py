"""Mentions of provinces, kabupaten and kota in text, by gazetteer lookup.

One Aho-Corasick automaton over every surface form in `kg.gazetteer` (names and aliases,
bare and behind a type word such as "Kabupaten", "Kab.", "Pemkot", "Provinsi"), built once.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

import ahocorasick

from kg.gazetteer import Surface, normalize, place_by_label, surface_forms
from kg.model import Place, PlaceKind
from kg.resources import data_dir


# A NamedTuple, not a frozen dataclass: made for every mention of every sentence, and a frozen
# dataclass's __init__ costs three times as much (it sets each field through object.__setattr__).
class PlaceMention(NamedTuple):
    """A region named in text: `text[start:end]` as written, and whether a type word led it."""

    start: int
    end: int
    text: str
    place: Place
    typed: bool


@cache
def stopnames() -> frozenset[str]:
    """Bare names (normalised) that are not read as regions unless a type word leads them."""
    path = data_dir() / "place_stopnames.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return frozenset(normalize(row["name"]) for row in rows)


@cache
def _automaton() -> ahocorasick.Automaton:
    # Each form's value carries what the scan asks of every hit: its length, and whether it
    # is a bare name that never counts without a type word.
    stop = stopnames()
    automaton = ahocorasick.Automaton()
    for text, surface in surface_forms().items():
        automaton.add_word(text, (len(text), surface, not surface.typed and text in stop))
    automaton.make_automaton()
    return automaton


_SPACE_RUN = re.compile(r"\s+")


def _fold(text: str) -> tuple[str, Sequence[int]]:
    """`text` lower-cased with whitespace runs as one space, and each folded char's offset.

    Characters whose lower case is longer than one character are kept as they are, so the
    offsets stay one to one.
    """
    folded = _lower_each(text)
    # The common case: nothing moves (single spaces only). Splitting and joining is faster
    # than a regex search for whitespace to fold; it also changes text with a space at either
    # end, which then takes the general path below, right as well.
    if " ".join(folded.split()) == folded:
        return folded, range(len(text))
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    for run in _SPACE_RUN.finditer(folded):
        chars.append(folded[position : run.start()])
        offsets.extend(range(position, run.start() + 1))
        chars.append(" ")
        position = run.end()
    chars.append(folded[position:])
    offsets.extend(range(position, len(text)))
    return "".join(chars), offsets


def _lower_each(text: str) -> str:
    """`text` with each character lower-cased on its own. `str.lower` gives the same string,
    faster, unless a character lowers to more than one ("İ") or by its context (a final
    capital sigma)."""
    lowered = text.lower()
    if len(lowered) == len(text) and "Σ" not in text:
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def find_places(text: str) -> list[PlaceMention]:
    """Every region named in `text`, in order of position, none overlapping.

    Matches only whole words, ignoring case, except that a bare name (no type word) must
    begin with a capital letter and must not be one of `stopnames()`. Where matches overlap
    the longest wins: "Musi Rawas Utara" over "Musi Rawas", "Kota Lubuklinggau" over
    "Lubuklinggau".
    """
    folded, offsets = _fold(text)
    size = len(folded)
    candidates: list[tuple[int, int, Surface]] = []
    for last, (length, surface, stopped) in _automaton().iter(folded):
        first = last - length + 1
        if first > 0 and folded[first - 1].isalnum():
            continue
        if last + 1 < size and folded[last + 1].isalnum():
            continue
        if not surface.typed and (stopped or not text[offsets[first]].isupper()):
            continue
        candidates.append((first, last + 1, surface))
    if not candidates:
        return []

    if len(candidates) > 1:
        candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
        taken: list[tuple[int, int, Surface]] = []
        for first, end, surface in candidates:
            if all(end <= f or first >= e for f, e, _ in taken):
                taken.append((first, end, surface))
        taken.sort(key=lambda c: c[0])
        candidates = taken

    mentions = []
    for first, end, surface in candidates:
        start, stop_at = offsets[first], offsets[end - 1] + 1
        mentions.append(
            PlaceMention(start, stop_at, text[start:stop_at], surface.place, surface.typed)
        )
    return mentions


def place_of_kind(mention: PlaceMention, kind: PlaceKind | None) -> Place:
    """The place a bare name means when the words around it say which kind: "Pilwako Jambi"
    and "Walikota Bekasi" name the kota, not the province or the kabupaten of that name."""
    if mention.typed or kind is None or mention.place.kind == kind:
        return mention.place
    word = {PlaceKind.PROVINCE: "Provinsi", PlaceKind.REGENCY: "Kabupaten", PlaceKind.CITY: "Kota"}
    other = place_by_label(f"{word[kind]} {mention.text}")
    return other if other is not None and other.kind == kind else mention.place
