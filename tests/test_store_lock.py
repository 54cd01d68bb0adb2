"""A build and `kg serve` never run on one store together (kg.graph.lock): Oxigraph's read-only
opening is undefined while another process writes the store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
from kg_cli import run
from serve_fixture import EXPLORER_ARTICLES, build_explorer_store, running_server

from kg.errors import StoreError
from kg.graph.lock import store_lock
from kg.graph.store import open_store, stored_hashes


def test_readers_share_the_lock_and_a_writer_waits_for_none(tmp_path):
    with (
        store_lock(tmp_path, writing=False),
        store_lock(tmp_path, writing=False),
        pytest.raises(StoreError, match="stop it first"),
        store_lock(tmp_path, writing=True),
    ):
        pass
    # Let go when the readers were done: a writer takes it, and then a reader is refused.
    with (
        store_lock(tmp_path, writing=True),
        pytest.raises(StoreError, match="is writing the store"),
        store_lock(tmp_path, writing=False),
    ):
        pass


def test_reading_a_missing_folder_makes_nothing(tmp_path):
    with store_lock(tmp_path / "nothing", writing=False):
        pass
    assert not (tmp_path / "nothing").exists()


def test_a_file_where_the_store_should_be_is_one_clear_error(tmp_path):
    not_a_folder = tmp_path / "store"
    not_a_folder.write_text("notes\n")
    code, _, err = run("build", "--store", str(not_a_folder), "--no-progress")
    assert code != 0
    assert (
        err.strip()
        == f"Error: {not_a_folder}: cannot open the store: it is a file, not a store folder"
    )


def test_build_is_refused_while_a_server_reads_the_store(tmp_path):
    store = build_explorer_store(tmp_path / "store")
    before = stored_hashes(open_store(store, create=False))
    with store_lock(store, writing=False):  # what a running `kg serve` holds
        code, _, err = run("build", "--store", str(store), "--no-progress", str(EXPLORER_ARTICLES))
    assert code != 0
    assert "kg serve" in err and "stop it first" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert stored_hashes(open_store(store, create=False)) == before  # nothing written


def _sparql(url: str, query: str) -> dict:
    address = url + "sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(address, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def _kg(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "kg.cli", *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def test_a_real_server_refuses_a_build_and_goes_on_serving(tmp_path):
    store = build_explorer_store(tmp_path / "store")
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    with running_server(store) as url:
        before = _sparql(url, count)
        built = _kg("build", "--store", str(store), "--no-progress", str(EXPLORER_ARTICLES))
        assert built.returncode != 0
        assert "stop it first" in built.stderr and "Traceback" not in built.stderr
        assert _sparql(url, count) == before
    # The server gone, the lock is free again: the build runs.
    assert (
        _kg("build", "--store", str(store), "--no-progress", str(EXPLORER_ARTICLES)).returncode == 0
    )


def test_serve_is_refused_while_a_build_writes(tmp_path):
    store = build_explorer_store(tmp_path / "store")
    with store_lock(store, writing=True):  # what a running `kg build` holds
        served = _kg("serve", "--store", str(store), "--port", "0", "--quiet")
    assert served.returncode != 0
    assert "is writing the store" in served.stderr and "Traceback" not in served.stderr
