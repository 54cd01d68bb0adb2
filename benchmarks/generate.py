"""Seeded generator of fictional Pilkada news articles as JSONL, for the benchmarks.

    python -m benchmarks.generate --articles 100000 --seed 1 -o corpus.jsonl

Articles are filled from the templates in `benchmarks/data/templates.txt` (Indonesian
regional-news style, each stating at least one of the four relations), with people composed
from the fictional name lists in `benchmarks/data/` and regions from kg's own gazetteer
(`kg/data/regions.tsv`), so the extractor meets real region names in realistic sentences.

Article `i` of seed `s` depends only on (`s`, `i`): `--offset 100000 --articles 1000` gives
1,000 new articles that continue a 100,000-article corpus (the incremental benchmark). The
officials of a region (its Pj, Sekda, KPU and Bawaslu chairs, a pool of candidates) are fixed
per seed, so the same people recur across articles as they do in real news.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.gazetteer import places
from kg.model import Place, PlaceKind

DATA = Path(__file__).parent / "data"
OFFICE = {PlaceKind.REGENCY: "Bupati", PlaceKind.CITY: "Wali Kota", PlaceKind.PROVINCE: "Gubernur"}
ELECTION = {PlaceKind.REGENCY: "Pilbup", PlaceKind.CITY: "Pilwako", PlaceKind.PROVINCE: "Pilgub"}
PREFIXES = ("", "", "", "H.", "Drs.", "Ir.", "Dr.")
SUFFIXES = ("", "", "S.Sos", "SH", "SE", "MM", "M.Si", "S.STP", "S.Pd", "ST")
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
VOTE_DATE = dt.date(2024, 11, 27)  # Pilkada Serentak 2024
# Templates about the time after the vote are dated after it; the rest in the months before.
AFTER_VOTE = frozenset({"calon-terpilih"})
CANDIDATE_POOL = 8


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    title: str
    paragraphs: tuple[str, ...]


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def given_names() -> tuple[str, ...]:
    return tuple(_lines("given_names.txt"))


@cache
def family_names() -> tuple[str, ...]:
    return tuple(_lines("family_names.txt"))


@cache
def templates() -> tuple[Template, ...]:
    """The templates of templates.txt: "=== name", a headline, paragraphs between blank lines."""
    found: list[Template] = []
    blocks: list[str] = []
    name = ""
    text = (DATA / "templates.txt").read_text(encoding="utf-8")
    for line in [*text.splitlines(), "=== end"]:
        if line.startswith("#"):
            continue
        if line.startswith("=== "):
            paragraphs = [" ".join(block.split()) for block in "\n".join(blocks).split("\n\n")]
            paragraphs = [p for p in paragraphs if p]
            if name:
                found.append(Template(name, paragraphs[0], tuple(paragraphs[1:])))
            name, blocks = line[4:].strip(), []
        else:
            blocks.append(line)
    return tuple(found)


@cache
def _regions() -> tuple[Place, ...]:
    return places()


@cache
def _dateline(place: Place) -> str:
    """The city a story is filed from: the region itself, or a province's first kota."""
    if place.kind is not PlaceKind.PROVINCE:
        return place.name.upper()
    kota = [p for p in _regions() if p.kind is PlaceKind.CITY and p.province_code == place.code]
    return (kota[0].name if kota else place.name).upper()


def _person(rng: random.Random) -> tuple[str, str]:
    """(full name with honorifics, first name): two or three name parts."""
    given = rng.choice(given_names())
    parts = [given]
    if rng.random() < 0.4:
        parts.append(rng.choice(given_names()))
    parts.append(rng.choice(family_names()))
    name = " ".join(parts)
    prefix, suffix = rng.choice(PREFIXES), rng.choice(SUFFIXES)
    full = f"{prefix} {name}".strip() + (f", {suffix}" if suffix else "")
    return full, given


def _official(seed: int, place: Place, role: str) -> tuple[str, str]:
    """The same person for a region and role whatever the article (a per-seed cast)."""
    return _person(random.Random(f"{seed}:{place.code}:{role}"))


def _long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _slots(seed: int, rng: random.Random, place: Place, template: Template) -> dict[str, str]:
    if template.name in AFTER_VOTE:
        day = VOTE_DATE + dt.timedelta(days=rng.randrange(14, 60))
    else:
        day = VOTE_DATE - dt.timedelta(days=rng.randrange(20, 180))
    slots = {
        "DATELINE": _dateline(place),
        "office": OFFICE[place.kind],
        "region": place.name,
        "region_full": place.label,
        "election": ELECTION[place.kind],
        "election_long": f"Pemilihan {OFFICE[place.kind]}",
        "vote_date": _long_date(VOTE_DATE),
        "event_date": f"{DAYS[day.weekday()]}, {_long_date(day)}",
        "event_paren": f"{DAYS[day.weekday()]} ({day.day}/{day.month}/{day.year})",
        "published": day.isoformat(),
    }
    for role in ("pj", "sekda", "kpu", "bawaslu"):
        slots[role], slots[f"{role}_short"] = _official(seed, place, role)
    pool = rng.sample(range(CANDIDATE_POOL), 3)
    for number, member in enumerate(pool, start=1):
        full, short = _official(seed, place, f"candidate{member}")
        slots[f"cand{number}"], slots[f"cand{number}_short"] = full, short
    return slots


def article(seed: int, index: int) -> dict[str, str]:
    """Article `index` of corpus `seed`, the same on every run and machine."""
    rng = random.Random(f"{seed}:{index}")
    template = rng.choice(templates())
    place = rng.choice(_regions())
    slots = _slots(seed, rng, place, template)
    return {
        "id": f"gen-{seed}-{index:07d}",
        "title": template.title.format(**slots),
        "published": slots["published"],
        "text": "\n\n".join(p.format(**slots) for p in template.paragraphs),
    }


def generate(articles: int, seed: int = 1, offset: int = 0) -> Iterator[dict[str, str]]:
    for index in range(offset, offset + articles):
        yield article(seed, index)


def write_corpus(path: Path, articles: int, seed: int = 1, offset: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in generate(articles, seed, offset):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--offset", type=int, default=0, help="index of the first article")
    parser.add_argument("-o", "--output", type=Path, help="JSONL file (default: stdout)")
    args = parser.parse_args(argv)
    if args.output:
        write_corpus(args.output, args.articles, args.seed, args.offset)
        return
    for record in generate(args.articles, args.seed, args.offset):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
