"""A SPARQL 1.1 server as the store: the same build and queries over HTTP (standard library).

`RemoteStore` offers the part of `pyoxigraph.Store` that `kg build` and `kg query` use
(`query`, `update`, `extend`, `load`, `clear_graph`, `flush`; see `kg.graph.store.GraphStore`),
so `build()`, `run_query()` and the helpers in `kg.graph.store` work on it unchanged, and the
embedded path pays nothing for it. The server is reached through the three SPARQL 1.1
protocols, at Oxigraph's paths under the endpoint URL:

* Query (`POST {url}/query`, `application/sparql-query`): SELECT/ASK answers come back as
  SPARQL JSON, graphs as N-Triples, both parsed by pyoxigraph into its own result types.
* Update (`POST {url}/update`, `application/sparql-update`): a batch of articles is one
  `INSERT DATA` request and a changed article one `DROP GRAPH ; INSERT DATA` request. The
  server applies a request atomically (SPARQL 1.1 Update, section 2.2; Oxigraph in one
  transaction), and an article's `kg:contentHash` marker is inside its graph, so an article
  is either complete or absent, never half there.
* Graph Store (`PUT {url}/store?graph=IRI`): the ontology file, replacing its graph.

Queries that read the union of all graphs (`kg query`) send Oxigraph's `union-default-graph`
option. A server that ignores it answers from an empty default graph; the first such query
checks for that and says how to fix it, rather than printing no rows.

Every failure is one line naming the URL: connection refused, a timeout, or the server's
HTTP status with the first line of its message.
"""

from __future__ import annotations

import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pyoxigraph as ox

from kg.errors import StoreError
from kg.graph import vocab as v
from kg.graph.values import bind_with_values

ENDPOINT_ENV = "KG_ENDPOINT"
TIMEOUT_ENV = "KG_ENDPOINT_TIMEOUT"
DEFAULT_TIMEOUT = 60.0
_JSON_RESULTS = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
_UNION_CHECK = f"""
    SELECT ?named ?union WHERE {{
      BIND(EXISTS {{ GRAPH ?g {{ ?a <{v.contentHash}> ?h }} }} AS ?named)
      BIND(EXISTS {{ ?a <{v.contentHash}> ?h }} AS ?union)
    }}"""


