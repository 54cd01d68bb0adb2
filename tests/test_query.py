"""Named queries, parameter binding and result formats over a hand-written store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from graph_fixture import build_store

from kg.errors import QueryError
from kg.query import (
    NamedQuery,
    QueryParam,
    QueryResult,
    bind_params,
    format_result,
    list_named_queries,
    load_named_query,
    parse_params,
    resolve_query,
    run_query,
    shorten,
)

DESIGN_COLUMNS = {
    "holds-office": {
        "person",
        "personName",
        "office",
        "officeLabel",
        "jurisdictionLabel",
        "article",
        "sentence",
        "confidence",
    },
    "directives": {
        "directive",
        "official",
        "officialName",
        "addresseeLabel",
        "topic",
        "date",
        "article",
        "quote",
        "sentence",
    },
    "elections": {"election", "electionLabel", "jurisdictionLabel", "date", "article"},
    "candidates": {
        "person",
        "personName",
        "election",
        "electionLabel",
        "jurisdictionLabel",
        "status",
        "article",
    },
    "persons": {"person", "personName", "altNames", "articles"},
    "articles": {"article", "headline", "published", "facts"},
}
HOSTILE = 'x" } UNION { ?s ?p ?o } #'


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return build_store()


def rows(store: ox.Store, name: str, **params: str) -> list[dict[str, str | None]]:
    """The named query's rows as {column: lexical value or None}."""
    query = load_named_query(name)
    result = run_query(store, query, bind_params(query, params))
    return [
        {
            col: (term.value if term is not None else None)
            for col, term in zip(result.columns, row, strict=True)
        }
        for row in result.rows
    ]


# --- the named queries ---------------------------------------------------------------------


def test_every_named_query_has_a_summary_and_the_design_columns(store):
    queries = {query.name: query for query in list_named_queries()}
    assert set(DESIGN_COLUMNS) <= set(queries)
    for name, columns in DESIGN_COLUMNS.items():
        assert queries[name].summary
        result = run_query(store, queries[name])
        assert result.form == "select"
        assert columns <= set(result.columns), name
        assert not any(column.startswith("_") for column in result.columns)


def test_holds_office_lists_current_holdings_with_region_and_article(store):
    found = {
        (r["personName"], r["officeLabel"], r["jurisdictionLabel"], r["article"])
        for r in rows(store, "holds-office")
    }
    assert found == {
        ("Rahmat Sudirja", "Penjabat Bupati", "Kabupaten Lahat", "lahat-001"),
        ("Sri Wahyuni", "Ketua Tim Pemenangan", None, "lahat-002"),
    }


def test_holds_office_leaves_out_former_holders(store):
    assert not rows(store, "holds-office", person="Yusuf Hamdani")


def test_holds_office_row_carries_its_evidence(store):
    (row,) = rows(store, "holds-office", person="Rahmat Sudirja")
    assert row["person"] == "https://kg-pilkada.example.org/id/person/rahmat-sudirja"
    assert row["office"] == "https://kg-pilkada.example.org/id/post/penjabat-bupati/16.04"
    assert row["sentence"].startswith("Penjabat (Pj) Bupati Lahat")
    assert row["confidence"] == "0.9"


def test_directives_one_row_per_addressee(store):
    found = rows(store, "directives")
    assert {r["addresseeLabel"] for r in found} == {"ASN", "Camat"}
    assert {(r["officialName"], r["topic"], r["date"], r["article"]) for r in found} == {
        ("Rahmat Sudirja", "netralitas", "2024-09-06", "lahat-001")
    }
    assert {r["quote"] for r in found} == {"ASN dan camat wajib menjaga netralitas."}


def test_elections_give_the_claimed_date(store):
    found = rows(store, "elections")
    assert [
        (r["electionLabel"], r["jurisdictionLabel"], r["date"], r["article"]) for r in found
    ] == [("Pemilihan Bupati Kabupaten Lahat 2024", "Kabupaten Lahat", "2024-11-27", "lahat-002")]


def test_candidates_status_without_the_ontology_graph(store):
    found = rows(store, "candidates")
    assert [(r["personName"], r["electionLabel"], r["status"], r["article"]) for r in found] == [
        ("Yusuf Hamdani", "Pemilihan Bupati Kabupaten Lahat 2024", "floated", "lahat-002")
    ]


