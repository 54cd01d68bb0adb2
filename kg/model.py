"""Plain records passed between the stages: ingest -> extract -> resolve -> graph.

No RDF here: the graph stage is the only one that knows about triples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of article content. `start` is its offset in `Article.text`."""

    start: int
    text: str
    is_title: bool = False

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, cleaned.

    `text` is the article as read (decoded, newlines normalised); `paragraphs` are the parts
    of it that are the article itself, with boilerplate (BACA JUGA lines, photo credits,
    bylines, "Cek Berita ... Google News") left out. Extractors read paragraphs only, so
    nothing is ever extracted from boilerplate. Character offsets of evidence refer to `text`.
    """

    id: str
    title: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    source: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) when known
    published_source: str | None = None  # where `published` came from: "jsonl", "meta", "dateline"
    dateline: str | None = None  # the city the article was filed from, e.g. "LUBUKLINGGAU"


class PlaceKind(str, Enum):
    PROVINCE = "provinsi"
    REGENCY = "kabupaten"
    CITY = "kota"


PLACE_KIND_LABEL = {
    PlaceKind.PROVINCE: "Provinsi",
    PlaceKind.REGENCY: "Kabupaten",
    PlaceKind.CITY: "Kota",
}


@dataclass(frozen=True, slots=True)
class Place:
    """A province, kabupaten or kota, identified by its Kemendagri region code."""

    code: str
    kind: PlaceKind
    name: str
    province_code: str | None = None

    @property
    def label(self) -> str:
        """Canonical Indonesian label with the region type: "Kabupaten Muara Enim"."""
        return f"{PLACE_KIND_LABEL[self.kind]} {self.name}"


@dataclass(frozen=True, slots=True)
class Person:
    """A person as named in one article: the name without honorifics, and what was around it."""

    name: str
    prefixes: tuple[str, ...] = ()  # honorifics before the name: H, Hj, Dr, Drs, Ir ...
    suffixes: tuple[str, ...] = ()  # academic titles after the name: SH, MM, S.Sos ...
    aliases: tuple[str, ...] = ()  # other forms seen in the article: "Henky", "HNA"


@dataclass(frozen=True, slots=True)
class Office:
    """A post: a role, its acting/deputy qualifier, the unit it heads, and its region.

    "Penjabat Bupati Muara Enim" = Office(role="Bupati", qualifier="Penjabat",
    jurisdiction=<Kabupaten Muara Enim>). "Kepala Dinas Kehutanan Sumsel" =
    Office(role="Kepala Dinas", unit="Kehutanan", jurisdiction=<Provinsi Sumatera Selatan>).
    """

    role: str
    qualifier: str | None = None
    unit: str | None = None
    jurisdiction: Place | None = None

    @property
    def title(self) -> str:
        """Full canonical title without the region: "Penjabat Bupati", "Kepala Dinas Kehutanan"."""
        parts = [self.qualifier, self.role, self.unit]
        return " ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date normalised to ISO: "2024-11-27" (xsd:date) or "2024" (xsd:gYear)."""

    iso: str

    @property
    def is_year(self) -> bool:
        return len(self.iso) == 4

    @property
    def year(self) -> int:
        return int(self.iso[:4])


@dataclass(frozen=True, slots=True)
class Election:
    """A regional election. `kind` is canonical: "Pemilihan Bupati", "Pemilihan Wali Kota",
    "Pemilihan Gubernur", "Pemilihan Kepala Daerah" or "Pilkada Serentak" (the nationwide
    simultaneous round, no jurisdiction)."""

    kind: str
    jurisdiction: Place | None = None
    year: int | None = None

    @property
    def label(self) -> str:
        """The label, e.g. "Pemilihan Bupati Muara Enim 2024" (the kind names the region type)."""
        place = None
        if self.jurisdiction:
            typed = self.kind in ("Pemilihan Bupati", "Pemilihan Wali Kota", "Pemilihan Gubernur")
            place = self.jurisdiction.name if typed else self.jurisdiction.label
        parts = [self.kind, place]
        parts.append(str(self.year) if self.year else None)
        return " ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the sentence, its offsets in `Article.text`, who read it."""

    article_id: str
    sentence: str
    start: int
    end: int
    extractor: str
    confidence: float


class CandidacyStatus(str, Enum):
    FLOATED = "floated"
    DECLARED = "declared"
    REGISTERED = "registered"
    ELECTED = "elected"


@dataclass(frozen=True, slots=True)
class HoldsOffice:
    """A person holds (or held) a post, as one article says.

    `start` and `end` are what the text says about the tenure ("dilantik ... Senin (9/9/2024)",
    "sejak 18 September 2023", "periode 2018-2023", "digantikan"), with the words that said
    it in `tenure_cue`; the article's own date says when the holding was attested.
    """

    person: Person
    office: Office
    evidence: Evidence
    current: bool = True  # False for "mantan", "sebelumnya", "terdahulu"
    start: DateValue | None = None
    end: DateValue | None = None
    tenure_cue: str | None = None


@dataclass(frozen=True, slots=True)
class IssuesDirective:
    official: Person
    addressees: tuple[str, ...]  # canonical audience labels: "ASN", "Camat", "Lurah"
    topic: str  # canonical topic: "netralitas", "ketertiban" ...
    evidence: Evidence
    date: DateValue | None = None
    quote: str | None = None
    kind: str = "appeal"  # appeal | demand | warn


@dataclass(frozen=True, slots=True)
class ElectionOnDate:
    election: Election
    date: DateValue
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Candidacy:
    person: Person
    election: Election
    status: CandidacyStatus
    evidence: Evidence


Fact = HoldsOffice | IssuesDirective | ElectionOnDate | Candidacy

RELATION_NAMES = {
    HoldsOffice: "holds_office",
    IssuesDirective: "issues_directive",
    ElectionOnDate: "election_on_date",
    Candidacy: "candidacy",
}


def relation_of(fact: Fact) -> str:
    return RELATION_NAMES[type(fact)]


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one article: the people it names and the facts it states."""

    article: Article
    persons: tuple[Person, ...] = ()
    facts: tuple[Fact, ...] = field(default=())
