"""Store operations in worker processes, each holding the store open.

Oxigraph cannot interrupt a running query, so a query that runs past its time limit is
stopped by ending the worker process that runs it; a fresh worker takes its place. Read-only
servers open the store with `Store.read_only` in every worker (RocksDB allows many readers);
a server that accepts updates has one worker that opens the store for writing (Oxigraph
applies each update as one transaction, so ending that worker mid-update loses only the
update, never the store).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError, first_line


class WorkerTimeout(KgError):
    """The operation ran past its time limit and was stopped."""


class StoreUnavailable(KgError):
    """No worker could open the store, or the worker ended unexpectedly."""


STARTUP_LIMIT = 120.0  # seconds a new worker may take to import kg and open the store
QUEUE_LIMIT = 60.0  # seconds a request waits for a free worker, at least


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: multiprocessing.connection.Connection
    ready: bool = False

    def wait_ready(self) -> None:
        """Wait for the worker's "ready" message (sent once the store is open), so that its
        start-up time never counts against a query's time limit."""
        if self.ready:
            return
        if not self.connection.poll(STARTUP_LIMIT):
            raise StoreUnavailable(f"a store worker did not start within {STARTUP_LIMIT:g} s")
        self.connection.recv()
        self.ready = True

    def stop(self) -> None:
        self.connection.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)


class StoreWorkers:
    """A fixed number of worker processes running `kg.serve.operations` on the store."""

    def __init__(self, store_path: Path, writable: bool = False, size: int = 2) -> None:
        self.store_path = store_path
        self.writable = writable
        self.size = 1 if writable else max(1, size)
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        for _ in range(self.size):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(child, str(self.store_path), self.writable), daemon=True
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.append(worker)
        return worker

    def _replace(self, worker: _Worker) -> _Worker:
        worker.stop()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        return self._start()

    def call(self, operation: str, *args: Any, timeout: float = 30.0) -> Any:
        """Run `operation(store, *args)` in a worker; its result, or its error re-raised as a
        KgError. Waits for a free worker for at most `timeout` seconds (and at least
        QUEUE_LIMIT) before saying the server is busy."""
        wait = max(timeout, QUEUE_LIMIT)
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            raise WorkerTimeout(f"the server is busy: no worker free within {wait:g} s") from None
        try:
            worker.wait_ready()
            worker.connection.send((operation, args))
            if not worker.connection.poll(timeout):
                worker = self._replace(worker)
                raise WorkerTimeout(f"stopped after {timeout:g} s (the server's time limit)")
            status, value = worker.connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker = self._replace(worker)
            raise StoreUnavailable("the store worker ended unexpectedly; try again") from None
        finally:
            self._idle.put(worker)
        if status == "ok":
            return value
        kind, message = value
        error_type = _ERRORS.get(kind, KgError)
        if error_type is InputError:  # its constructor takes (source, problem)
            error_type = KgError
        raise error_type(message)

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), []
        for worker in workers:
            with contextlib.suppress(OSError, BrokenPipeError):
                worker.connection.send(None)
            worker.stop()


def _serve(connection: multiprocessing.connection.Connection, path: str, writable: bool) -> None:
    """A worker's loop: open the store, then answer (operation, args) requests until told to
    stop (None) or the server goes away."""
    from kg.serve import operations  # imported here: the parent never touches the store

    try:
        state = operations.open_state(Path(path), writable)
    except Exception as error:  # reported on every request, so the server can say why
        failure = (type(error).__name__, first_line(error))
        state = None
    connection.send(("ready", None))
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if request is None:
            return
        name, args = request
        if state is None:
            connection.send(("error", ("StoreUnavailable", failure[1])))
            continue
        handler: Callable[..., Any] | None = operations.OPERATIONS.get(name)
        try:
            if handler is None:
                raise KgError(f"unknown operation {name!r}")
            connection.send(("ok", handler(state, *args)))
        except KgError as error:
            connection.send(("error", (type(error).__name__, str(error))))
        except Exception as error:  # never let one request end the worker
            detail = traceback.format_exception_only(type(error), error)[-1].strip()
            connection.send(("error", ("KgError", f"internal error: {detail}")))


def _error_types() -> dict[str, type[KgError]]:
    from kg import errors

    found: dict[str, type[KgError]] = {
        name: value
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, KgError)
    }
    found.update(WorkerTimeout=WorkerTimeout, StoreUnavailable=StoreUnavailable)
    return found


_ERRORS = _error_types()
