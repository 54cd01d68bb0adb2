"""Facts as RDF, following ontology/MAPPING.md.

`article_triples` gives two sets of triples for one extraction: entity descriptions (for the
shared entities graph, written once whatever the number of articles naming them) and the
article's own triples (its node, its facts, their evidence) for the article's named graph.
Terms are N-Triples text (kg.graph.terms): what the store loads, made without rdflib objects.
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
    DateValue,
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
    relation_of,
)
from kg.resolve import (
    article_graph,
    article_iri,
    audience_iri,
    election_iri,
    fact_iri,
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
    graph: URIRef
    entities: set[Triple] = field(default_factory=set)
    facts: set[Triple] = field(default_factory=set)


def content_hash(article: Article) -> str:
    """Changes when the article text or the extractor changes: the build's "is this done?"."""
    return hashlib.sha256(f"{__version__}\n{article.text}".encode()).hexdigest()


def article_triples(extraction: Extraction) -> ArticleTriples:
    """The article's triples. Only entities that take part in a fact are described: a
    capitalised phrase that no fact needs is not worth a node."""
    article = extraction.article
    out = ArticleTriples(article_graph(article.id))
    _article(out, article)
    for fact in extraction.facts:
        _fact(out, article, fact)
    return out


def _article(out: ArticleTriples, article: Article) -> None:
    node = iri(article_iri(article.id))
    add = out.facts.add
    add((node, N.rdf_type, N.schema_NewsArticle))
    add((node, N.rdf_type, N.prov_Entity))
    add((node, N.kg_articleId, literal(article.id)))
    add((node, N.schema_headline, literal(article.title)))
    add((node, N.kg_sourcePath, literal(article.source)))
    add((node, N.kg_contentHash, literal(content_hash(article))))
    if article.url:
        add((node, N.schema_url, literal(article.url, _XSD_ANY_URI)))
    if article.published:
        add((node, N.schema_datePublished, _date(DateValue(article.published))))
        if article.published_source:
            add((node, N.kg_publishedSource, literal(article.published_source)))
            confidence = PUBLISHED_CONFIDENCE.get(article.published_source, 0.5)
            add((node, N.kg_publishedConfidence, literal(Decimal(str(confidence)))))
    if article.dateline:
        add((node, N.kg_dateline, literal(article.dateline)))
    if article.outlet:
        outlet = iri(outlet_iri(article.outlet))
        add((node, N.schema_publisher, outlet))
        out.entities.add((outlet, N.rdf_type, N.schema_Organization))
        out.entities.add((outlet, N.schema_name, literal(article.outlet)))


def _fact(out: ArticleTriples, article: Article, fact: Fact) -> None:
    relation = relation_of(fact)
    node = iri(fact_iri(article.id, relation, _fact_key(fact)))
    _evidence(out.facts, node, article, fact.evidence)
    add = out.facts.add
    if isinstance(fact, HoldsOffice):
        person, post = _person(out.entities, fact.person), _post(out.entities, fact.office)
        add((node, N.rdf_type, N.kg_Holding))
        add((node, N.kg_holder, person))
        add((node, N.kg_post, post))
        add((node, N.kg_current, literal(fact.current)))
        if fact.current:
            add((person, N.org_holds, post))
        if article.published:
            add((node, N.kg_attestedOn, _date(DateValue(article.published))))
        _tenure(out.facts, node, article, fact)
    elif isinstance(fact, IssuesDirective):
        add((node, N.rdf_type, N.kg_Directive))
        add((node, N.rdf_type, N.schema_CommunicateAction))
        add((node, N.schema_agent, _person(out.entities, fact.official)))
        for addressee in fact.addressees:
            audience = _labelled(out.entities, audience_iri(addressee), N.kg_Audience, addressee)
            add((node, N.schema_recipient, audience))
        topic = _labelled(out.entities, topic_iri(fact.topic), N.kg_Topic, fact.topic)
        out.entities.add((topic, N.rdf_type, N.skos_Concept))
        add((node, N.schema_about, topic))
        add((node, N.kg_directiveKind, literal(fact.kind)))
        if fact.date:
            add((node, N.schema_startTime, _date(fact.date)))
        if fact.quote:
            add((node, N.schema_text, literal(fact.quote)))
    elif isinstance(fact, ElectionOnDate):
        election = _election(out.entities, fact.election)
        add((node, N.rdf_type, N.kg_ElectionDateClaim))
        add((node, N.kg_election, election))
        add((node, N.kg_date, _date(fact.date)))
        add((election, N.schema_startDate, _date(fact.date)))
    elif isinstance(fact, Candidacy):
        add((node, N.rdf_type, N.kg_Candidacy))
        add((node, N.kg_candidate, _person(out.entities, fact.person)))
        add((node, N.kg_election, _election(out.entities, fact.election)))
        add((node, N.kg_status, STATUS_INDIVIDUAL[fact.status.value]))


