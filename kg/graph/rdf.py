"""Facts as RDF, following ontology/MAPPING.md.

`article_triples` gives two sets of triples for one extraction: entity descriptions (for the
shared entities graph, written once whatever the number of articles naming them) and the
article's own triples (its node, its facts, their evidence) for the article's named graph.
Terms are N-Triples text (kg.graph.terms), and triples N-Triples lines: what the store loads,
made without rdflib objects, each term and entity description once per process where it
depends on its value alone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from rdflib import URIRef

from kg import __version__
from kg.gazetteer import province_of
from kg.graph import vocab as v
from kg.graph.terms import iri, literal
from kg.graph.vocab import FOAF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, TIME, XSD
from kg.model import (
    Article,
    Candidacy,
    Election,
    ElectionOnDate,
    Evidence,
    Extraction,
    Fact,
    HoldsOffice,
    IssuesDirective,
    Office,
    Person,
    Place,
    PlaceKind,
)
from kg.resolve import (
    article_graph,
    article_iri,
    audience_iri,
    election_iri,
    fact_base,
    fact_name,
    outlet_iri,
    person_iri,
    place_iri,
    post_iri,
    post_label,
    role_iri,
    topic_iri,
)

Triple = tuple[str, str, str]  # subject, predicate, object as N-Triples terms


class N:
    """The vocabulary the mapping writes, as N-Triples terms: made once here, not per fact."""

    rdf_type = iri(RDF.type)
    rdfs_label = iri(RDFS.label)
    skos_altLabel = iri(SKOS.altLabel)
    skos_Concept = iri(SKOS.Concept)
    foaf_Person = iri(FOAF.Person)
    prov_Entity = iri(PROV.Entity)
    prov_wasDerivedFrom = iri(PROV.wasDerivedFrom)
    org_holds = iri(ORG.holds)
    org_memberDuring = iri(ORG.memberDuring)
    org_Post = iri(ORG.Post)
    org_Role = iri(ORG.Role)
    org_role = iri(ORG.role)
    time_Interval = iri(TIME.Interval)
    time_Instant = iri(TIME.Instant)
    time_hasBeginning = iri(TIME.hasBeginning)
    time_hasEnd = iri(TIME.hasEnd)
    time_inXSDgYear = iri(TIME.inXSDgYear)
    time_inXSDDate = iri(TIME.inXSDDate)
    schema_NewsArticle = iri(SCHEMA.NewsArticle)
    schema_Organization = iri(SCHEMA.Organization)
    schema_Person = iri(SCHEMA.Person)
    schema_AdministrativeArea = iri(SCHEMA.AdministrativeArea)
    schema_Event = iri(SCHEMA.Event)
    schema_CommunicateAction = iri(SCHEMA.CommunicateAction)
    schema_headline = iri(SCHEMA.headline)
    schema_url = iri(SCHEMA.url)
    schema_datePublished = iri(SCHEMA.datePublished)
    schema_publisher = iri(SCHEMA.publisher)
    schema_name = iri(SCHEMA.name)
    schema_honorificPrefix = iri(SCHEMA.honorificPrefix)
    schema_honorificSuffix = iri(SCHEMA.honorificSuffix)
    schema_agent = iri(SCHEMA.agent)
    schema_recipient = iri(SCHEMA.recipient)
    schema_about = iri(SCHEMA.about)
    schema_startTime = iri(SCHEMA.startTime)
    schema_startDate = iri(SCHEMA.startDate)
    schema_endDate = iri(SCHEMA.endDate)
    schema_text = iri(SCHEMA.text)
    schema_containedInPlace = iri(SCHEMA.containedInPlace)
    schema_superEvent = iri(SCHEMA.superEvent)
    kg_articleId = iri(v.articleId)
    kg_sourcePath = iri(v.sourcePath)
    kg_contentHash = iri(v.contentHash)
    kg_publishedSource = iri(v.publishedSource)
    kg_publishedConfidence = iri(v.publishedConfidence)
    kg_dateline = iri(v.dateline)
    kg_Holding = iri(v.Holding)
    kg_holder = iri(v.holder)
    kg_post = iri(v.post)
    kg_current = iri(v.current)
    kg_attestedOn = iri(v.attestedOn)
    kg_Directive = iri(v.Directive)
    kg_Audience = iri(v.Audience)
    kg_Topic = iri(v.Topic)
    kg_directiveKind = iri(v.directiveKind)
    kg_ElectionDateClaim = iri(v.ElectionDateClaim)
    kg_Election = iri(v.Election)
    kg_election = iri(v.election)
    kg_electionKind = iri(v.electionKind)
    kg_date = iri(v.date)
    kg_Candidacy = iri(v.Candidacy)
    kg_candidate = iri(v.candidate)
    kg_status = iri(v.status)
    kg_sentence = iri(v.sentence)
    kg_tenureCue = iri(v.tenureCue)
    kg_startOffset = iri(v.startOffset)
    kg_endOffset = iri(v.endOffset)
    kg_extractor = iri(v.extractor)
    kg_confidence = iri(v.confidence)
    kg_title = iri(v.title)
    kg_qualifier = iri(v.qualifier)
    kg_unit = iri(v.unit)
    kg_jurisdiction = iri(v.jurisdiction)
    kg_regionCode = iri(v.regionCode)


PLACE_CLASS = {
    PlaceKind.PROVINCE: iri(v.Province),
    PlaceKind.REGENCY: iri(v.Regency),
    PlaceKind.CITY: iri(v.City),
}
# How sure a publication date is, by where it came from: a feed's own field, the page's
# metadata, or the first date written in the text (which may be the event's, not the day of
# publication).
PUBLISHED_CONFIDENCE = {"jsonl": 1.0, "meta": 0.95, "text": 0.7}
STATUS_INDIVIDUAL = {
    "floated": iri(v.KG.Floated),
    "declared": iri(v.KG.Declared),
    "registered": iri(v.KG.Registered),
    "elected": iri(v.KG.Elected),
}
_XSD_ANY_URI = str(XSD.anyURI)
_XSD_DATE = str(XSD.date)
_XSD_G_YEAR = str(XSD.gYear)
ENTITIES_GRAPH = iri(v.ENTITIES_GRAPH)


@dataclass
class ArticleTriples:
    """One article's triples as N-Triples lines (`s p o .` and a line break), each once:
    `entities` for the shared entities graph, `facts` for the article's own graph without
    its completion record, which is `marker` (see kg.graph.store). Lines,
    because lines are what the store loads: no triple is made twice over."""

    graph: URIRef
    entity_lines: set[str] = field(default_factory=set)
    fact_lines: set[str] = field(default_factory=set)
    marker: str = ""

    @property
    def entities(self) -> set[Triple]:
        """The entity triples, as (subject, predicate, object) terms."""
        return {_triple(line) for line in self.entity_lines}

    @property
    def facts(self) -> set[Triple]:
        """The article graph's triples, its completion record included."""
        lines = self.fact_lines | {self.marker} if self.marker else self.fact_lines
        return {_triple(line) for line in lines}


