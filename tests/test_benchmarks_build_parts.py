"""benchmarks.build_parts: a one-process build whose CPU time is split into its parts."""

from __future__ import annotations

from benchmarks.build_parts import measure, report
from kg.graph.store import article_count, open_store
from kg.resources import samples_dir


def test_the_parts_add_up_and_the_store_holds_every_article(tmp_path):
    folder = tmp_path / "store"
    spent = measure([str(samples_dir())], folder)
    store = open_store(folder, create=False)
    assert spent["articles"] == article_count(store) > 5
    assert all(spent[part] >= 0 for part in ("read", "extract", "store", "compact"))
    assert spent["extract"] > 0
    text = report(spent)
    assert f"{int(spent['articles'])} articles" in text
    assert "at best on 2 cores" in text
