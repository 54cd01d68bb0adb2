"""networkx graphs from the RDF, each a named projection built by SPARQL (never by turning
every triple into an edge: literals are node attributes, not nodes).

entity               persons, posts, places, elections, audiences, topics; facts as typed edges
person-person        persons linked by the articles that name both in facts
person-organisation  persons and the posts they hold (bipartite)

Edge weight = number of distinct articles supporting the link; `start`/`end` = the earliest
and latest date of the supporting facts (the fact's own date, else its article's date, and
for holdings the tenure bounds the text gives).
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

import networkx as nx
import pyoxigraph as ox

from kg.errors import KgError

VIEWS = ("entity", "person-person", "person-organisation")

_PREFIXES = """
PREFIX kg: <https://kg-pilkada.example.org/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX time: <http://www.w3.org/2006/time#>
"""

_NODES = {
    "person": "?n a schema:Person ; schema:name ?label .",
    "office": "?n a <http://www.w3.org/ns/org#Post> ; rdfs:label ?label ."
    " OPTIONAL { ?n kg:title ?title } OPTIONAL { ?n kg:jurisdiction/rdfs:label ?jurisdiction }",
    "place": "?n a schema:AdministrativeArea ; rdfs:label ?label ; kg:regionCode ?code .",
    "election": "?n a kg:Election ; rdfs:label ?label ."
    " OPTIONAL { ?n kg:jurisdiction/rdfs:label ?jurisdiction }",
    "audience": "?n a kg:Audience ; rdfs:label ?label .",
    "topic": "?n a kg:Topic ; rdfs:label ?label .",
}

# (relation: required triple patterns binding ?a (the article), ?s, ?o; optional ones binding
# ?date, ?from, ?to). Each pattern becomes a sub-SELECT of its own (`_hash_joined`).
_FACT_EDGES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "holds_office": (
        ("?f a kg:Holding", "?f kg:holder ?s", "?f kg:post ?o", "?f kg:current true"),
        ("?f kg:attestedOn ?date", "?f schema:startDate ?from", "?f schema:endDate ?to"),
    ),
    "directive": (
        ("?f a kg:Directive", "?f schema:agent ?s", "?f schema:recipient ?o"),
        ("?f schema:startTime ?date",),
    ),
    "directive_topic": (
        ("?f a kg:Directive", "?f schema:agent ?s", "?f schema:about ?o"),
        ("?f schema:startTime ?date",),
    ),
    "candidacy": (("?f a kg:Candidacy", "?f kg:candidate ?s", "?f kg:election ?o"), ()),
    "jurisdiction": (("?f kg:post|kg:election ?s", "?s kg:jurisdiction ?o"), ()),
    "election_date": (
        (
            "?f a kg:ElectionDateClaim",
            "?f kg:election ?s",
            "?f kg:date ?date",
            "?s kg:jurisdiction ?o",
        ),
        (),
    ),
}
_ARTICLE = ("?f prov:wasDerivedFrom ?a",)
_PUBLISHED = ("?a schema:datePublished ?published",)
_VARIABLE = re.compile(r"[?$]\w+")


def _looked_up(required: tuple[str, ...], optional: tuple[str, ...]) -> str:
    """The patterns as one group: Oxigraph looks each up per row, what a VALUES block of a
    few nodes in front of it wants."""
    return " . ".join(required) + " . " + " ".join(f"OPTIONAL {{ {p} }}" for p in optional)


def _hash_joined(required: tuple[str, ...], optional: tuple[str, ...]) -> str:
    """A group with each triple pattern in a sub-SELECT of its own: Oxigraph hash-joins
    those, where a group of patterns costs one index lookup per fact and pattern (the entity
    view of 100,000 articles took 70 s)."""

    def selected(pattern: str) -> str:
        variables = " ".join(dict.fromkeys(_VARIABLE.findall(pattern)))
        return f"{{ SELECT {variables} WHERE {{ {pattern} }} }}"

    return " ".join([selected(p) for p in required] + [f"OPTIONAL {selected(p)}" for p in optional])


def _rows(
    store: ox.Store, variables: list[str], where: str, limit: int | None = None
) -> list[dict[str, str]]:
    query = f"SELECT DISTINCT {' '.join('?' + v for v in variables)} WHERE {{ {where} }}"
    if limit is not None:
        query += f" LIMIT {int(limit)}"
    results = store.query(_PREFIXES + query, use_default_graph_as_union=True)
    return [
        {name: term.value for name, term in zip(variables, solution, strict=True) if term}
        for solution in results
    ]


def _entity_nodes(store: ox.Store, graph: nx.Graph) -> None:
    for kind, pattern in _NODES.items():
        for row in _rows(store, ["n", "label", "title", "jurisdiction", "code"], pattern):
            attributes = {k: v for k, v in row.items() if k != "n"}
            graph.add_node(row["n"], type=kind, **attributes)


def _fact_links(store: ox.Store) -> dict[str, list[dict[str, str]]]:
    links = {}
    for relation, (required, optional) in _FACT_EDGES.items():
        where = _hash_joined(required + _ARTICLE, optional + _PUBLISHED)
        variables = ["s", "o", "a", "date", "published", "from", "to"]
        links[relation] = _rows(store, variables, where)
    return links


def _add_edges(graph: nx.Graph, relation: str, rows: list[dict[str, str]]) -> None:
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    dates: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        if row["s"] not in graph or row["o"] not in graph:
            continue
        key = (row["s"], row["o"])
        articles[key].add(row["a"])
        when = row.get("date") or row.get("published")
        # a tenure the text dates ("dilantik ...", "sejak ...") widens the edge's time span
        for day in (when, row.get("from"), row.get("to")):
            if day and len(day) >= 10:
                dates[key].append(day[:10])
    for (source, target), supporting in sorted(articles.items()):
        attributes = {"relation": relation, "label": relation, "weight": len(supporting)}
        if dates[(source, target)]:
            attributes["start"] = min(dates[(source, target)])
            attributes["end"] = max(dates[(source, target)])
        if graph.has_edge(source, target):
            existing = graph.edges[source, target]
            existing["weight"] = max(existing["weight"], attributes["weight"])
            continue
        graph.add_edge(source, target, **attributes)


def _election_dates(graph: nx.Graph, rows: list[dict[str, str]]) -> None:
    for row in rows:
        if row["s"] in graph and row.get("date"):
            current = graph.nodes[row["s"]].get("date")
            if current is None or len(row["date"]) > len(current):
                graph.nodes[row["s"]]["date"] = row["date"]


def build_view(store: ox.Store, view: str = "entity") -> nx.Graph:
    """The named projection of the store as an undirected networkx graph (node ids = IRIs;
    attributes label, type and scalars; edges with relation, weight, start/end)."""
    if view not in VIEWS:
        raise KgError(f"unknown view {view!r}; known: {', '.join(VIEWS)}")
    full = nx.Graph()
    _entity_nodes(store, full)
    links = _fact_links(store)
    _election_dates(full, links["election_date"])
    if view == "entity":
        for relation, rows in links.items():
            if relation != "election_date":
                _add_edges(full, relation, rows)
        return full
    if view == "person-organisation":
        graph = nx.Graph()
        for node, data in full.nodes(data=True):
            if data["type"] in ("person", "office"):
                graph.add_node(node, **data)
        _add_edges(graph, "holds_office", links["holds_office"])
        graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
        return graph
    return _person_person(full, links)


def _person_person(full: nx.Graph, links: dict[str, list[dict[str, str]]]) -> nx.Graph:
    graph = nx.Graph()
    persons_in: dict[str, set[str]] = defaultdict(set)
    dated: dict[str, str] = {}
    for rows in links.values():
        for row in rows:
            if full.nodes.get(row["s"], {}).get("type") == "person":
                persons_in[row["a"]].add(row["s"])
                when = row.get("date") or row.get("published")
                if when and len(when) >= 10:
                    dated[row["a"]] = when[:10]
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for article, persons in persons_in.items():
        for person in persons:
            graph.add_node(person, **full.nodes[person])
        for a, b in combinations(sorted(persons), 2):
            pairs[(a, b)].add(article)
    for (a, b), articles in sorted(pairs.items()):
        attributes = {"relation": "shared_article", "label": "shared_article"}
        attributes["weight"] = len(articles)
        days = sorted(dated[x] for x in articles if x in dated)
        if days:
            attributes["start"], attributes["end"] = days[0], days[-1]
        graph.add_edge(a, b, **attributes)
    return graph


def restrict_period(graph: nx.Graph, since: str | None, until: str | None) -> nx.Graph:
    """The subgraph of edges whose dates fall in [since, until] (ISO dates, either open);
    undated edges are left out when a period is given, and so are nodes left without edges."""
    if not since and not until:
        return graph
    kept = nx.Graph()
    for source, target, data in graph.edges(data=True):
        start, end = data.get("start"), data.get("end")
        if start is None:
            continue
        if (since and end < since) or (until and start > until):
            continue
        kept.add_node(source, **graph.nodes[source])
        kept.add_node(target, **graph.nodes[target])
        kept.add_edge(source, target, **data)
    return kept


NEIGHBOURHOOD_ROWS = 2_000  # links read per relation and side around a node (hubs have more)


def neighbourhood(store: ox.Store, center: str, hops: int = 1, max_nodes: int = 60) -> nx.Graph:
    """The entity view around one node: its links and, with `hops` 2, its neighbours' links.

    Built from the same projections as the entity view, with the end nodes bound by VALUES
    (fast on a large store). When a hop would pass `max_nodes`, the neighbours linked by the
    most articles are kept; around a hub (an addressee group named by thousands of
    directives) they are chosen among the first NEIGHBOURHOOD_ROWS links of each kind."""
    center_node = ox.NamedNode(center)  # raises ValueError on a malformed IRI
    kept: dict[str, int] = {center_node.value: 0}
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    frontier = [center_node.value]
    for _ in range(max(1, min(hops, 2))):
        values = " ".join(str(ox.NamedNode(iri)) for iri in frontier)
        weight: dict[str, set[str]] = defaultdict(set)
        for relation, (required, optional) in _FACT_EDGES.items():
            if relation == "election_date":
                continue
            pattern = _looked_up(required + _ARTICLE, optional)
            for side, other in (("s", "o"), ("o", "s")):
                where = f"VALUES ?{side} {{ {values} }} {pattern}"
                where += " OPTIONAL { ?a schema:datePublished ?published }"
                variables = ["s", "o", "a", "date", "published", "from", "to"]
                for row in _rows(store, variables, where, NEIGHBOURHOOD_ROWS):
                    rows[relation].append(row)
                    if row[other] not in kept:
                        weight[row[other]].add(row["a"])
        room = max_nodes - len(kept)
        ranked = sorted(weight, key=lambda iri: (-len(weight[iri]), iri))[: max(room, 0)]
        for iri in ranked:
            kept[iri] = len(kept)
        frontier = ranked
        if not frontier:
            break
    graph = nx.Graph()
    values = " ".join(str(ox.NamedNode(iri)) for iri in kept)
    for kind, pattern in _NODES.items():
        where = f"VALUES ?n {{ {values} }} {pattern}"
        for row in _rows(store, ["n", "label", "title", "jurisdiction", "code"], where):
            graph.add_node(row["n"], type=kind, **{k: val for k, val in row.items() if k != "n"})
    for relation, relation_rows in rows.items():
        _add_edges(graph, relation, relation_rows)
    return graph
