"""Facts as RDF, following ontology/MAPPING.md.

`article_quads` gives two sets of triples for one extraction: entity descriptions (for the
shared entities graph, written once whatever the number of articles naming them) and the
article's own triples (its node, its facts, their evidence) for the article's named graph.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg import __version__
from kg.gazetteer import province_of
from kg.graph import vocab as v
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

Triple = tuple[Node, Node, Node]

PLACE_CLASS = {PlaceKind.PROVINCE: v.Province, PlaceKind.REGENCY: v.Regency, PlaceKind.CITY: v.City}
# How sure a publication date is, by where it came from: a feed's own field, the page's
# metadata, or the first date written in the text (which may be the event's, not the day of
# publication).
PUBLISHED_CONFIDENCE = {"jsonl": 1.0, "meta": 0.95, "text": 0.7}
STATUS_INDIVIDUAL = {
    "floated": v.KG.Floated,
    "declared": v.KG.Declared,
    "registered": v.KG.Registered,
    "elected": v.KG.Elected,
}


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
    node = article_iri(article.id)
    add = out.facts.add
    add((node, RDF.type, SCHEMA.NewsArticle))
    add((node, RDF.type, PROV.Entity))
    add((node, v.articleId, Literal(article.id)))
    add((node, SCHEMA.headline, Literal(article.title)))
    add((node, v.sourcePath, Literal(article.source)))
    add((node, v.contentHash, Literal(content_hash(article))))
    if article.url:
        add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
    if article.published:
        add((node, SCHEMA.datePublished, _date(DateValue(article.published))))
        if article.published_source:
            add((node, v.publishedSource, Literal(article.published_source)))
            confidence = PUBLISHED_CONFIDENCE.get(article.published_source, 0.5)
            add((node, v.publishedConfidence, Literal(Decimal(str(confidence)))))
    if article.dateline:
        add((node, v.dateline, Literal(article.dateline)))
    if article.outlet:
        outlet = outlet_iri(article.outlet)
        add((node, SCHEMA.publisher, outlet))
        out.entities.add((outlet, RDF.type, SCHEMA.Organization))
        out.entities.add((outlet, SCHEMA.name, Literal(article.outlet)))


def _fact(out: ArticleTriples, article: Article, fact: Fact) -> None:
    relation = relation_of(fact)
    node = fact_iri(article.id, relation, _fact_key(fact))
    _evidence(out.facts, node, article, fact.evidence)
    add = out.facts.add
    if isinstance(fact, HoldsOffice):
        person, post = _person(out.entities, fact.person), _post(out.entities, fact.office)
        add((node, RDF.type, v.Holding))
        add((node, v.holder, person))
        add((node, v.post, post))
        add((node, v.current, Literal(fact.current)))
        if fact.current:
            add((person, ORG.holds, post))
        if article.published:
            add((node, v.attestedOn, _date(DateValue(article.published))))
        _tenure(out.facts, node, article, fact)
    elif isinstance(fact, IssuesDirective):
        add((node, RDF.type, v.Directive))
        add((node, RDF.type, SCHEMA.CommunicateAction))
        add((node, SCHEMA.agent, _person(out.entities, fact.official)))
        for addressee in fact.addressees:
            add(
                (
                    node,
                    SCHEMA.recipient,
                    _labelled(out.entities, audience_iri(addressee), v.Audience, addressee),
                )
            )
        topic = _labelled(out.entities, topic_iri(fact.topic), v.Topic, fact.topic)
        out.entities.add((topic, RDF.type, SKOS.Concept))
        add((node, SCHEMA.about, topic))
        add((node, v.directiveKind, Literal(fact.kind)))
        if fact.date:
            add((node, SCHEMA.startTime, _date(fact.date)))
        if fact.quote:
            add((node, SCHEMA.text, Literal(fact.quote)))
    elif isinstance(fact, ElectionOnDate):
        election = _election(out.entities, fact.election)
        add((node, RDF.type, v.ElectionDateClaim))
        add((node, v.election, election))
        add((node, v.date, _date(fact.date)))
        add((election, SCHEMA.startDate, _date(fact.date)))
    elif isinstance(fact, Candidacy):
        add((node, RDF.type, v.Candidacy))
        add((node, v.candidate, _person(out.entities, fact.person)))
        add((node, v.election, _election(out.entities, fact.election)))
        add((node, v.status, STATUS_INDIVIDUAL[fact.status.value]))


def _tenure(triples: set[Triple], node: URIRef, article: Article, fact: HoldsOffice) -> None:
    """The tenure bounds the text gives, as an OWL-Time interval on the holding
    (`org:memberDuring`, as W3C ORG does for memberships), each bound with its evidence."""
    if fact.start is None and fact.end is None:
        return
    interval = URIRef(f"{node}/tenure")
    triples.add((node, ORG.memberDuring, interval))
    triples.add((interval, RDF.type, TIME.Interval))
    for value, link, name in (
        (fact.start, TIME.hasBeginning, "start"),
        (fact.end, TIME.hasEnd, "end"),
    ):
        if value is None:
            continue
        instant = URIRef(f"{node}/{name}")
        triples.add((interval, link, instant))
        triples.add((instant, RDF.type, TIME.Instant))
        in_xsd = TIME.inXSDgYear if value.is_year else TIME.inXSDDate
        triples.add((instant, in_xsd, _date(value)))
        triples.add((instant, PROV.wasDerivedFrom, article_iri(article.id)))
        triples.add((instant, v.sentence, Literal(fact.evidence.sentence)))
        if fact.tenure_cue:
            triples.add((instant, v.tenureCue, Literal(fact.tenure_cue)))


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


def _evidence(triples: set[Triple], node: URIRef, article: Article, evidence: Evidence) -> None:
    triples.add((node, PROV.wasDerivedFrom, article_iri(article.id)))
    triples.add((node, v.sentence, Literal(evidence.sentence)))
    triples.add((node, v.startOffset, Literal(evidence.start)))
    triples.add((node, v.endOffset, Literal(evidence.end)))
    triples.add((node, v.extractor, Literal(evidence.extractor)))
    triples.add((node, v.confidence, Literal(Decimal(str(evidence.confidence)))))


def _person(triples: set[Triple], person: Person) -> URIRef:
    node = person_iri(person)
    triples.add((node, RDF.type, SCHEMA.Person))
    triples.add((node, RDF.type, FOAF.Person))
    triples.add((node, SCHEMA.name, Literal(person.name)))
    triples.add((node, RDFS.label, Literal(person.name)))
    for alias in person.aliases:
        triples.add((node, SKOS.altLabel, Literal(alias)))
    for prefix in person.prefixes:
        triples.add((node, SCHEMA.honorificPrefix, Literal(prefix)))
    for suffix in person.suffixes:
        triples.add((node, SCHEMA.honorificSuffix, Literal(suffix)))
    return node


def _place(triples: set[Triple], place: Place) -> URIRef:
    node = place_iri(place)
    triples.add((node, RDF.type, SCHEMA.AdministrativeArea))
    triples.add((node, RDF.type, PLACE_CLASS[place.kind]))
    triples.add((node, SCHEMA.name, Literal(place.name)))
    triples.add((node, RDFS.label, Literal(place.label)))
    triples.add((node, v.regionCode, Literal(place.code)))
    province = province_of(place)
    if province is not None:
        triples.add((node, SCHEMA.containedInPlace, _place(triples, province)))
    return node


def _post(triples: set[Triple], office: Office) -> URIRef:
    node = post_iri(office)
    role = _labelled(triples, role_iri(office.role), ORG.Role, office.role)
    triples.add((node, RDF.type, ORG.Post))
    triples.add((node, RDFS.label, Literal(post_label(office))))
    triples.add((node, v.title, Literal(office.title)))
    triples.add((node, ORG.role, role))
    if office.qualifier:
        triples.add((node, v.qualifier, Literal(office.qualifier)))
    if office.unit:
        triples.add((node, v.unit, Literal(office.unit)))
    if office.jurisdiction:
        triples.add((node, v.jurisdiction, _place(triples, office.jurisdiction)))
    return node


def _election(triples: set[Triple], election: Election) -> URIRef:
    node = election_iri(election)
    triples.add((node, RDF.type, v.Election))
    triples.add((node, RDF.type, SCHEMA.Event))
    triples.add((node, RDFS.label, Literal(election.label)))
    triples.add((node, v.electionKind, Literal(election.kind)))
    if election.jurisdiction:
        triples.add((node, v.jurisdiction, _place(triples, election.jurisdiction)))
    if election.year and election.jurisdiction:
        serentak = _election(triples, Election("Pilkada Serentak", None, election.year))
        triples.add((node, SCHEMA.superEvent, serentak))
    return node


def _labelled(triples: set[Triple], node: URIRef, cls: URIRef, label: str) -> URIRef:
    triples.add((node, RDF.type, cls))
    triples.add((node, RDFS.label, Literal(label)))
    return node


def _date(value: DateValue) -> Literal:
    return Literal(value.iso, datatype=XSD.gYear if value.is_year else XSD.date)


def iter_quads(triples: ArticleTriples) -> Iterator[tuple[Node, Node, Node, URIRef]]:
    for s, p, o in sorted(triples.entities):
        yield s, p, o, v.ENTITIES_GRAPH
    for s, p, o in sorted(triples.facts):
        yield s, p, o, triples.graph
