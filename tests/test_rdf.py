"""Facts to RDF and into the store: the mapping in ontology/MAPPING.md, idempotent writes."""

from __future__ import annotations

import pyoxigraph as ox
from articles import article
from hypothesis import given
from hypothesis import strategies as st

from kg.extract import extract
from kg.graph import vocab as v
from kg.graph.rdf import article_triples
from kg.graph.store import replace_article, stored_hashes, write_articles
from kg.graph.terms import iri, literal, to_oxigraph
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
        s
        for s, p, o in triples.entities
        if p == iri(SCHEMA.name) and o == literal("Darmawan Syahputra")
    )
    assert (person, iri(RDF.type), iri(SCHEMA.Person)) in triples.entities
    assert (person, iri(SCHEMA.honorificPrefix), literal("H")) in triples.entities
    assert not any(p == iri(SCHEMA.name) for _, p, _ in triples.facts)


def test_holding_is_a_qualified_node_with_evidence_and_a_direct_org_holds():
    triples = triples_for()
    holding = next(s for s, p, o in triples.facts if p == iri(RDF.type) and o == iri(v.Holding))
    facts = {(p, o) for s, p, o in triples.facts if s == holding}
    holder = next(o for p, o in facts if p == iri(v.holder))
    post = next(o for p, o in facts if p == iri(v.post))
    assert (iri(v.current), literal(True)) in facts
    assert any(p == iri(PROV.wasDerivedFrom) for p, _ in facts)
    assert any(p == iri(v.sentence) for p, _ in facts)
    assert any(p == iri(v.confidence) and o.endswith(f"^^{iri(XSD.decimal)}") for p, o in facts)
    assert (holder, iri(ORG.holds), post) in triples.facts
    assert (post, iri(v.title), literal("Penjabat Bupati")) in triples.entities


def test_iris_are_deterministic():
    assert triples_for().facts == triples_for().facts
    extraction = extract(article(TEXT, "lahat-1"))
    holding = next(f for f in extraction.facts if hasattr(f, "office"))
    assert str(person_iri(holding.person)).endswith("/person/darmawan-syahputra")
    assert str(post_iri(holding.office)).endswith("/post/penjabat-bupati/16.04")


def test_dates_are_typed():
    triples = triples_for()
    dates = {o for _, p, o in triples.facts if p in (iri(v.date), iri(SCHEMA.startTime))}
    assert literal("2024-11-27", str(XSD.date)) in dates
    assert literal("2024-09-09", str(XSD.date)) in dates


def test_literals_are_stored_exactly_as_written():
    """Quotes and backslashes in a sentence survive the TriG text the store loads, as they
    are; so does a line break, escaped like them."""
    quote = 'minta ASN "jangan ikut kampanye" \\ tetap netral'
    text = TEXT.replace("menjaga netralitas", f"menjaga netralitas, katanya: {quote},")
    triples = triples_for(text)
    store = ox.Store()
    write_articles(store, [triples])
    sentences = {
        q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(str(v.sentence)), None)
    }
    assert any(quote in sentence for sentence in sentences)
    assert literal('a "b"\n\\c') == '"a \\"b\\"\\n\\\\c"'
    assert literal(7) == f'"7"^^{iri(XSD.integer)}'


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


@given(st.text())
def test_a_literal_reads_back_as_the_text_it_was_made_from(text):
    """Whatever the characters (quotes, backslashes, line breaks, other scripts), Oxigraph's
    strict parser reads the literal back as the same text."""
    assert to_oxigraph(literal(text)).value == text


def test_an_entity_seen_before_is_described_again_in_each_article():
    """Descriptions are remembered across articles: each article still carries all of its
    own, so a rebuilt or replaced article is complete on its own."""
    first, second = triples_for(article_id="lahat-1"), triples_for(article_id="lahat-2")
    assert first.entities == second.entities
    assert {p for s, p, o in first.entities if "/person/" in s} >= {iri(SCHEMA.name)}
    assert first.facts != second.facts


def test_the_completion_record_is_kept_apart_from_the_article_lines():
    triples = triples_for()
    assert iri(v.contentHash) in triples.marker
    assert not any(iri(v.contentHash) in line for line in triples.fact_lines)
    assert any(p == iri(v.contentHash) for _, p, _ in triples.facts)
