"""official issues directive: an official, a directive verb, the groups addressed, a topic.

    Pj Gubernur Sumsel Elen Setiadi meminta agar para ASN ... menjaga netralitas
    Pj Bupati Muara Enim Ingatkan Camat, Lurah Harus Netral          (headline: the post speaks)
    "... kita memohon netralitas," ujarnya.                          (no subject: the last official)

Verbs, addressee groups and topic cues are data (kg/data/directive_verbs.tsv, audiences.tsv,
topics.tsv). A group named after "termasuk" or "sebagai" is not addressed ("para ASN termasuk
penjabat kepala daerah", "tugasnya sebagai ASN"). The date is the sentence's own date, else the
article's first date that is not an election's, else its publication date.
"""

from __future__ import annotations

import re

from kg.extract.context import ArticleContext, SentenceMentions
from kg.extract.cues import Cue, find_cues
from kg.extract.holdings import office_holders, office_key
from kg.extract.text import mask
from kg.lexicon import alternation, reporting_verbs
from kg.model import DateValue, Evidence, HoldsOffice, IssuesDirective, Person
from kg.regex import ends_at

_NOT_ADDRESSED = re.compile(r"(?:termasuk|sebagai(?:\s+seorang)?|selaku|dari|oleh)\s+$", re.I)
_QUOTE = re.compile(r"[\"“”]([^\"“”]{10,400})[\"“”]")
SUBJECTLESS_CONFIDENCE = 0.6
QUOTE_CONFIDENCE = 0.7
# The end of a quote and who said it: '..." tegas Edwar', '...," ujarnya'.
_ATTRIBUTION = re.compile(
    rf"[\"”]\s*,?\s*(?:{alternation(reporting_verbs('after_quote'))})(?P<nya>nya)?\b", re.I
)
# A quote that tells someone what to do.
_IMPERATIVE = re.compile(
    r"\b(?:jangan|harus|wajib|agar|supaya|dilarang|tidak\s+boleh|mohon|diminta|kami\s+minta|"
    r"kami\s+ingatkan|kami\s+imbau)\b",
    re.I,
)
HEADLINE_CONFIDENCE = 0.75
NAMED_CONFIDENCE = 0.85
MAX_SENTENCES_BACK = 3
ADDRESSEE_REACH = 60  # characters after the verb
DATE_REACH = 1  # sentences around a directive where its date may be given
HEADLINE_DATE_REACH = 4  # first body sentences that date a headline's directive


def extract_directives(
    context: ArticleContext, holdings: list[HoldsOffice]
) -> list[IssuesDirective]:
    holders = office_holders(holdings)
    officials = {fact.person.name for fact in holdings if fact.current}
    found: list[IssuesDirective] = []
    for sentence in context.sentences:
        found += _directives_in(context, sentence, holders, officials)
        found += _quoted_directive(context, sentence, officials)
    facts: dict[tuple[str, tuple[str, ...], str], IssuesDirective] = {}
    for fact in found:
        key = (fact.official.name, fact.addressees, fact.topic)
        if key not in facts or facts[key].evidence.confidence < fact.evidence.confidence:
            facts[key] = fact
    return list(facts.values())


def _directives_in(
    context: ArticleContext,
    sentence: SentenceMentions,
    holders: dict[tuple[str, str | None], Person],
    officials: set[str],
) -> list[IssuesDirective]:
    text = sentence.sentence.masked
    verbs = sentence.verbs
    if not verbs:
        return []
    verb = verbs[0]
    addressees = [
        cue
        for cue in find_cues("audiences.tsv", "audience", text)
        if cue.start >= verb.start and not ends_at(_NOT_ADDRESSED, text, cue.start)
    ]
    if not addressees:
        return []
    topics = find_cues("topics.tsv", "topic", text, prefix=True)
    if not topics:
        return []
    # A group is addressed when a topic follows it ("ASN ... netral") or it comes right after
    # the verb; "... pelayanan kepada masyarakat" at the end of a sentence is not addressed.
    last_topic = max(t.start for t in topics)
    addressees = [
        cue
        for cue in addressees
        if last_topic >= cue.end or cue.start - verb.end <= ADDRESSEE_REACH
    ]
    if not addressees:
        return []
    official, how, confidence = _official(context, sentence, verb, holders, officials)
    if official is None:
        return []
    by_topic = _groups_by_topic(addressees, topics)
    date = _date_for(context, sentence)
    quote = _QUOTE.search(sentence.sentence.text)
    return [
        IssuesDirective(
            official=official,
            addressees=tuple(groups),
            topic=topic,
            evidence=context.evidence(sentence, f"issues_directive.{how}", confidence),
            date=date,
            quote=quote.group(1).strip() if quote else None,
            kind=verb.value,
        )
        for topic, groups in by_topic.items()
    ]


