"""Everything the relation extractors read about one article: its sentences, the mentions in
each, and which person mentions are the same person ("H Imam Senen", "Imam").

Mention offsets are relative to their sentence's `masked` text; `Sentence.start` turns them
into offsets in `Article.text`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from kg.dates import DateMatch, find_dates, find_years
from kg.extract.cues import Cue, find_cues
from kg.extract.elections import ElectionMention, find_elections
from kg.extract.offices import OfficeMention, find_offices
from kg.extract.persons import PersonMention, find_persons
from kg.extract.places import PlaceMention, find_places
from kg.extract.text import Sentence, split_sentences
from kg.model import Article, Evidence, Person, Place, PlaceKind


# A NamedTuple, not a frozen dataclass: made for every mention of every sentence, and a frozen
# dataclass's __init__ costs three times as much (it sets each field through object.__setattr__).
class SentenceMentions(NamedTuple):
    index: int
    sentence: Sentence
    places: list[PlaceMention]
    dates: list[DateMatch]
    offices: list[OfficeMention]
    elections: list[ElectionMention]
    persons: list[PersonMention]
    verbs: list[Cue]  # directive verbs ("mengimbau"): never part of a name


@dataclass
class ArticleContext:
    article: Article
    sentences: list[SentenceMentions]
    reference: str | None  # ISO date that gives dates without a year their year
    person_of: dict[tuple[int, int], Person] = field(default_factory=dict)  # (sentence, start)
    # only_place() is asked once per office mention and reads every mention of the article:
    # remembered per kind, or a long article costs (offices x places).
    _only: dict[PlaceKind, Place | None] = field(default_factory=dict, repr=False)

    def person(self, sentence: SentenceMentions, mention: PersonMention) -> Person | None:
        return self.person_of.get((sentence.index, mention.start))

    def evidence(self, sentence: SentenceMentions, extractor: str, confidence: float) -> Evidence:
        s = sentence.sentence
        return Evidence(self.article.id, s.text, s.start, s.end, extractor, round(confidence, 2))

    def place_counts(self) -> Counter[Place]:
        return Counter(p.place for s in self.sentences for p in s.places)

    def dominant_place(self, kind: PlaceKind) -> Place | None:
        """The region of this kind the article names most (first named wins a tie)."""
        counts = Counter()
        order: dict[Place, int] = {}
        for s in self.sentences:
            for mention in s.places:
                if mention.place.kind == kind:
                    counts[mention.place] += 1
                    order.setdefault(mention.place, len(order))
        if not counts:
            return None
        return min(counts, key=lambda place: (-counts[place], order[place]))

    def only_place(self, kind: PlaceKind) -> Place | None:
        """The one region of this kind the article is about, if it names just one (for a
        province: if every region it names lies in that province)."""
        if kind not in self._only:
            self._only[kind] = self._find_only_place(kind)
        return self._only[kind]

    def _find_only_place(self, kind: PlaceKind) -> Place | None:
        if kind == PlaceKind.PROVINCE:
            return self.only_province()
        places = {p.place for s in self.sentences for p in s.places if p.place.kind == kind}
        return places.pop() if len(places) == 1 else None

    def only_province(self) -> Place | None:
        provinces = set(self._provinces())
        return provinces.pop() if len(provinces) == 1 else None

    def _provinces(self) -> list[Place]:
        from kg.gazetteer import place_by_code

        found = []
        for s in self.sentences:
            for mention in s.places:
                place = mention.place
                code = place.code if place.kind == PlaceKind.PROVINCE else place.province_code
                province = place_by_code(code) if code else None
                if province is not None:
                    found.append(province)
        return found

    def dominant_province(self) -> Place | None:
        """The province the article is about: named, or holding the regions it names."""
        from kg.gazetteer import place_by_code

        counts: Counter[Place] = Counter()
        for place, count in self.place_counts().items():
            province = place if place.kind == PlaceKind.PROVINCE else None
            if province is None and place.province_code:
                province = place_by_code(place.province_code)
            if province is not None:
                counts[province] += count
        if not counts:
            return None
        return counts.most_common(1)[0][0]


def build_context(article: Article) -> ArticleContext:
    sentences = split_sentences(article)
    reference = _reference_date(article)
    analysed = []
    for index, sentence in enumerate(sentences):
        text = sentence.masked
        places = find_places(text)
        dates = find_dates(text, reference)
        offices = find_offices(text, places)
        elections = find_elections(text, places, dates)
        blocked = [(m.start, m.end) for m in [*places, *offices, *elections, *dates]]
        verbs = find_cues("directive_verbs.tsv", "kind", text)
        blocked += [(verb.start, verb.end) for verb in verbs]
        persons = find_persons(text, blocked=blocked)
        analysed.append(
            SentenceMentions(index, sentence, places, dates, offices, elections, persons, verbs)
        )
    context = ArticleContext(article, analysed, reference)
    context.person_of = _resolve_persons(analysed)
    return context


def _reference_date(article: Article) -> str | None:
    if article.published:
        return article.published
    years = Counter(match.value.iso[:4] for match in find_years(article.text))
    if not years:
        return None
    return f"{years.most_common(1)[0][0]}-01-01"


_WORD = re.compile(r"\w+")


def _resolve_persons(sentences: list[SentenceMentions]) -> dict[tuple[int, int], Person]:
    """One Person per real person in the article.

    A one-word mention ("Imam") is the person whose full name contains that word, when exactly
    one full name in the article does; otherwise it stands for itself. Names seen only in a
    headline (Title Case makes any capitalised phrase look like a name) count only when the
    body names the same person.
    """
    full_names: dict[str, PersonMention] = {}
    for sentence in sentences:
        if not sentence.sentence.is_title:
            for mention in sentence.persons:
                if " " in mention.name:  # more than one word: words are joined by one space
                    full_names.setdefault(mention.key, mention)
    # Full names by each of their words, for the one-word mentions.
    owners_of: dict[str, list[str]] = {}
    for key in full_names:
        for word in dict.fromkeys(key.split()):
            owners_of.setdefault(word, []).append(key)

    def cluster_of(key: str, one_word: bool) -> str | None:
        if key in full_names:
            return key
        if one_word:
            owners = owners_of.get(key, ())
            if len(owners) == 1:
                return owners[0]
        return None

    clusters: dict[str, list[PersonMention]] = {}
    assigned: dict[tuple[int, int], str] = {}
    for sentence in sentences:
        for mention in sentence.persons:
            key = mention.key
            cluster = cluster_of(key, " " not in mention.name)
            if cluster is None:
                if sentence.sentence.is_title:
                    continue
                cluster = key
            clusters.setdefault(cluster, []).append(mention)
            assigned[(sentence.index, mention.start)] = cluster
    persons = {key: _person(key, mentions) for key, mentions in clusters.items()}
    return {position: persons[key] for position, key in assigned.items()}


def _person(key: str, mentions: list[PersonMention]) -> Person:
    full = max(mentions, key=lambda m: (len(m.words), len(m.name)))
    prefixes: list[str] = []
    suffixes: list[str] = []
    aliases: list[str] = []
    for mention in mentions:
        prefixes += [p for p in mention.prefixes if p not in prefixes]
        suffixes += [s for s in mention.suffixes if s not in suffixes]
        if mention.name != full.name and mention.name not in aliases:
            aliases.append(mention.name)
    return Person(full.name, tuple(prefixes), tuple(suffixes), tuple(aliases))
