"""The embedded store: Oxigraph on disk (pyoxigraph), one named graph per article.

Writing an article is one `Store.extend` call, which Oxigraph applies as a transaction: the
article's graph, with its `kg:contentHash` marker, is either all there or not at all. An
article whose stored hash matches is skipped, so re-running a build changes nothing; a
changed article has its graph dropped and written anew.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError
from kg.graph import vocab as v
from kg.graph.rdf import ArticleTriples, iter_quads
from kg.resources import ontology_dir

DEFAULT_STORE = Path("kg-store")
ONTOLOGY_GRAPH = ox.NamedNode(str(v.ID["graph/ontology"]))
STORE_ENV = "KG_STORE"


def default_store_path() -> Path:
    return Path(os.environ.get(STORE_ENV, DEFAULT_STORE))


def open_store(path: Path | str | None, create: bool = True) -> ox.Store:
    """The store at `path` (the default store when None). Without `create`, a missing store
    is an error rather than a new empty one (for commands that only read)."""
    path = Path(path) if path is not None else default_store_path()
    if not create and not path.exists():
        raise StoreError(f"{path}: no store here; run `kg build` first (or pass --store)")
    try:
        return ox.Store(str(path))
    except OSError as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        if "lock" in reason.lower():
            reason = "the store is in use by another kg process"
        raise StoreError(f"{path}: cannot open the store: {reason}") from error


def to_oxigraph(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def stored_hashes(store: ox.Store) -> dict[str, str]:
    """Article id -> content hash of every complete article in the store."""
    query = f"""
        SELECT ?id ?hash WHERE {{ GRAPH ?g {{
            ?a <{v.articleId}> ?id ; <{v.contentHash}> ?hash .
        }} }}"""
    return {row["id"].value: row["hash"].value for row in store.query(query)}


def write_articles(store: ox.Store, articles: Iterable[ArticleTriples]) -> None:
    """Replace the graphs of these articles and add their entity descriptions."""
    batch = list(articles)
    for triples in batch:
        store.clear_graph(ox.NamedNode(str(triples.graph)))
    store.extend(_quads(batch))


def _quads(batch: list[ArticleTriples]) -> Iterator[ox.Quad]:
    for triples in batch:
        for s, p, o, g in iter_quads(triples):
            yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), to_oxigraph(g))


def load_ontology(store: ox.Store) -> None:
    """(Re)load ontology/kg.ttl into its own graph, so queries can read class and status labels."""
    path = ontology_dir() / "kg.ttl"
    if not path.exists():
        return
    store.clear_graph(ONTOLOGY_GRAPH)
    store.load(path.read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)


def article_count(store: ox.Store) -> int:
    query = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a <{v.contentHash}> ?h }} }}"
    return int(next(iter(store.query(query)))["n"].value)
