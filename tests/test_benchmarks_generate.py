"""The benchmark corpus generator: reproducible, and its articles yield all four relations."""

from __future__ import annotations

from collections import Counter

from articles import article as make_article

from benchmarks.generate import article, generate, templates
from kg.extract import extract
from kg.model import relation_of


def test_the_same_seed_and_index_give_the_same_article():
    assert article(7, 123) == article(7, 123)
    assert article(7, 123) != article(8, 123)
    assert [r["id"] for r in generate(2, seed=7, offset=10)] == ["gen-7-0000010", "gen-7-0000011"]


def test_every_template_is_filled_without_leftover_placeholders():
    names = {t.name for t in templates()}
    seen = set()
    for index in range(300):
        record = article(1, index)
        assert "{" not in record["text"] and "{" not in record["title"]
        seen.add(record["title"])
    assert len(names) >= 8 and len(seen) > 100


def test_generated_articles_yield_the_four_relations():
    relations: Counter[str] = Counter()
    for index in range(80):
        record = article(1, index)
        text = record["title"] + "\n\n" + record["text"]
        extraction = extract(make_article(text, record["id"], record["published"]))
        relations.update(relation_of(fact) for fact in extraction.facts)
    assert {"holds_office", "issues_directive", "election_on_date", "candidacy"} <= set(relations)
    assert relations["holds_office"] >= 80
