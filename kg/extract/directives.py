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
from kg.model import DateValue, HoldsOffice, IssuesDirective, Person

_NOT_ADDRESSED = re.compile(r"(?:termasuk|sebagai(?:\s+seorang)?|selaku|dari|oleh)\s+$", re.I)
_QUOTE = re.compile(r"[\"“”]([^\"“”]{10,400})[\"“”]")
SUBJECTLESS_CONFIDENCE = 0.6
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
    facts: dict[tuple[str, tuple[str, ...], str], IssuesDirective] = {}
    for sentence in context.sentences:
        for fact in _directives_in(context, sentence, holders, officials):
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
    verbs = find_cues("directive_verbs.tsv", "kind", text)
    if not verbs:
        return []
    verb = verbs[0]
    addressees = [
        cue
        for cue in find_cues("audiences.tsv", "audience", text)
        if cue.start >= verb.start and not _NOT_ADDRESSED.search(text[: cue.start])
    ]
    topics = find_cues("topics.tsv", "topic", text, prefix=True)
    # A group is addressed when a topic follows it ("ASN ... netral") or it comes right after
    # the verb; "... pelayanan kepada masyarakat" at the end of a sentence is not addressed.
    addressees = [
        cue
        for cue in addressees
        if any(t.start >= cue.end for t in topics) or cue.start - verb.end <= ADDRESSEE_REACH
    ]
    if not addressees or not topics:
        return []
    official, how, confidence = _official(context, sentence, verb, holders, officials)
    if official is None:
        return []
    by_topic: dict[str, list[str]] = {}
    for addressee in addressees:
        topic = _topic_for(addressee, topics)
        groups = by_topic.setdefault(topic, [])
        if addressee.value not in groups:
            groups.append(addressee.value)
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
    for office in reversed(offices):
        holder = holders.get(office_key(office.office()))
        if holder is None and office.place is None:
            matches = {p for (title, _), p in holders.items() if title == office.office().title}
            holder = matches.pop() if len(matches) == 1 else None
        if holder is not None:
            return holder, "post", HEADLINE_CONFIDENCE
    if before or offices:
        return None, "", 0.0
    for earlier in reversed(
        context.sentences[max(0, sentence.index - MAX_SENTENCES_BACK) : sentence.index]
    ):
        for mention in reversed(earlier.persons):
            person = context.person(earlier, mention)
            if person is not None and person.name in officials:
                return person, "subjectless", SUBJECTLESS_CONFIDENCE
    return None, "", 0.0


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
