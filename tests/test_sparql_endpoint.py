"""`kg serve` as a SPARQL 1.1 endpoint, through a real client (SPARQLWrapper) over HTTP."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request

import pytest
import rdflib
from serve_fixture import ID, build_explorer_store, running_server

sparqlwrapper = pytest.importorskip("SPARQLWrapper", reason="pip install -e '.[test]'")
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper  # noqa: E402
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed  # noqa: E402

PERSONS = """PREFIX schema: <https://schema.org/>
SELECT ?person ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_explorer_store(tmp_path_factory.mktemp("endpoint") / "store")


@pytest.fixture(scope="module")
def endpoint(store):
    with running_server(store, "--max-rows", "40", "--timeout", "5") as url:
        yield url + "sparql"


def client(url: str, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(url)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    if method:
        wrapper.setMethod(method)
    return wrapper


def test_select_as_json_over_get_and_post(endpoint):
    for method in (None, POST):
        result = client(endpoint, PERSONS, method=method).queryAndConvert()
        names = [row["name"]["value"] for row in result["results"]["bindings"]]
        assert names == ["Dewi Anggraini", "Rahmat Sudirja", "Yusran Hadiwijaya"]
        assert result["results"]["bindings"][1]["person"] == {
            "type": "uri",
            "value": ID + "person/rahmat-sudirja",
        }


def test_select_as_xml_and_csv(endpoint):
    document = client(endpoint, PERSONS, XML).queryAndConvert()
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == ["Dewi Anggraini", "Rahmat Sudirja", "Yusran Hadiwijaya"]
    text = client(endpoint, PERSONS, CSV).queryAndConvert().decode()
    assert text.splitlines()[1] == f"{ID}person/dewi-anggraini,Dewi Anggraini"


def test_ask_and_construct(endpoint):
    ask = 'PREFIX schema: <https://schema.org/> ASK { ?p schema:name "Rahmat Sudirja" }'
    assert client(endpoint, ask).queryAndConvert()["boolean"] is True
    construct = """PREFIX schema: <https://schema.org/>
        CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }"""
    turtle = client(endpoint, construct, TURTLE).queryAndConvert()
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    assert {str(name) for name in graph.objects()} == {
        "Dewi Anggraini",
        "Rahmat Sudirja",
        "Yusran Hadiwijaya",
    }


def test_bad_query_is_reported_to_the_client(endpoint):
    with pytest.raises(QueryBadFormed):
        client(endpoint, "SELECT ?x WHERE { ?x").queryAndConvert()


def test_update_is_refused_and_changes_nothing(endpoint):
    wrapper = SPARQLWrapper(endpoint)
    wrapper.setMethod(POST)
    wrapper.setQuery("PREFIX schema: <https://schema.org/> DELETE WHERE { ?p schema:name ?n }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        wrapper.query()
    assert refused.value.code == 403
    result = client(endpoint, PERSONS).queryAndConvert()
    assert len(result["results"]["bindings"]) == 3


def test_result_rows_are_bounded(endpoint):
    everything = "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
    result = client(endpoint, everything).queryAndConvert()
    assert len(result["results"]["bindings"]) == 40


def test_server_binds_localhost_only(endpoint):
    assert endpoint.startswith("http://127.0.0.1:")


def test_update_allowed_with_the_flag(store, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    with running_server(copy, "--allow-update") as url:
        wrapper = SPARQLWrapper(url + "sparql")
        wrapper.setMethod(POST)
        wrapper.setQuery('INSERT DATA { GRAPH <urn:notes> { <urn:a> <urn:says> "hello" } }')
        wrapper.query()
        ask = 'ASK { GRAPH <urn:notes> { <urn:a> <urn:says> "hello" } }'
        assert client(url + "sparql", ask).queryAndConvert()["boolean"] is True
    # the original store is untouched
    with running_server(store) as url:
        ask = "ASK { GRAPH <urn:notes> { ?s ?p ?o } }"
        assert client(url + "sparql", ask).queryAndConvert()["boolean"] is False


def test_html_description_at_the_endpoint_address(endpoint):
    with urllib.request.urlopen(endpoint) as response:
        assert "SPARQL 1.1 endpoint" in response.read().decode()