def _triple(line: str) -> Triple:
    # A subject and a predicate are IRIs, and kg's IRIs hold no space.
    subject, predicate, rest = line.split(" ", 2)
    return subject, predicate, rest[: -len(" .\n")]


def content_hash(article: Article) -> str:
    """Changes when the article text or the extractor changes: the build's "is this done?"."""
    return hashlib.sha256(f"{__version__}\n{article.text}".encode()).hexdigest()


def article_triples(extraction: Extraction) -> ArticleTriples:
    """The article's triples. Only entities that take part in a fact are described: a
    capitalised phrase that no fact needs is not worth a node."""
    article = extraction.article
    out = ArticleTriples(article_graph(article.id))
    mapper = _Mapper(out, article)
    mapper.article()
    for fact in extraction.facts:
        mapper.fact(fact)
    return out


def _line(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} .\n"


class _Mapper:
    """Writes one article's lines; what is the same for all its facts is made once here."""

    def __init__(self, out: ArticleTriples, article: Article) -> None:
        self.out = out
        self.article_ = article
        self.entities = out.entity_lines
        self.facts = out.fact_lines
        self.node = iri(article_iri(article.id))
        self.fact_base = f"<{fact_base(article.id)}"
        self.derived_from = f" {N.prov_wasDerivedFrom} {self.node} .\n"
        published = article.published
        self.published = _date(published, len(published) == 4) if published else None

    def article(self) -> None:
        article, node, add = self.article_, self.node, self.facts.add
        add(f"{node} {N.rdf_type} {N.schema_NewsArticle} .\n")
        add(f"{node} {N.rdf_type} {N.prov_Entity} .\n")
        add(f"{node} {N.kg_articleId} {literal(article.id)} .\n")
        add(f"{node} {N.schema_headline} {literal(article.title)} .\n")
        add(f"{node} {N.kg_sourcePath} {literal(article.source)} .\n")
        self.out.marker = _line(node, N.kg_contentHash, literal(content_hash(article)))
        if article.url:
            add(f"{node} {N.schema_url} {literal(article.url, _XSD_ANY_URI)} .\n")
        if self.published:
            add(f"{node} {N.schema_datePublished} {self.published} .\n")
            if article.published_source:
                add(f"{node} {N.kg_publishedSource} {literal(article.published_source)} .\n")
                confidence = PUBLISHED_CONFIDENCE.get(article.published_source, 0.5)
                add(f"{node} {N.kg_publishedConfidence} {_decimal(confidence)} .\n")
        if article.dateline:
            add(f"{node} {N.kg_dateline} {literal(article.dateline)} .\n")
        if article.outlet:
            outlet = self.described(_outlet_description(article.outlet))
            add(f"{node} {N.schema_publisher} {outlet} .\n")

    def fact(self, fact: Fact) -> None:
        add_lines = {
            HoldsOffice: self.holding,
            IssuesDirective: self.directive,
            ElectionOnDate: self.election_date,
            Candidacy: self.candidacy,
        }.get(type(fact))
        if add_lines is None:
            raise TypeError(f"not a fact: {fact!r}")
        self.evidence(add_lines(fact), fact.evidence)

    def holding(self, fact: HoldsOffice) -> str:
        add = self.facts.add
        person = self.described(_person_description(fact.person))
        post = self.described(_post_description(fact.office))
        node = self.fact_node("holds_office", f"{person[1:-1]}|{post[1:-1]}|{fact.current}")
        add(f"{node} {N.rdf_type} {N.kg_Holding} .\n")
        add(f"{node} {N.kg_holder} {person} .\n")
        add(f"{node} {N.kg_post} {post} .\n")
        add(f"{node} {N.kg_current} {_TRUE if fact.current else _FALSE} .\n")
        if fact.current:
            add(f"{person} {N.org_holds} {post} .\n")
        if self.published:
            add(f"{node} {N.kg_attestedOn} {self.published} .\n")
        self.tenure(node, fact)
        return node

    def directive(self, fact: IssuesDirective) -> str:
        add = self.facts.add
        official = self.described(_person_description(fact.official))
        key = f"{official[1:-1]}|{','.join(fact.addressees)}|{fact.topic}"
        node = self.fact_node("issues_directive", key)
        add(f"{node} {N.rdf_type} {N.kg_Directive} .\n")
        add(f"{node} {N.rdf_type} {N.schema_CommunicateAction} .\n")
        add(f"{node} {N.schema_agent} {official} .\n")
        for addressee in fact.addressees:
            audience = self.described(_audience_description(addressee))
            add(f"{node} {N.schema_recipient} {audience} .\n")
        topic = self.described(_topic_description(fact.topic))
        add(f"{node} {N.schema_about} {topic} .\n")
        add(f"{node} {N.kg_directiveKind} {literal(fact.kind)} .\n")
        if fact.date:
            add(f"{node} {N.schema_startTime} {_date(fact.date.iso, fact.date.is_year)} .\n")
        if fact.quote:
            add(f"{node} {N.schema_text} {literal(fact.quote)} .\n")
        return node

    def election_date(self, fact: ElectionOnDate) -> str:
        add = self.facts.add
        election = self.described(_election_description(fact.election))
        node = self.fact_node("election_on_date", f"{election[1:-1]}|{fact.date.iso}")
        date = _date(fact.date.iso, fact.date.is_year)
        add(f"{node} {N.rdf_type} {N.kg_ElectionDateClaim} .\n")
        add(f"{node} {N.kg_election} {election} .\n")
        add(f"{node} {N.kg_date} {date} .\n")
        add(f"{election} {N.schema_startDate} {date} .\n")
        return node

    def candidacy(self, fact: Candidacy) -> str:
        add = self.facts.add
        person = self.described(_person_description(fact.person))
        election = self.described(_election_description(fact.election))
        node = self.fact_node("candidacy", f"{person[1:-1]}|{election[1:-1]}")
        add(f"{node} {N.rdf_type} {N.kg_Candidacy} .\n")
        add(f"{node} {N.kg_candidate} {person} .\n")
        add(f"{node} {N.kg_election} {election} .\n")
        add(f"{node} {N.kg_status} {STATUS_INDIVIDUAL[fact.status.value]} .\n")
        return node

    def described(self, description: Description) -> str:
        """An entity's node, its description added to the entities graph's lines."""
        node, lines = description
        self.entities.update(lines)
        return node

    def fact_node(self, relation: str, key: str) -> str:
        """The fact's IRI from what makes it this fact within its article (kg.resolve:
        stable across rebuilds)."""
        return f"{self.fact_base}{fact_name(relation, key)}>"

    def evidence(self, node: str, evidence: Evidence) -> None:
        add = self.facts.add
        add(node + self.derived_from)
        add(f"{node} {N.kg_sentence} {literal(evidence.sentence)} .\n")
        add(f'{node} {N.kg_startOffset} "{evidence.start}"^^{_XSD_INTEGER} .\n')
        add(f'{node} {N.kg_endOffset} "{evidence.end}"^^{_XSD_INTEGER} .\n')
        add(f"{node} {N.kg_extractor} {_extractor(evidence.extractor)} .\n")
        add(f"{node} {N.kg_confidence} {_decimal(evidence.confidence)} .\n")

    def tenure(self, node: str, fact: HoldsOffice) -> None:
        """The tenure bounds the text gives, as an OWL-Time interval on the holding
        (`org:memberDuring`, as W3C ORG does for memberships), each bound with its evidence.
        A bound given as a day is also on the holding itself as `schema:startDate` /
        `schema:endDate` (as on a schema:Role): one triple pattern for queries, where the
        path through the interval costs Oxigraph a scan of every interval
        (benchmarks/README.md)."""
        if fact.start is None and fact.end is None:
            return
        add = self.facts.add
        holding = node[:-1]
        interval = f"{holding}/tenure>"
        add(f"{node} {N.org_memberDuring} {interval} .\n")
        add(f"{interval} {N.rdf_type} {N.time_Interval} .\n")
        for value, link, shortcut, name in (
            (fact.start, N.time_hasBeginning, N.schema_startDate, "start"),
            (fact.end, N.time_hasEnd, N.schema_endDate, "end"),
        ):
            if value is None:
                continue
            date = _date(value.iso, value.is_year)
            if not value.is_year:
                add(f"{node} {shortcut} {date} .\n")
            instant = f"{holding}/{name}>"
            add(f"{interval} {link} {instant} .\n")
            add(f"{instant} {N.rdf_type} {N.time_Instant} .\n")
            in_xsd = N.time_inXSDgYear if value.is_year else N.time_inXSDDate
            add(f"{instant} {in_xsd} {date} .\n")
            add(instant + self.derived_from)
            add(f"{instant} {N.kg_sentence} {literal(fact.evidence.sentence)} .\n")
            if fact.tenure_cue:
                add(f"{instant} {N.kg_tenureCue} {literal(fact.tenure_cue)} .\n")


