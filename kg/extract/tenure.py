"""When a holding began or ended, as far as its sentence says.

    Koimuddin dilantik sebagai Pj Wali Kota ..., Senin (23/9/2024)   start 2024-09-23
    menjabat sejak 18 September 2023                                 start 2023-09-18
    Bupati periode 2018-2023                                         start 2018, end 2023
    Pj Wali Kota X sebelumnya Trisko ... digantikan Koimuddin          Trisko's holding ended

A cue without its own date takes the sentence's date, else the article's publication date.
The cue words are data (kg/data/tenure_cues.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.context import ArticleContext, SentenceMentions
from kg.extract.cues import Cue, find_cues
from kg.model import DateValue
from kg.regex import ends_at

_FUTURE = re.compile(r"\b(?:akan|segera|rencananya|dijadwalkan)\s+(?:di\s*)?$", re.I)
CUE_REACH = 80  # characters between a tenure cue and the post it dates
_PRONOUN = re.compile(r"\s*(?:dia|ia|beliau)\b", re.I)
_SINCE = re.compile(r"\bsejak\s+$", re.I)
_PERIOD = re.compile(r"\bperiode\s+((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)?\d\d)\b", re.I)


@dataclass(frozen=True, slots=True)
class Tenure:
    start: DateValue | None = None
    end: DateValue | None = None
    cue: str | None = None


def read_tenure(
    context: ArticleContext,
    sentence: SentenceMentions,
    current: bool,
    office_start: int,
    taken_up: bool = False,
) -> Tenure:
    """The tenure bounds a sentence gives the holding it states (current or former).
    `office_start` is where the post is named in the sentence; `taken_up` says the post was
    linked by "sebagai" ("digantikan X sebagai <post>": X takes the post up)."""
    text = sentence.sentence.masked
    period = _PERIOD.search(text) if _may_name_a_period(text) else None
    if period:
        first, last = period.group(1), period.group(2)
        last = last if len(last) == 4 else first[:2] + last
        return Tenure(DateValue(first), DateValue(last), period.group(0))
    for date in sentence.dates:
        if not date.value.is_year and ends_at(_SINCE, text, date.start):
            return Tenure(start=date.value, cue=text[date.start - 6 : date.end].strip())
    cue = _cue(text, current, office_start, taken_up)
    if cue is None and not current:
        # "Pj Wali Kota X sebelumnya Trisko ... . Dia digantikan Koimuddin ..."
        following = context.sentences[sentence.index + 1 : sentence.index + 2]
        if following and _PRONOUN.match(following[0].sentence.masked):
            sentence = following[0]
            cue = _cue(sentence.sentence.masked, current, 0, taken_up=False)
    if cue is None:
        return Tenure()
    words = sentence.sentence.masked[cue.start : cue.end]
    when = _event_date(context, sentence)
    if current:
        return Tenure(start=when, cue=words)
    return Tenure(end=when, cue=words)


def _may_name_a_period(text: str) -> bool:
    """False only where `_PERIOD` cannot match: ASCII text without "periode" in any case (in
    ASCII text, ignoring case is comparing lower case; only other scripts need the pattern).
    The test is a tenth of the pattern's search, and few sentences name a period."""
    return not text.isascii() or "periode" in text.lower()


def replaced_on(context: ArticleContext, sentence: SentenceMentions) -> Tenure:
    """The tenure of a holder someone else replaces in this sentence ("A gantikan B"): it ends
    on the sentence's date, else the article's."""
    return Tenure(end=_event_date(context, sentence), cue="digantikan")


def _cue(text: str, current: bool, office_start: int, taken_up: bool) -> Cue | None:
    """A start cue near the post for a current holding (also "digantikan X sebagai <post>":
    X takes the post up), an end cue for a former one; never a future one ("akan dilantik")."""
    for cue in find_cues("tenure_cues.tsv", "effect", text):
        if abs(cue.start - office_start) > CUE_REACH or ends_at(_FUTURE, text, cue.start):
            continue
        if current and (cue.value == "start" or (taken_up and cue.start < office_start)):
            return cue
        if not current and cue.value == "end":
            return cue
    return None


def _event_date(context: ArticleContext, sentence: SentenceMentions) -> DateValue | None:
    election_dates = {e.date.start for e in sentence.elections if e.date}
    for date in sentence.dates:
        if date.start not in election_dates and not date.value.is_year:
            return date.value
    if context.article.published:
        return DateValue(context.article.published)
    return None
