"""The store as an RDF file: Turtle, N-Triples, TriG, N-Quads or JSON-LD.

ttl and nt hold the union of all graphs as triples (a triple stated by several articles is
written once); trig, nq and jsonld keep the named graphs, so each fact stays with its article.
Files are written to a temporary file beside the target and renamed over it, so a failure
never leaves a half-written file.
"""

from __future__ import annotations

import os
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TypeVar

import pyoxigraph as ox
from rdflib import Dataset

from kg.errors import KgError
from kg.graph.vocab import PREFIXES

# Export name -> the RDF format of the file written.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}

# Oxigraph removes duplicates in the engine; a Python set of millions of triples would not.
_UNION_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"

T = TypeVar("T")


class _Counter:
    def __init__(self) -> None:
        self.count = 0

    def through(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            self.count += 1
            yield item


def export_rdf(store: ox.Store, fmt: str, out: Path) -> int:
    """Write the store to `out` in `fmt` (a key of RDF_FORMATS); the number of triples
    (ttl, nt) or quads (trig, nq, jsonld) written."""
    if fmt not in RDF_FORMATS:
        raise KgError(f"unknown RDF format {fmt!r}; known: {', '.join(RDF_FORMATS)}")
    out = Path(out)
    counter = _Counter()
    if fmt in ("ttl", "nt"):
        triples = store.query(_UNION_TRIPLES, use_default_graph_as_union=True)

        def write(stream: BinaryIO) -> None:
            ox.serialize(
                counter.through(triples),
                stream,
                format=RDF_FORMATS[fmt],
                prefixes=PREFIXES if fmt == "ttl" else None,
            )

    elif fmt in ("trig", "nq"):

        def write(stream: BinaryIO) -> None:
            ox.serialize(
                counter.through(store.quads_for_pattern(None, None, None, None)),
                stream,
                format=RDF_FORMATS[fmt],
                prefixes=PREFIXES if fmt == "trig" else None,
            )

    else:

        def write(stream: BinaryIO) -> None:
            stream.write(_json_ld(store, counter))

    _write_atomically(out, write)
    return counter.count


def _json_ld(store: ox.Store, counter: _Counter) -> bytes:
    """JSON-LD through rdflib (compacted with PREFIXES as the context), graphs kept."""
    nquads = ox.serialize(
        counter.through(store.quads_for_pattern(None, None, None, None)),
        format=ox.RdfFormat.N_QUADS,
    )
    dataset = Dataset()
    with warnings.catch_warnings():
        # rdflib 7's own JSON-LD plugin calls its deprecated Dataset.contexts/default_context.
        warnings.simplefilter("ignore", DeprecationWarning)
        if nquads:
            dataset.parse(data=nquads.decode("utf-8"), format="nquads")
        text = dataset.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True)
    return text.encode("utf-8")


def _write_atomically(out: Path, write: Callable[[BinaryIO], None]) -> None:
    directory = out.parent if str(out.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(dir=directory, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as error:
        raise KgError(f"{out}: cannot write here: {error.strerror or error}") from None
    temp = Path(name)
    try:
        # mkstemp creates the file private (0600); an export is an ordinary file.
        mode = out.stat().st_mode & 0o777 if out.exists() else 0o644
        os.chmod(temp, mode)
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
