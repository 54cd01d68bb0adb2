"""A store built from the explorer's fictional articles, and `kg serve` running over it.

Shared by the in-process app tests and the real-client tests (SPARQLWrapper, Chromium)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.build import build
from kg.graph.store import open_store

EXPLORER_ARTICLES = Path(__file__).parent / "fixtures" / "explorer"
ID = "https://kg-pilkada.example.org/id/"


def build_explorer_store(path: Path) -> Path:
    store = open_store(path)
    summary = build([EXPLORER_ARTICLES], store, progress=False)
    assert summary.written == len(list(EXPLORER_ARTICLES.glob("*.txt"))), summary
    del store  # release the lock: the server opens the store itself
    return path


@contextmanager
def running_server(store: Path, *extra: str) -> Iterator[str]:
    """`kg serve` on a free localhost port; yields its base URL (ending in "/")."""
    command = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", "0"]
    process = subprocess.Popen(
        [*command, "--quiet", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = _wait_for_url(process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for_url(process: subprocess.Popen, limit: float = 60.0) -> str:
    deadline = time.monotonic() + limit
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                errors = process.stderr.read() if process.stderr else ""
                raise RuntimeError(f"kg serve exited: {errors.strip()}")
            continue
        match = re.search(r"(http://\S+/)", line)
        if match:
            return match.group(1)
    raise RuntimeError("kg serve did not start within a minute")
