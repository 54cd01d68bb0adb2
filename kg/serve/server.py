"""Run the app on a threaded HTTP server (the standard library's wsgiref), localhost by default."""

from __future__ import annotations

import socketserver
import sys
from collections.abc import Callable
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from kg.errors import StoreError
from kg.graph.lock import store_lock
from kg.graph.store import open_store
from kg.serve.app import App, Limits
from kg.serve.workers import StoreWorkers


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    """One short line per request on stderr (wsgiref's default includes the full address)."""

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"{self.command} {self.path[:120]} {args[1] if len(args) > 1 else ''}\n")


def serve(
    store_path: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    writable: bool = False,
    workers: int = 2,
    limits: Limits | None = None,
    on_ready: Callable[[str], None] | None = None,
    quiet: bool = False,
) -> None:
    """Serve until interrupted. Raises KgError (one line) when the store cannot be opened,
    or when a build writes it (kg.graph.lock: read-only servers share the store folder's
    lock, a writable one holds it alone)."""
    if (store_path / "CURRENT").exists():
        _clear_up(store_path, writable)
    with store_lock(store_path, writing=writable):
        pool = StoreWorkers(store_path, writable=writable, size=workers)
        try:
            pool.call("ping", timeout=60)  # the store opens, or its error is reported now
            app = App(pool, limits)
            handler = _Silent if quiet else _QuietHandler
            with make_server(
                host, port, app, server_class=_ThreadingServer, handler_class=handler
            ) as httpd:
                address = f"http://{host if ':' not in host else f'[{host}]'}:{httpd.server_port}/"
                if on_ready:
                    on_ready(address)
                httpd.serve_forever()
        finally:
            pool.close()


def _clear_up(store_path: Path, writable: bool) -> None:
    """Open the store once for writing, alone, and close it: what an interrupted build left
    (a killed load's files, an older kg's pending batch) is removed
    (kg.graph.store.open_store) before the read-only workers see the store. Passed over when
    another read-only server holds the store (it cleared up when it started)."""
    try:
        with store_lock(store_path, writing=True):
            open_store(store_path, create=False)
    except StoreError:
        if writable:
            raise
        # Shared by another server, or written by a build: `serve` then says which.


class _Silent(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