_TRUE = literal(True)
_FALSE = literal(False)
_XSD_INTEGER = iri(str(XSD.integer))


# Terms and entity descriptions depend on their value alone, and the same people, posts,
# regions, elections, dates and confidences recur across articles: each is made once and
# remembered (bounded). A description is the entity's node and the lines describing it.
_DESCRIPTIONS = 8192
Description = tuple[str, tuple[str, ...]]


@lru_cache(maxsize=1024, typed=True)  # typed: 1 and 1.0 are written differently
def _decimal(value: float) -> str:
    return literal(Decimal(str(value)))


@lru_cache(maxsize=256)
def _extractor(name: str) -> str:
    return literal(name)


@lru_cache(maxsize=_DESCRIPTIONS)
def _date(iso: str, is_year: bool) -> str:
    return literal(iso, _XSD_G_YEAR if is_year else _XSD_DATE)


def _described(lines: set[str]) -> tuple[str, ...]:
    return tuple(sorted(lines))


@lru_cache(maxsize=_DESCRIPTIONS)
def _person_description(person: Person) -> Description:
    node = iri(person_iri(person))
    name = literal(person.name)
    lines = {
        _line(node, N.rdf_type, N.schema_Person),
        _line(node, N.rdf_type, N.foaf_Person),
        _line(node, N.schema_name, name),
        _line(node, N.rdfs_label, name),
    }
    lines.update(_line(node, N.skos_altLabel, literal(alias)) for alias in person.aliases)
    lines.update(_line(node, N.schema_honorificPrefix, literal(p)) for p in person.prefixes)
    lines.update(_line(node, N.schema_honorificSuffix, literal(s)) for s in person.suffixes)
    return node, _described(lines)


