"""Facts to RDF and into the store: the mapping in ontology/MAPPING.md, idempotent writes."""

from __future__ import annotations

import pyoxigraph as ox
from articles import article
from rdflib import Literal

from kg.extract import extract
from kg.graph import vocab as v
from kg.graph.rdf import article_triples
from kg.graph.store import replace_article, stored_hashes, write_articles
from kg.graph.vocab import ORG, PROV, RDF, SCHEMA, XSD
from kg.resolve import person_iri, post_iri

TEXT = (
    "Pj Bupati Lahat Ingatkan ASN Netral\n"
    "LAHAT - Pj Bupati Lahat, H Darmawan Syahputra, SH, mengingatkan seluruh ASN menjaga "
    "netralitas pada Pilkada Lahat 27 November 2024.\n"
    "Darmawan menyampaikan hal itu di Lahat, Senin (9/9/2024).\n"
)


def triples_for(text: str = TEXT, article_id: str = "lahat-1"):
    return article_triples(extract(article(text, article_id)))


def test_entities_and_facts_go_to_separate_graphs():
    triples = triples_for()
    person = next(
        s for s, p, o in triples.entities if p == SCHEMA.name and o == Literal("Darmawan Syahputra")
    )
    assert (person, RDF.type, SCHEMA.Person) in triples.entities
    assert (person, SCHEMA.honorificPrefix, Literal("H")) in triples.entities
    assert not any(p == SCHEMA.name for _, p, _ in triples.facts)


def test_holding_is_a_qualified_node_with_evidence_and_a_direct_org_holds():
    triples = triples_for()
    holding = next(s for s, p, o in triples.facts if p == RDF.type and o == v.Holding)
    facts = {(p, o) for s, p, o in triples.facts if s == holding}
    holder = next(o for p, o in facts if p == v.holder)
    post = next(o for p, o in facts if p == v.post)
    assert (v.current, Literal(True)) in facts
    assert any(p == PROV.wasDerivedFrom for p, _ in facts)
    assert any(p == v.sentence for p, _ in facts)
    assert any(p == v.confidence and o.datatype == XSD.decimal for p, o in facts)
    assert (holder, ORG.holds, post) in triples.facts
    assert (post, v.title, Literal("Penjabat Bupati")) in triples.entities


def test_iris_are_deterministic():
    assert triples_for().facts == triples_for().facts
    extraction = extract(article(TEXT, "lahat-1"))
    holding = next(f for f in extraction.facts if hasattr(f, "office"))
    assert str(person_iri(holding.person)).endswith("/person/darmawan-syahputra")
    assert str(post_iri(holding.office)).endswith("/post/penjabat-bupati/16.04")


def test_dates_are_typed():
    triples = triples_for()
    dates = {o for _, p, o in triples.facts if p in (v.date, SCHEMA.startTime)}
    assert Literal("2024-11-27", datatype=XSD.date) in dates
    assert Literal("2024-09-09", datatype=XSD.date) in dates


def test_writing_twice_changes_nothing_and_replaces_the_article_graph():
    store = ox.Store()
    write_articles(store, [triples_for()])
    first = set(store)
    write_articles(store, [triples_for()])
    assert set(store) == first
    assert "lahat-1" in stored_hashes(store)
    shorter = TEXT.split("\nDarmawan")[0] + "\n"
    replace_article(store, triples_for(shorter))
    graph = ox.NamedNode(str(triples_for(shorter).graph))
    replaced = set(store.quads_for_pattern(None, None, None, graph))
    assert replaced and replaced != {q for q in first if q.graph_name == graph}
    assert not any("Senin" in str(q.object) for q in replaced)
