"""`kg build --endpoint` and `kg query --endpoint` against a real `oxigraph serve` on localhost.

The server is started once for the module (in a temporary folder, on a free port) and emptied
before each test. Without the `oxigraph` binary (the `oxigraph` package, in the test extra)
these tests are skipped.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from graph_fixture import trig_text
from kg_cli import run

from kg.build import build
from kg.cli import cli
from kg.errors import StoreError
from kg.graph.remote import RemoteStore
from kg.query import bind_params, list_named_queries, load_named_query, resolve_query, run_query
from kg.resources import samples_dir

HOSTILE = 'x" } UNION { ?s ?p ?o } #'

ARTICLE_MUARA_ENIM = """Pj Bupati Muara Enim Minta Kades Jaga Netralitas

MUARA ENIM - Penjabat (Pj) Bupati Muara Enim, H Arman Saputra, SH, meminta seluruh kepala desa menjaga netralitas menjelang Pilkada Serentak 2024.

Hal itu disampaikan Arman saat rapat koordinasi di Pemkab Muara Enim, Selasa (10/9/2024).
"""

ARTICLE_PAGAR_ALAM = """Sekda Pagar Alam Ingatkan ASN Tidak Berpolitik Praktis

PAGAR ALAM - Sekretaris Daerah (Sekda) Kota Pagar Alam, Dedi Kurniawan, mengingatkan ASN agar tidak terlibat politik praktis jelang Pilwako Pagar Alam 2024.
"""


def _oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).parent / "oxigraph"
    return str(beside_python) if beside_python.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    binary = _oxigraph_binary()
    if binary is None:
        pytest.skip("the `oxigraph` server binary is missing (pip install oxigraph)")
    location = tmp_path_factory.mktemp("oxigraph")
    url = f"http://127.0.0.1:{_free_port()}"
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", url.removeprefix("http://")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_up(url: str, process: subprocess.Popen) -> None:
    for _ in range(200):
        if process.poll() is not None:
            error = process.stderr.read().decode() if process.stderr else ""
            pytest.fail(f"oxigraph serve exited: {error.strip()}")
        try:
            urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).close()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    pytest.fail("oxigraph serve did not answer within 10 s")


@pytest.fixture
def endpoint(server: str) -> str:
    """The server, emptied."""
    RemoteStore(server).update("DROP ALL")
    return server


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "muara-enim-1.txt").write_text(ARTICLE_MUARA_ENIM, encoding="utf-8")
    (folder / "pagar-alam-1.txt").write_text(ARTICLE_PAGAR_ALAM, encoding="utf-8")
    return folder


def quad_count(url: str) -> int:
    answer = RemoteStore(url).query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    return int(next(iter(answer))["n"].value)


# --- build and query through the CLI -------------------------------------------------------


def test_samples_built_remotely_answer_as_the_embedded_store(endpoint, tmp_path):
    code, out, err = run("build", "--endpoint", endpoint, "--no-progress")
    assert code == 0, out + err
    assert "articles: 10 (10 written, 0 unchanged)" in out
    code, out, err = run("build", "--store", str(tmp_path / "store"), "--no-progress")
    assert code == 0, out + err
    for fmt in ("csv", "json"):
        code, remote, err = run("query", "holds-office", "--endpoint", endpoint, "--format", fmt)
        assert code == 0, err
        code, embedded, err = run(
            "query", "holds-office", "--store", str(tmp_path / "store"), "--format", fmt
        )
        assert code == 0, err
        assert remote == embedded
    assert len(remote.splitlines()) > 20


def test_endpoint_from_the_environment(endpoint, corpus):
    result = CliRunner(env={"KG_ENDPOINT": endpoint}).invoke(cli, ["build", str(corpus)])
    assert result.exit_code == 0, result.output
    result = CliRunner(env={"KG_ENDPOINT": endpoint}).invoke(cli, ["query", "persons"])
    assert "Arman Saputra" in result.stdout and "Dedi Kurniawan" in result.stdout


def test_rebuild_changes_nothing(endpoint, corpus):
    assert run("build", str(corpus), "--endpoint", endpoint)[0] == 0
    before = quad_count(endpoint)
    code, out, _ = run("build", str(corpus), "--endpoint", endpoint)
    assert code == 0
    assert "articles: 2 (0 written, 2 unchanged)" in out
    assert quad_count(endpoint) == before


def test_changed_article_is_replaced(endpoint, corpus):
    assert run("build", str(corpus), "--endpoint", endpoint)[0] == 0
    path = corpus / "muara-enim-1.txt"
    path.write_text(ARTICLE_MUARA_ENIM.replace("Arman", "Firdaus"), encoding="utf-8")
    code, out, _ = run("build", str(corpus), "--endpoint", endpoint)
    assert code == 0
    assert "articles: 2 (1 written, 1 unchanged)" in out
    code, out, _ = run("query", "holds-office", "--endpoint", endpoint, "--format", "csv")
    assert "Firdaus Saputra" in out and "Arman Saputra" not in out
    # Listed at once: a pyoxigraph result must not outlive this thread (pytest keeps frames).
    hashes = list(
        RemoteStore(endpoint).query(
            "SELECT ?h { GRAPH ?g { ?a kg:articleId 'muara-enim-1' ; kg:contentHash ?h } }",
            prefixes={"kg": "https://kg-pilkada.example.org/ontology#"},
        )
    )
    assert len(hashes) == 1


def test_hostile_param_values_stay_literals(endpoint, corpus):
    assert run("build", str(corpus), "--endpoint", endpoint)[0] == 0
    for name in ("person", "jurisdiction", "office", "article"):
        code, out, err = run(
            "query", "holds-office", "--endpoint", endpoint, "-p", f"{name}={HOSTILE}"
        )
        assert code == 0, err
        assert out.endswith("(0 rows)\n"), name
    code, out, _ = run(
        "query", "holds-office", "--endpoint", endpoint, "-p", "person=Arman Saputra"
    )
    assert "(1 row)" in out


def test_value_with_quotes_braces_and_newlines_matches_exactly(endpoint):
    store = RemoteStore(endpoint)
    odd = 'Nama "Aneh" }\nbaris dua \\ akhir'
    store.extend(
        [
            ox.Quad(
                ox.NamedNode("https://kg-pilkada.example.org/id/person/x"),
                ox.NamedNode("https://schema.org/name"),
                ox.Literal(odd),
                ox.NamedNode("https://kg-pilkada.example.org/id/graph/entities"),
            )
        ]
    )
    query = resolve_query("SELECT ?p ?_name WHERE { ?p schema:name ?_name }")
    assert len(run_query(store, query, bind_params(query, {"name": odd})).rows) == 1
    assert run_query(store, query, bind_params(query, {"name": odd[:-1]})).rows == ()


def test_explicit_store_wins_over_the_environment(endpoint, corpus, tmp_path):
    runner = CliRunner(env={"KG_ENDPOINT": endpoint})
    store = tmp_path / "store"
    result = runner.invoke(cli, ["build", str(corpus), "--store", str(store), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert store.is_dir()
    assert quad_count(endpoint) == 0


def test_store_and_endpoint_together_is_a_usage_error(endpoint, tmp_path):
    code, _, err = run("query", "persons", "--endpoint", endpoint, "--store", str(tmp_path))
    assert code == 2 and "--store or --endpoint" in err


# --- every named query and parameter, as in the embedded store -------------------------------


@pytest.fixture
def both(endpoint) -> tuple[ox.Store, RemoteStore]:
    """The hand-written store of test_query.py, embedded and on the server."""
    quads = list(ox.parse(trig_text().encode(), format=ox.RdfFormat.TRIG))
    embedded = ox.Store()
    embedded.extend(quads)
    remote = RemoteStore(endpoint)
    remote.extend(quads)
    return embedded, remote


def test_every_named_query_answers_as_embedded(both):
    embedded, remote = both
    for query in list_named_queries():
        assert run_query(remote, query) == run_query(embedded, query), query.name


@pytest.mark.parametrize(
    "params",
    [
        {"jurisdiction": "Kabupaten Lahat"},
        {"jurisdiction": ""},
        {"person": "Sri Wahyuni"},
        {"post": "id:post/ketua-tim-pemenangan"},
        {"on": "2024-09-06"},
        {"on": "2023-01-01", "jurisdiction": "Kabupaten Lahat"},
    ],
)
def test_holds_office_params_bind_as_embedded(both, params):
    embedded, remote = both
    query = load_named_query("holds-office")
    values = bind_params(query, params)
    assert run_query(remote, query, values) == run_query(embedded, query, values)


def test_ask_and_construct_answer_as_embedded(both):
    embedded, remote = both
    ask = resolve_query("ASK { ?p schema:name 'Sri Wahyuni' }")
    assert run_query(remote, ask).boolean is True
    construct = resolve_query("CONSTRUCT { ?p schema:name ?n } WHERE { ?p schema:name ?n }")
    remote_triples = run_query(remote, construct).triples
    assert sorted(map(str, remote_triples)) == sorted(
        map(str, run_query(embedded, construct).triples)
    )
    assert remote_triples


# --- errors: one line naming the URL -------------------------------------------------------


def test_nothing_listening_is_a_one_line_error():
    url = f"http://127.0.0.1:{_free_port()}"
    code, out, err = run("query", "persons", "--endpoint", url)
    assert code == 1
    assert err.strip() == (
        f"Error: {url}/query: cannot connect: connection refused (is the SPARQL server running?)"
    )
    code, out, err = run("build", "--endpoint", url, "--no-progress")
    assert code == 1 and "connection refused" in err and "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1


def test_wrong_path_shows_the_http_status(endpoint):
    code, _, err = run("query", "persons", "--endpoint", f"{endpoint}/nope")
    assert code == 1
    assert err.startswith(f"Error: {endpoint}/nope/query: HTTP 404")
    assert len(err.strip().splitlines()) == 1


def test_invalid_sparql_shows_the_servers_first_line(endpoint):
    code, _, err = run("query", "SELECT * { ?s ?p }", "--endpoint", endpoint)
    assert code == 1
    assert err.startswith(f"Error: {endpoint}/query: HTTP 400 Bad Request: error at 1:")
    assert len(err.strip().splitlines()) == 1


def test_not_a_url_is_refused():
    code, _, err = run("query", "persons", "--endpoint", "localhost:7878")
    assert code == 1 and "localhost:7878: not an http(s) URL" in err


def test_silent_server_times_out():
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        with pytest.raises(StoreError, match=r"/update: no answer within 0.2 s$"):
            RemoteStore(url, timeout=0.2).update("DROP ALL")
        runner = CliRunner(env={"KG_ENDPOINT_TIMEOUT": "0.3"})
        result = runner.invoke(cli, ["query", "persons", "--endpoint", url])
        assert result.exit_code == 1
        assert result.stderr == f"Error: {url}/query: no answer within 0.3 s\n"


def test_bad_timeout_setting_is_named():
    runner = CliRunner(env={"KG_ENDPOINT_TIMEOUT": "sebentar"})
    result = runner.invoke(cli, ["query", "persons", "--endpoint", "http://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "$KG_ENDPOINT_TIMEOUT='sebentar': not a number of seconds" in result.stderr


class _NoUnionHandler(http.server.BaseHTTPRequestHandler):
    """A server whose default graph is empty while its named graphs hold an article."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        body = (
            b'{"head":{"vars":["named","union"]},"results":{"bindings":[{'
            b'"named":{"type":"literal","value":"true",'
            b'"datatype":"http://www.w3.org/2001/XMLSchema#boolean"},'
            b'"union":{"type":"literal","value":"false",'
            b'"datatype":"http://www.w3.org/2001/XMLSchema#boolean"}}]}}'
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_server_without_a_union_default_graph_is_named():
    with http.server.HTTPServer(("127.0.0.1", 0), _NoUnionHandler) as fake:
        thread = threading.Thread(target=fake.serve_forever, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{fake.server_address[1]}"
        try:
            with pytest.raises(StoreError, match="not the union of its named graphs"):
                run_query(RemoteStore(url), load_named_query("persons"))
        finally:
            fake.shutdown()


@pytest.fixture
def samples_both(endpoint) -> tuple[ox.Store, RemoteStore]:
    """The sample articles built into an embedded store and onto the server."""
    embedded, remote = ox.Store(), RemoteStore(endpoint)
    for store in (embedded, remote):
        summary = build([samples_dir()], store, progress=False)
        assert summary.written == 10 and not summary.errors
    return embedded, remote


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("holds-office", {"on": "2024-10-15"}),
        ("holds-office", {"on": "2024-10-15", "jurisdiction": "Kabupaten Lahat"}),
        ("holds-office", {"jurisdiction": "Kabupaten Lahat"}),
        ("candidates", {"status": "registered"}),
        ("directives", {"addressee": "ASN"}),
    ],
)
def test_params_on_the_samples_bind_as_embedded(samples_both, name, params):
    embedded, remote = samples_both
    query = load_named_query(name)
    values = bind_params(query, params)
    expected = run_query(embedded, query, values)
    assert expected.rows  # a filter that keeps some rows and drops others
    assert len(expected.rows) < len(run_query(embedded, query).rows)
    assert run_query(remote, query, values) == expected
