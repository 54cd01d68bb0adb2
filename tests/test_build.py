"""The build pipeline as a library: incremental, idempotent, batch-safe."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.build import build
from kg.resources import samples_dir

ARTICLE = """Sekda Lahat Pimpin Rapat

LAHAT - Sekda Kabupaten Lahat, Rahmat Hidayat, memimpin rapat persiapan Pilkada Lahat 2024.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_samples_build_with_no_errors():
    store = ox.Store()
    summary = build([samples_dir()], store, progress=False)
    assert summary.errors == []
    assert summary.written == 10
    assert {"holds_office", "issues_directive", "election_on_date", "candidacy"} <= set(
        summary.facts
    )


def test_rebuilding_the_same_files_writes_nothing(tmp_path):
    folder = tmp_path / "corpus"
    write(folder, "a.txt", ARTICLE)
    store = ox.Store()
    build([folder], store, progress=False)
    before = set(store)
    summary = build([folder], store, progress=False)
    assert (summary.written, summary.unchanged) == (0, 1)
    assert set(store) == before


def test_adding_a_file_adds_only_its_graph(tmp_path):
    folder = tmp_path / "corpus"
    write(folder, "a.txt", ARTICLE)
    store = ox.Store()
    build([folder], store, progress=False)
    graphs_before = set(store.named_graphs())
    write(folder, "b.txt", ARTICLE.replace("Rahmat Hidayat", "Siti Aminah"))
    summary = build([folder], store, progress=False)
    assert (summary.written, summary.unchanged) == (1, 1)
    added = set(store.named_graphs()) - graphs_before
    assert [g.value.rsplit("/", 1)[-1] for g in added] == ["b"]


def test_changed_file_replaces_its_facts(tmp_path):
    folder = tmp_path / "corpus"
    path = write(folder, "a.txt", ARTICLE)
    store = ox.Store()
    build([folder], store, progress=False)
    path.write_text(ARTICLE.replace("Rahmat Hidayat", "Siti Aminah"), encoding="utf-8")
    summary = build([folder], store, progress=False)
    assert summary.written == 1
    names = {q.object.value for q in store if q.predicate.value.endswith("sentence")}
    assert any("Siti Aminah" in n for n in names)
    assert not any("Rahmat Hidayat" in n for n in names)


def test_min_confidence_leaves_out_weak_facts(tmp_path):
    folder = tmp_path / "corpus"
    write(folder, "a.txt", ARTICLE)
    everything = build([folder], ox.Store(), progress=False).facts
    nothing = build([folder], ox.Store(), min_confidence=0.99, progress=False).facts
    assert sum(everything.values()) > 0
    assert sum(nothing.values()) == 0


def test_duplicate_article_ids_are_an_error_not_an_overwrite(tmp_path):
    write(tmp_path / "one", "a.txt", ARTICLE)
    write(tmp_path / "two", "a.txt", ARTICLE.replace("Rahmat Hidayat", "Siti Aminah"))
    summary = build([tmp_path / "one", tmp_path / "two"], ox.Store(), progress=False)
    assert summary.written == 1
    assert len(summary.errors) == 1 and "duplicate article id" in str(summary.errors[0])


def test_parallel_build_gives_the_same_graph():
    serial, parallel = ox.Store(), ox.Store()
    build([samples_dir()], serial, progress=False, jobs=1)
    summary = build([samples_dir()], parallel, progress=False, jobs=2)
    assert summary.written == 10 and not summary.errors
    assert set(serial) == set(parallel)


def test_a_batch_whose_bulk_load_fails_leaves_nothing_of_it_and_the_next_build_writes_it(
    tmp_path,
):
    """A batch is one bulk load, and the build relies on its being atomic (pyoxigraph 0.5):
    when the load fails at its last line, neither the batch's articles before that line nor
    their entity descriptions are in the store, and the next build writes them all."""
    from dataclasses import replace

    from kg.extract import extract
    from kg.graph.rdf import article_triples
    from kg.graph.store import open_store, prepare, stored_hashes, write_articles
    from kg.ingest import read_articles

    folder = tmp_path / "corpus"
    write(folder, "a.txt", ARTICLE)
    write(folder, "b.txt", ARTICLE.replace("Rahmat Hidayat", "Budi Santoso"))
    store = open_store(tmp_path / "store")
    good, last = (prepare(article_triples(extract(a))) for a in read_articles([folder]))
    broken = replace(last, facts=last.facts + b"<urn:kg:test> <urn:kg:broken> .\n")
    try:
        write_articles(store, [good, broken])
    except SyntaxError:
        pass
    else:
        raise AssertionError("the broken batch loaded")
    assert set(store) == set()
    assert list(store.named_graphs()) == []

    summary = build([folder], store, progress=False)
    assert (summary.written, summary.unchanged) == (2, 0)
    assert set(stored_hashes(store)) == {"a", "b"}
    fresh = ox.Store()
    build([folder], fresh, progress=False)
    assert set(store) == set(fresh)


