"""candidacy: a named person near a candidacy word, with how far along the candidacy is.

    semakin mencuat namanya H Imam Senen                        floated
    Ahmad ... mengumumkan niatnya untuk maju                     declared
    ... kandidat lama ... . Seperti H Nama, H Nama, Hj Nama.     floated (a list after the cue)

Cue words and their status are data (kg/data/candidacy_cues.tsv). A cue counts for a name
only close to it, not negated ("tidak ... maju"), and not across a reporting verb ("Nama
menegaskan bahwa ... kandidat tertentu" is about someone else). The election is the one the
sentence names, else the one the article is about, else the region's election nearby.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.context import ArticleContext, SentenceMentions
from kg.extract.cues import Cue, find_cues
from kg.extract.election_dates import dominant_election, election_of, election_year
from kg.extract.elections import (
    LEVEL_FOR_PLACE_KIND,
    PLACE_KIND_FOR_LEVEL,
    SERENTAK,
    canonical_kind,
)
from kg.lexicon import alternation, associate_before, reporting_verbs
from kg.model import Candidacy, CandidacyStatus, Election, HoldsOffice, Person, PlaceKind
from kg.regex import ends_at

WINDOW_BEFORE = 50
WINDOW_AFTER = 60
STATUS_ORDER = [
    CandidacyStatus.FLOATED,
    CandidacyStatus.DECLARED,
    CandidacyStatus.REGISTERED,
    CandidacyStatus.ELECTED,
]
# '"... pasangan calon," tegas Dedi': a quote's candidacy word is not about its speaker.
_REPORTING = re.compile(rf"\b(?:{alternation(reporting_verbs())})(?:nya)?\b", re.I)
_NEGATORS = ("tidak", "tak", "belum", "bukan", "enggan", "menolak", "batal", "sulit")
_NEGATION_GAP = 20  # characters between the negating word and the cue
_NEGATION = re.compile(rf"\b(?:{'|'.join(_NEGATORS)})\b[^.]{{0,{_NEGATION_GAP}}}$", re.I)
# No negation reaches further back than this: a shorter window is an exact, cheaper search.
_NEGATION_REACH = max(map(len, _NEGATORS)) + _NEGATION_GAP
_LIST_START = re.compile(
    r"\s*(?:seperti|di\s*antaranya|antara\s+lain|yakni|yaitu|mereka\s+adalah|nama-nama)\b",
    re.I,
)
_ROLE_LEVEL = {"Bupati": "bupati", "Wali Kota": "wali kota", "Gubernur": "gubernur"}
CUE_CONFIDENCE = 0.8
LIST_CONFIDENCE = 0.7


def extract_candidacies(
    context: ArticleContext, holdings: Sequence[HoldsOffice] = ()
) -> list[Candidacy]:
    """Candidacies in the article; `holdings` (its office holders) vouch for one-word names
    ("Wakil Bupati Muratara, Innayatullah, resmi mendaftar sebagai bakal calon Bupati")."""
    found: dict[tuple[str, str], Candidacy] = {}
    elections = _Elections(context)
    holders = {fact.person.name for fact in holdings}
    for sentence in context.sentences:
        persons = [
            (mention, person)
            for mention in sentence.persons
            if (person := context.person(sentence, mention)) is not None
            and (_looks_like_a_person(person) or person.name in holders)
        ]
        if not persons:
            continue  # the cues of a sentence count for its own names only (or a list's)
        text = sentence.sentence.masked
        cues = _cues(text)
        listed = bool(_LIST_START.match(text)) and _floated_before(context, sentence)
        for mention, person in persons:
            cue = _nearest_cue(text, mention.start, mention.end, cues, sentence.verbs)
            if cue is not None:
                status, how, confidence = CandidacyStatus(cue.value), "cue", CUE_CONFIDENCE
            elif listed:
                status, how, confidence = CandidacyStatus.FLOATED, "list", LIST_CONFIDENCE
            else:
                continue
            election = elections.of(sentence)
            key = (person.name, election.label)
            if key not in found or _rank(found[key].status) < _rank(status):
                evidence = context.evidence(sentence, f"candidacy.{how}", confidence)
                found[key] = Candidacy(person, election, status, evidence)
    return list(found.values())


def _cues(text: str) -> list[Cue]:
    return [c for c in find_cues("candidacy_cues.tsv", "status", text) if not _negated(text, c)]


def _floated_before(context: ArticleContext, sentence: SentenceMentions) -> bool:
    """Whether the sentence before speaks of candidates, for the names this one lists ("...
    kandidat lama. Seperti H Nama, ..."). Listed names are only floated, whatever the cue: in
    "Serta ada kandidat yang sudah mulai mengambil formulir ... Seperti H Nama" the forms are
    some candidates', not the listed ones' (the dev corpus's gold)."""
    if sentence.index == 0:
        return False
    previous = context.sentences[sentence.index - 1].sentence.masked
    return bool(_cues(previous))


class _Elections:
    """The election of each sentence's candidacies, worked out once a sentence (and the
    article-wide answers once an article)."""

    def __init__(self, context: ArticleContext) -> None:
        self.context = context
        self.by_sentence: dict[int, Election] = {}
        self._year: tuple[int | None] | None = None
        self._dominant: tuple[Election | None] | None = None

    def of(self, sentence: SentenceMentions) -> Election:
        election = self.by_sentence.get(sentence.index)
        if election is None:
            election = self.by_sentence[sentence.index] = _election_for(self, sentence)
        return election

    def year(self) -> int | None:
        if self._year is None:
            self._year = (election_year(self.context),)
        return self._year[0]

    def dominant(self) -> Election | None:
        if self._dominant is None:
            self._dominant = (dominant_election(self.context),)
        return self._dominant[0]


def _rank(status: CandidacyStatus) -> int:
    return STATUS_ORDER.index(status)


def _negated(text: str, cue: Cue) -> bool:
    return ends_at(_NEGATION, text, cue.start, reach=_NEGATION_REACH)


def _looks_like_a_person(person: Person) -> bool:
    """A one-word "name" near a candidacy word is too often a capitalised noun ("Bursa
    bakal calon"); one word counts only with an honorific ("ustad Syuryadi")."""
    return len(person.name.split()) > 1 or bool(person.prefixes)


def _nearest_cue(
    text: str, start: int, end: int, cues: list[Cue], directing: list[Cue]
) -> Cue | None:
    """The strongest status among the cues close to the name ("kembali maju dan telah
    ditetapkan KPU sebagai calon" is registered), the nearest on a tie. A cue is not read
    across a reporting verb or a directive verb (`directing`: "Kurniawan mengingatkan
    seluruh pasangan calon" speaks to candidates, it does not make him one)."""
    best, best_key = None, None
    for cue in cues:
        if cue.end <= start:
            gap_start, gap_end, reach = cue.end, start, WINDOW_BEFORE
        elif cue.start >= end:
            gap_start, gap_end, reach = end, cue.start, WINDOW_AFTER
        else:
            continue
        distance = gap_end - gap_start
        if distance > reach or _REPORTING.search(text[gap_start:gap_end]):
            continue
        if cue.end <= start and ends_at(associate_before(phrase=True), text, cue.start):
            continue  # "Ketua Tim Pemenangan pasangan calon ..., Nama": the candidate's team
        if any(gap_start <= verb.start and verb.end <= gap_end for verb in directing):
            continue
        key = (-_rank(CandidacyStatus(cue.value)), distance)
        if best_key is None or key < best_key:
            best, best_key = cue, key
    return best


def _election_for(elections: _Elections, sentence: SentenceMentions) -> Election:
    context, year = elections.context, elections.year()
    for mention in sentence.elections:
        if not mention.past and (mention.place is not None or mention.level != "generic"):
            mention_year = mention.date.value.year if mention.date else year
            return election_of(context, mention, mention_year)
    for office in sentence.offices:
        # "Wali Kota Palembang X ditetapkan sebagai wali kota terpilih"
        level = LEVEL_FOR_PLACE_KIND.get(office.place.kind) if office.place else None
        if (
            level
            and office.role in ("Bupati", "Wali Kota", "Gubernur")
            and (office.place.kind == PLACE_KIND_FOR_LEVEL.get(_ROLE_LEVEL[office.role]))
        ):
            return Election(canonical_kind(level, office.place), office.place, year)
    dominant = elections.dominant()
    if dominant is not None:
        return dominant
    for earlier in reversed(context.sentences[: sentence.index + 1]):
        for place_mention in reversed(earlier.places):
            place = place_mention.place
            if place.kind in (PlaceKind.REGENCY, PlaceKind.CITY):
                return Election(
                    canonical_kind(LEVEL_FOR_PLACE_KIND[place.kind], place), place, year
                )
    return Election(SERENTAK, None, year)
