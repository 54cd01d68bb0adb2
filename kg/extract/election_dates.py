"""election on date: "Pilkada Muara Enim 2024", "pilwako Lubuklinggau 27 November 2024",
and a schedule sentence after an election mention ("Dijadwalkan berlangsung pada 27 November
2024, pemilihan ini ...").

One claim per election and article, with the most precise date the article gives (a day
beats a year). Past elections ("pilkada 2018 lalu") are not claimed.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.dates import DateMatch
from kg.extract.context import ArticleContext, SentenceMentions
from kg.extract.elections import (
    PLACE_KIND_FOR_LEVEL,
    ElectionMention,
    canonical_kind,
)
from kg.model import DateValue, Election, ElectionOnDate, Place

# A sentence that gives the date of the election named just before it. "berlangsung" alone is
# not enough ("acara yang berlangsung pada ..." dates an event, not the vote).
_SCHEDULE = re.compile(
    r"\b(?:dijadwalkan|(?<!tempat\s)pemungutan\s+suara|pencoblosan|hari\s+h|jatuh\s+pada)\b"
    r"|\b(?:berlangsung|digelar|dilaksanakan)\b.*\b(?:pemilihan|pilkada|pesta\s+demokrasi)\b"
    r"|\b(?:pemilihan|pilkada|pesta\s+demokrasi)\s+(?:ini|tersebut)\b.*\b(?:berlangsung|digelar|dilaksanakan)\b",
    re.I,
)
# What else a scheduling sentence may date: the swearing-in, the count, the campaign.
_OTHER_EVENT = re.compile(
    r"\b(?:dilantik|pelantikan|penetapan|ditetapkan|pleno|pengundian|debat|kampanye|"
    r"rekapitulasi|pendaftaran|mendaftar)\b",
    re.I,
)
NAMED_DATE_CONFIDENCE = 0.9
YEAR_CONFIDENCE = 0.8
SCHEDULE_CONFIDENCE = 0.75


def election_of(context: ArticleContext, mention: ElectionMention, year: int | None) -> Election:
    """The election a mention names, its region filled from the article when the name implies
    a level ("pilwako" in an article about one kota)."""
    place: Place | None = mention.place
    if place is None and mention.level in PLACE_KIND_FOR_LEVEL:
        place = context.dominant_place(PLACE_KIND_FOR_LEVEL[mention.level])
    return Election(canonical_kind(mention.level, place), place, year)


def extract_election_dates(context: ArticleContext) -> list[ElectionOnDate]:
    claims: dict[tuple[str, str | None, int], ElectionOnDate] = {}
    last: tuple[SentenceMentions, ElectionMention] | None = None
    for sentence in context.sentences:
        for mention in sentence.elections:
            if not sentence.sentence.is_title:  # a headline does not introduce the next line
                last = (sentence, mention)
            if mention.past and (mention.date is None or mention.date.value.is_year):
                continue  # "pilkada 2018 lalu": a past round named by its year only
            scheduled = _scheduled_date(sentence, mention)
            if scheduled is not None:
                # "pilkada Lahat dijadwalkan 27 November mendatang": the day beats the year
                _add(claims, context, sentence, mention, scheduled, SCHEDULE_CONFIDENCE, "schedule")
                continue
            if mention.date is None:
                continue
            date = mention.date
            if not date.value.is_year and _OTHER_EVENT.search(
                sentence.sentence.masked, _clause_start(sentence, mention.start), mention.start
            ):
                # "debat publik pertama Pilgub Sumsel 2024 pada 16 Oktober 2024": the debate's
                # day; the election keeps its year
                date = date._replace(value=DateValue(str(date.value.year)))
            confidence = YEAR_CONFIDENCE if date.value.is_year else NAMED_DATE_CONFIDENCE
            _add(claims, context, sentence, mention, date, confidence, "named")
        if sentence.elections or last is None:
            continue
        previous_sentence, previous = last
        if previous.past or sentence.index - previous_sentence.index > 1:
            continue
        # the cheap tests first: most sentences give no full date, and the pattern is slow
        days = [d for d in sentence.dates if not d.value.is_year]
        date = _scheduled(sentence, days) if days else None
        if date is not None:
            _add(claims, context, sentence, previous, date, SCHEDULE_CONFIDENCE, "schedule")
    return list(claims.values())


def _scheduled_date(sentence: SentenceMentions, mention: ElectionMention) -> DateMatch | None:
    """A full date after an election named without one, in a sentence that schedules it."""
    if mention.date is not None and not mention.date.value.is_year:
        return None
    days = [d for d in sentence.dates if d.start >= mention.end and not d.value.is_year]
    return _scheduled(sentence, days) if days else None


def _scheduled(sentence: SentenceMentions, days: list[DateMatch]) -> DateMatch | None:
    """Of `days`, the date a scheduling sentence gives the vote: the first after the words that
    schedule it ("masa tenang berlangsung 24-26 November, sedangkan pemungutan suara
    dilaksanakan Rabu (27/11)"), else the first; None when the sentence schedules nothing.
    Words that schedule something else in the same clause ("dijadwalkan dilantik pada ...",
    "Debat kedua dijadwalkan pada 6 November") pass that schedule over for the next."""
    text = sentence.sentence.masked
    for cue in _SCHEDULE.finditer(text):
        date = next((d for d in days if d.start >= cue.start()), days[0])
        start = min(_clause_start(sentence, cue.start()), date.start)
        if not _OTHER_EVENT.search(text, start, max(date.start, cue.start())):
            return date
    return None


def _clause_start(sentence: SentenceMentions, position: int) -> int:
    """Where the clause holding `position` begins: after the last comma or semicolon."""
    text = sentence.sentence.masked
    return max(text.rfind(",", 0, position), text.rfind(";", 0, position)) + 1


def _add(
    claims: dict[tuple[str, str | None, int], ElectionOnDate],
    context: ArticleContext,
    sentence: SentenceMentions,
    mention: ElectionMention,
    date: DateMatch,
    confidence: float,
    how: str,
) -> None:
    value: DateValue = date.value
    election = election_of(context, mention, value.year)
    key = (election.kind, election.jurisdiction.code if election.jurisdiction else None, value.year)
    claim = ElectionOnDate(
        election, value, context.evidence(sentence, f"election_on_date.{how}", confidence)
    )
    existing = claims.get(key)
    if existing is None or (existing.date.is_year and not value.is_year):
        claims[key] = claim


def dominant_election(context: ArticleContext) -> Election | None:
    """The regional election the article is about: the most named one with a region or a
    level, with its year (most named year)."""
    counts: Counter[tuple[str, Place | None]] = Counter()
    years: Counter[int] = Counter()
    for sentence in context.sentences:
        for mention in sentence.elections:
            if mention.date and not mention.past:
                years[mention.date.value.year] += 1
            if mention.past or (mention.place is None and mention.level == "generic"):
                continue
            election = election_of(context, mention, None)
            counts[(election.kind, election.jurisdiction)] += 1
    if not counts:
        return None
    (kind, place), _ = counts.most_common(1)[0]
    year = years.most_common(1)[0][0] if years else None
    return Election(kind, place, year)


def election_year(context: ArticleContext) -> int | None:
    years = Counter(
        m.date.value.year for s in context.sentences for m in s.elections if m.date and not m.past
    )
    if years:
        return years.most_common(1)[0][0]
    if context.reference:
        return int(context.reference[:4])
    return None
