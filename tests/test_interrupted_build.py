"""`kg build` killed with SIGKILL mid-build: the store keeps only whole articles, and the next
build finishes the job, ending with exactly the store a clean build makes.

The build runs as a real `kg` process on a few hundred generated articles, written in
batches of four, and is killed two ways: by the test, as soon as the process reports that a
few batches are in (the kill lands while it extracts or writes the next ones); and by the
process itself, inside the bulk load of a batch: a thread watches the store folder and kills
the process as soon as the loader has written its table files, before it has added them to
the store. Opening the store again (`open_store`) removes those files.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from articles import generated_article, write_generated_corpus

from kg.build import build
from kg.graph import vocab as v
from kg.graph.store import ONTOLOGY_GRAPH, article_count, open_store, stored_hashes
from kg.query import load_named_query, run_query

ARTICLES = 300
BATCH = 4
CHANGED_EVERY = 3  # the rebuild test changes every third article
ENTITIES = ox.NamedNode(str(v.ENTITIES_GRAPH))
SHARED_GRAPHS = {ENTITIES, ONTOLOGY_GRAPH}

# `kg` with a small batch size, announcing every batch (or replaced article) once the store
# has it; with a batch number as second argument, it kills itself inside that batch's bulk
# load (a batch of 100 articles, so that the load lasts long enough to be caught).
DRIVER = """
import os, signal, sys, threading, time
from pathlib import Path
import kg.build
from kg.cli import main

kg.build.BATCH_SIZE = int(sys.argv.pop(1))
die_in_batch = int(sys.argv.pop(1))
folder = Path(sys.argv[sys.argv.index("--store") + 1])
write, replace = kg.build.write_articles, kg.build.replace_article
batches = [0]

