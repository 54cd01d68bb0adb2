"""The embedded store: Oxigraph on disk (pyoxigraph), one named graph per article.

Writing new articles is one `Store.extend` call per batch, which Oxigraph applies as a
transaction: an article's graph, with its `kg:contentHash` marker, is either all there or not
at all. An article whose stored hash matches is skipped, so re-running a build changes
nothing; a changed article is swapped for its new version in one SPARQL update.

The functions here use only the `GraphStore` part of `pyoxigraph.Store`, so they work as they
are on `kg.graph.remote.RemoteStore`, a SPARQL 1.1 server.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

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


class GraphStore(Protocol):
    """The part of `pyoxigraph.Store` that the build and the queries use. `pyoxigraph.Store`
    is one (the embedded store, used as it is); `kg.graph.remote.RemoteStore`, a SPARQL 1.1
    server, is the other."""

    def query(
        self,
        query: str,
        *,
        prefixes: Mapping[str, str] | None = ...,
        use_default_graph_as_union: bool = ...,
        substitutions: Mapping[ox.Variable, Any] | None = ...,
    ) -> Any: ...

    def update(self, update: str) -> None: ...

    def extend(self, quads: Iterable[ox.Quad]) -> None: ...

    def load(self, input: bytes, format: ox.RdfFormat, *, to_graph: ox.NamedNode) -> None: ...

    def clear_graph(self, graph: ox.NamedNode) -> None: ...

    def flush(self) -> None: ...


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


def stored_hashes(store: GraphStore) -> dict[str, str]:
    """Article id -> content hash of every complete article in the store."""
    query = f"""
        SELECT ?id ?hash WHERE {{ GRAPH ?g {{
            ?a <{v.articleId}> ?id ; <{v.contentHash}> ?hash .
        }} }}"""
    return {row["id"].value: row["hash"].value for row in store.query(query)}


def write_articles(store: GraphStore, articles: Iterable[ArticleTriples]) -> None:
    """Add the graphs of these new articles and their entity descriptions, in one transaction."""
    store.extend(_quads(list(articles)))


def replace_article(store: GraphStore, triples: ArticleTriples) -> None:
    """Swap an article's graph for a new version in one transaction (a SPARQL update), so an
    interrupted rebuild leaves the old version, never half of the new one."""
    graph = triples.graph.n3()
    facts = " ".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in sorted(triples.facts))
    entities = " ".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in sorted(triples.entities))
    shared = v.ENTITIES_GRAPH.n3()
    store.update(
        f"DROP SILENT GRAPH {graph} ;\n"
        f"INSERT DATA {{ GRAPH {graph} {{ {facts} }} GRAPH {shared} {{ {entities} }} }}"
    )


def _quads(batch: list[ArticleTriples]) -> Iterator[ox.Quad]:
    for triples in batch:
        for s, p, o, g in iter_quads(triples):
            yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), to_oxigraph(g))


def load_ontology(store: GraphStore) -> None:
    """(Re)load ontology/kg.ttl into its own graph, so queries can read class and status labels."""
    path = ontology_dir() / "kg.ttl"
    if not path.exists():
        return
    store.clear_graph(ONTOLOGY_GRAPH)
    store.load(path.read_bytes(), format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)


def article_count(store: GraphStore) -> int:
    query = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ GRAPH ?g {{ ?a <{v.contentHash}> ?h }} }}"
    return int(next(iter(store.query(query)))["n"].value)
