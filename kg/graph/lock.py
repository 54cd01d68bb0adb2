"""kg's own lock on a store folder: a build and `kg serve` never run on one store together.

Oxigraph opens a store read-only (the workers of `kg serve`) on the promise that no other
process writes it meanwhile: "Opening as read-only while having an other process writing the
database is undefined behavior" (pyoxigraph, `Store.read_only`). RocksDB's own lock keeps only
two writers apart. So a writer (`kg build`, `kg serve --allow-update`) holds this lock alone,
and read-only servers hold it together, each for as long as it runs; whoever comes second is
told why at once, before it opens the store. The lock is `flock` on the file `kg-lock` in the
store folder: the operating system lets it go when the process ends, however it ends. Where
there is no `flock` (Windows), there is no lock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = "kg-lock"

_WRITER_REFUSED = (
    "the store is open in another kg process (kg serve, or a build); stop it first: "
    "a server that reads the store must not run while it is written"
)
_READER_REFUSED = (
    "a kg build (or kg serve --allow-update) is writing the store; serve it when that has finished"
)


@contextmanager
def store_lock(folder: Path, writing: bool) -> Iterator[None]:
    """Hold the store folder's lock, alone when `writing` (the folder is made if need be),
    else shared with other readers. Raises StoreError (one line) when another kg process
    holds it the other way."""
    if fcntl is None or not (writing or folder.is_dir()):
        # No lock to take, or no store to read: opening it says so.
        yield
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:  # a file where the folder should be, no such parent, no rights
        file = folder.exists() and not folder.is_dir()
        reason = "it is a file, not a store folder" if file else error.strerror
        raise StoreError(f"{folder}: cannot open the store: {reason}") from None
    try:
        try:
            fcntl.flock(descriptor, (fcntl.LOCK_EX if writing else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"{folder}: {_WRITER_REFUSED if writing else _READER_REFUSED}"
            ) from None
        yield
    finally:
        os.close(descriptor)  # closing the file lets the lock go
