"""What the store says about one entity: its description, and every fact it takes part in
with the evidence (sentence, confidence, article), for the explorer's entity page.

Results are plain dicts and lists (they cross from a worker process to the server).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from kg.errors import NotFoundError
from kg.graph import vocab as v
from kg.serve.search import KINDS

ORG = "http://www.w3.org/ns/org#"
TIME = str(v.TIME)
PROV_DERIVED = str(v.PROV.wasDerivedFrom)
RDF_TYPE = str(v.RDF.type)
LABEL_PREDICATES = (str(v.RDFS.label), str(v.SCHEMA.name))

COUNT_CAP = 1_000
# Fact classes and the kind the page shows them as.
FACT_KINDS = {
    str(v.Holding): "holding",
    str(v.Directive): "directive",
    str(v.Candidacy): "candidacy",
    str(v.ElectionDateClaim): "election-date",
}
# Evidence and bookkeeping properties of a fact (shown as evidence, not as links).
_EVIDENCE = {
    str(v.sentence): "sentence",
    str(v.confidence): "confidence",
    str(v.extractor): "extractor",
    str(v.startOffset): "start",
    str(v.endOffset): "end",
}


def entity_iri(text: str) -> ox.NamedNode:
    """The IRI a page asks for, if it is one of the graph's own (id:) IRIs."""
    try:
        node = ox.NamedNode(text.strip())
    except ValueError:
        raise NotFoundError(f"not an entity IRI: {text[:200]!r}") from None
    if not node.value.startswith(str(v.ID)):
        raise NotFoundError(f"not an entity of this graph: {text[:200]!r}")
    return node


def describe(store: ox.Store, iri: str, max_facts: int = 150) -> dict[str, Any]:
    """The entity page's data, or NotFoundError when the store knows nothing of `iri`."""
    node = entity_iri(iri)
    outgoing = _pairs(store, f"SELECT ?p ?o WHERE {{ GRAPH ?g {{ {node} ?p ?o }} }}")
    if not outgoing:
        raise NotFoundError(f"no entity {node.value} in this store")
    types = [o.value for p, o in outgoing if p == RDF_TYPE]
    kind = next((KINDS[t] for t in types if t in KINDS), "")
    if str(v.SCHEMA.NewsArticle) in types:
        kind = "article"
    literals: dict[str, list[str]] = defaultdict(list)
    links: list[tuple[str, str]] = []
    for predicate, value in outgoing:
        if isinstance(value, ox.Literal):
            literals[_local(predicate)].append(value.value)
        elif isinstance(value, ox.NamedNode) and predicate != RDF_TYPE:
            links.append((_local(predicate), value.value))
    incoming = _pairs(
        store,
        f"SELECT DISTINCT ?p ?s WHERE {{ GRAPH <{v.ENTITIES_GRAPH}> {{ ?s ?p {node} }} }}"
        " ORDER BY ?p ?s LIMIT 500",
    )
    backlinks = [(_local(p), s.value) for p, s in incoming if isinstance(s, ox.NamedNode)]
    facts = _facts(store, node, kind, max_facts)
    labels = _labels(store, {iri for _, iri in links + backlinks} | _fact_iris(facts))
    label = _first(literals, "label", "name", "headline") or node.value.rsplit("/", 1)[-1]
    return {
        "iri": node.value,
        "kind": kind,
        "label": label,
        "names": sorted(set(literals.get("name", []) + literals.get("label", [])) - {label}),
        "alt_names": sorted(set(literals.get("altLabel", []))),
        "literals": {key: sorted(set(values)) for key, values in literals.items()},
        # org:holds is asserted in every article that reports the holding: list it once
        "links": [
            (role, target, labels.get(target, target)) for role, target in sorted(set(links))
        ],
        "backlinks": [(role, s, labels.get(s, s)) for role, s in backlinks],
        "facts": _with_labels(facts, labels),
        "fact_count": _fact_count(store, node, kind),
    }


def _pairs(store: ox.Store, query: str) -> list[tuple[str, Any]]:
    rows = store.query(query, use_default_graph_as_union=True)
    return [(row[0].value, row[1]) for row in rows]


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _first(literals: dict[str, list[str]], *keys: str) -> str:
    for key in keys:
        if literals.get(key):
            return sorted(literals[key])[0]
    return ""