def test_opening_the_store_removes_what_an_interrupted_load_left(tmp_path):
    """Two leftovers, each removed when the store is next opened for writing, before anyone
    reads: the table files of a bulk load whose process was killed before it added them, and
    an older kg's pending batch (it listed a batch as pending, bulk-loaded it without the
    completion records, then wrote those: killed in between, the graphs had no record).
    Whole articles and graphs kg did not write stay."""
    from kg.extract import extract
    from kg.graph import vocab as v
    from kg.graph.rdf import article_triples
    from kg.graph.store import open_store, prepare, stored_hashes
    from kg.ingest import read_articles
    from kg.query import load_named_query, run_query

    folder = tmp_path / "corpus"
    write(folder, "a.txt", ARTICLE)
    path = write(folder, "b.txt", ARTICLE.replace("Rahmat Hidayat", "Budi Santoso"))
    store = open_store(tmp_path / "store")
    build([folder / "a.txt"], store, progress=False)
    store.update('INSERT DATA { GRAPH <urn:user:notes> { <urn:a> <urn:b> "c" } }')
    half = prepare(article_triples(extract(next(iter(read_articles([path]))))))
    store.update(
        f'INSERT DATA {{ GRAPH <{v.PENDING_GRAPH}> {{ <{half.graph}> <{v.loadPending}> "" }} }}'
    )
    store.bulk_load(half.body, format=ox.RdfFormat.TRIG)
    names = {row[1].value for row in run_query(store, load_named_query("holds-office")).rows}
    assert "Budi Santoso" in names  # visible until recovery: this is what open_store removes
    leftover = tmp_path / "store" / "bulk-123456789.sst"
    leftover.write_bytes(b"a table file the store never added")
    del store, names

    store = open_store(tmp_path / "store")
    assert not leftover.exists()
    names = {row[1].value for row in run_query(store, load_named_query("holds-office")).rows}
    assert "Budi Santoso" not in names and "Rahmat Hidayat" in names
    assert set(stored_hashes(store)) == {"a"}
    assert not store.contains_named_graph(ox.NamedNode(half.graph))
    assert not store.contains_named_graph(ox.NamedNode(str(v.PENDING_GRAPH)))
    assert store.contains_named_graph(ox.NamedNode("urn:user:notes"))
    summary = build([folder], store, progress=False)
    assert (summary.written, summary.unchanged) == (1, 1)
    assert store.contains_named_graph(ox.NamedNode("urn:user:notes"))


def test_a_large_build_compacts_the_store_and_keeps_every_quad(tmp_path, monkeypatch):
    import kg.build
    from kg.graph.store import open_store

    calls = []
    reference = ox.Store()
    build([samples_dir()], reference, progress=False)
    monkeypatch.setattr(kg.build, "OPTIMIZE_AFTER", 1)
    store = open_store(tmp_path / "store")
    original = ox.Store.optimize
    monkeypatch.setattr(ox.Store, "optimize", lambda self: calls.append(1) or original(self))
    build([samples_dir()], store, progress=False)
    assert calls == [1]
    assert set(store) == set(reference)


def test_a_worker_sends_each_entity_line_once_per_build_but_all_of_them_for_a_replacement(
    tmp_path,
):
    import kg.build
    from kg.ingest import read_articles

    later = ARTICLE.replace("memimpin rapat", "membuka rapat").replace("Rapat", "Rapat Lagi")
    paths = [write(tmp_path, "a.txt", ARTICLE), write(tmp_path, "b.txt", later)]
    first, second = (next(read_articles([path])) for path in paths)
    kg.build._sent = kg.build.EntityMemory()
    sent = kg.build._process((first, False), 0.0).prepared
    again = kg.build._process((second, False), 0.0).prepared
    replacing = kg.build._process((second, True), 0.0).prepared
    assert sent is not None and again is not None and replacing is not None
    # the same Sekda of the same regency: described by the first article only
    assert b"rahmat-hidayat" in sent.entities
    assert b"rahmat-hidayat" not in again.entities
    # a replaced article is written ahead of the batch in progress: it carries everything
    assert set(sent.entities.split(b"\n")) <= set(replacing.entities.split(b"\n"))
    assert again.facts == replacing.facts


def test_small_builds_compact_the_store_once_enough_of_it_is_uncompacted(tmp_path, monkeypatch):
    import kg.build
    from kg.graph.store import COMPACTED_MARK, article_count, fresh_share, open_store

    calls = []
    original = ox.Store.optimize
    monkeypatch.setattr(ox.Store, "optimize", lambda self: calls.append(1) or original(self))
    folder, corpus = tmp_path / "store", tmp_path / "corpus"
    write(corpus, "a.txt", ARTICLE)
    store = open_store(folder)
    build([corpus], store, progress=False, store_folder=folder)
    # never compacted by kg: everything counts as fresh, so even one article compacts it
    assert calls == [1] and (folder / COMPACTED_MARK).exists()
    assert fresh_share(folder, article_count(store)) == 0.0

    monkeypatch.setattr(kg.build, "COMPACT_SHARE", 0.99)
    write(corpus, "b.txt", ARTICLE.replace("Rahmat Hidayat", "Siti Aminah"))
    build([corpus], store, progress=False, store_folder=folder)
    assert calls == [1]  # the new files are under the share: left for later
    assert 0.0 < fresh_share(folder, article_count(store)) < 0.99

    monkeypatch.setattr(kg.build, "COMPACT_SHARE", 0.0)
    summary = build([corpus], store, progress=False, store_folder=folder)
    assert summary.written == 0 and calls == [1]  # nothing written, nothing to compact
    write(corpus, "c.txt", ARTICLE.replace("Rahmat Hidayat", "Dewi Lestari"))
    build([corpus], store, progress=False, store_folder=folder)
    assert calls == [1, 1] and fresh_share(folder, article_count(store)) == 0.0
