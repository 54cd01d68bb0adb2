"""Office mentions: "Penjabat (Pj) Bupati Muara Enim", "Kepala Dinas Kehutanan Sumsel",
"Plt Muratara", with qualifier, role, unit and the region that follows.

Titles and qualifiers are data (kg/data/offices.tsv, kg/data/qualifiers.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from kg.extract.places import PlaceMention, place_of_kind
from kg.lexicon import CaseFreePattern, forms_pattern, load_table, load_words
from kg.model import Office, Place, PlaceKind

ROLE_FOR_PLACE_KIND = {
    PlaceKind.REGENCY: "Bupati",
    PlaceKind.CITY: "Wali Kota",
    PlaceKind.PROVINCE: "Gubernur",
}
LEVEL_FOR_PLACE_KIND = {
    PlaceKind.REGENCY: "kabupaten",
    PlaceKind.CITY: "kota",
    PlaceKind.PROVINCE: "provinsi",
}

KIND_FOR_LEVEL = {level: kind for kind, level in LEVEL_FOR_PLACE_KIND.items()}

# Words between an office and its region: "Kepala Biro Organisasi Setda Sumsel".
# Between an office and its region: "Setda", "di lingkungan", "se-", or the number of a
# military command ("Dandim 0405/Lahat", "Danrem 044/Garuda Dempo").
_FILLER = re.compile(
    r"\s*(?:(?:Setda|Sekretariat\s+Daerah|di\s+lingkungan|se-?|\d{2,4}\s*/)\s*)?", re.I
)
_UNIT_WORD = re.compile(r"\s+([A-Z][\w&/.-]*|dan|&|serta)(?!\w)")
_CONNECTORS = {"dan", "&", "serta"}
_FORMER = re.compile(r"(?:mantan|eks|bekas)\s+$", re.I)
_CANDIDATE = re.compile(r"(?:calon|cabup|cawabup|cawalkot|paslon|kandidat)\s+$", re.I)
# "sebagai Bupati dan Wakil Bupati Lahat terpilih": elected, not yet holding the office.
_ELECT_AFTER = re.compile(r"[^,.;]{0,40}?\bterpilih\b", re.I)
# After a title: the republic ("Ketua KPU RI"), the post's national level.
_NATIONAL = re.compile(r"\s+(?:RI|Republik\s+Indonesia)(?!\w)")
# "calon Bupati dan Wakil Bupati Lahat", "mantan Wali Kota dan Wakil Wali Kota": two offices
# joined so, one word before the first speaking for both.
_COORDINATED = re.compile(rf"\s*(?:{'|'.join(map(re.escape, sorted(_CONNECTORS)))}|/)\s*", re.I)


# A NamedTuple, not a frozen dataclass: made for every mention of every sentence, and a frozen
# dataclass's __init__ costs three times as much (it sets each field through object.__setattr__).
class OfficeMention(NamedTuple):
    start: int
    end: int
    role: str
    qualifier: str | None
    unit: str | None
    place: Place | None
    level: str
    former: bool = False  # "mantan Bupati"
    candidate: bool = False  # "calon Bupati", "Bupati terpilih": sought or won, not yet held

    def office(self, place: Place | None = None) -> Office:
        return Office(self.role, self.qualifier, self.unit, place or self.place)


@dataclass(frozen=True, slots=True)
class _Role:
    role: str
    deputy: bool
    level: str
    takes_unit: bool
    takes_area: bool = False


@cache
def _roles() -> dict[str, _Role]:
    return {
        row["form"].lower(): _Role(
            row["role"],
            row["deputy"] == "Wakil",
            row["level"],
            row["unit"] == "yes",
            row["unit"] == "area",
        )
        for row in load_table("offices.tsv")
    }


@cache
def _qualifiers() -> dict[str, str]:
    return {row["form"].lower(): row["qualifier"] for row in load_table("qualifiers.tsv")}


@cache
def _office_pattern() -> CaseFreePattern:
    # A qualifier (then a role or not), or a role alone. Written so that it cannot match the
    # empty string: `(qualifier\s+)?(role)?` found the same mentions, but matched empty at
    # every other character, so the caller searched once per character.
    qualifiers, roles = list(_qualifiers()), list(_roles())

    def pattern(lower: bool) -> str:
        qualifier = forms_pattern(qualifiers, lower=lower)
        role = forms_pattern(roles, lower=lower)
        return rf"(?P<qualifier>{qualifier})\s+(?P<role>{role})?|(?P<bare_role>{role})"

    return CaseFreePattern.build(pattern)


def _squash_space(text: str) -> str:
    return " ".join(text.split()).lower()


def find_offices(text: str, places: list[PlaceMention], offset: int = 0) -> list[OfficeMention]:
    """Office mentions in `text`; `places` are the place mentions in the same text (same
    coordinates as `text`). Offsets in the result are `offset` + the position in `text`."""
    pattern, subject = _office_pattern().on(text)
    match = pattern.search(subject)
    if match is None:
        return []
    place_at = {place.start: place for place in places}
    mentions: list[OfficeMention] = []
    previous: OfficeMention | None = None
    while match is not None:
        mention = _mention(text, match, place_at)
        if mention is None:
            position = match.end()
        else:
            if previous is not None and _COORDINATED.fullmatch(text, previous.end, mention.start):
                mention = _coordinated(previous, mention)
            mentions.append(_shift(mention, offset))
            previous, position = mention, mention.end
        match = pattern.search(subject, position) if position < len(text) else None
    return mentions


def _mention(
    text: str, match: re.Match[str], place_at: dict[int, PlaceMention]
) -> OfficeMention | None:
    qualifier_text = match.group("qualifier")
    role_text = match.group("role") or match.group("bare_role")
    qualifier = _qualifiers()[_squash_space(qualifier_text)] if qualifier_text else None
    end = match.end()
    unit = None
    if role_text:
        role = _roles()[_squash_space(role_text)]
        role_name, level = role.role, role.level
        if role.takes_unit:
            unit, end = _read_unit(text, end, place_at)
        elif role.takes_area:
            _, end = _read_unit(text, end, place_at)
    else:
        # "Plt Muratara": a qualifier right before a region names that region's head.
        place = _place_after(text, end, place_at)
        if qualifier is None or place is None:
            return None
        role = _Role(ROLE_FOR_PLACE_KIND[place.place.kind], False, "", False)
        role_name, level = role.role, LEVEL_FOR_PLACE_KIND[place.place.kind]
    place = _place_after(text, end, place_at) or _place_overlapping(match.start(), end, place_at)
    region = None
    if place is None and (national := _NATIONAL.match(text, end)):
        end = national.end()  # "Ketua Badan Pengawas Pemilu (Bawaslu) RI": the national post
    if place is not None:
        end = place.end
        region = place_of_kind(place, KIND_FOR_LEVEL.get(level))
        if role.takes_area:  # "Camat Prabumulih Timur": the kecamatan named after its town
            direction = _area_direction().match(text, end)
            end = direction.end() if direction else end
    if role.deputy:
        qualifier = f"{qualifier} Wakil" if qualifier else "Wakil"
    before = text[max(0, match.start() - 20) : match.start()]
    return OfficeMention(
        start=match.start(),
        end=end,
        role=role_name,
        qualifier=qualifier,
        unit=unit,
        place=region,
        level=level,
        former=bool(_FORMER.search(before)),
        candidate=bool(_CANDIDATE.search(before)) or bool(_ELECT_AFTER.match(text, end)),
    )


@cache
def _area_direction() -> re.Pattern[str]:
    return re.compile(r"\s+" + forms_pattern(load_words("area_directions.txt")))


def _coordinated(first: OfficeMention, second: OfficeMention) -> OfficeMention:
    """`second`, joined to `first` by "dan": a candidate's or a former holder's office if
    `first` is one ("bakal calon Wali Kota dan Wakil Wali Kota Palembang, A dan B" names two
    candidates, not a deputy mayor)."""
    return second._replace(
        candidate=second.candidate or first.candidate, former=second.former or first.former
    )


def _read_unit(
    text: str, position: int, place_at: dict[int, PlaceMention]
) -> tuple[str | None, int]:
    """The unit a "Kepala Dinas"-like role heads: capitalised words up to a region or a stop."""
    words: list[tuple[str, int]] = []
    end = position
    while True:
        match = _UNIT_WORD.match(text, end)
        if not match or match.start(1) in place_at or match.group(1).lower() == "setda":
            break
        word = match.group(1).rstrip(".")
        words.append((word, match.start(1) + len(word)))
        end = match.end()
    while words and words[-1][0].lower() in _CONNECTORS:
        words.pop()
    if not words:
        return None, position
    # "Masyarakat Dan Desa" and "Masyarakat dan Desa" are one post (its IRI ignores case):
    # the connector is written one way, or the post gets two titles from two articles.
    unit = [word.lower() if word.lower() in _CONNECTORS else word for word, _ in words]
    return " ".join(unit), words[-1][1]


def _place_after(
    text: str, position: int, place_at: dict[int, PlaceMention]
) -> PlaceMention | None:
    filler = _FILLER.match(text, position)
    start = filler.end() if filler else position
    return place_at.get(start)


def _place_overlapping(
    start: int, end: int, place_at: dict[int, PlaceMention]
) -> PlaceMention | None:
    """A typed region that shares its type word with the title: "Wali [Kota Pagar Alam]"."""
    for place in place_at.values():
        if start < place.start < end < place.end:
            return place
    return None


def _shift(mention: OfficeMention, offset: int) -> OfficeMention:
    if not offset:
        return mention
    return OfficeMention(
        mention.start + offset,
        mention.end + offset,
        mention.role,
        mention.qualifier,
        mention.unit,
        mention.place,
        mention.level,
        mention.former,
        mention.candidate,
    )
