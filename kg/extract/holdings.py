"""person holds office: read from how a name and an office title sit next to each other.

    Pj Bupati Muara Enim, H Henky Putrawan, ...        office, name       (apposition)
    Pj Gubernur Sumsel Elen Setiadi meminta ...        office name        (title)
    Nama (Sekwan Kota Lubuklinggau)                    name (office)      (parenthesis)
    Nama yang saat ini menjabat sebagai Kepala ...     name ... sebagai   (predicate)
    Nama, Kepala Dinas X sebagai Pj Wali Kota Y        name, office sebagai office (chain)
    Pj Wali Kota X sebelumnya Nama ...                 a former holder: current = False
    Pj Bupati X kini dijabat Nama                      office (now) held by name (held-by)
    A gantikan B sebagai Pj Bupati X                   A holds it from then, B held it until
                                                       then (succession)

An office with no region in the sentence takes one from the text ("di wilayah tersebut"),
from the same person's other mention of the office, or from the article's own region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.extract.context import ArticleContext, SentenceMentions
from kg.extract.offices import KIND_FOR_LEVEL, OfficeMention
from kg.extract.persons import PersonMention
from kg.extract.tenure import read_tenure, replaced_on
from kg.lexicon import associate_before
from kg.model import HoldsOffice, Office, Person, Place
from kg.regex import ends_at

_ADVERBS = r"(?:(?:saat\s+ini|kini|sekarang|masih|juga|pun|telah|sudah|resmi|kembali)\s+)*"
_VERBS = (
    r"(?:(?:menjabat|menjawab|duduk|bertugas|dipercaya|dilantik|ditunjuk|diangkat|bertindak)\s+)?"
)
# "yang saat ini menjabat sebagai Ketua DPRD", also without "sebagai"; "yang juga Sekretaris
# Daerah", "yang merupakan Ketua KPU".
_PREDICATE = re.compile(
    rf"\s*,?\s*(?:yang\s+)?{_ADVERBS}(?:{_VERBS}(?:sebagai|menjadi|selaku)|menjabat)\s*"
    r"|\s*,?\s*yang\s+(?:juga\s+|kini\s+|saat\s+ini\s+)?(?:merupakan\s+)?(?<=\s)",
    re.I,
)
_NAME_THEN_OFFICE = {
    "predicate": (_PREDICATE, 0.85),
    "apposition": (re.compile(r"\s*,\s*"), 0.85),
    "parenthesis": (re.compile(r"\s*\(\s*"), 0.85),
    "juxtaposed": (re.compile(r"\s+"), 0.7),
}
_OFFICE_THEN_NAME = {
    "apposition": (re.compile(r"\s*,\s*|\s*,?\s*(?:yakni|yaitu|adalah|ialah)\s*", re.I), 0.9),
    "title": (re.compile(r"\s+"), 0.8),
    "held-by": (
        re.compile(
            r"\s*,?\s*(?:(?:kini|saat\s+ini|sekarang|resmi)\s+)?"
            r"(?:dijabat|dipegang|diisi|diemban)\s+(?:oleh\s+)?",
            re.I,
        ),
        0.85,
    ),
}
# "A (resmi dilantik) menggantikan B sebagai <post>": A takes the post up, B leaves it.
_SUCCEEDS = re.compile(
    r"\s*,?\s*(?:yang\s+)?(?:resmi\s+)?(?:(?:dilantik|ditunjuk|diangkat)\s+)?(?:untuk\s+)?"
    r"(?:meng)?gantikan\s+(?:posisi\s+|jabatan\s+)?",
    re.I,
)
_FORMER_GAP = re.compile(
    r"\s*,?\s*(?:sebelumnya|terdahulu|lama|periode\s+lalu)\s*(?:,|yakni|yaitu|adalah|ialah)?\s*",
    re.I,
)
_NAME_FORMERLY = re.compile(
    r"\s*,?\s*(?:yang\s+)?sebelumnya\s+(?:menjabat|adalah|merupakan|bertugas)\s+(?:sebagai\s+)?",
    re.I,
)
_CHAIN_GAP = re.compile(r"\s*,?\s*(?:sebagai|menjadi)\s*", re.I)
_THAT_REGION = re.compile(
    r"\s*(?:di\s+(?:wilayah|daerah|kabupaten|kota)\s+(?:tersebut|itu|yang\s+sama)|setempat)",
    re.I,
)
_CLOSING_PARENTHESIS = re.compile(r"\s*\)")
INFERRED_REGION_PENALTY = 0.1


@dataclass(frozen=True, slots=True)
class _Link:
    sentence: SentenceMentions
    person: Person
    office: OfficeMention
    current: bool
    how: str
    confidence: float


def extract_holdings(context: ArticleContext) -> list[HoldsOffice]:
    links: list[_Link] = []
    for sentence in context.sentences:
        links += _links_in(context, sentence)
    return _facts(context, links)


def _links_in(context: ArticleContext, sentence: SentenceMentions) -> list[_Link]:
    if not sentence.offices:
        return []
    text = sentence.sentence.masked
    links: list[_Link] = []
    linked_office_of: dict[int, _Link] = {}  # office start -> the link that claimed it
    for office in sentence.offices:
        if office.candidate or ends_at(associate_before(), text, office.start):
            continue  # a candidate's office, or "Istri Bupati Lahat, Nama": not the holder
        preceding = [p for p in sentence.persons if p.end <= office.start]
        succession = _succession(context, sentence, office, text, preceding)
        if succession:
            links += succession
            linked_office_of[office.start] = succession[0]
            continue
        # "A sebagai X, B sebagai Y": X is A's; only without such a predicate before it may
        # the name after the office ("X, B") hold it. (The name before is read only when the
        # name after does not hold it or a predicate stands between.)
        after = _office_then_name(context, sentence, office, text)
        before = None
        if after is None or (
            preceding and _PREDICATE.fullmatch(text, preceding[-1].end, office.start)
        ):
            before = _name_then_office(context, sentence, office, text, linked_office_of, preceding)
        if before is not None and (after is None or before.how == "holds_office.predicate"):
            link = before
        else:
            link = after
        if link:
            links.append(link)
            linked_office_of[office.start] = link
    return links


def _succession(
    context: ArticleContext,
    sentence: SentenceMentions,
    office: OfficeMention,
    text: str,
    preceding: list[PersonMention],
) -> list[_Link]:
    """ "A gantikan B sebagai <post>": [A holds it (current), B held it (former)].
    `preceding` are the names before the post."""
    if office.former or len(preceding) < 2:
        return []
    successor_mention, predecessor_mention = preceding[-2], preceding[-1]
    if not _SUCCEEDS.fullmatch(text[successor_mention.end : predecessor_mention.start]):
        return []
    if not _CHAIN_GAP.fullmatch(text[predecessor_mention.end : office.start]):
        return []
    successor = context.person(sentence, successor_mention)
    predecessor = context.person(sentence, predecessor_mention)
    if successor is None or predecessor is None or successor == predecessor:
        return []
    return [
        _Link(sentence, successor, office, True, "holds_office.succession", 0.85),
        _Link(sentence, predecessor, office, False, "holds_office.succeeded", 0.8),
    ]


def _office_then_name(
    context: ArticleContext, sentence: SentenceMentions, office: OfficeMention, text: str
) -> _Link | None:
    mention = next((p for p in sentence.persons if p.start >= office.end), None)
    if mention is None:
        return None
    person = context.person(sentence, mention)
    if person is None:
        return None
    gap = text[office.end : mention.start]
    if _FORMER_GAP.fullmatch(gap):
        return _Link(sentence, person, office, False, "holds_office.former", 0.8)
    for how, (pattern, confidence) in _OFFICE_THEN_NAME.items():
        if pattern.fullmatch(gap):
            return _Link(
                sentence, person, office, not office.former, f"holds_office.{how}", confidence
            )
    return None


def _name_then_office(
    context: ArticleContext,
    sentence: SentenceMentions,
    office: OfficeMention,
    text: str,
    linked_office_of: dict[int, _Link],
    preceding: list[PersonMention],
) -> _Link | None:
    earlier_offices = [o for o in sentence.offices if o.end <= office.start]
    if earlier_offices and earlier_offices[-1].start in linked_office_of:
        # "Koimuddin, Kepala Dinas Kehutanan Sumsel sebagai Pj Wali Kota Lubuklinggau"
        previous = earlier_offices[-1]
        link = linked_office_of[previous.start]
        if _CHAIN_GAP.fullmatch(text[previous.end : office.start]) and link.current:
            return _Link(
                sentence, link.person, office, not office.former, "holds_office.chain", 0.8
            )
    if not preceding:
        return None
    mention: PersonMention = preceding[-1]
    if earlier_offices and earlier_offices[-1].start > mention.start:
        return None
    person = context.person(sentence, mention)
    if person is None:
        return None
    gap = text[mention.end : office.start]
    if _NAME_FORMERLY.fullmatch(gap):
        return _Link(sentence, person, office, False, "holds_office.former", 0.8)
    for how, (pattern, confidence) in _NAME_THEN_OFFICE.items():
        if not pattern.fullmatch(gap):
            continue
        if how == "parenthesis" and not _CLOSING_PARENTHESIS.match(text, office.end):
            continue
        if how == "juxtaposed" and len(mention.words) < 2 and not mention.prefixes:
            continue  # one capitalised word before a title is too often not a name
        if how != "predicate" and text[office.start].islower():
            continue  # "Menurut Elen, kades yang terbukti ...": a title in lower case is generic
        return _Link(sentence, person, office, not office.former, f"holds_office.{how}", confidence)
    return None


def _facts(context: ArticleContext, links: list[_Link]) -> list[HoldsOffice]:
    """One fact per (person, office, current), with regions filled in where the text allows."""
    offices = [link.office.office() for link in links]  # each made once: links ask twice
    known_regions: dict[tuple[str, str], Place] = {}
    for link, office in zip(links, offices, strict=True):
        if office.jurisdiction is not None:
            known_regions.setdefault((link.person.name, office.title), office.jurisdiction)
    best: dict[tuple[str, str, str | None, bool], HoldsOffice] = {}
    for link, office in zip(links, offices, strict=True):
        place, confidence = office.jurisdiction, link.confidence
        title = office.title
        if place is None:
            place = known_regions.get((link.person.name, title)) or _region_from_text(context, link)
            confidence -= INFERRED_REGION_PENALTY
            if place is None and link.office.level in KIND_FOR_LEVEL:
                continue  # "Pjs bupati di 3 daerah": a head of region, but of which region?
            office = Office(office.role, office.qualifier, office.unit, place)
        if link.how == "holds_office.succeeded":
            tenure = replaced_on(context, link.sentence)
        else:
            tenure = read_tenure(
                context,
                link.sentence,
                link.current,
                link.office.start,
                taken_up=link.how.endswith(("chain", "predicate", "succession")),
            )
        fact = HoldsOffice(
            link.person,
            office,
            context.evidence(link.sentence, link.how, confidence),
            link.current,
            tenure.start,
            tenure.end,
            tenure.cue,
        )
        key = (link.person.name, title, place.code if place else None, link.current)
        best[key] = _stronger(best.get(key), fact)
    return list(best.values())


def _stronger(kept: HoldsOffice | None, new: HoldsOffice) -> HoldsOffice:
    """Of two statements of one holding, the more confident, with the tenure bounds that
    either gives ("Nama dilantik ... pada 5 Agustus 2024" dates the holding that an earlier,
    more confident apposition states)."""
    if kept is None:
        return new
    first, second = (
        (kept, new) if kept.evidence.confidence >= new.evidence.confidence else (new, kept)
    )
    if (first.start or first.end) or not (second.start or second.end):
        return first
    return replace(first, start=second.start, end=second.end, tenure_cue=second.tenure_cue)


def _region_from_text(context: ArticleContext, link: _Link) -> Place | None:
    office = link.office
    after = link.sentence.sentence.masked[office.end :]
    if _THAT_REGION.match(after):
        return _last_region_before(context, link.sentence, office.start)
    kind = KIND_FOR_LEVEL.get(office.level)
    if kind is not None:
        return context.only_place(kind)
    return None


def _last_region_before(
    context: ArticleContext, sentence: SentenceMentions, position: int
) -> Place | None:
    for earlier in reversed(context.sentences[: sentence.index + 1]):
        places = [p for p in earlier.places if earlier is not sentence or p.end <= position]
        if places:
            return places[-1].place
    return None


def office_holders(facts: list[HoldsOffice]) -> dict[tuple[str, str | None], Person]:
    """Who holds each (title, region code) in an article, for "Pj Bupati X ingatkan ...".

    Only current holdings; the first one named wins."""
    holders: dict[tuple[str, str | None], Person] = {}
    for fact in facts:
        if fact.current:
            key = (
                fact.office.title,
                fact.office.jurisdiction.code if fact.office.jurisdiction else None,
            )
            holders.setdefault(key, fact.person)
    return holders


def office_key(office: Office) -> tuple[str, str | None]:
    return office.title, office.jurisdiction.code if office.jurisdiction else None