def test_candidates_status_with_the_ontology_graph_loaded():
    store = build_store()
    ontology = ox.NamedNode("https://kg-pilkada.example.org/id/graph/ontology")
    store.load(
        b"@prefix kg: <https://kg-pilkada.example.org/ontology#> .\n"
        b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        b'kg:Floated a kg:CandidacyStatus ; skos:notation "floated" .\n',
        format=ox.RdfFormat.TURTLE,
        to_graph=ontology,
    )
    assert [r["status"] for r in rows(store, "candidates")] == ["floated"]


def test_persons_have_alt_names_and_article_counts(store):
    found = {r["personName"]: (r["altNames"], r["articles"]) for r in rows(store, "persons")}
    assert found == {
        "Yusuf Hamdani": ("Yusuf", "2"),
        "Rahmat Sudirja": ("Rahmat", "1"),
        "Sri Wahyuni": (None, "1"),
    }


def test_articles_count_their_facts(store):
    found = [(r["article"], r["published"], r["facts"]) for r in rows(store, "articles")]
    assert found == [("lahat-001", "2024-09-06", "3"), ("lahat-002", "2024-10-01", "3")]


def test_rows_are_in_a_stable_order(store):
    first = format_result(run_query(store, load_named_query("holds-office")), "csv")
    for _ in range(3):
        assert format_result(run_query(store, load_named_query("holds-office")), "csv") == first


# --- parameters ----------------------------------------------------------------------------


def test_param_binds_a_required_column(store):
    found = rows(store, "directives", addressee="Camat")
    assert [r["addresseeLabel"] for r in found] == ["Camat"]


def test_param_on_an_optional_column_filters(store):
    found = rows(store, "holds-office", jurisdiction="Kabupaten Lahat")
    assert [r["personName"] for r in found] == ["Rahmat Sudirja"]
    assert not rows(store, "holds-office", jurisdiction="Kota Lubuklinggau")
    assert [r["personName"] for r in rows(store, "candidates", status="floated")] == [
        "Yusuf Hamdani"
    ]
    assert not rows(store, "candidates", status="elected")


def test_iri_param_accepts_full_and_prefixed_iris(store):
    full = "https://kg-pilkada.example.org/id/post/ketua-tim-pemenangan"
    for value in (full, f"<{full}>", "id:post/ketua-tim-pemenangan"):
        assert [r["personName"] for r in rows(store, "holds-office", post=value)] == ["Sri Wahyuni"]


def test_iri_param_must_be_absolute():
    query = load_named_query("holds-office")
    with pytest.raises(QueryError, match="absolute IRI"):
        bind_params(query, {"post": "post/ketua-tim-pemenangan"})
    with pytest.raises(QueryError, match="absolute IRI"):
        bind_params(query, {"post": "http://x/a b"})


@pytest.mark.parametrize("name", ["person", "jurisdiction", "office", "article"])
def test_hostile_value_is_only_a_literal(store, name):
    query = load_named_query("holds-office")
    bound = bind_params(query, {name: HOSTILE})
    assert list(bound.values()) == [ox.Literal(HOSTILE)]
    result = run_query(store, query, bound)
    assert result.rows == ()
    assert result.columns == run_query(store, query).columns


def test_values_with_quotes_braces_and_newlines_match_exactly():
    store = ox.Store()
    odd = 'Nama "Aneh" }\nbaris dua'
    store.add(
        ox.Quad(
            ox.NamedNode("https://kg-pilkada.example.org/id/person/x"),
            ox.NamedNode("https://schema.org/name"),
            ox.Literal(odd),
            ox.NamedNode("https://kg-pilkada.example.org/id/graph/entities"),
        )
    )
    query = resolve_query("SELECT ?p ?_name WHERE { ?p schema:name ?_name }")
    assert query.params == (QueryParam("name", "_name", "literal"),)
    assert len(run_query(store, query, bind_params(query, {"name": odd})).rows) == 1
    assert run_query(store, query, bind_params(query, {"name": odd[:-1]})).rows == ()


def test_run_query_accepts_raw_string_values(store):
    query = load_named_query("holds-office")
    assert len(run_query(store, query, {"person": "Sri Wahyuni"}).rows) == 1


def test_unknown_param_lists_the_known_ones():
    with pytest.raises(QueryError, match="no parameter 'region'; known: person, office"):
        bind_params(load_named_query("holds-office"), {"region": "x"})


