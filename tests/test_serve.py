"""The explorer and the SPARQL endpoint, through the WSGI app with real store workers over a
store built from fictional articles (tests/fixtures/explorer)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from urllib.parse import quote, urlencode
from wsgiref.util import setup_testing_defaults

import networkx as nx
import pytest
from serve_fixture import ID, build_explorer_store

from kg.serve.app import App, Limits
from kg.serve.pages import highlight
from kg.serve.search import expand, fold
from kg.serve.workers import StoreWorkers

RAHMAT = ID + "person/rahmat-sudirja"
YUSRAN = ID + "person/yusran-hadiwijaya"
PJ_BUPATI = ID + "post/penjabat-bupati/16.10"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return build_explorer_store(tmp_path_factory.mktemp("explorer") / "store")


@pytest.fixture(scope="module")
def app(store_path):
    workers = StoreWorkers(store_path, size=1)
    yield App(workers, Limits(timeout=20, max_rows=50, page_rows=20))
    workers.close()


class Response:
    def __init__(self, status: str, headers: list, body: bytes) -> None:
        self.status = int(status.split()[0])
        self.headers = {key.lower(): value for key, value in headers}
        self.body = body
        self.text = body.decode("utf-8", "replace")


def request(app, path: str, method: str = "GET", body: bytes = b"", **headers: str) -> Response:
    environ: dict = {}
    path_info, _, query = path.partition("?")
    environ.update(
        REQUEST_METHOD=method,
        PATH_INFO=path_info,
        QUERY_STRING=query,
        CONTENT_LENGTH=str(len(body)),
        CONTENT_TYPE=headers.pop("content_type", ""),
        **{f"HTTP_{key.upper()}": value for key, value in headers.items()},
    )
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO(body)
    captured: dict = {}

    def start_response(status, response_headers, exc_info=None):
        captured["status"], captured["headers"] = status, response_headers

    chunks = app(environ, start_response)
    return Response(captured["status"], captured["headers"], b"".join(chunks))


def entity_url(iri: str) -> str:
    return "/entity?iri=" + quote(iri, safe="")


# --- search ---------------------------------------------------------------------------------


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("Ógan-ÍLIR  ") == "ogan ilir"


def test_press_abbreviations_expand_to_canonical_words():
    assert expand("Pilbup Ogan Ilir") == ["pemilihan", "bupati", "ogan", "ilir"]
    assert expand("pj bupati") == ["penjabat", "bupati"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rahmat", "Rahmat Sudirja"),
        ("SUDIR", "Rahmat Sudirja"),
        ("ógan ilir", "Kabupaten Ogan Ilir"),
        ("pilbup ogan", "Pemilihan Bupati Ogan Ilir 2024"),
        ("pj bupati", "Penjabat Bupati Ogan Ilir"),
        ("yusran", "Yusran Hadiwijaya"),
    ],
)
def test_search_finds_by_prefix_case_and_accent_insensitively(app, query, expected):
    page = request(app, "/search?" + urlencode({"q": query}))
    assert page.status == 200
    assert f">{expected}</a>" in page.text


def test_search_without_a_match_says_so(app):
    page = request(app, "/search?q=zzzz")
    assert page.status == 200
    assert "Nothing matches" in page.text and "0 results" in page.text


def test_browse_lists_every_person(app):
    page = request(app, "/search?kind=person")
    for name in ("Dewi Anggraini", "Rahmat Sudirja", "Yusran Hadiwijaya"):
        assert f">{name}</a>" in page.text


# --- entity pages ---------------------------------------------------------------------------


def test_person_page_shows_facts_with_highlighted_evidence_and_source(app):
    page = request(app, entity_url(RAHMAT))
    assert page.status == 200
    assert "<h1>Rahmat Sudirja</h1>" in page.text
    assert "Holds office" in page.text and "Directives" in page.text
    assert "<mark>Rahmat Sudirja</mark>" in page.text
    # the source article's headline, linked to the article's own page
    assert "Pj Bupati Ogan Ilir Minta ASN Jaga Netralitas Jelang Pilbup 2024</a>" in page.text
    assert quote(ID + "article/pj-bupati-ogan-ilir-asn-netral", safe="") in page.text
    assert "Confidence" in page.text
    # links to the post follow the graph
    assert quote(PJ_BUPATI, safe="") in page.text


def test_office_page_lists_holders_in_time_order(app):
    page = request(app, entity_url(PJ_BUPATI))
    assert page.status == 200
    table = page.text.split("Holders over time", 1)[1].split("</table>", 1)[0]
    assert table.index("Rahmat Sudirja") < table.index("Yusran Hadiwijaya")


def test_place_page_links_offices_and_elections_in_it(app):
    page = request(app, entity_url(ID + "place/16.10"))
    assert "Offices and elections here" in page.text
    assert ">Pemilihan Bupati Ogan Ilir 2024</a>" in page.text
    assert ">Penjabat Bupati Ogan Ilir</a>" in page.text


def test_article_page_lists_what_was_read_from_it(app):
    page = request(app, entity_url(ID + "article/bursa-pilbup-ogan-ilir"))
    assert page.status == 200
    assert "Candidacies" in page.text and "<mark>Dewi Anggraini</mark>" in page.text


def test_highlight_escapes_the_sentence_and_marks_each_mention():
    html = highlight('Budi <b>"Sang"</b> kata budi.', ["Budi"])
    assert html == "<mark>Budi</mark> &lt;b&gt;&quot;Sang&quot;&lt;/b&gt; kata <mark>budi</mark>."


# --- network --------------------------------------------------------------------------------


def test_network_svg_draws_the_neighbourhood(app):
    page = request(app, "/network?" + urlencode({"iri": RAHMAT, "hops": 1}))
    assert page.status == 200
    assert "<svg" in page.text
    assert "Penjabat Bupati Ogan Ilir" in page.text and "ASN" in page.text


def test_two_hops_reach_the_successor(app):
    one = request(app, "/network?" + urlencode({"iri": RAHMAT, "hops": 1}))
    two = request(app, "/network?" + urlencode({"iri": RAHMAT, "hops": 2}))
    assert "Yusran Hadiwijaya" not in one.text
    assert "Yusran Hadiwijaya" in two.text


def test_network_gexf_download_reads_back_in_networkx(app, tmp_path):
    response = request(app, "/network.gexf?" + urlencode({"iri": RAHMAT, "hops": 2}))
    assert response.status == 200
    assert "attachment" in response.headers["content-disposition"]
    path = tmp_path / "n.gexf"
    path.write_bytes(response.body)
    graph = nx.read_gexf(path)
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert {"Rahmat Sudirja", "Yusran Hadiwijaya", "Penjabat Bupati Ogan Ilir"} <= labels


# --- ask ------------------------------------------------------------------------------------


def test_ask_page_lists_named_queries_and_their_parameters(app):
    page = request(app, "/ask?name=holds-office")
    assert page.status == 200
    assert 'name="param.jurisdiction"' in page.text
    assert '<label for="param-jurisdiction">' in page.text
    assert "directives</code>" in page.text


def test_ask_runs_a_named_query_with_a_parameter(app):
    query = urlencode({"name": "holds-office", "query": "", "param.person": "Dewi Anggraini"})
    page = request(app, "/ask?" + query)
    assert page.status == 200
    assert "1 row." in page.text and "Ketua DPRD" in page.text
    assert "Rahmat Sudirja" not in page.text.split("results-table", 1)[1]


def test_ask_downloads_csv_and_json(app):
    query = {"name": "holds-office", "query": "", "param.person": "Rahmat Sudirja"}
    as_csv = request(app, "/ask?" + urlencode({**query, "format": "csv"}))
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert {row["personName"] for row in rows} == {"Rahmat Sudirja"}
    assert as_csv.headers["content-type"].startswith("text/csv")
    as_json = json.loads(request(app, "/ask?" + urlencode({**query, "format": "json"})).text)
    assert len(as_json["results"]["bindings"]) == len(rows)


def test_ask_reports_invalid_sparql_without_crashing(app):
    page = request(app, "/ask?" + urlencode({"query": "SELECT ?x WHERE { ?x"}))
    assert page.status == 400
    assert "invalid SPARQL" in page.text


def test_ask_refuses_updates(app):
    page = request(app, "/ask?" + urlencode({"query": "DROP ALL"}))
    assert page.status == 400 and "not allowed" in page.text
    assert request(app, entity_url(RAHMAT)).status == 200


def test_hostile_parameter_is_a_literal(app):
    hostile = 'x" } UNION { ?s ?p ?o } #'
    query = urlencode({"name": "holds-office", "query": "", "param.person": hostile})
    page = request(app, "/ask?" + query)
    assert page.status == 200 and "0 rows" in page.text


# --- hostile requests -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/static/../cli.py",
        "/static/..%2F..%2Fcli.py",
        "/entity?iri=..%2F..%2Fetc%2Fpasswd",
        "/entity?iri=javascript:alert(1)",
        "/entity?iri=" + quote(ID + "person/nobody", safe=""),
        "/network?iri=" + quote(ID + "person/nobody", safe="") + "&hops=x",
    ],
)
def test_hostile_paths_get_an_error_page(app, path):
    page = request(app, path)
    assert 400 <= page.status < 500
    assert "<script" not in page.text.lower().replace('<script src="/static/app.js"', "")


def test_script_in_a_search_is_echoed_escaped(app):
    page = request(app, "/search?" + urlencode({"q": "<script>alert(1)</script>"}))
    assert page.status == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_huge_query_string_is_refused(app):
    page = request(app, "/search?q=" + "a" * 200_000)
    assert page.status == 414


def test_pages_carry_a_content_security_policy(app):
    page = request(app, "/")
    assert "default-src 'none'" in page.headers["content-security-policy"]


# --- SPARQL protocol ------------------------------------------------------------------------

SELECT_PERSONS = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"


def test_sparql_get_json(app):
    response = request(app, "/sparql?" + urlencode({"query": SELECT_PERSONS}))
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    names = [b["name"]["value"] for b in json.loads(response.text)["results"]["bindings"]]
    assert names == ["Dewi Anggraini", "Rahmat Sudirja", "Yusran Hadiwijaya"]


def test_sparql_post_with_accept_csv_and_xml(app):
    body = SELECT_PERSONS.encode()
    as_csv = request(
        app, "/sparql", "POST", body, content_type="application/sparql-query", accept="text/csv"
    )
    assert as_csv.text.splitlines()[:2] == ["name", "Dewi Anggraini"]
    as_xml = request(
        app,
        "/sparql",
        "POST",
        b"query=" + quote(SELECT_PERSONS).encode(),
        content_type="application/x-www-form-urlencoded",
        accept="application/sparql-results+xml",
    )
    assert "<literal>Dewi Anggraini</literal>" in as_xml.text


def test_sparql_construct_gives_turtle(app):
    query = "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }"
    response = request(app, "/sparql?" + urlencode({"query": query}), accept="text/turtle")
    assert response.headers["content-type"].startswith("text/turtle")
    assert '"Rahmat Sudirja"' in response.text


def test_sparql_update_is_refused_on_a_read_only_server(app):
    response = request(
        app, "/sparql", "POST", b"DROP ALL", content_type="application/sparql-update"
    )
    assert response.status == 403 and "read-only" in response.text
    assert request(app, "/sparql?" + urlencode({"query": SELECT_PERSONS})).status == 200


def test_sparql_result_size_is_bounded(app):
    query = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
    response = request(app, "/sparql?" + urlencode({"query": query}), accept="text/csv")
    assert response.status == 200
    assert len(response.text.strip().splitlines()) == 1 + 50  # header + max_rows
    assert "x-kg-truncated" in response.headers


def test_sparql_errors_are_one_line(app):
    response = request(app, "/sparql?" + urlencode({"query": "SELEKT nothing"}))
    assert response.status == 400
    assert response.text.startswith("invalid SPARQL") and response.text.count("\n") == 1


def test_slow_query_is_stopped_and_the_server_goes_on(store_path):
    workers = StoreWorkers(store_path, size=1)
    try:
        app = App(workers, Limits(timeout=1.5))
        endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
        response = request(app, "/sparql?" + urlencode({"query": endless}))
        assert response.status == 503 and "stopped after 1.5 s" in response.text
        again = request(app, "/sparql?" + urlencode({"query": SELECT_PERSONS}))
        assert again.status == 200
    finally:
        workers.close()


def test_updates_work_only_when_allowed(store_path, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(store_path, copy)
    workers = StoreWorkers(copy, writable=True)
    try:
        app = App(workers)
        update = b'INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> "c" } }'
        response = request(app, "/sparql", "POST", update, content_type="application/sparql-update")
        assert response.status == 204
        ask = request(app, "/sparql?" + urlencode({"query": 'ASK { <urn:a> <urn:b> "c" }'}))
        assert json.loads(ask.text)["boolean"] is True
    finally:
        workers.close()


def test_missing_store_is_one_clear_error(tmp_path):
    workers = StoreWorkers(tmp_path / "nothing", size=1)
    try:
        with pytest.raises(Exception, match="no store here"):
            workers.call("ping")
    finally:
        workers.close()


def test_sparql_default_graph_uri_narrows_the_default_graph(app):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a schema:Person }"
    article = ID + "graph/article/bursa-pilbup-ogan-ilir"
    union = request(app, "/sparql?" + urlencode({"query": query}))
    one = request(app, "/sparql?" + urlencode({"query": query, "default-graph-uri": article}))
    ontology = ID + "graph/ontology"
    none = request(app, "/sparql?" + urlencode({"query": query, "default-graph-uri": ontology}))

    def count(response: Response) -> int:
        return int(json.loads(response.text)["results"]["bindings"][0]["n"]["value"])

    assert count(union) == 3
    assert count(none) == 0
    assert count(one) == 0  # persons are described once, in the entities graph


def test_holders_table_agrees_with_the_office_history_query(store_path):
    import pyoxigraph as ox

    from kg.query import format_result, load_named_query, run_query
    from kg.serve.entity import describe, holders_over_time

    store = ox.Store.read_only(str(store_path))
    for post in (PJ_BUPATI, ID + "post/sekretaris-daerah/16.10"):
        table = holders_over_time(describe(store, post)["facts"])
        result = run_query(store, load_named_query("office-history"), {"post": post})
        expected = list(csv.DictReader(io.StringIO(format_result(result, "csv"))))
        columns = ["person", "personName", "from", "to", "start", "end", "current", "articles"]
        assert [{c: row[c] for c in columns} for row in table] == [
            {c: row[c] for c in columns} for row in expected
        ]
