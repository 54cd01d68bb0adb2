"""The `kg` command through click's CliRunner: exit codes, output, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from kg_cli import run

ARTICLE_LAHAT = """Pj Bupati Lahat Ingatkan Camat, Lurah Harus Netral

LAHAT - Penjabat (Pj) Bupati Lahat, H Darmawan Syahputra, SH, MM, mengingatkan seluruh ASN, camat dan lurah agar menjaga netralitas menjelang Pilkada Serentak 2024.

BACA JUGA: Bupati Ogan Ilir Hendra Wijaya Resmikan Pasar Baru

Hal itu disampaikan Darmawan saat apel pagi di halaman Pemkab Lahat, Senin (9/9/2024).

Pemungutan suara Pilkada Lahat dijadwalkan pada 27 November 2024.

Cek Berita dan Artikel yang lain di Google News
"""

ARTICLE_PRABUMULIH = """Birokrat Mencuat Jelang Pilwako Prabumulih

PRABUMULIH - Nama H Bambang Irawan semakin mencuat sebagai bakal calon dalam Pilwako Prabumulih 2024.

Bambang yang saat ini menjabat sebagai Sekretaris Dewan (Sekwan) Kota Prabumulih mengaku belum memikirkan partai.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "lahat-1.txt").write_text(ARTICLE_LAHAT, encoding="utf-8")
    (folder / "prabumulih-1.txt").write_text(ARTICLE_PRABUMULIH, encoding="utf-8")
    return folder


def built(tmp_path: Path, corpus: Path) -> Path:
    store = tmp_path / "store"
    code, out, err = run("build", str(corpus), "--store", str(store), "--no-progress")
    assert code == 0, out + err
    return store


def test_build_reports_articles_and_facts(tmp_path, corpus):
    store = tmp_path / "store"
    code, out, _ = run("build", str(corpus), "--store", str(store), "--no-progress")
    assert code == 0
    assert "articles: 2 (2 written, 0 unchanged)" in out
    assert "holds_office" in out and "errors: 0" in out


def test_second_build_changes_nothing(tmp_path, corpus):
    store = built(tmp_path, corpus)
    export = tmp_path / "before.nq"
    assert run("export", "--store", str(store), "--format", "nq", "-o", str(export))[0] == 0
    code, out, _ = run("build", str(corpus), "--store", str(store), "--no-progress")
    assert code == 0 and "0 written, 2 unchanged" in out
    again = tmp_path / "after.nq"
    run("export", "--store", str(store), "--format", "nq", "-o", str(again))
    assert sorted(export.read_text().splitlines()) == sorted(again.read_text().splitlines())


def test_query_holds_office_as_csv(tmp_path, corpus):
    store = built(tmp_path, corpus)
    code, out, _ = run("query", "holds-office", "--store", str(store), "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"person", "personName", "office", "officeLabel", "jurisdictionLabel", "article"} <= set(
        rows[0]
    )
    found = {
        (r["personName"], r["officeLabel"], r["jurisdictionLabel"], r["article"]) for r in rows
    }
    assert ("Darmawan Syahputra", "Penjabat Bupati", "Kabupaten Lahat", "lahat-1") in found
    assert ("Bambang Irawan", "Sekretaris DPRD", "Kota Prabumulih", "prabumulih-1") in found


def test_nothing_is_extracted_from_baca_juga_lines(tmp_path, corpus):
    store = built(tmp_path, corpus)
    _, out, _ = run("query", "holds-office", "--store", str(store), "--format", "csv")
    assert "Hendra Wijaya" not in out


def test_query_param_binds_a_value(tmp_path, corpus):
    store = built(tmp_path, corpus)
    code, out, _ = run(
        "query",
        "holds-office",
        "--store",
        str(store),
        "--format",
        "json",
        "--param",
        "jurisdiction=Kota Prabumulih",
    )
    assert code == 0, out
    bindings = json.loads(out)["results"]["bindings"]
    assert {b["personName"]["value"] for b in bindings} == {"Bambang Irawan"}


def test_directives_elections_and_candidates_queries(tmp_path, corpus):
    store = built(tmp_path, corpus)
    _, out, _ = run("query", "directives", "--store", str(store), "--format", "csv")
    directives = list(csv.DictReader(io.StringIO(out)))
    assert {r["addresseeLabel"] for r in directives} == {"ASN", "Camat", "Lurah"}
    assert {r["date"] for r in directives} == {"2024-09-09"}
    _, out, _ = run("query", "elections", "--store", str(store), "--format", "csv")
    elections = {(r["electionLabel"], r["date"]) for r in csv.DictReader(io.StringIO(out))}
    assert ("Pemilihan Bupati Lahat 2024", "2024-11-27") in elections
    _, out, _ = run("query", "candidates", "--store", str(store), "--format", "csv")
    candidates = {(r["personName"], r["status"]) for r in csv.DictReader(io.StringIO(out))}
    assert ("Bambang Irawan", "floated") in candidates