def _tenure(triples: set[Triple], node: str, article: Article, fact: HoldsOffice) -> None:
    """The tenure bounds the text gives, as an OWL-Time interval on the holding
    (`org:memberDuring`, as W3C ORG does for memberships), each bound with its evidence.
    A bound given as a day is also on the holding itself as `schema:startDate` /
    `schema:endDate` (as on a schema:Role): one triple pattern for queries, where the path
    through the interval costs Oxigraph a scan of every interval (benchmarks/README.md)."""
    if fact.start is None and fact.end is None:
        return
    holding = node[1:-1]
    interval = iri(f"{holding}/tenure")
    triples.add((node, N.org_memberDuring, interval))
    triples.add((interval, N.rdf_type, N.time_Interval))
    for value, link, shortcut, name in (
        (fact.start, N.time_hasBeginning, N.schema_startDate, "start"),
        (fact.end, N.time_hasEnd, N.schema_endDate, "end"),
    ):
        if value is None:
            continue
        if not value.is_year:
            triples.add((node, shortcut, _date(value)))
        instant = iri(f"{holding}/{name}")
        triples.add((interval, link, instant))
        triples.add((instant, N.rdf_type, N.time_Instant))
        in_xsd = N.time_inXSDgYear if value.is_year else N.time_inXSDDate
        triples.add((instant, in_xsd, _date(value)))
        triples.add((instant, N.prov_wasDerivedFrom, iri(article_iri(article.id))))
        triples.add((instant, N.kg_sentence, literal(fact.evidence.sentence)))
        if fact.tenure_cue:
            triples.add((instant, N.kg_tenureCue, literal(fact.tenure_cue)))


def _fact_key(fact: Fact) -> str:
    """What makes a fact this fact within its article: stable across rebuilds."""
    if isinstance(fact, HoldsOffice):
        return f"{person_iri(fact.person)}|{post_iri(fact.office)}|{fact.current}"
    if isinstance(fact, IssuesDirective):
        groups = ",".join(fact.addressees)
        return f"{person_iri(fact.official)}|{groups}|{fact.topic}"
    if isinstance(fact, ElectionOnDate):
        return f"{election_iri(fact.election)}|{fact.date.iso}"
    return f"{person_iri(fact.person)}|{election_iri(fact.election)}"


def _evidence(triples: set[Triple], node: str, article: Article, evidence: Evidence) -> None:
    triples.add((node, N.prov_wasDerivedFrom, iri(article_iri(article.id))))
    triples.add((node, N.kg_sentence, literal(evidence.sentence)))
    triples.add((node, N.kg_startOffset, literal(evidence.start)))
    triples.add((node, N.kg_endOffset, literal(evidence.end)))
    triples.add((node, N.kg_extractor, literal(evidence.extractor)))
    triples.add((node, N.kg_confidence, literal(Decimal(str(evidence.confidence)))))


# Entity descriptions depend on the entity alone, and the same people, posts, regions and
# elections recur across articles: each description is made once and remembered (bounded).
_DESCRIPTIONS = 8192
Description = tuple[str, frozenset[Triple]]  # the entity's node, and the triples describing it


def _person(triples: set[Triple], person: Person) -> str:
    node, description = _person_description(person)
    triples.update(description)
    return node


