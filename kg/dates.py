"""Dates in Indonesian news text, normalised to ISO.

"Jumat, 30 Agustus 2024", "Jumat (30/8/2024)", "30/8/2024", "Sabtu, 21 Sep 2024 22:30 WIB",
"2024-08-30" are full dates. "Rabu (17/7)" and "27 November mendatang" have no year: they take
it from a reference date (the article's publication date) and are skipped without one.
"November 2024" and a bare year after an election word or "tahun" ("Pilkada Serentak 2024",
"tahun 2024") are years. Month names are data (kg/data/months.tsv).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from kg.lexicon import ascii_twins, forms_pattern, load_table
from kg.model import DateValue


# A NamedTuple, not a frozen dataclass: made for every mention of every sentence, and a frozen
# dataclass's __init__ costs three times as much (it sets each field through object.__setattr__).
class DateMatch(NamedTuple):
    """A date in a text: `text == source[start:end]`; `has_year` is False when the year came
    from the reference date rather than from the text."""

    start: int
    end: int
    text: str
    value: DateValue
    has_year: bool


# A closed set, used only to widen a date's span to the weekday written before it.
_WEEKDAYS = (
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Jum’at", "Sabtu", "Minggu", "Ahad",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)  # fmt: skip
# Words after which a bare four-digit number is a year: election names and "tahun".
_YEAR_CUES = (
    "pilkada", "pilwako", "pilwakot", "pilwalkot", "pilwali", "pilbup", "pilbub", "pilgub",
    "pilgubsu", "pileg", "pilpres", "pilkades", "pemilukada", "pemilu", "pemilihan", "tahun",
)  # fmt: skip
# After a yearless date: the date is ahead of ("mendatang") or behind ("lalu") the reference.
_FUTURE = re.compile(r"\s*,?\s*(?:mendatang|nanti|yang\s+akan\s+datang|depan)\b", re.I)
_PAST = re.compile(r"\s*,?\s*(?:lalu|silam|kemarin|yang\s+lalu)\b", re.I)

_MIN_YEAR, _MAX_YEAR = 1900, 2099
_DIGIT = re.compile(r"\d")
_TIME = r"(?:\s*,?\s*(?:pukul\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?!\d)(?:\s*(?:wib|wita|wit)\b)?)?"
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*")


@cache
def month_numbers() -> dict[str, int]:
    """Lower-cased month form -> month number, from kg/data/months.tsv."""
    months = {}
    for row in load_table("months.tsv"):
        for form in row["forms"].split(","):
            if form.strip():
                months[form.strip().lower()] = int(row["month"])
    return months


@dataclass(frozen=True, slots=True)
class _Form:
    """One way of writing a date.

    `gate` is a cheaper pattern that finds something every match contains: a text without a
    gate match skips the form. With `from_gate`, a match begins where a gate match does, so
    the scan starts at the first one. `plain` is the same pattern without the weekday that
    may lead it, for a text that names no weekday (None: this form needs one). A pattern that
    begins with a digit is scanned quickly from digit to digit; one that begins with an
    optional weekday is tried at every character, and most texts name no weekday.
    """

    pattern: re.Pattern[str]
    plain: re.Pattern[str] | None
    convert: Callable
    gate: re.Pattern[str] | None = None
    from_gate: bool = False


@cache
def _forms(lower: bool) -> tuple[_Form, ...]:
    """The date forms, ignoring case; with `lower`, for lower-cased ASCII text instead (the
    engine skips ahead faster when it need not compare letters both ways)."""
    month_word = forms_pattern(list(month_numbers()), lower=lower)
    month = "(?P<month>" + month_word + r")\.?"
    weekday = forms_pattern(_WEEKDAYS, lower=lower)
    wd = rf"(?:(?P<wd>{weekday})\s*,?\s*)?"
    # "(?<![\d.,/])\d{1,2}", written to begin with the digit so that a scan can skip to digits.
    day = r"(?P<day>\d(?<![\d.,/]\d)\d?)"
    year = r"(?P<year>(?:19|20)\d{2})(?![\d/])"
    flags = 0 if lower else re.I
    named = re.compile(month_word, flags)
    day_named = re.compile(r"\d\s+" + month_word, flags)  # scanned from digits only: fast
    numeric = re.compile(r"\d[/.-]\d")  # also in every ISO date ("2024-08-30")
    numeric_date = rf"{day}(?P<sep>[/.-])(?P<m>\d{{1,2}})(?P=sep){year}"
    day_month_year = day + r"\s+" + month + r"\s*,?\s*" + year + _TIME
    day_month = day + r"\s+" + month + r"(?!\s*,?\s*\d)"
    return (
        _Form(
            re.compile(r"(?<![\d-])" + year + r"-(?P<m>\d{2})-(?P<day>\d{2})(?![\d-])"),
            None,
            _numeric,
            numeric,
        ),
        _Form(
            re.compile(wd + day_month_year, flags),
            re.compile(day_month_year, flags),
            _named,
            day_named,
        ),
        _Form(
            re.compile(month + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,\s*" + year, flags),
            None,
            _named,
            named,
            from_gate=True,
        ),
        _Form(
            re.compile(rf"(?:(?P<wd>{weekday})\s*,?\s*\(\s*)?{numeric_date}(?(wd)\s*\))", flags),
            re.compile(numeric_date, flags),
            _numeric,
            numeric,
        ),
        _Form(
            re.compile(rf"(?P<wd>{weekday})\s*,?\s*\(\s*{day}/(?P<m>\d{{1,2}})\s*\)", flags),
            None,
            _numeric,
            numeric,
        ),
        _Form(re.compile(wd + day_month, flags), re.compile(day_month, flags), _named, day_named),
        # Not after a day number: "30 Februari 2024" is an impossible date, not a month.
        _Form(
            re.compile(r"(?<!\d)(?<!\d )" + month + r"\s+" + year, flags),
            None,
            _month_year,
            named,
            from_gate=True,
        ),
    )


@cache
def _weekday(lower: bool) -> re.Pattern[str]:
    return re.compile(forms_pattern(_WEEKDAYS, lower=lower), 0 if lower else re.I)


def find_dates(text: str, reference: str | None = None) -> list[DateMatch]:
    """Dates in `text`, in order, not overlapping (the longest wins where two start together).

    `reference` is an ISO date (or datetime) that gives yearless dates their year; without it
    they are skipped. Impossible dates ("31/2/2024") are skipped.
    """
    if not _DIGIT.search(text):
        return []  # every date form has a number in it; most sentences have none
    ref = _parse_reference(reference)
    # Lower-cased, ASCII text is matched to the same spans by the lower-case forms; other
    # text keeps the forms that ignore case (see kg.lexicon.CaseFreePattern).
    lower = text.isascii()
    subject = text.lower() if lower else ascii_twins(text)
    found: list[DateMatch] = []
    gates: dict[re.Pattern[str], re.Match[str] | None] = {}
    weekday_at: int | None = -1  # where the first weekday begins; -1: not looked for yet
    for form in _forms(lower):
        start = 0
        if form.gate is not None:
            if form.gate not in gates:
                gates[form.gate] = form.gate.search(subject)
            gate = gates[form.gate]
            if gate is None:
                continue
            if form.from_gate:
                start = gate.start()
        matches: Iterator[re.Match[str]]
        if "wd" in form.pattern.groupindex:
            if weekday_at == -1:
                weekday = _weekday(lower).search(subject)
                weekday_at = weekday.start() if weekday else None
            if weekday_at is not None:
                matches = _weekday_led(form, subject, start, weekday_at)
            elif form.plain is not None:
                matches = form.plain.finditer(subject, start)
            else:
                continue
        else:
            matches = form.pattern.finditer(subject, start)
        for match in matches:
            date = form.convert(match, text, ref)
            if date is not None:
                found.append(date)
    found.extend(_cued_years(text, subject, lower))
    return _without_overlaps(found)


def _weekday_led(form: _Form, subject: str, start: int, weekday_at: int) -> Iterator[re.Match[str]]:
    """The form's matches in a text whose first weekday begins at `weekday_at`.

    No match begins with a weekday before that, so there the plain pattern, scanned from
    digit to digit, finds what the full one does; the full one is tried at every character,
    and a weekday mostly comes late in a sentence ("..., Jumat (30/8/2024)."). Then the full
    pattern goes on from the weekday, or from the end of the last plain match if later.
    """
    resume = max(start, weekday_at)
    if form.plain is not None:
        for match in form.plain.finditer(subject, start):
            if match.start() >= weekday_at:
                break
            yield match
            resume = max(resume, match.end())
    yield from form.pattern.finditer(subject, resume)


def find_years(text: str) -> list[DateMatch]:
    """Every four-digit 19xx/20xx token standing as a word, as a year."""
    return [
        DateMatch(m.start(), m.end(), m.group(), DateValue(m.group()), True)
        for m in re.finditer(r"\b(?:19|20)\d{2}\b", text)
    ]


def parse_iso_date(text: str) -> str | None:
    """ "2024-08-30" or "2024-08-30T10:00:00+07:00" -> "2024-08-30"; None when not a valid
    ISO date."""
    if not isinstance(text, str):
        return None
    match = _ISO_DATE.fullmatch(text)
    if not match:
        return None
    return _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))


@lru_cache(maxsize=64)
def _parse_reference(reference: str | None) -> dt.date | None:
    # Asked once per sentence with the article's date: parsed once per article.
    iso = parse_iso_date(reference) if reference else None
    return dt.date.fromisoformat(iso) if iso else None


def _iso(year: int, month: int, day: int) -> str | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric(match: re.Match[str], text: str, ref: dt.date | None) -> DateMatch | None:
    day, month = int(match.group("day")), int(match.group("m"))
    return _resolve(match, text, ref, day, month)


def _named(match: re.Match[str], text: str, ref: dt.date | None) -> DateMatch | None:
    month = month_numbers()[" ".join(match.group("month").rstrip(".").lower().split())]
    return _resolve(match, text, ref, int(match.group("day")), month)


def _month_year(match: re.Match[str], text: str, ref: dt.date | None) -> DateMatch | None:
    # "pada November 2024": the month is known but DateValue holds a date or a year.
    start, end = match.span()
    return DateMatch(start, end, text[start:end], DateValue(match["year"]), True)


def _resolve(
    match: re.Match[str], text: str, ref: dt.date | None, day: int, month: int
) -> DateMatch | None:
    groups = match.groupdict()
    if groups.get("year"):
        iso = _iso(int(groups["year"]), month, day)
        has_year = True
    else:
        iso = _yearless(match, text, ref, day, month, groups.get("wd"))
        has_year = False
    if iso is None:
        return None
    start, end = match.span()
    return DateMatch(start, end, text[start:end], DateValue(iso), has_year)


def _yearless(
    match: re.Match[str], text: str, ref: dt.date | None, day: int, month: int, wd: str | None
) -> str | None:
    if ref is None:
        return None
    year = ref.year
    if _FUTURE.match(text, match.end()) and month < ref.month:
        year += 1
    elif _PAST.match(text, match.end()) and month > ref.month:
        year -= 1
    elif wd:
        # "Rabu (17/7)" in an article from early January may be last December: the weekday
        # tells which neighbouring year is meant.
        weekday = _weekday_number(wd)
        for candidate in (year, year - 1, year + 1):
            iso = _iso(candidate, month, day)
            if iso and dt.date.fromisoformat(iso).weekday() == weekday:
                return iso
    return _iso(year, month, day)


def _weekday_number(name: str) -> int | None:
    key = name.lower().replace("'", "").replace("’", "")
    indonesian = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"]
    english = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for names in (indonesian, english):
        if key in names:
            return names.index(key)
    return 6 if key == "ahad" else None


@cache
def _year_cue(lower: bool) -> re.Pattern[str]:
    # The cue word, then up to seven words that are not numbers (a region, "Serentak",
    # "(pilwako)", "Bupati dan Wakil Bupati"), then the year: "Pilkada Muara Enim 2024".
    # With `lower`, for lower-cased ASCII text: the cues then begin with "p" or "t" and the
    # engine skips to those letters (a third of the time of the pattern that ignores case).
    cue = forms_pattern(_YEAR_CUES, lower=lower)
    between = r"(?:[ \t]+(?:\([^()\n]{0,30}\)|[^\W\d][\w'’.-]*))"
    return re.compile(rf"{cue}{between}{{0,7}}[ \t]*,?[ \t]*$", 0 if lower else re.I)


# "(?<![\w./-])(?:19|20)", written to begin with the digits so that a scan can skip to them
# (twice as fast as testing the lookbehind at every character).
_YEAR = re.compile(r"(?:19|20)(?<![\w./-]..)\d{2}(?![\w/]|[.,]\d)")


def _cued_years(text: str, subject: str, lower: bool) -> list[DateMatch]:
    """Years after a cue word in `text`; `subject` is `text` as find_dates matches it."""
    source = subject if lower else text
    years = []
    for match in _YEAR.finditer(source):
        start, end = match.span()
        window = source[max(0, start - 120) : start]
        if _year_cue(lower).search(window):
            years.append(DateMatch(start, end, text[start:end], DateValue(text[start:end]), True))
    return years


def _without_overlaps(found: list[DateMatch]) -> list[DateMatch]:
    kept: list[DateMatch] = []
    for date in sorted(found, key=lambda d: (d.start, -(d.end - d.start))):
        if kept and date.start < kept[-1].end:
            continue
        kept.append(date)
    return kept