@lru_cache(maxsize=_DESCRIPTIONS)
def _place_description(place: Place) -> Description:
    node = iri(place_iri(place))
    lines = {
        _line(node, N.rdf_type, N.schema_AdministrativeArea),
        _line(node, N.rdf_type, PLACE_CLASS[place.kind]),
        _line(node, N.schema_name, literal(place.name)),
        _line(node, N.rdfs_label, literal(place.label)),
        _line(node, N.kg_regionCode, literal(place.code)),
    }
    province = province_of(place)
    if province is not None:
        lines.add(_line(node, N.schema_containedInPlace, _place(lines, province)))
    return node, _described(lines)


def _place(lines: set[str], place: Place) -> str:
    node, description = _place_description(place)
    lines.update(description)
    return node


@lru_cache(maxsize=_DESCRIPTIONS)
def _post_description(office: Office) -> Description:
    node = iri(post_iri(office))
    role, role_lines = _labelled(role_iri(office.role), N.org_Role, office.role)
    lines = set(role_lines)
    lines.add(_line(node, N.rdf_type, N.org_Post))
    lines.add(_line(node, N.rdfs_label, literal(post_label(office))))
    lines.add(_line(node, N.kg_title, literal(office.title)))
    lines.add(_line(node, N.org_role, role))
    if office.qualifier:
        lines.add(_line(node, N.kg_qualifier, literal(office.qualifier)))
    if office.unit:
        lines.add(_line(node, N.kg_unit, literal(office.unit)))
    if office.jurisdiction:
        lines.add(_line(node, N.kg_jurisdiction, _place(lines, office.jurisdiction)))
    return node, _described(lines)