def test_unknown_query_is_a_one_line_error(tmp_path, corpus):
    store = built(tmp_path, corpus)
    code, out, err = run("query", "no-such-query", "--store", str(store))
    assert code != 0
    assert "no-such-query" in err and "Traceback" not in err + out


def test_invalid_sparql_is_a_one_line_error(tmp_path, corpus):
    store = built(tmp_path, corpus)
    code, out, err = run("query", "SELECT ?x WHERE { ?x ", "--store", str(store))
    assert code != 0 and "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1


def test_bad_files_are_reported_and_the_rest_lands(tmp_path, corpus):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "title": "Rapat", "text": "Camat Lahat, Rudi Hartono, hadir."})
        + "\n{broken json\n",
        encoding="utf-8",
    )
    store = tmp_path / "store"
    code, out, err = run("build", str(corpus), "--store", str(store), "--no-progress")
    assert code == 1
    assert "empty.txt" in err and "binary.txt" in err and "feed.jsonl:2" in err
    assert "Traceback" not in err
    assert "articles: 3" in out
    _, out, _ = run("query", "holds-office", "--store", str(store), "--format", "csv")
    assert "Darmawan Syahputra" in out and "Rudi Hartono" in out


def test_query_without_a_store_says_so(tmp_path):
    code, _, err = run("query", "holds-office", "--store", str(tmp_path / "nothing"))
    assert code != 0 and "kg build" in err


def test_export_gexf_opens_in_networkx_with_labels_and_types(tmp_path, corpus):
    store = built(tmp_path, corpus)
    path = tmp_path / "graph.gexf"
    code, out, err = run("export", "--store", str(store), "--format", "gexf", "-o", str(path))
    assert code == 0, out + err
    graph = nx.read_gexf(path)
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    types = {data.get("type") for _, data in graph.nodes(data=True)}
    assert "Darmawan Syahputra" in labels
    assert {"person", "office", "place"} <= types


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "nq", "jsonld", "graphml"])
def test_export_formats(tmp_path, corpus, fmt):
    store = built(tmp_path, corpus)
    path = tmp_path / f"graph.{fmt}"
    code, out, err = run("export", "--store", str(store), "--format", fmt, "-o", str(path))
    assert code == 0, out + err
    assert path.stat().st_size > 0


def test_centrality_table_ranks_entities(tmp_path, corpus):
    store = built(tmp_path, corpus)
    code, out, err = run(
        "centrality", "--store", str(store), "--type", "person", "--format", "json"
    )
    assert code == 0, out + err
    rows = json.loads(out)
    assert rows and all(row["type"] == "person" for row in rows)


def test_stats_and_validate(tmp_path, corpus):
    store = built(tmp_path, corpus)
    code, out, _ = run("stats", "--store", str(store), "--format", "json")
    assert code == 0 and json.loads(out)["articles"] == 2
    code, out, err = run("validate", "--store", str(store))
    assert code == 0, out + err


def test_eval_scores_against_gold(tmp_path, corpus):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "article": "prabumulih-1",
                "facts": [
                    {
                        "relation": "holds_office",
                        "person": "Bambang Irawan",
                        "office": "Sekwan",
                        "jurisdiction": "Kota Prabumulih",
                    }
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run("eval", "--gold", str(gold), str(corpus))
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("holds_office"))
    assert line.split()[1:4] == ["1", "1", "1"]


def test_help_explains_every_command():
    code, out, _ = run("--help")
    assert code == 0
    for command in ("build", "query", "centrality", "export", "stats", "validate", "eval"):
        assert command in out


def test_centrality_since_until_and_bad_date(tmp_path, corpus):
    store = built(tmp_path, corpus)
    code, out, _ = run(
        "centrality", "--store", str(store), "--since", "2024-09-01", "--format", "json"
    )
    assert code == 0 and json.loads(out)
    code, _, err = run("centrality", "--store", str(store), "--since", "kemarin")
    assert code != 0 and "kemarin" in err and "Traceback" not in err


def test_cli_choices_match_the_library():
    from kg.analysis import MEASURES
    from kg.cli import MEASURE_CHOICE, VIEW_CHOICE
    from kg.views import VIEWS

    assert tuple(MEASURE_CHOICE.choices) == MEASURES
    assert tuple(VIEW_CHOICE.choices) == VIEWS