def _quoted_directive(
    context: ArticleContext, sentence: SentenceMentions, officials: set[str]
) -> list[IssuesDirective]:
    """A quote that tells a group what to do, attributed after it: '"Kepala desa jangan
    ikut-ikutan kampanye," tegas Edwar.' (or "tegasnya": the official spoken of last)."""
    masked = sentence.sentence.masked
    if '"' not in masked and "”" not in masked:  # what every attribution starts with
        return []
    attribution = _ATTRIBUTION.search(masked)
    if attribution is None:
        return []
    text = context.article.text
    close = sentence.sentence.start + attribution.start()
    paragraph = context.article.paragraphs[sentence.sentence.paragraph]
    open_at = max(text.rfind(q, paragraph.start, close) for q in '"“')
    if open_at < 0:
        return []
    quote = mask(text[open_at + 1 : close])
    if not _IMPERATIVE.search(quote):
        return []
    addressees = find_cues("audiences.tsv", "audience", quote)
    topics = find_cues("topics.tsv", "topic", quote, prefix=True)
    if not addressees or not topics:
        return []
    official = None
    after = [m for m in sentence.persons if m.start >= attribution.end() - 1]
    if after and not attribution.group("nya"):
        official = context.person(sentence, after[0])
    elif attribution.group("nya"):
        official = _last_official(context, sentence.index, officials)
    if official is None or official.name not in officials:
        return []
    groups = _groups_by_topic(addressees, topics)
    evidence = Evidence(
        context.article.id,
        text[open_at : sentence.sentence.end],
        open_at,
        sentence.sentence.end,
        "issues_directive.quote",
        QUOTE_CONFIDENCE,
    )
    return [
        IssuesDirective(
            official=official,
            addressees=tuple(names),
            topic=topic,
            evidence=evidence,
            date=_date_for(context, sentence),
            quote=text[open_at + 1 : close].strip(),
            kind="warn"
            if re.search(r"\b(?:jangan|dilarang|tidak\s+boleh)\b", quote, re.I)
            else "demand",
        )
        for topic, names in groups.items()
    ]


def _last_official(context: ArticleContext, index: int, officials: set[str]) -> Person | None:
    """The official named last in sentences up to `index` (a few sentences back at most)."""
    if index < 0:
        return None
    for earlier in reversed(context.sentences[max(0, index - MAX_SENTENCES_BACK) : index + 1]):
        for mention in reversed(earlier.persons):
            person = context.person(earlier, mention)
            if person is not None and person.name in officials:
                return person
    return None


def _official(
    context: ArticleContext,
    sentence: SentenceMentions,
    verb: Cue,
    holders: dict[tuple[str, str | None], Person],
    officials: set[str],
) -> tuple[Person | None, str, float]:
    """Who speaks: a named official before the verb, else a post whose holder the article
    names, else (no subject at all) the official the article spoke of last."""
    before = [p for p in sentence.persons if p.end <= verb.start]
    offices = [o for o in sentence.offices if o.end <= verb.start]
    for mention in reversed(before):
        person = context.person(sentence, mention)
        if person is not None and person.name in officials:
            return person, "named", NAMED_CONFIDENCE
    # the subject of "Pj Wali Kota Jambi Lantik Sekwan Baru, Tegaskan ..." is the first post
    for office in offices:
        holder = holders.get(office_key(office.office()))
        if holder is None and office.place is None:
            matches = {p for (title, _), p in holders.items() if title == office.office().title}
            holder = matches.pop() if len(matches) == 1 else None
        if holder is not None:
            return holder, "post", HEADLINE_CONFIDENCE
    if before or offices:
        return None, "", 0.0
    person = _last_official(context, sentence.index - 1, officials)
    if person is not None:
        return person, "subjectless", SUBJECTLESS_CONFIDENCE
    return None, "", 0.0


def _groups_by_topic(addressees: list[Cue], topics: list[Cue]) -> dict[str, list[str]]:
    """The addressed groups (each once, in order) under the topic each is told about."""
    by_topic: dict[str, list[str]] = {}
    for addressee in addressees:
        groups = by_topic.setdefault(_topic_for(addressee, topics), [])
        if addressee.value not in groups:
            groups.append(addressee.value)
    return by_topic


def _topic_for(addressee: Cue, topics: list[Cue]) -> str:
    after = [t for t in topics if t.start >= addressee.end]
    return (after[0] if after else topics[-1]).value


def _date_for(context: ArticleContext, sentence: SentenceMentions) -> DateValue | None:
    """The sentence's own date, else the nearest date a sentence or two away (for a headline:
    the first date in the opening sentences), else the publication date."""
    own = _plain_dates(sentence, context.article.published)
    if own:
        return own[0]
    if sentence.sentence.is_title:
        body = [s for s in context.sentences if not s.sentence.is_title]
        nearby = body[:HEADLINE_DATE_REACH]
    else:
        nearby = sorted(
            context.sentences[
                max(0, sentence.index - DATE_REACH) : sentence.index + DATE_REACH + 1
            ],
            key=lambda s: abs(s.index - sentence.index),
        )
    for other in nearby:
        dates = _plain_dates(other, context.article.published)
        if dates:
            return dates[0]
    if context.article.published:
        return DateValue(context.article.published)
    return None


def _plain_dates(sentence: SentenceMentions, published: str | None) -> list[DateValue]:
    """Full dates in a sentence that could date a directive: not an election's date, and not
    after the article was published (a directive is reported after it is given)."""
    election_dates = {e.date.start for e in sentence.elections if e.date}
    return [
        d.value
        for d in sentence.dates
        if d.start not in election_dates
        and not d.value.is_year
        and (published is None or d.value.iso <= published)
    ]
