"""The provinces, kabupaten and kota of Indonesia, read once from `kg/data/regions.tsv`.

Lookups by Kemendagri code and by label ("Kab. Muara Enim", "Sumsel", "Lubuk Linggau"), and
the table of surface forms that the place extractor (`kg.extract.places`) compiles.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from kg.model import Place, PlaceKind
from kg.resources import data_dir

# Words that, written before a name, say which kind of region is meant. Only type and
# government words: office titles ("Bupati", "Gubernur") are read by the office extractor.
TYPE_WORDS: Mapping[PlaceKind, tuple[str, ...]] = {
    PlaceKind.PROVINCE: ("Provinsi", "Prov.", "Pemprov", "Pemerintah Provinsi"),
    PlaceKind.REGENCY: ("Kabupaten", "Kab.", "Kab", "Pemkab", "Pemerintah Kabupaten"),
    PlaceKind.CITY: ("Kota", "Pemkot", "Pemerintah Kota"),
}

# A bare name shared by several regions ("Bengkulu", "Bekasi", "Gorontalo") means the
# province first, then the kabupaten: a kota is usually written "Kota X" or "Wali Kota X",
# while "Bupati Bekasi" names the kabupaten with no type word.
_BARE_PREFERENCE = {PlaceKind.PROVINCE: 0, PlaceKind.REGENCY: 1, PlaceKind.CITY: 2}


def normalize(text: str) -> str:
    """Lower case, whitespace runs as one space, no leading or trailing space."""
    return " ".join(text.lower().split())


@dataclass(frozen=True, slots=True)
class Surface:
    """One way a region is written: normalised `text`, and whether it carries a type word."""

    text: str
    place: Place
    typed: bool


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    places: tuple[Place, ...]
    by_code: Mapping[str, Place]
    names: Mapping[str, tuple[str, ...]]  # code -> official name, then aliases


@cache
def _gazetteer() -> _Gazetteer:
    path = data_dir() / "regions.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    places: list[Place] = []
    names: dict[str, tuple[str, ...]] = {}
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        place = Place(
            code=row["code"],
            kind=PlaceKind(row["kind"]),
            name=row["name"],
            province_code=row["province_code"] or None,
        )
        places.append(place)
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        names[place.code] = (place.name, *aliases)
    by_code = {p.code: p for p in places}
    if len(by_code) != len(places):
        raise ValueError(f"{path}: duplicate region codes")
    return _Gazetteer(tuple(places), by_code, names)


def places() -> tuple[Place, ...]:
    """Every province, kabupaten and kota, in code order as listed in regions.tsv."""
    return _gazetteer().places


def place_by_code(code: str) -> Place | None:
    """The region with this Kemendagri code ("16", "16.03"), or None."""
    return _gazetteer().by_code.get(code.strip())


def province_of(place: Place) -> Place | None:
    """The province a kabupaten or kota lies in; None for a province itself."""
    if place.province_code is None:
        return None
    return place_by_code(place.province_code)


def names_of(place: Place) -> tuple[str, ...]:
    """The official name followed by the aliases, all without a type word."""
    return _gazetteer().names.get(place.code, (place.name,))


def _typed_forms(kind: PlaceKind, name: str) -> list[str]:
    forms = []
    for word in TYPE_WORDS[kind]:
        forms.append(normalize(f"{word} {name}"))
        if word.endswith("."):  # "Kab.Muara Enim", written without the space
            forms.append(normalize(f"{word}{name}"))
    return forms


@cache
def surface_candidates() -> Mapping[str, tuple[Surface, ...]]:
    """Every normalised surface form with all the regions it can mean, best first.

    Typed forms come before bare ones; among bare forms a province comes before a
    kabupaten, a kabupaten before a kota.
    """
    found: dict[str, list[Surface]] = {}
    for place in places():
        for name in names_of(place):
            found.setdefault(normalize(name), []).append(Surface(normalize(name), place, False))
            for form in _typed_forms(place.kind, name):
                found.setdefault(form, []).append(Surface(form, place, True))
    result = {}
    for text, surfaces in found.items():
        unique = list(dict.fromkeys(surfaces))
        unique.sort(key=lambda s: (not s.typed, _BARE_PREFERENCE[s.place.kind], s.place.code))
        result[text] = tuple(unique)
    return result


@cache
def surface_forms() -> Mapping[str, Surface]:
    """Every normalised surface form, resolved to the one region it is taken to mean."""
    return {text: surfaces[0] for text, surfaces in surface_candidates().items()}


def place_by_label(text: str) -> Place | None:
    """The region a label names, or None.

    Accepts the name with or without a type word, and aliases: "Kabupaten Muara Enim",
    "Kab. Muara Enim", "Kota Lubuklinggau", "Provinsi Sumatera Selatan", "Sumsel",
    "lubuk  linggau". A bare name shared by a kabupaten and a kota gives the kabupaten.
    """
    surface = surface_forms().get(normalize(text))
    return surface.place if surface else None