def kill_once_the_loader_has_written(loading):
    while loading.is_set():
        if any(folder.glob("bulk-*.sst")):
            print("killed inside the bulk load", file=sys.stderr, flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(0.0002)

def reporting(store, articles, entities=None):
    loading = threading.Event()
    if batches[0] + 1 == die_in_batch:
        loading.set()
        threading.Thread(target=kill_once_the_loader_has_written, args=(loading,)).start()
    write(store, articles, entities)
    if loading.is_set():
        loading.clear()
        print("the bulk load ended before the kill", file=sys.stderr, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    batches[0] += 1
    if batches[0] + 1 == die_in_batch:
        kg.build.BATCH_SIZE = 100
    print("batch written", file=sys.stderr, flush=True)

def replacing(store, triples):
    replace(store, triples)
    print("batch written", file=sys.stderr, flush=True)

kg.build.write_articles = reporting
kg.build.replace_article = replacing
sys.argv[0] = "kg"
main()
"""

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def kg_build(corpus: Path, store: Path, die_in_batch: int = 0) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", DRIVER, str(BATCH), str(die_in_batch), "build", str(corpus)]
    command += ["--store", str(store), "--no-progress", "--jobs", "1"]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy()
    )


def kill_after(process: subprocess.Popen[str], batches: int) -> None:
    """SIGKILL `process` once it has reported `batches` written batches."""
    assert process.stderr is not None
    seen = 0
    for line in process.stderr:
        seen += line.startswith("batch written")
        if seen == batches:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)


def interrupted_build(corpus: Path, store: Path, how: str, batches: int) -> None:
    """Run `kg build` and have it killed after `batches` batches, from outside or inside."""
    if how == "outside":
        process = kg_build(corpus, store)
        kill_after(process, batches)
    else:
        process = kg_build(corpus, store, die_in_batch=batches + 1)
        _, err = process.communicate(timeout=60)
        assert "killed inside the bulk load" in err
    assert process.returncode == -signal.SIGKILL, "the build ended before it was killed"


def by_graph(store: ox.Store) -> dict[ox.NamedNode, set[ox.Quad]]:
    graphs: dict[ox.NamedNode, set[ox.Quad]] = defaultdict(set)
    for quad in store:
        graphs[quad.graph_name].add(quad)
    return graphs


def has_marker(quads: set[ox.Quad]) -> bool:
    return any(quad.predicate.value == str(v.contentHash) for quad in quads)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_generated_corpus(folder, ARTICLES, seed=6)
    return folder


def clean_build(corpus: Path, store: ox.Store | None = None) -> dict[ox.NamedNode, set[ox.Quad]]:
    """The quads of an uninterrupted build, by graph."""
    store = store if store is not None else ox.Store()
    summary = build([corpus], store, progress=False)
    assert summary.articles == ARTICLES and not summary.errors
    return by_graph(store)


@pytest.fixture(scope="module")
def clean(corpus) -> dict[ox.NamedNode, set[ox.Quad]]:
    return clean_build(corpus)


@pytest.mark.parametrize(("how", "batches"), [("outside", 5), ("inside", 9)])
def test_killed_build_keeps_whole_articles_and_the_next_build_completes(
    tmp_path, corpus, clean, how, batches
):
    store_path = tmp_path / "store"
    interrupted_build(corpus, store_path, how, batches)

    store = open_store(store_path)  # opens (no lock left behind) and recovers
    assert not list(store_path.glob("bulk-*.sst"))  # a killed load's files are gone
    graphs = by_graph(store)
    articles = {graph: quads for graph, quads in graphs.items() if graph not in SHARED_GRAPHS}
    # At least the reported batches are in, and not everything: the kill was mid-build.
    assert batches * BATCH <= len(articles) < ARTICLES
    for graph, quads in articles.items():
        # Marker present iff the facts are: each article graph is its clean graph, whole.
        assert has_marker(quads), f"{graph.value} has facts but no content-hash marker"
        assert quads == clean[graph], f"{graph.value} differs from a clean build"
    assert graphs[ENTITIES] <= clean[ENTITIES]
    # The store answers queries, and its bookkeeping agrees with what is there.
    assert article_count(store) == len(articles) == len(stored_hashes(store))
    result = run_query(store, load_named_query("holds-office"))
    column = result.columns.index("article")
    answered = {row[column].value for row in result.rows}
    assert answered and answered <= set(stored_hashes(store))
    del store  # release the lock for the next build

    rerun = kg_build(corpus, store_path)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    expected = (
        f"articles: {ARTICLES} ({ARTICLES - len(articles)} written, {len(articles)} unchanged)"
    )
    assert expected in out
    assert by_graph(ox.Store(str(store_path))) == clean


def test_killed_rebuild_of_changed_articles_keeps_old_or_new_never_half(tmp_path, corpus, clean):
    """Every article changed since the last build is swapped for its new version, each in one
    transaction: killed mid-way, each article is its old version or its new one."""
    store_path = tmp_path / "store"
    store = ox.Store(str(store_path))
    clean_build(corpus, store)
    del store
    changed = tmp_path / "changed"
    changed.mkdir()
    for path in sorted(corpus.iterdir()):
        number = int(path.stem.rsplit("-", 1)[1])
        text = generated_article(number, seed=7 if number % CHANGED_EVERY == 0 else 6)
        (changed / path.name).write_text(text, encoding="utf-8")
    new = clean_build(changed)
    changed_graphs = {
        g for g in new if g not in SHARED_GRAPHS and int(g.value[-4:]) % CHANGED_EVERY == 0
    }

    process = kg_build(changed, store_path)
    kill_after(process, 20)
    assert process.returncode == -signal.SIGKILL, "the build ended before it was killed"

    graphs = by_graph(open_store(store_path))
    for graph, quads in clean.items():
        if graph not in SHARED_GRAPHS and graph not in changed_graphs:
            assert graphs[graph] == quads  # unchanged text: left alone
    replaced = 0
    for graph in changed_graphs:
        quads = graphs[graph]
        assert has_marker(quads), f"{graph.value} has facts but no content-hash marker"
        assert quads in (clean[graph], new[graph]), f"{graph.value} is neither version"
        replaced += quads == new[graph]
    assert 20 <= replaced < len(changed_graphs)

    rerun = kg_build(changed, store_path)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    left = len(changed_graphs) - replaced
    assert f"({left} written, {ARTICLES - left} unchanged)" in out
    final = by_graph(ox.Store(str(store_path)))
    for graph in changed_graphs:
        assert final[graph] == new[graph]
    # Entity descriptions are shared and never pruned: the old versions' people stay.
    assert new[ENTITIES] <= final[ENTITIES]
