"""The WSGI application: routes to the SPARQL endpoint, the explorer's pages and static files.

Every store access goes through StoreWorkers, with the server's time limit. Errors become an
HTML page (or, at /sparql, a plain-text message) with the right status; nothing the request
holds is ever written back unescaped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, urlencode

from kg.errors import KgError, NotFoundError, QueryError
from kg.query import list_named_queries, load_named_query, query_from_text
from kg.serve import pages
from kg.serve import sparql as protocol
from kg.serve.workers import StoreWorkers, WorkerTimeout

StartResponse = Callable[..., Any]

SECURITY_HEADERS = [
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
]
STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
MAX_QUERY_STRING = 100_000
MAX_HOPS = 2


@dataclass
class Limits:
    timeout: float = 30.0  # seconds per store operation
    max_rows: int = 100_000  # rows per SPARQL or download result
    page_rows: int = 1_000  # rows shown in the Ask page's table
    network_nodes: int = 60
    search_results: int = 50


class HttpError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class App:
    def __init__(self, workers: StoreWorkers, limits: Limits | None = None) -> None:
        self.workers = workers
        self.limits = limits or Limits()
        self.routes: dict[str, Callable[[dict[str, Any]], tuple]] = {
            "/": self.home,
            "/search": self.search,
            "/entity": self.entity,
            "/network": self.network,
            "/network.gexf": self.network_gexf,
            "/ask": self.ask,
            "/sparql": self.sparql,
        }

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "/") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        try:
            if len(environ.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
                raise HttpError(414, "the address is too long")
            if path == "/favicon.ico":
                path = "/static/favicon.svg"
            if path.startswith("/static/"):
                status, headers, body = self.static(path[len("/static/") :])
            else:
                handler = self.routes.get(path)
                if handler is None:
                    raise HttpError(404, f"no page at {path[:300]}")
                if method not in ("GET", "HEAD", "POST"):
                    raise HttpError(405, f"method {method[:20]} not allowed")
                status, headers, body = handler(environ)
        except HttpError as error:
            status, headers, body = self._error(path, error.status, str(error))
        except NotFoundError as error:
            status, headers, body = self._error(path, 404, str(error))
        except WorkerTimeout as error:
            status, headers, body = self._error(path, 503, str(error))
        except protocol.ProtocolError as error:
            status, headers, body = self._error(path, error.status, str(error))
        except KgError as error:
            status, headers, body = self._error(path, 400, str(error))
        reason = HTTPStatus(status).phrase
        headers = [*headers, *SECURITY_HEADERS, ("Content-Length", str(len(body)))]
        start_response(f"{status} {reason}", headers)
        return [b""] if method == "HEAD" else [body]

    def _error(self, path: str, status: int, message: str) -> tuple:
        if path == "/sparql":
            return (
                status,
                [("Content-Type", "text/plain; charset=utf-8")],
                (message + "\n").encode(),
            )
        title = HTTPStatus(status).phrase
        return status, _html_headers(), pages.error_page(status, title, message).encode()

    def call(self, operation: str, *args: Any) -> Any:
        return self.workers.call(operation, *args, timeout=self.limits.timeout)

    # --- pages -----------------------------------------------------------------------------

    def home(self, environ: dict[str, Any]) -> tuple:
        return 200, _html_headers(), pages.home_page(self.call("ping")).encode()

    def search(self, environ: dict[str, Any]) -> tuple:
        params = _params(environ)
        query, kind = params.get("q", "")[:500], params.get("kind", "")
        if kind and kind not in pages.KIND_NAMES:
            kind = ""
        hits = self.call("search", query, kind, self.limits.search_results) if query or kind else []
        page = pages.search_page(query, kind, hits, self.limits.search_results)
        return 200, _html_headers(), page.encode()

    def entity(self, environ: dict[str, Any]) -> tuple:
        iri = _params(environ).get("iri", "")
        if not iri:
            raise HttpError(400, "which entity? give ?iri=")
        return 200, _html_headers(), pages.entity_page(self.call("entity", iri)).encode()

    def network(self, environ: dict[str, Any]) -> tuple:
        iri, hops = self._network_params(environ)
        data = self.call("network", iri, hops, self.limits.network_nodes)
        return 200, _html_headers(), pages.network_page(iri, hops, data).encode()

    def network_gexf(self, environ: dict[str, Any]) -> tuple:
        iri, hops = self._network_params(environ)
        body = self.call("network_gexf", iri, hops, self.limits.network_nodes)
        slug = "".join(c if c.isalnum() else "-" for c in iri.rsplit("/", 2)[-2:][-1])[:60]
        headers = [
            ("Content-Type", "application/gexf+xml; charset=utf-8"),
            ("Content-Disposition", f'attachment; filename="network-{slug}.gexf"'),
        ]
        return 200, headers, body

    def _network_params(self, environ: dict[str, Any]) -> tuple[str, int]:
        params = _params(environ)
        iri = params.get("iri", "")
        if not iri:
            raise HttpError(400, "which entity? give ?iri=")
        try:
            hops = int(params.get("hops", "1"))
        except ValueError:
            raise HttpError(400, "hops must be 1 or 2") from None
        return iri, min(max(hops, 1), MAX_HOPS)

    def ask(self, environ: dict[str, Any]) -> tuple:
        params = _params(environ)
        name = params.get("name", "")
        text = params.get("query", "")
        fmt = params.get("format", "")
        values = {key[6:]: value for key, value in params.items() if key.startswith("param.")}
        named = None
        if name:
            named = load_named_query(name)  # unknown name: a 400 page naming the known ones
            if not text:
                text = named.text
        queries = [{"name": q.name, "summary": q.summary} for q in list_named_queries()]
        param_names: list[str] = []
        try:
            param_names = [p.name for p in query_from_text(text).params] if text else []
            if named and " ".join(text.split()) == " ".join(named.text.split()):
                param_names = [p.name for p in named.params]
        except QueryError:
            pass
        result, error = None, None
        run = "query" in params or bool(values)
        download = {k: v for k, v in params.items() if k != "format"}
        if fmt:
            data = self.call("ask", text, name or None, values, self.limits.max_rows, fmt)
            extension = {"csv": "csv", "json": "json", "tsv": "tsv"}.get(fmt, "txt")
            headers = [
                ("Content-Type", data["media"] + "; charset=utf-8"),
                ("Content-Disposition", f'attachment; filename="{name or "query"}.{extension}"'),
            ]
            return 200, headers, data["body"]
        if run:
            try:
                result = self.call("ask", text, name or None, values, self.limits.page_rows)
            except WorkerTimeout as timeout:
                error = str(timeout)
            except KgError as problem:
                error = str(problem)
        page = pages.ask_page(
            queries, name, text, values, param_names, result, error, urlencode(download)
        )
        return (400 if error else 200), _html_headers(), page.encode()

    def sparql(self, environ: dict[str, Any]) -> tuple:
        method = environ.get("REQUEST_METHOD", "GET")
        query_string = environ.get("QUERY_STRING", "")
        if method == "GET" and not query_string:
            page = pages.endpoint_page(
                self.workers.writable, self.limits.timeout, self.limits.max_rows
            )
            return 200, _html_headers(), page.encode()
        body = _body(environ) if method == "POST" else b""
        request = protocol.read_request(method, environ.get("CONTENT_TYPE", ""), query_string, body)
        if request.operation == "update":
            if not self.workers.writable:
                raise HttpError(
                    403, "this server is read-only: start `kg serve --allow-update` for updates"
                )
            self.call("update", request.text)
            return 204, [], b""
        media, payload, truncated = self.call(
            "sparql",
            request.text,
            environ.get("HTTP_ACCEPT", ""),
            request.format,
            request.default_graphs,
            self.limits.max_rows,
        )
        headers = [("Content-Type", f"{media}; charset=utf-8")]
        if truncated:
            headers.append(("X-KG-Truncated", f"results cut at {self.limits.max_rows} rows"))
        return 200, headers, payload

    def static(self, name: str) -> tuple:
        if "/" in name or name.startswith(".") or not any(name.endswith(e) for e in STATIC_TYPES):
            raise HttpError(404, "no such file")
        path = resources.files("kg.serve") / "static" / name
        if not path.is_file():
            raise HttpError(404, "no such file")
        body = path.read_bytes()
        if name == "style.css":
            body += ("\n" + pages.legend_css() + "\n").encode()
        content_type = STATIC_TYPES[name[name.rfind(".") :]]
        return 200, [("Content-Type", content_type), ("Cache-Control", "max-age=300")], body


def _html_headers() -> list[tuple[str, str]]:
    return [("Content-Type", "text/html; charset=utf-8")]


def _params(environ: dict[str, Any]) -> dict[str, str]:
    """The request's parameters (query string, and a form body for POST), first value each."""
    found = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
    if environ.get("REQUEST_METHOD") == "POST" and environ.get("CONTENT_TYPE", "").startswith(
        "application/x-www-form-urlencoded"
    ):
        for key, values in parse_qs(_body(environ).decode("utf-8", "replace")).items():
            found.setdefault(key, values)
    return {key: values[0] for key, values in found.items() if values}


def _body(environ: dict[str, Any]) -> bytes:
    if "kg.body" in environ:
        return environ["kg.body"]
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise HttpError(400, "bad Content-Length") from None
    if length > protocol.MAX_QUERY_BYTES:
        raise HttpError(413, f"request body over {protocol.MAX_QUERY_BYTES:,} bytes")
    environ["kg.body"] = environ["wsgi.input"].read(length) if length else b""
    return environ["kg.body"]