def test_parse_params():
    assert parse_params(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_params(["jurisdiction"])


# --- finding queries -----------------------------------------------------------------------


def test_unknown_query_names_the_known_ones():
    with pytest.raises(QueryError) as error:
        resolve_query("no-such-query")
    message = str(error.value)
    assert "unknown query 'no-such-query'" in message
    assert "holds-office" in message and "directives" in message


def test_query_file_and_text_are_resolved(tmp_path):
    path = tmp_path / "mine.rq"
    path.write_text(
        "#+ summary: People\n#+ params:\n#+   - who: ?personName\n"
        "SELECT ?personName WHERE { ?p schema:name ?personName }\n",
        encoding="utf-8",
    )
    query = resolve_query(str(path))
    assert (query.name, query.summary, query.path) == ("mine", "People", path)
    assert query.params == (QueryParam("who", "personName", "literal"),)
    text = resolve_query("select * where { ?s ?p ?o }")
    assert text.path is None and "?s ?p ?o" in text.text


def test_missing_query_file_is_named(tmp_path):
    missing = tmp_path / "nothing.rq"
    with pytest.raises(QueryError, match=r"nothing\.rq"):
        resolve_query(str(missing))


def test_unreadable_query_file_is_named(tmp_path):
    path = tmp_path / "latin1.rq"
    path.write_bytes(b"SELECT * WHERE { ?s ?p \xe9 }")
    with pytest.raises(QueryError, match=r"latin1\.rq"):
        resolve_query(str(path))


def test_bad_param_line_in_header_is_named(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("#+ params:\n#+   - who personName\nSELECT * {}\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"bad\.rq"):
        resolve_query(str(path))


def test_invalid_sparql_is_a_one_line_error(store):
    with pytest.raises(QueryError) as error:
        run_query(store, resolve_query("SELECT ?x WHERE { ?x "))
    assert str(error.value).startswith("invalid SPARQL")
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX x: <http://x/#>\n# comment\ndelete where { ?s ?p ?o }",
        "DROP ALL",
        "CLEAR DEFAULT",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_update_is_refused_and_changes_nothing(update):
    store = build_store()
    before = len(store)
    with pytest.raises(QueryError, match="Update"):
        run_query(store, resolve_query(update))
    assert len(store) == before


def test_user_queries_need_no_prefix_lines(store):
    result = run_query(
        store, resolve_query("SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n")
    )
    assert [row[0].value for row in result.rows] == [
        "Rahmat Sudirja",
        "Sri Wahyuni",
        "Yusuf Hamdani",
    ]


def test_ask_and_construct(store):
    ask = run_query(store, resolve_query("ASK { ?p a schema:Person }"))
    assert ask.form == "ask" and ask.boolean is True
    assert json.loads(format_result(ask, "json")) == {"head": {}, "boolean": True}
    graph = run_query(
        store, resolve_query("CONSTRUCT { ?p a schema:Person } WHERE { ?p a schema:Person }")
    )
    assert graph.form == "graph" and len(graph.triples) == 3
    nt = format_result(graph, "tsv")
    assert len(nt.splitlines()) == 3 and nt.splitlines()[0].startswith("<https://")
    assert "@prefix schema:" in format_result(graph, "table")


# --- result formats ------------------------------------------------------------------------


def directive_result(store):
    return run_query(store, load_named_query("directives"))


def test_table_is_aligned_with_short_iris(store):
    text = format_result(directive_result(store), "table")
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["directive", "official", "officialName"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert "id:person/rahmat-sudirja" in text and "https://" not in text
    column = lines[0].index("officialName")
    assert all(line[column:].startswith("Rahmat Sudirja") for line in lines[2:4])
    assert lines[-1] == "(2 rows)"


def test_shorten():
    assert shorten("https://kg-pilkada.example.org/id/place/16.04") == "id:place/16.04"
    assert shorten("https://kg-pilkada.example.org/ontology#Floated") == "kg:Floated"
    assert shorten("http://other.example/x") == "<http://other.example/x>"


def test_csv_follows_the_w3c_format(store):
    text = format_result(directive_result(store), "csv")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    found = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(found) == 2
    row = found[0]
    assert row["official"] == "https://kg-pilkada.example.org/id/person/rahmat-sudirja"
    assert row["date"] == "2024-09-06"
    assert row["sentence"].startswith('"ASN dan camat')


def test_csv_leaves_unbound_cells_empty(store):
    text = format_result(run_query(store, load_named_query("holds-office")), "csv")
    found = {r["personName"]: r for r in csv.DictReader(io.StringIO(text, newline=""))}
    assert found["Sri Wahyuni"]["jurisdictionLabel"] == ""


def test_csv_quotes_commas_quotes_and_line_breaks_and_reads_back():
    values = ['Kata "tegas", katanya', "baris\r\nkedua", "polos", "", "a\nb", "koma,"]
    result = QueryResult(
        "select",
        ("value", "iri", "blank"),
        tuple(
            (ox.Literal(value), ox.NamedNode("http://example.org/x,y"), ox.BlankNode("b1"))
            for value in values
        ),
    )
    text = format_result(result, "csv")
    assert text.splitlines()[0] == "value,iri,blank"
    assert '"Kata ""tegas"", katanya","http://example.org/x,y",_:b1\r\n' in text
    assert "\r\npolos," in text
    read = list(csv.reader(io.StringIO(text, newline="")))
    assert [row[0] for row in read[1:]] == values
    assert {row[2] for row in read[1:]} == {"_:b1"}


def test_csv_writes_a_lone_empty_cell_as_two_quotes():
    result = QueryResult("select", ("x",), ((None,), (ox.Literal("a"),)))
    assert format_result(result, "csv") == 'x\r\n""\r\na\r\n'


def test_tsv_follows_the_w3c_format(store):
    lines = format_result(directive_result(store), "tsv").split("\n")
    header = lines[0].split("\t")
    assert header[:3] == ["?directive", "?official", "?officialName"]
    cells = dict(zip(header, lines[1].split("\t"), strict=True))
    assert cells["?official"] == "<https://kg-pilkada.example.org/id/person/rahmat-sudirja>"
    assert cells["?officialName"] == '"Rahmat Sudirja"'
    assert cells["?date"] == '"2024-09-06"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert cells["?sentence"].startswith('"\\"ASN dan camat')
    assert lines[-1] == "" and len(lines) == 4


def test_tsv_escapes_tabs_and_newlines():
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), ox.Literal("a\tb\nc")))
    text = format_result(run_query(store, resolve_query("SELECT ?o WHERE { ?s ?p ?o }")), "tsv")
    assert text == '?o\n"a\\tb\\nc"\n'


def test_json_follows_the_w3c_format(store):
    document = json.loads(format_result(directive_result(store), "json"))
    assert document["head"]["vars"][:3] == ["directive", "official", "officialName"]
    binding = document["results"]["bindings"][0]
    assert binding["official"] == {
        "type": "uri",
        "value": "https://kg-pilkada.example.org/id/person/rahmat-sudirja",
    }
    assert binding["officialName"] == {"type": "literal", "value": "Rahmat Sudirja"}
    assert binding["date"] == {
        "type": "literal",
        "value": "2024-09-06",
        "datatype": "http://www.w3.org/2001/XMLSchema#date",
    }


def test_json_language_tags_blank_nodes_and_unbound():
    store = ox.Store()
    store.add(ox.Quad(ox.BlankNode("b1"), ox.NamedNode("urn:p"), ox.Literal("x", language="id")))
    query = resolve_query("SELECT ?s ?o ?none WHERE { ?s ?p ?o OPTIONAL { ?s <urn:q> ?none } }")
    document = json.loads(format_result(run_query(store, query), "json"))
    (binding,) = document["results"]["bindings"]
    assert binding["s"]["type"] == "bnode"
    assert binding["o"] == {"type": "literal", "value": "x", "xml:lang": "id"}
    assert "none" not in binding


def test_unknown_format_is_refused(store):
    with pytest.raises(QueryError, match="format"):
        format_result(directive_result(store), "xml")


def test_named_query_record_is_frozen():
    query = NamedQuery("x", "", "SELECT * {}", (), Path("x.rq"))
    with pytest.raises(AttributeError):
        query.name = "y"  # type: ignore[misc]


def test_long_text_that_is_neither_query_nor_file_is_an_unknown_query():
    with pytest.raises(QueryError, match="unknown query"):
        resolve_query("x" * 400)