@lru_cache(maxsize=_DESCRIPTIONS)
def _person_description(person: Person) -> Description:
    node = iri(person_iri(person))
    name = literal(person.name)
    triples = {
        (node, N.rdf_type, N.schema_Person),
        (node, N.rdf_type, N.foaf_Person),
        (node, N.schema_name, name),
        (node, N.rdfs_label, name),
    }
    triples.update((node, N.skos_altLabel, literal(alias)) for alias in person.aliases)
    triples.update((node, N.schema_honorificPrefix, literal(p)) for p in person.prefixes)
    triples.update((node, N.schema_honorificSuffix, literal(s)) for s in person.suffixes)
    return node, frozenset(triples)


def _place(triples: set[Triple], place: Place) -> str:
    node, description = _place_description(place)
    triples.update(description)
    return node


@lru_cache(maxsize=_DESCRIPTIONS)
def _place_description(place: Place) -> Description:
    node = iri(place_iri(place))
    triples = {
        (node, N.rdf_type, N.schema_AdministrativeArea),
        (node, N.rdf_type, PLACE_CLASS[place.kind]),
        (node, N.schema_name, literal(place.name)),
        (node, N.rdfs_label, literal(place.label)),
        (node, N.kg_regionCode, literal(place.code)),
    }
    province = province_of(place)
    if province is not None:
        triples.add((node, N.schema_containedInPlace, _place(triples, province)))
    return node, frozenset(triples)


def _post(triples: set[Triple], office: Office) -> str:
    node, description = _post_description(office)
    triples.update(description)
    return node


@lru_cache(maxsize=_DESCRIPTIONS)
def _post_description(office: Office) -> Description:
    node = iri(post_iri(office))
    triples: set[Triple] = set()
    role = _labelled(triples, role_iri(office.role), N.org_Role, office.role)
    triples.add((node, N.rdf_type, N.org_Post))
    triples.add((node, N.rdfs_label, literal(post_label(office))))
    triples.add((node, N.kg_title, literal(office.title)))
    triples.add((node, N.org_role, role))
    if office.qualifier:
        triples.add((node, N.kg_qualifier, literal(office.qualifier)))
    if office.unit:
        triples.add((node, N.kg_unit, literal(office.unit)))
    if office.jurisdiction:
        triples.add((node, N.kg_jurisdiction, _place(triples, office.jurisdiction)))
    return node, frozenset(triples)


def _election(triples: set[Triple], election: Election) -> str:
    node, description = _election_description(election)
    triples.update(description)
    return node


@lru_cache(maxsize=_DESCRIPTIONS)
def _election_description(election: Election) -> Description:
    node = iri(election_iri(election))
    triples = {
        (node, N.rdf_type, N.kg_Election),
        (node, N.rdf_type, N.schema_Event),
        (node, N.rdfs_label, literal(election.label)),
        (node, N.kg_electionKind, literal(election.kind)),
    }
    if election.jurisdiction:
        triples.add((node, N.kg_jurisdiction, _place(triples, election.jurisdiction)))
    if election.year and election.jurisdiction:
        serentak = _election(triples, Election("Pilkada Serentak", None, election.year))
        triples.add((node, N.schema_superEvent, serentak))
    return node, frozenset(triples)


def _labelled(triples: set[Triple], node: URIRef, cls: str, label: str) -> str:
    term = iri(node)
    triples.add((term, N.rdf_type, cls))
    triples.add((term, N.rdfs_label, literal(label)))
    return term


def _date(value: DateValue) -> str:
    return literal(value.iso, _XSD_G_YEAR if value.is_year else _XSD_DATE)


def iter_quads(triples: ArticleTriples) -> Iterator[tuple[str, str, str, str]]:
    """The article's quads as N-Triples terms (the graph last), entities first, each part
    sorted."""
    graph = iri(triples.graph)
    for s, p, o in sorted(triples.entities):
        yield s, p, o, ENTITIES_GRAPH
    for s, p, o in sorted(triples.facts):
        yield s, p, o, graph
