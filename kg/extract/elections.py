"""Election mentions: "Pilkada Muara Enim 2024", "pilwako Lubuklinggau 27 November 2024",
"Pilkada Serentak tahun 2024", with the region and date that follow them.

Names are data (kg/data/elections.tsv). The canonical kind of an election depends on its
region: a Pilkada in a kabupaten elects a bupati, in a kota a wali kota, in a province a
governor; a Pilkada with no region is the nationwide simultaneous round.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from kg.dates import DateMatch
from kg.extract.places import PlaceMention, place_of_kind
from kg.lexicon import CaseFreePattern, forms_pattern, load_table
from kg.model import Place, PlaceKind

SERENTAK = "Pilkada Serentak"
GENERIC = "Pemilihan Kepala Daerah"
KIND_FOR_LEVEL = {
    "bupati": "Pemilihan Bupati",
    "wali kota": "Pemilihan Wali Kota",
    "gubernur": "Pemilihan Gubernur",
}
LEVEL_FOR_PLACE_KIND = {
    PlaceKind.REGENCY: "bupati",
    PlaceKind.CITY: "wali kota",
    PlaceKind.PROVINCE: "gubernur",
}
PLACE_KIND_FOR_LEVEL = {level: kind for kind, level in LEVEL_FOR_PLACE_KIND.items()}

_DEPUTY = re.compile(r"\s+dan\s+wakil\s+(?:bupati|wali\s*kota|gubernur)\b", re.I)
_SERENTAK = re.compile(r"\s+serentak\b", re.I)
# Between an election name and its region or date: "(pilwako)", "tahun", "pada", "di", ",".
_GAP = re.compile(
    r"(?:\s|,|\((?:[^()]{0,40})\)|\b(?:tahun|pada|di|tanggal|"
    r"(?:yang\s+)?(?:akan\s+)?(?:sama-sama\s+|serentak\s+)?"
    r"(?:digelar|berlangsung|dilaksanakan|jatuh)(?:\s+pada)?)\b)*",
    re.I,
)
_COORDINATION = re.compile(r"\s*(?:,|dan|serta|maupun|atau)\s*", re.I)
_PAST = re.compile(r"\s*(?:lalu|silam|sebelumnya|yang\s+lalu)\b", re.I)


# A NamedTuple, not a frozen dataclass: made for every mention of every sentence, and a frozen
# dataclass's __init__ costs three times as much (it sets each field through object.__setattr__).
class ElectionMention(NamedTuple):
    start: int
    end: int
    level: str  # "generic" | "bupati" | "wali kota" | "gubernur"
    serentak: bool
    place: Place | None
    date: DateMatch | None
    past: bool = False


@cache
def _forms() -> dict[str, tuple[str, bool]]:
    return {
        " ".join(row["form"].lower().split()): (row["kind"], row["serentak"] == "yes")
        for row in load_table("elections.tsv")
    }


@cache
def _pattern() -> CaseFreePattern:
    forms = list(_forms())
    return CaseFreePattern.build(lambda lower: forms_pattern(forms, lower=lower))


def canonical_kind(level: str, place: Place | None) -> str:
    """The canonical election kind for a name's level and its region."""
    if level != "generic":
        return KIND_FOR_LEVEL[level]
    if place is None:
        return SERENTAK
    return KIND_FOR_LEVEL[LEVEL_FOR_PLACE_KIND[place.kind]]


def canonicalise_kind(kind: str, place: Place | None) -> str:
    """Canonical kind for a kind written by a person ("Pilkada", "Pilwako", "Pemilihan Kepala
    Daerah"), used to compare gold facts with extracted ones."""
    key = " ".join(kind.lower().split())
    level, _ = _forms().get(key, ("generic", False))
    for canonical_level, canonical in KIND_FOR_LEVEL.items():
        if key == canonical.lower():
            level = canonical_level
    return canonical_kind(level, place)


def find_elections(
    text: str, places: list[PlaceMention], dates: list[DateMatch]
) -> list[ElectionMention]:
    """Election mentions in `text`, with the region and date written right after them.
    `places` and `dates` are mentions in the same coordinates as `text`."""
    pattern, subject = _pattern().on(text)
    matches = list(pattern.finditer(subject))
    if not matches:
        return []  # most sentences name no election
    place_at = {place.start: place for place in places}
    date_at = {date.start: date for date in dates}
    mentions = []
    for match in matches:
        level, serentak = _forms()[" ".join(match.group().lower().split())]
        end = match.end()
        for extra in (_DEPUTY, _SERENTAK):
            found = extra.match(text, end)
            if found:
                serentak = serentak or extra is _SERENTAK
                end = found.end()
        place = None
        gap = _GAP.match(text, end)
        place_mention = place_at.get(gap.end()) if gap else None
        if place_mention is None:
            # a typed region sharing the name's last word: "Pemilihan Wali [Kota Prabumulih]"
            place_mention = next((p for p in places if match.start() < p.start < end < p.end), None)
        if place_mention is not None:
            place, end = (
                place_of_kind(place_mention, PLACE_KIND_FOR_LEVEL.get(level)),
                place_mention.end,
            )
            found = _SERENTAK.match(text, end)
            if found:
                serentak, end = True, found.end()
        date = None
        gap = _GAP.match(text, end)
        if gap and gap.end() in date_at:
            date = date_at[gap.end()]
            end = date.end
        past = bool(_PAST.match(text, end))
        mentions.append(ElectionMention(match.start(), end, level, serentak, place, date, past))
    return _share_dates(text, mentions)


def _share_dates(text: str, mentions: list[ElectionMention]) -> list[ElectionMention]:
    """ "Pilwako Jambi dan Pilgub Jambi ... 27 November 2024": coordinated names share a date."""
    shared = list(mentions)
    for i in range(len(shared) - 2, -1, -1):
        current, following = shared[i], shared[i + 1]
        joined = _COORDINATION.fullmatch(text[current.end : following.start])
        if current.date is None and following.date is not None and joined:
            shared[i] = current._replace(date=following.date, past=following.past)
    return shared
