"""Article text -> the paragraphs that are the article, without the page's boilerplate.

Real .txt articles hold one paragraph a line, sometimes with blank lines between, so every
non-blank line is a paragraph. Lines that are not the article are dropped: links to other
articles ("BACA JUGA:"), calls to follow the outlet, photo credits, bylines, ad markers,
timestamps, share buttons (patterns in kg/data/boilerplate.tsv), a repeat of the headline,
and the caption/byline/section lines that some pages put between the headline and the
dateline paragraph ("LUBUKLINGGAU, PALPOS.ID - ...").

Every paragraph is an exact slice of the text: `text[p.start:p.end] == p.text`.
"""

from __future__ import annotations

import re
from functools import cache

from kg.dates import find_dates
from kg.lexicon import load_table
from kg.model import Paragraph

# A repeated headline or header matter is looked for only this early in the text.
HEADER_LINES = 10
# Lines before the dateline paragraph shorter than this are captions, bylines and section
# names; a longer one is treated as the article's own lead and kept.
MAX_HEADER_CHARS = 250
MAX_TIMESTAMP_CHARS = 80

_LINE = re.compile(r"[^\n]+")
_TIMESTAMP_WORDS = {"wib", "wita", "wit", "pukul", "jam", "diperbarui", "update", "updated"}

_CITY = r"[A-Z][A-Za-z'’]*(?:[ -][A-Z][A-Za-z'’]*){0,3}"
_CAPS_CITY = r"[A-Z][A-Z'’]*(?:[ -][A-Z][A-Z'’]*){0,3}"
_DOMAIN = (
    r"[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*"
    r"\.(?i:com|co\.id|id|co|net|org|news|tv|info|online)(?![\w.])"
)
_NAMED_OUTLET = r"(?:ANTARA(?:\s+News)?|CNN\s+Indonesia|CNBC\s+Indonesia|detik\w*|Tribun\w*)"
_OUTLET = rf"(?:{_DOMAIN}|{_NAMED_OUTLET})"
_DASH = r"\s*[-–—]{1,2}"
# Tried in order; the first that matches gives the city (None: the outlet alone).
_DATELINES = [
    re.compile(rf"(?P<city>{_CITY})\s*,\s*{_OUTLET}{_DASH}\s*"),  # LUBUKLINGGAU, PALPOS.ID -
    re.compile(
        rf"(?P<city>{_CITY})\s*\(\s*(?:{_OUTLET}|[A-Z]{{2,}})\s*\){_DASH}\s*"
    ),  # X (ANTARA) -
    re.compile(rf"{_OUTLET}\s*,\s*(?P<city>{_CITY}){_DASH}\s*"),  # RIMAUNEWS.CO.ID, Palembang -
    re.compile(rf"{_DOMAIN}\s*,\s*(?P<city>[A-Z][A-Za-z]+)\s+"),  # Liputan6.com, Jakarta ...
    re.compile(rf"{_OUTLET}{_DASH}\s*"),  # HARIANMUBA.BACAKORAN.CO - (no city)
    re.compile(rf"(?P<city>{_CAPS_CITY}){_DASH}\s*"),  # MUARA ENIM -
    re.compile(r"(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\s+[-–—]{1,2}(?:\s+|$)"),  # Palembang -
]


def clean_paragraphs(text: str, title: str) -> tuple[Paragraph, ...]:
    """The article's paragraphs in order; the headline (the line equal to `title`) first,
    with `is_title=True`."""
    return tuple(paragraph for paragraph, reason in classify_lines(text, title) if not reason)


def classify_lines(text: str, title: str) -> list[tuple[Paragraph, str | None]]:
    """Every non-blank line of `text` as a paragraph, with why it is dropped (None: kept)."""
    lines = [_stripped(match.start(), match.group()) for match in _LINE.finditer(text)]
    lines = [line for line in lines if line.text]
    wanted = _normal(title)
    title_index = next(
        (i for i, line in enumerate(lines) if wanted and _normal(line.text) == wanted), None
    )
    result: list[tuple[Paragraph, str | None]] = []
    for index, line in enumerate(lines):
        if index == title_index:
            result.append((Paragraph(line.start, line.text, is_title=True), None))
        elif index < HEADER_LINES and wanted and _normal(line.text) == wanted:
            result.append((line, "repeated headline"))
        else:
            result.append((line, _boilerplate(line.text)))
    return _drop_header_matter(result)


def find_dateline(paragraph_text: str) -> tuple[str, int] | None:
    """("LUBUKLINGGAU", 20) for "LUBUKLINGGAU, PALPOS.ID- Pesta demokrasi ...": the city the
    article was filed from and the length of the dateline prefix; None without a city."""
    found = _dateline_prefix(paragraph_text)
    if found is None or found[0] is None:
        return None
    return found[0], found[1]


def is_timestamp_line(line: str) -> bool:
    """A line that is only a date and time: "Sabtu, 21 Sep 2024 22:30 WIB"."""
    line = line.strip()
    if len(line) > MAX_TIMESTAMP_CHARS:
        return False
    dates = [d for d in find_dates(line) if d.has_year and not d.value.is_year]
    if not dates:
        return False
    residue = line
    for date in reversed(dates):
        residue = residue[: date.start] + " " + residue[date.end :]
    words = re.findall(r"[^\W\d_]+", residue)
    return all(word.lower() in _TIMESTAMP_WORDS for word in words)


def _dateline_prefix(text: str) -> tuple[str | None, int] | None:
    for pattern in _DATELINES:
        match = pattern.match(text)
        if match:
            city = match.groupdict().get("city")
            return (city.strip() if city else None), match.end()
    return None


def _drop_header_matter(
    lines: list[tuple[Paragraph, str | None]],
) -> list[tuple[Paragraph, str | None]]:
    """Between the headline and an early dateline paragraph, short lines are photo captions,
    bylines and section names ("Sumatera Selatan"): the article starts at the dateline."""
    kept = [i for i, (_, reason) in enumerate(lines[:HEADER_LINES]) if reason is None]
    dateline_at = next(
        (
            i
            for i in kept
            if not lines[i][0].is_title and _dateline_prefix(lines[i][0].text) is not None
        ),
        None,
    )
    if dateline_at is None:
        return lines
    result = list(lines)
    for i in kept:
        paragraph = lines[i][0]
        if i < dateline_at and not paragraph.is_title and len(paragraph.text) < MAX_HEADER_CHARS:
            result[i] = (paragraph, "header matter before the dateline")
    return result


def _boilerplate(line: str) -> str | None:
    for pattern, max_chars, comment in _patterns():
        if (max_chars is None or len(line) <= max_chars) and pattern.search(line):
            return comment
    if is_timestamp_line(line):
        return "timestamp"
    return None


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], int | None, str], ...]:
    return tuple(
        (
            re.compile(row["pattern"], re.I),
            int(row["max_chars"]) if row["max_chars"] else None,
            row["comment"] or row["pattern"],
        )
        for row in load_table("boilerplate.tsv")
    )


def _stripped(start: int, line: str) -> Paragraph:
    body = line.strip()
    if not body:
        return Paragraph(start, "")
    return Paragraph(start + line.index(body), body)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()
