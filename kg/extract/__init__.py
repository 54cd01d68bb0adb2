"""Extraction: one article in, its persons and facts out (plain records, no RDF).

Rule-based, with the language knowledge in kg/data: mentions first (places, offices, dates,
elections, persons), then one extractor per relation over those mentions.
"""

from __future__ import annotations

from kg.extract.candidacies import extract_candidacies
from kg.extract.context import build_context
from kg.extract.directives import extract_directives
from kg.extract.election_dates import extract_election_dates
from kg.extract.holdings import extract_holdings
from kg.model import Article, Extraction, Fact, Person


def extract(article: Article) -> Extraction:
    """Every fact the article states, each with its evidence."""
    context = build_context(article)
    holdings = extract_holdings(context)
    facts: list[Fact] = [
        *holdings,
        *extract_directives(context, holdings),
        *extract_election_dates(context),
        *extract_candidacies(context, holdings),
    ]
    persons: dict[str, Person] = {}
    for person in context.person_of.values():
        persons.setdefault(person.name, person)
    return Extraction(article, tuple(persons.values()), tuple(facts))