def _fact_pattern(node: ox.NamedNode, kind: str) -> str:
    if kind == "article":
        return f"GRAPH ?g {{ ?fact <{PROV_DERIVED}> {node} }}"
    return f"GRAPH ?g {{ ?fact ?role {node} ; <{PROV_DERIVED}> ?article }}"


def _fact_count(store: ox.Store, node: ox.NamedNode, kind: str) -> int:
    """How many facts name the entity, counted up to COUNT_CAP (a hub such as "ASN" is named
    by tens of thousands: the page says "over 10,000" rather than count them all)."""
    query = (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?fact WHERE "
        f"{{ {_fact_pattern(node, kind)} }} LIMIT {COUNT_CAP + 1} }}"
    )
    return int(next(iter(store.query(query)))["n"].value)


def _facts(store: ox.Store, node: ox.NamedNode, kind: str, limit: int) -> list[dict[str, Any]]:
    query = f"SELECT DISTINCT ?fact WHERE {{ {_fact_pattern(node, kind)} }} LIMIT {int(limit)}"
    fact_iris = [row["fact"] for row in store.query(query)]
    if not fact_iris:
        return []
    values = " ".join(str(fact) for fact in fact_iris)
    rows = store.query(
        f"SELECT ?fact ?p ?o WHERE {{ VALUES ?fact {{ {values} }} GRAPH ?g {{ ?fact ?p ?o }} }}"
    )
    facts: dict[str, dict[str, Any]] = {}
    for row in rows:
        fact = facts.setdefault(
            row["fact"].value,
            {"iri": row["fact"].value, "kind": "", "links": [], "values": {}, "evidence": {}},
        )
        predicate, value = row["p"].value, row["o"]
        if predicate == RDF_TYPE:
            fact["kind"] = FACT_KINDS.get(value.value, fact["kind"])
        elif predicate in _EVIDENCE:
            fact["evidence"][_EVIDENCE[predicate]] = value.value
        elif predicate == PROV_DERIVED:
            fact["article"] = {"iri": value.value}
        elif predicate == ORG + "memberDuring":
            fact["interval"] = value.value
        elif isinstance(value, ox.NamedNode):
            fact["links"].append([_local(predicate), value.value])
        elif isinstance(value, ox.Literal):
            fact["values"][_local(predicate)] = value.value
    for fact in facts.values():
        fact["links"].sort()
    _add_tenure(store, facts)
    _add_articles(store, facts)
    return sorted(facts.values(), key=_fact_order)


def _fact_order(fact: dict[str, Any]) -> tuple:
    values = fact["values"]
    when = (
        values.get("startTime")
        or values.get("date")
        or values.get("attestedOn")
        or fact.get("article", {}).get("published")
        or ""
    )
    return (when, fact["kind"], fact["iri"])


def _add_tenure(store: ox.Store, facts: dict[str, dict[str, Any]]) -> None:
    """Each holding's tenure bounds (OWL-Time instants): read as every triple of the
    interval's instants, from the bound intervals outwards (a pattern Oxigraph answers from
    its subject index at once, where a join on time:inXSDDate first scanned every date)."""
    intervals = {fact["interval"]: fact for fact in facts.values() if "interval" in fact}
    if not intervals:
        return
    values = " ".join(f"<{iri}>" for iri in intervals)
    query = f"""
        SELECT ?interval ?edge ?p ?o WHERE {{
          VALUES ?interval {{ {values} }}
          GRAPH ?g {{ ?interval ?edge ?instant . ?instant ?p ?o }}
        }}"""
    bounds = {f"{TIME}hasBeginning": "start", f"{TIME}hasEnd": "end"}
    fields = {
        f"{TIME}inXSDDate": "date",
        f"{TIME}inXSDgYear": "date",
        str(v.KG.tenureCue): "cue",
        str(v.sentence): "sentence",
    }
    for row in store.query(query):
        bound, field = bounds.get(row["edge"].value), fields.get(row["p"].value)
        if bound is None or field is None:
            continue
        fact = intervals[row["interval"].value]
        entry = fact.setdefault("tenure", {}).setdefault(
            bound, {"date": "", "cue": "", "sentence": ""}
        )
        entry[field] = row["o"].value
    for fact in intervals.values():
        for bound in list(fact.get("tenure", {})):
            if not fact["tenure"][bound]["date"]:
                del fact["tenure"][bound]


