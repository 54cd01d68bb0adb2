"""Each variant in queries/variants answers exactly as the named query it stands in for, for
every region in a store built from the sample articles, the explorer's fixtures and a
generated corpus, alone and together with the other parameters."""

from __future__ import annotations

from dataclasses import replace

import pyoxigraph as ox
import pytest
from articles import write_generated_corpus

from kg.build import build
from kg.query import load_named_query, run_query, variant_for
from kg.resources import queries_dir, samples_dir

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures" / "explorer"
VARIANTS = sorted((queries_dir() / "variants").glob("*.rq"))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("generated")
    write_generated_corpus(corpus, 120, seed=11)
    built = ox.Store()
    build([samples_dir(), FIXTURES, corpus], built, progress=False)
    return built


def regions(store: ox.Store) -> list[str]:
    query = """SELECT DISTINCT ?label WHERE {
        ?x <https://kg-pilkada.example.org/ontology#jurisdiction> ?place .
        ?place <http://www.w3.org/2000/01/rdf-schema#label> ?label }"""
    return sorted(row["label"].value for row in store.query(query, use_default_graph_as_union=True))


def test_there_are_variants_and_each_names_a_shipped_query():
    assert VARIANTS
    for path in VARIANTS:
        load_named_query(path.name.split(".")[0])


@pytest.mark.parametrize("path", VARIANTS, ids=lambda p: p.name)
def test_variant_gives_the_same_rows_as_the_general_query(store, path):
    name = path.name.split(".")[0]
    named = load_named_query(name)
    general = replace(named, path=None)  # variant_for leaves a query without a path alone
    names = [param.name for param in named.params]
    labels = regions(store)
    assert len(labels) >= 5
    extra = [{}]
    if "on" in names:
        extra += [{"on": "2024-09-10"}, {"on": "2024-12-01"}]
    if "kind" in names:
        extra.append({"kind": "Pemilihan Bupati"})
    checked = 0
    for label in [*labels, "Kabupaten Tidak Ada"]:
        for more in extra:
            values = {"jurisdiction": label, **more}
            fast = run_query(store, named, values)
            slow = run_query(store, general, values)
            assert sorted(map(str, fast.rows)) == sorted(map(str, slow.rows)), values
            assert fast.columns == slow.columns
            checked += bool(fast.rows)
    assert checked >= 5  # most regions answer something: the comparison is not vacuous


def test_the_variant_is_chosen_only_when_its_parameter_has_a_value():
    named = load_named_query("holds-office")
    assert (
        variant_for(named, {ox.Variable("_jurisdiction"): ox.Literal("Kota Jambi")}).path
        != named.path
    )
    assert variant_for(named, {ox.Variable("_jurisdiction"): ox.Literal("")}).path == named.path
    assert variant_for(named, {ox.Variable("personName"): ox.Literal("X")}).path == named.path
