"""Entity resolution: one node per real person, across articles; deterministic IRIs."""

from __future__ import annotations

from articles import article

from kg.extract import extract
from kg.graph.rdf import article_triples
from kg.graph.terms import iri
from kg.graph.vocab import SCHEMA
from kg.resolve import person_iri, slug

FIRST = (
    "Rapat Netralitas\n"
    "Sekda Kota Prabumulih, Rudi Hartawan, mengingatkan seluruh ASN menjaga netralitas.\n"
    "Rudi juga meminta camat hadir dalam rapat.\n"
)
SECOND = (
    "Bursa Pilwako\n"
    "Nama Rudi Kurniawan mencuat sebagai bakal calon dalam Pilwako Prabumulih 2024.\n"
    "Sementara itu, Sekda Prabumulih Rudi Hartawan memastikan ASN tetap netral.\n"
)


def persons_in(text: str, article_id: str) -> set[str]:
    triples = article_triples(extract(article(text, article_id)))
    name = iri(SCHEMA.name)
    return {s.strip("<>") for s, p, _ in triples.entities if p == name and "/person/" in s}


def test_slug_is_ascii_lowercase_and_stable():
    assert slug("Wali Kota  Lubuklinggau") == "wali-kota-lubuklinggau"
    assert slug("Zoë Andréa") == "zoe-andrea"


def test_same_full_name_in_two_articles_is_one_node():
    shared = persons_in(FIRST, "a1") & persons_in(SECOND, "a2")
    assert {iri.rsplit("/", 1)[-1] for iri in shared} == {"rudi-hartawan"}


def test_people_sharing_a_first_name_stay_apart():
    second = persons_in(SECOND, "a2")
    assert {iri.rsplit("/", 1)[-1] for iri in second} == {"rudi-hartawan", "rudi-kurniawan"}


def test_short_mention_joins_the_full_name_in_its_article():
    result = extract(article(FIRST, "a1"))
    officials = {f.official.name for f in result.facts if hasattr(f, "official")}
    assert officials == {"Rudi Hartawan"}
    person = next(p for p in result.persons if p.name == "Rudi Hartawan")
    assert str(person_iri(person)).endswith("/person/rudi-hartawan")