class RemoteStore:
    """A SPARQL 1.1 server at `url` (e.g. `http://localhost:7878` for `oxigraph serve`)."""

    def __init__(self, url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise StoreError(f"{url}: not an http(s) URL of a SPARQL server")
        self.url = url.rstrip("/")
        self.timeout = timeout
        self._union_checked = False

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # --- the pyoxigraph.Store subset ------------------------------------------------------

    def query(
        self,
        query: str,
        *,
        prefixes: Mapping[str, str] | None = None,
        use_default_graph_as_union: bool = False,
        substitutions: Mapping[ox.Variable, Any] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        """Run a read query; `substitutions` are bound with VALUES, `prefixes` declared."""
        text = _with_prefixes(bind_with_values(query, substitutions or {}), prefixes or {})
        if use_default_graph_as_union:
            self._check_union()
        return self._post_query(text, use_default_graph_as_union)

    def update(self, update: str) -> None:
        self._request(
            "POST",
            f"{self.url}/update",
            update.encode("utf-8"),
            {"Content-Type": "application/sparql-update"},
        )

    def extend(self, quads: Iterable[ox.Quad]) -> None:
        """Add these quads in one INSERT DATA request (one transaction on the server)."""
        graphs: dict[str, list[str]] = {}
        for quad in quads:
            triple = f"{quad.subject} {quad.predicate} {quad.object} ."
            graphs.setdefault(_graph_key(quad.graph_name), []).append(triple)
        if graphs:
            blocks = "\n".join(_graph_block(graph, triples) for graph, triples in graphs.items())
            self.update(f"INSERT DATA {{\n{blocks}\n}}")

    def load(self, input: bytes, format: ox.RdfFormat, *, to_graph: ox.NamedNode) -> None:
        """Replace graph `to_graph` with `input` (Graph Store protocol PUT)."""
        target = f"{self.url}/store?{urllib.parse.urlencode({'graph': to_graph.value})}"
        self._request("PUT", target, input, {"Content-Type": format.media_type})

    def clear_graph(self, graph: ox.NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH {graph}")

    def flush(self) -> None:
        """Nothing to do: the server has applied each request before answering it."""

    def bulk_load(self, input: bytes, format: ox.RdfFormat, *, lenient: bool = False) -> None:
        """Add TriG `GRAPH` blocks (what kg.graph.store.prepare writes) in one INSERT DATA
        request: TriG's graph blocks are also SPARQL Update's quad data."""
        if format != ox.RdfFormat.TRIG:
            raise ValueError(f"the remote store bulk-loads TriG only, not {format}")
        self.update("INSERT DATA {\n" + input.decode("utf-8") + "\n}")

    def named_graphs(self) -> Iterator[ox.NamedNode]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return iter([row["g"] for row in rows])

    def remove_graph(self, graph: ox.NamedNode) -> None:
        self.update(f"DROP SILENT GRAPH {graph}")

    # --- HTTP -----------------------------------------------------------------------------

    def _post_query(
        self, text: str, union: bool
    ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        endpoint = f"{self.url}/query"
        target = endpoint + ("?union-default-graph" if union else "")
        headers = {
            "Content-Type": "application/sparql-query",
            "Accept": f"{_JSON_RESULTS}, {_N_TRIPLES};q=0.9",
        }
        body, content_type = self._request(
            "POST", target, text.encode("utf-8"), headers, label=endpoint
        )
        if content_type.startswith(("application/sparql-results+json", "application/json")):
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        if content_type.startswith(("application/n-triples", "text/plain")):
            return [quad.triple for quad in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        raise StoreError(f"{endpoint}: unexpected answer of type {content_type or 'unknown'}")

    def _check_union(self) -> None:
        """Refuse to answer from an empty default graph when the named graphs hold articles."""
        if self._union_checked:
            return
        answer = self._post_query(_UNION_CHECK, union=True)
        row = next(iter(answer), None) if isinstance(answer, ox.QuerySolutions) else None
        if row is not None and row["named"] == _TRUE and row["union"] != _TRUE:
            raise StoreError(
                f"{self.url}: the server's default graph is not the union of its named "
                "graphs; start it so (oxigraph serve --union-default-graph; Fuseki: "
                "tdb2:unionDefaultGraph true)"
            )
        self._union_checked = True

    def _request(
        self,
        method: str,
        target: str,
        body: bytes,
        headers: dict[str, str],
        label: str | None = None,
    ) -> tuple[bytes, str]:
        """The answer's body and content type; `label` names the request in errors."""
        where = label or target
        request = urllib.request.Request(target, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            raise StoreError(f"{where}: {_http_problem(error)}") from None
        except TimeoutError:
            raise StoreError(f"{where}: no answer within {self.timeout:g} s") from None
        except urllib.error.URLError as error:
            raise StoreError(f"{where}: cannot connect: {_reason(error.reason)}") from None
        except (ConnectionError, OSError) as error:
            raise StoreError(f"{where}: connection failed: {_reason(error)}") from None


_TRUE = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))


def connect(url: str | None = None, timeout: float | None = None) -> RemoteStore:
    """The server at `url` (or $KG_ENDPOINT), waiting `timeout` seconds for each answer
    (or $KG_ENDPOINT_TIMEOUT, else 60)."""
    url = url or os.environ.get(ENDPOINT_ENV, "")
    if not url:
        raise StoreError(f"no SPARQL endpoint given (--endpoint URL or ${ENDPOINT_ENV})")
    if timeout is None:
        setting = os.environ.get(TIMEOUT_ENV, "")
        try:
            timeout = float(setting) if setting else DEFAULT_TIMEOUT
        except ValueError:
            raise StoreError(f"${TIMEOUT_ENV}={setting!r}: not a number of seconds") from None
        if timeout <= 0:
            raise StoreError(f"${TIMEOUT_ENV}={setting!r}: must be more than 0 seconds")
    return RemoteStore(url, timeout)


def _graph_key(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    return "" if isinstance(graph, ox.DefaultGraph) else str(graph)


def _graph_block(graph: str, triples: list[str]) -> str:
    body = "\n".join(triples)
    return f"GRAPH {graph} {{\n{body}\n}}" if graph else body


def _with_prefixes(query: str, prefixes: Mapping[str, str]) -> str:
    """`query` with a declaration for each of `prefixes` it uses without declaring. They go
    in front of its first line, so that the server's error positions keep their line."""
    missing = [
        f"PREFIX {name}: <{iri}> "
        for name, iri in prefixes.items()
        if re.search(rf"(?<![\w.?$-]){re.escape(name)}:", query)
        and not re.search(rf"PREFIX\s+{re.escape(name)}:", query, re.IGNORECASE)
    ]
    return "".join(missing) + query


def _http_problem(error: urllib.error.HTTPError) -> str:
    try:
        text = error.read().decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    first = text.splitlines()[0].strip() if text else ""
    status = f"HTTP {error.code} {error.reason}".strip()
    return f"{status}: {first}" if first else status


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the SPARQL server running?)"
    if isinstance(reason, TimeoutError):
        return "timed out"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, BaseException):
        return getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return str(reason)
