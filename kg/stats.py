"""What the store holds, counted: articles, entities by class, facts by relation."""

from __future__ import annotations

import pyoxigraph as ox

from kg.graph import vocab as v
from kg.graph.vocab import ORG, SCHEMA

ENTITY_CLASSES = {
    "persons": SCHEMA.Person,
    "posts": ORG.Post,
    "places": SCHEMA.AdministrativeArea,
    "elections": v.Election,
    "audiences": v.Audience,
    "topics": v.Topic,
}
FACT_CLASSES = {
    "holds_office": v.Holding,
    "issues_directive": v.Directive,
    "election_on_date": v.ElectionDateClaim,
    "candidacy": v.Candidacy,
}


def _count(store: ox.Store, pattern: str) -> int:
    query = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}"
    return int(next(iter(store.query(query)))["n"].value)


def store_stats(store: ox.Store) -> dict[str, dict[str, int] | int]:
    entities_graph = f"<{v.ENTITIES_GRAPH}>"
    return {
        "articles": _count(store, f"GRAPH ?g {{ ?x <{v.contentHash}> ?h }}"),
        "quads": len(store),
        "entities": {
            name: _count(store, f"GRAPH {entities_graph} {{ ?x a <{cls}> }}")
            for name, cls in ENTITY_CLASSES.items()
        },
        "facts": {
            name: _count(store, f"GRAPH ?g {{ ?x a <{cls}> }}")
            for name, cls in FACT_CLASSES.items()
        },
    }


def format_stats(numbers: dict) -> str:
    lines = [f"articles: {numbers['articles']}", f"quads: {numbers['quads']}", "entities:"]
    lines += [f"  {name:<18} {count}" for name, count in numbers["entities"].items()]
    lines.append("facts:")
    lines += [f"  {name:<18} {count}" for name, count in numbers["facts"].items()]
    return "\n".join(lines)