def _add_articles(store: ox.Store, facts: dict[str, dict[str, Any]]) -> None:
    articles = {fact["article"]["iri"] for fact in facts.values() if "article" in fact}
    if not articles:
        return
    values = " ".join(f"<{iri}>" for iri in sorted(articles))
    query = f"""
        SELECT ?a ?id ?headline ?url ?published ?path WHERE {{
          VALUES ?a {{ {values} }}
          ?a <{v.articleId}> ?id .
          OPTIONAL {{ ?a <{v.SCHEMA.headline}> ?headline }}
          OPTIONAL {{ ?a <{v.SCHEMA.url}> ?url }}
          OPTIONAL {{ ?a <{v.SCHEMA.datePublished}> ?published }}
          OPTIONAL {{ ?a <{v.sourcePath}> ?path }}
        }}"""
    found: dict[str, dict[str, str]] = {}
    for row in store.query(query, use_default_graph_as_union=True):
        found[row["a"].value] = {
            name: row[name].value
            for name in ("id", "headline", "url", "published", "path")
            if row[name] is not None
        }
    for fact in facts.values():
        if "article" in fact:
            fact["article"].update(found.get(fact["article"]["iri"], {}))


def _fact_iris(facts: list[dict[str, Any]]) -> set[str]:
    return {target for fact in facts for _, target in fact["links"]}


def _labels(store: ox.Store, iris: set[str]) -> dict[str, str]:
    """A display label for each IRI: its rdfs:label or schema:name, English for ontology
    terms (candidacy statuses)."""
    if not iris:
        return {}
    labels: dict[str, str] = {}
    ordered = sorted(iris)
    for start in range(0, len(ordered), 500):
        values = " ".join(f"<{iri}>" for iri in ordered[start : start + 500])
        query = f"""
            SELECT ?s ?label WHERE {{
              VALUES ?s {{ {values} }}
              ?s <{LABEL_PREDICATES[0]}>|<{LABEL_PREDICATES[1]}> ?label .
              FILTER(LANG(?label) = "" || LANGMATCHES(LANG(?label), "en"))
            }}"""
        for row in store.query(query, use_default_graph_as_union=True):
            current = labels.get(row["s"].value)
            if current is None or len(row["label"].value) > len(current):
                labels[row["s"].value] = row["label"].value
    return labels


def _with_labels(facts: list[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    for fact in facts:
        fact["links"] = [
            (role, target, labels.get(target, _local(target))) for role, target in fact["links"]
        ]
    return facts


def holders_over_time(facts: list[dict[str, Any]]) -> list[dict[str, str]]:
    """A post's holders in time order, from its holding facts, by the rules of the
    office-history query: `from` is the tenure start the text gives, else the first article
    that calls the holding current; `to` is the end the text gives, else, when every article
    calls it former, the last article that does."""
    by_holder: dict[str, list[dict[str, Any]]] = defaultdict(list)
    names: dict[str, str] = {}
    for fact in facts:
        if fact["kind"] != "holding":
            continue
        for role, target, label in fact["links"]:
            if role == "holder":
                by_holder[target].append(fact)
                names[target] = label
    rows = []
    for person, held in by_holder.items():
        starts = [f["tenure"]["start"]["date"] for f in held if "start" in f.get("tenure", {})]
        ends = [f["tenure"]["end"]["date"] for f in held if "end" in f.get("tenure", {})]
        seen = sorted(f["values"]["attestedOn"] for f in held if "attestedOn" in f["values"])
        current = any(f["values"].get("current") == "true" for f in held)
        seen_current = sorted(
            f["values"]["attestedOn"]
            for f in held
            if "attestedOn" in f["values"] and f["values"].get("current") == "true"
        )
        start = min(starts, default="")
        end = max(ends, default="")
        rows.append(
            {
                "person": person,
                "personName": names[person],
                "from": start or (seen_current[0] if seen_current else ""),
                "to": end or ("" if current or not seen else seen[-1]),
                "start": start,
                "end": end,
                "firstAttested": seen[0] if seen else "",
                "lastAttested": seen[-1] if seen else "",
                "current": "true" if current else "false",
                "articles": str(len({f.get("article", {}).get("iri") for f in held})),
            }
        )
    return sorted(
        rows, key=lambda row: (row["from"] or "9999", row["to"] or "9999", row["personName"])
    )
