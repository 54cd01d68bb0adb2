"""Each variant in queries/variants answers exactly as the named query it stands in for, for
every region in a store built from the sample articles, the explorer's fixtures and a
generated corpus, alone and together with the other parameters."""

from __future__ import annotations

from dataclasses import replace
from itertools import product

import pyoxigraph as ox
import pytest
from articles import write_generated_corpus

from kg.build import build
from kg.query import (
    NamedQuery,
    bind_params,
    load_named_query,
    run_query,
    variant_fits,
    variant_for,
    variant_needs,
)
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


def values_of(store: ox.Store, named: NamedQuery, param: str) -> list[str]:
    """Values to try for `param`: every region for a jurisdiction, else up to 12 that the
    general query's own answer holds; and one that matches nothing."""
    if param == "jurisdiction":
        return [*regions(store), "Kabupaten Tidak Ada"]
    declared = next(p for p in named.params if p.name == param)
    variable = declared.variable
    general = run_query(store, replace(named, path=None))
    column = general.columns.index(variable)
    seen = sorted({row[column].value for row in general.rows if row[column] is not None})
    missing = "https://kg-pilkada.example.org/id/none" if declared.kind == "iri" else "-"
    return [*seen[:: max(1, len(seen) // 12)], missing]


def cases(store: ox.Store, named: NamedQuery, needs: set[str]) -> list[dict[str, str]]:
    """Parameter sets the variant stands in for: none for `.all`, else each value of its
    parameters, alone and with `on` or `kind` where the query takes them."""
    if needs == {"all"}:
        return [{}]
    names = {param.name for param in named.params}
    extra: list[dict[str, str]] = [{}]
    if "on" in names and "on" not in needs:
        extra += [{"on": "2024-09-10"}, {"on": "2024-12-01"}]
    if "kind" in names and "kind" not in needs:
        extra.append({"kind": "Pemilihan Bupati"})
    values: dict[str, list[str]] = {}
    if "on" in needs:
        values["on"] = ["2024-01-01", "2024-09-10", "2024-12-01", "2025-06-30"]
        # a day with one person or post, whose values the variant binds inside its sub-SELECTs
        for param in ("personIri", "post"):
            extra += [{param: value} for value in values_of(store, named, param)[::4]]
    values |= {param: values_of(store, named, param) for param in needs - {"on"}}
    combos = [dict(zip(values, chosen, strict=True)) for chosen in product(*values.values())]
    return [{**combo, **more} for combo in combos for more in extra]


@pytest.mark.parametrize("path", VARIANTS, ids=lambda p: p.name)
def test_variant_gives_the_same_rows_as_the_general_query(store, path):
    name, needs = path.name.split(".")[0], variant_needs(path)
    named = load_named_query(name)
    general = replace(named, path=None)  # variant_for leaves a query without a path alone
    checked, tried = 0, cases(store, named, needs)
    for values in tried:
        fast = run_query(store, named, values)
        bound = bind_params(named, values)
        chosen = variant_for(named, bound).path
        # this variant, or one made for more of the parameters given (jurisdiction and on), or
        # another text when this one does not fit them (no place for one, or `#+ alone`)
        fits = variant_fits(named, path, bound)
        assert chosen == path or variant_needs(chosen) > needs or not fits, (values, chosen)
        slow = run_query(store, general, values)
        assert sorted(map(str, fast.rows)) == sorted(map(str, slow.rows)), values
        assert fast.columns == slow.columns
        checked += bool(fast.rows)
    assert checked >= 1  # some case answers something: the comparison is not vacuous


def test_the_variant_is_chosen_only_when_its_parameter_has_a_value():
    named = load_named_query("holds-office")
    assert (
        variant_for(named, {ox.Variable("_jurisdiction"): ox.Literal("Kota Jambi")}).path
        != named.path
    )
    assert variant_for(named, {ox.Variable("_jurisdiction"): ox.Literal("")}).path == named.path
    assert variant_for(named, {ox.Variable("personName"): ox.Literal("X")}).path == named.path


def test_a_variant_is_passed_over_for_a_parameter_it_has_no_place_for_or_when_alone():
    named = load_named_query("holds-office")

    def chosen(**values: str) -> str:
        return variant_for(named, bind_params(named, values)).path.name

    assert chosen(office="Ketua KPU") == "holds-office.office.rq"
    # holds-office.office.rq has no day: the day's variant answers
    assert chosen(office="Ketua KPU", on="2024-09-01") == "holds-office.on.rq"
    # `#+ alone`: with a person, the general text (which starts from the person)
    assert chosen(office="Ketua KPU", person="Rahmat Sudirja") == "holds-office.rq"


def test_a_variant_that_needs_oxigraph_is_not_sent_to_a_sparql_server():
    conflicts = load_named_query("office-conflicts")
    assert variant_for(conflicts, {}).path.name == "office-conflicts.all.rq"
    assert variant_for(conflicts, {}, embedded=False).path == conflicts.path
    holds = load_named_query("holds-office")  # standard SPARQL: any server takes it
    assert variant_for(holds, {}, embedded=False).path.name == "holds-office.all.rq"
