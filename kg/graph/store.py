"""The embedded store: Oxigraph on disk (pyoxigraph), one named graph per article.

New articles are written with Oxigraph's bulk loader, which is several times faster than a
transaction and keeps the store small on disk (measured in benchmarks/README.md). What makes
an article complete is its completion record, the `kg:contentHash` triple in its graph. A
batch of articles, their completion records included, is one `bulk_load` call, and that call
is atomic (pyoxigraph 0.5 and later: the loader writes its table files aside and adds them all
to the store in one step at the end; if it fails or the process dies first, nothing of the
batch is in the store). So an interrupted build leaves whole articles only, and the next build
redoes the rest. An article whose stored hash matches is skipped, so re-running a build
changes nothing; a changed article is swapped for its new version in one SPARQL update (a
transaction).

`open_store` clears what an interrupted build can leave before anything reads the store: the
loader's table files of a load whose process was killed before it added them
(`remove_unadded_tables`), and an older kg's list of pending graphs whose load had not
finished (`recover`).

The functions here use only the `GraphStore` part of `pyoxigraph.Store`, so they work as they
are on `kg.graph.remote.RemoteStore`, a SPARQL 1.1 server, where a batch is one `INSERT DATA`
request (a server applies a request as a whole).
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from kg.errors import StoreError, first_line
from kg.graph import vocab as v
from kg.graph.rdf import ENTITIES_GRAPH, ArticleTriples
from kg.graph.terms import iri
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

    def bulk_load(self, input: bytes, format: ox.RdfFormat, *, lenient: bool = ...) -> None: ...

    def named_graphs(self) -> Iterator[ox.NamedNode | ox.BlankNode]: ...

    def remove_graph(self, graph: ox.NamedNode) -> None: ...


def default_store_path() -> Path:
    return Path(os.environ.get(STORE_ENV, DEFAULT_STORE))


def open_store(path: Path | str | None, create: bool = True, read_only: bool = False) -> ox.Store:
    """The store at `path` (the default store when None). Without `create`, a missing store
    is an error rather than a new empty one (for commands that only read). `read_only`
    opens it without a lock, for readers alongside each other (kg serve's workers); such a
    store is not recovered, so open it once for writing first."""
    path = Path(path) if path is not None else default_store_path()
    missing = not (path / "CURRENT").exists() if read_only else not path.exists()
    if (read_only or not create) and missing:
        raise StoreError(f"{path}: no store here; run `kg build` first (or pass --store)")
    try:
        store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as error:
        reason = first_line(error)
        if "lock" in reason.lower():
            reason = "the store is in use by another kg process"
        raise StoreError(f"{path}: cannot open the store: {reason}") from error
    if not read_only:
        remove_unadded_tables(path)  # a killed load's files, never part of the store
        recover(store)  # an older kg's half-loaded articles go before anything reads
    return store


def hashes_of(store: GraphStore, article_ids: list[str]) -> dict[str, str]:
    """Article id -> stored content hash, for these articles only (an incremental build asks
    about its own articles, not about the 100,000 already in the store)."""
    if not article_ids:
        return {}
    values = " ".join(str(ox.Literal(article_id)) for article_id in article_ids)
    query = f"""
        SELECT ?id ?hash WHERE {{
          VALUES ?id {{ {values} }}
          GRAPH ?g {{ ?a <{v.articleId}> ?id ; <{v.contentHash}> ?hash . }}
        }}"""
    return {row["id"].value: row["hash"].value for row in store.query(query)}


def stored_hashes(store: GraphStore) -> dict[str, str]:
    """Article id -> content hash of every complete article in the store."""
    query = f"""
        SELECT ?id ?hash WHERE {{ GRAPH ?g {{
            ?a <{v.articleId}> ?id ; <{v.contentHash}> ?hash .
        }} }}"""
    return {row["id"].value: row["hash"].value for row in store.query(query)}


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An article's triples as text, ready to load. Made where the article was extracted
    (a worker process): bytes cross to the writing process for free, while unpickling rdflib
    terms re-validates every one of them (measured: slower than extracting).

    `entities` are N-Triples lines for the shared entities graph and `facts` those of the
    article's own graph without the completion record; `marker` is the completion record
    alone (TriG, and also valid inside a SPARQL `INSERT DATA`)."""

    graph: str
    entities: bytes
    facts: bytes
    marker: bytes

    @property
    def body(self) -> bytes:
        """The article's `GRAPH` blocks (entities and its own graph, no completion record) as
        TriG, also valid inside a SPARQL `INSERT DATA`."""
        return _graph_block(ENTITIES_GRAPH, self.entities) + _graph_block(
            iri(self.graph), self.facts
        )


def prepare(triples: ArticleTriples, sent: EntityMemory | None = None) -> PreparedArticle:
    """The article as text to load. With `sent`, a worker's memory of the entity lines it
    has passed on, those are left out and the others remembered (`EntityMemory.unsent_lines`;
    done on the mapping's lines, which Python has already hashed, it costs a third of doing
    it on the prepared text, which must be split and every line hashed again)."""
    # N-Triples lines (kg.graph.rdf) are valid both in TriG and in SPARQL Update.
    entities = triples.entity_lines if sent is None else sent.unsent_lines(triples.entity_lines)
    return PreparedArticle(
        str(triples.graph),
        "".join(entities).encode("utf-8"),
        "".join(triples.fact_lines).encode("utf-8"),
        f"GRAPH {iri(triples.graph)} {{ {triples.marker}}}\n".encode(),
    )


def _graph_block(graph: str, lines: bytes) -> bytes:
    return b"GRAPH " + graph.encode() + b" {\n" + lines + b"}\n"


class EntityMemory:
    """Entity triples already loaded by this build, so that a later batch leaves them out.

    The articles of a batch mostly describe the same people, posts, regions and elections
    (in generated batches of 512, half of the entity triples were repeats; across batches,
    more): loading a triple the store holds changes nothing but costs the bulk loader as
    much as a new one. Nothing removes entity triples during a build, so leaving out what
    was loaded leaves the store as it would have been. Bounded: past `limit` lines it starts
    over (repeats are then loaded again, which is harmless)."""

    def __init__(self, limit: int = 250_000) -> None:
        self.limit = limit
        self.lines: set[bytes] = set()
        self.texts: set[str] = set()  # what `unsent_lines` passed on (a worker's memory)

    def new_lines(self, articles: Iterable[PreparedArticle]) -> list[bytes]:
        """This batch's entity lines that are neither repeats within it nor already loaded."""
        fresh: set[bytes] = set()
        for article in articles:
            fresh.update(article.entities.split(b"\n"))
        fresh.discard(b"")
        return [line + b"\n" for line in fresh - self.lines]

    def remember(self, lines: list[bytes]) -> None:
        _bounded_add(self.lines, [line[:-1] for line in lines], self.limit)

    def unsent_lines(self, lines: set[str]) -> set[str]:
        """Of an article's entity lines (kg.graph.rdf), those this memory has not passed on
        yet, which it then remembers. A worker process uses it (through `prepare`) on what it
        sends to the writer: most entity text is repeats (10,000 generated articles: 6.9 KB
        of entity lines an article, 0.65 KB of them distinct), and leaving them out where they
        are made spares the pipe and the writer's own deduplication. Only for articles the
        writer is sure to write after the earlier ones that carried those lines (a new
        article's batch is written no earlier than the batches before it)."""
        fresh = lines - self.texts
        _bounded_add(self.texts, fresh, self.limit)
        return fresh


def _bounded_add(known: set, new: Collection, limit: int) -> None:
    """Add `new` to `known`, which starts over when it would pass `limit` (what is forgotten
    is sent or loaded again, which is harmless)."""
    if len(known) + len(new) > limit:
        known.clear()
    known.update(new)


def write_articles(
    store: GraphStore,
    articles: Iterable[ArticleTriples | PreparedArticle],
    entities: EntityMemory | None = None,
) -> None:
    """Add these new articles in one bulk load: their graphs with their completion records,
    and their entity descriptions. The load is atomic, so the batch is in the store whole or
    not at all. With `entities` (one per build), entity triples that an earlier call of the
    build loaded are left out.

    Before kg relied on the loader's atomicity it listed each batch as pending, loaded it and
    then wrote the records in two more transactions: on 100,000 articles that bookkeeping
    cost 20-30 CPU-s of the store's 110 (benchmarks/README.md)."""
    batch = [a if isinstance(a, PreparedArticle) else prepare(a) for a in articles]
    if not batch:
        return
    memory = entities if entities is not None else EntityMemory()
    lines = memory.new_lines(batch)
    text = (
        _graph_block(ENTITIES_GRAPH, b"".join(lines))
        + b"".join(_graph_block(iri(a.graph), a.facts) for a in batch)
        + b"".join(a.marker for a in batch)
    )
    store.bulk_load(text, format=ox.RdfFormat.TRIG, lenient=True)
    memory.remember(lines)


def recover(store: GraphStore) -> int:
    """Undo a bulk load that an older version of kg began and did not finish (it listed a
    batch's graphs as pending, and wrote their completion records after the load): remove
    the pending article graphs that have no completion record, then the pending list; the
    number of graphs removed. Cheap when nothing is pending (one ASK)."""
    pending = f"<{v.PENDING_GRAPH}>"
    if not bool(store.query(f"ASK {{ GRAPH {pending} {{ ?g ?p ?o }} }}")):
        return 0
    query = f"""
        SELECT DISTINCT ?g WHERE {{
          GRAPH {pending} {{ ?g <{v.loadPending}> ?x }}
          FILTER NOT EXISTS {{ GRAPH ?g {{ ?a <{v.contentHash}> ?hash }} }}
        }}"""
    incomplete = [row["g"] for row in store.query(query)]
    for graph in incomplete:
        store.remove_graph(graph)
    store.update(f"DROP SILENT GRAPH {pending}")
    return len(incomplete)


# The table files Oxigraph's bulk loader writes into the store folder before it adds them to
# the store (rocksdb_wrapper.rs, `new_sst_file`); those of a load whose process was killed
# are never added, nor removed.
_LOADER_TABLES = "bulk-*.sst"


def remove_unadded_tables(folder: Path) -> None:
    """Delete the loader's table files that a killed bulk load left in `folder` (call it only
    while holding the store open for writing, so no other load is under way)."""
    for path in folder.glob(_LOADER_TABLES):
        path.unlink(missing_ok=True)


def replace_article(store: GraphStore, article: ArticleTriples | PreparedArticle) -> None:
    """Swap an article's graph for a new version in one transaction (a SPARQL update), so an
    interrupted rebuild leaves the old version, never half of the new one."""
    prepared = article if isinstance(article, PreparedArticle) else prepare(article)
    store.update(
        f"DROP SILENT GRAPH <{prepared.graph}> ;\n"
        f"INSERT DATA {{\n{prepared.body.decode()}{prepared.marker.decode()}}}"
    )


# In a store folder: how many articles kg has written since it last compacted the store.
COMPACTED_MARK = "kg-compacted"


def fresh_share(folder: Path, articles: int) -> float:
    """The share of the store's `articles` written since kg last compacted it (1.0 when kg
    never compacted it). Each load adds its own files on top of the compacted ones, and
    queries merge them all: ten loads of 1,000 articles on 100,000 made a 3-pattern count
    3-6x slower.

    (Counted in articles: an earlier version compared table file numbers with the newest at
    the last compaction, but the store goes on merging in the background after `optimize`
    returns, and the files that makes looked new.)"""
    if articles <= 0:
        return 0.0
    written = _written_since_compaction(folder)
    return 1.0 if written is None else min(1.0, written / articles)


def note_written(folder: Path, count: int) -> None:
    """Add `count` new articles to the folder's count since the last compaction (when kg has
    compacted it before; otherwise all of it counts as fresh anyway)."""
    written = _written_since_compaction(folder)
    if written is not None:
        _replace_text(folder / COMPACTED_MARK, str(written + count))


def _written_since_compaction(folder: Path) -> int | None:
    """The folder's count of articles written since kg last compacted the store; None when
    kg never did (no mark, or one it cannot read)."""
    try:
        return int((folder / COMPACTED_MARK).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None


def compact(store: ox.Store, folder: Path | None = None) -> None:
    """Compact the embedded store (one `optimize`), and mark the folder as compacted."""
    store.optimize()
    if folder is not None:
        _replace_text(folder / COMPACTED_MARK, "0")


def _replace_text(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all (a new file, then a rename)."""
    partial = path.with_name(path.name + ".new")
    partial.write_text(text, encoding="ascii")
    partial.replace(path)


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
