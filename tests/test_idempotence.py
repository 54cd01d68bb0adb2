"""The same corpus gives the same graph: built twice, in another order, or a part at a time."""

from __future__ import annotations

import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from articles import write_generated_corpus

from kg.build import build
from kg.resources import samples_dir


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    """80 generated articles (people recur across them) and the sample articles."""
    folder = tmp_path_factory.mktemp("corpus")
    generated = write_generated_corpus(folder, 80, seed=11)
    samples = sorted(p for p in samples_dir().iterdir() if p.suffix in (".txt", ".html"))
    return generated + samples + [samples_dir() / "feed.jsonl"]


@pytest.fixture(scope="module")
def reference(files) -> set[ox.Quad]:
    store = ox.Store()
    summary = build(files, store, progress=False)
    assert summary.written == len(files) + 2 and not summary.errors  # feed.jsonl holds 3
    return set(store)


def test_building_twice_changes_nothing(files, reference):
    store = ox.Store()
    build(files, store, progress=False)
    summary = build(files, store, progress=False)
    assert summary.written == 0 and summary.unchanged == len(files) + 2
    assert set(store) == reference


def test_reversed_and_shuffled_orders_give_the_same_graph(files, reference):
    for order in (files[::-1], random.Random(6).sample(files, len(files))):
        store = ox.Store()
        build(order, store, progress=False)
        assert set(store) == reference


def test_building_in_parts_gives_the_same_graph(files, reference):
    shuffled = random.Random(7).sample(files, len(files))
    store = ox.Store()
    for part in (shuffled[:10], shuffled[10:50], shuffled[50:]):
        build(part, store, progress=False)
    assert set(store) == reference
    assert build(files, store, progress=False).written == 0


def test_two_spellings_of_one_post_give_it_one_title(tmp_path):
    """The post's IRI ignores case, so its title must not depend on which article wrote it:
    "Masyarakat Dan Desa" and "Masyarakat dan Desa" once gave one post two titles."""
    from kg.validate import validate_store

    lead = "Kepala Dinas Pemberdayaan Masyarakat {dan} Desa Kabupaten Lahat, Yusuf Pranata,"
    for name, dan in (("a.txt", "dan"), ("b.txt", "Dan")):
        (tmp_path / name).write_text(
            f"Kades Diminta Netral\n\nLAHAT - {lead.format(dan=dan)} meminta para kepala desa "
            "menjaga netralitas, Senin (2/9/2024).\n",
            encoding="utf-8",
        )
    store = ox.Store()
    build([tmp_path], store, progress=False)
    titles = {q.object.value for q in store if q.predicate.value.endswith("ontology#title")}
    assert titles == {"Kepala Dinas Pemberdayaan Masyarakat dan Desa"}
    assert validate_store(store).conforms