@lru_cache(maxsize=_DESCRIPTIONS)
def _election_description(election: Election) -> Description:
    node = iri(election_iri(election))
    lines = {
        _line(node, N.rdf_type, N.kg_Election),
        _line(node, N.rdf_type, N.schema_Event),
        _line(node, N.rdfs_label, literal(election.label)),
        _line(node, N.kg_electionKind, literal(election.kind)),
    }
    if election.jurisdiction:
        lines.add(_line(node, N.kg_jurisdiction, _place(lines, election.jurisdiction)))
    if election.year and election.jurisdiction:
        serentak, serentak_lines = _election_description(
            Election("Pilkada Serentak", None, election.year)
        )
        lines.update(serentak_lines)
        lines.add(_line(node, N.schema_superEvent, serentak))
    return node, _described(lines)


@lru_cache(maxsize=_DESCRIPTIONS)
def _audience_description(label: str) -> Description:
    return _labelled(audience_iri(label), N.kg_Audience, label)


@lru_cache(maxsize=_DESCRIPTIONS)
def _topic_description(label: str) -> Description:
    node, lines = _labelled(topic_iri(label), N.kg_Topic, label)
    return node, (*lines, _line(node, N.rdf_type, N.skos_Concept))


@lru_cache(maxsize=_DESCRIPTIONS)
def _outlet_description(name: str) -> Description:
    node = iri(outlet_iri(name))
    return node, (
        _line(node, N.rdf_type, N.schema_Organization),
        _line(node, N.schema_name, literal(name)),
    )


def _labelled(node: URIRef, cls: str, label: str) -> Description:
    term = iri(node)
    return term, (_line(term, N.rdf_type, cls), _line(term, N.rdfs_label, literal(label)))


def iter_quads(triples: ArticleTriples) -> Iterator[tuple[str, str, str, str]]:
    """The article's quads as N-Triples terms (the graph last), entities first, each part
    sorted."""
    graph = iri(triples.graph)
    for s, p, o in sorted(triples.entities):
        yield s, p, o, ENTITIES_GRAPH
    for s, p, o in sorted(triples.facts):
        yield s, p, o, graph
