"""Who held which office when: tenure from the text, history and conflicts, in any order of
ingestion (articles written for these tests, fictional people)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox

from kg.build import build
from kg.query import format_result, load_named_query, run_query

AUGUST = """Pj Bupati Lahat Buka Rapat Koordinasi

LAHAT - Penjabat (Pj) Bupati Lahat, H Darmawan Syahputra, SH, membuka rapat koordinasi persiapan Pilkada, Kamis (1/8/2024).
"""
SEPTEMBER = """Pj Bupati Lahat Berganti

LAHAT - Pj Bupati Lahat sebelumnya Darmawan Syahputra kembali menjadi Sekda di wilayah tersebut. Dia digantikan Hendra Wijaya, Kepala Dinas Pendidikan Sumsel sebagai Pj Bupati Lahat.

Hendra resmi dilantik di Griya Agung, Senin (9/9/2024).
"""
OCTOBER = """Pj Bupati Lahat Tinjau Gudang Logistik

LAHAT - Pj Bupati Lahat, Hendra Wijaya, meninjau gudang logistik KPU, Selasa (8/10/2024).
"""
STALE = """Pj Bupati Lahat Hadiri Pengajian

LAHAT - Pj Bupati Lahat, H Darmawan Syahputra, menghadiri pengajian akbar, Selasa (8/10/2024).
"""


def corpus(tmp_path: Path, texts: dict[str, str]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def rows(store: ox.Store, name: str, **params: str) -> list[dict[str, str]]:
    result = run_query(store, load_named_query(name), params)
    return list(csv.DictReader(io.StringIO(format_result(result, "csv"))))


def built(tmp_path: Path, texts: dict[str, str], order: list[str]) -> ox.Store:
    folder = corpus(tmp_path, texts)
    store = ox.Store()
    for name in order:
        build([folder / f"{name}.txt"], store, progress=False)
    return store


TEXTS = {"aug": AUGUST, "sep": SEPTEMBER, "oct": OCTOBER}


def test_history_lists_holders_in_time_order(tmp_path):
    store = built(tmp_path, TEXTS, ["aug", "sep", "oct"])
    history = rows(
        store, "office-history", office="Penjabat Bupati", jurisdiction="Kabupaten Lahat"
    )
    assert [r["personName"] for r in history] == ["Darmawan Syahputra", "Hendra Wijaya"]
    hendra = history[1]
    assert hendra["start"] == "2024-09-09" and hendra["lastAttested"] == "2024-10-08"


def test_history_is_the_same_whatever_the_order_of_ingestion(tmp_path):
    first = built(tmp_path, TEXTS, ["aug", "sep", "oct"])
    second = built(tmp_path, TEXTS, ["oct", "sep", "aug"])
    assert set(first) == set(second)
    query = {"office": "Penjabat Bupati", "jurisdiction": "Kabupaten Lahat"}
    assert rows(first, "office-history", **query) == rows(second, "office-history", **query)


def test_former_office_is_not_current(tmp_path):
    store = built(tmp_path, TEXTS, ["sep"])
    current = {(r["personName"], r["officeLabel"]) for r in rows(store, "holds-office")}
    assert ("Darmawan Syahputra", "Penjabat Bupati") not in current
    assert ("Darmawan Syahputra", "Sekretaris Daerah") in current
    assert ("Hendra Wijaya", "Penjabat Bupati") in current


def test_holder_on_a_given_day(tmp_path):
    store = built(tmp_path, TEXTS, ["oct", "aug", "sep"])

    def holders(day: str) -> set[str]:
        found = rows(store, "holds-office", on=day, office="Penjabat Bupati")
        return {r["personName"] for r in found if r["jurisdictionLabel"] == "Kabupaten Lahat"}

    assert holders("2024-08-15") == {"Darmawan Syahputra"}
    assert holders("2024-09-20") == {"Hendra Wijaya"}
    assert holders("2024-07-01") == set()


def test_stale_report_shows_as_a_conflict_with_both_sentences(tmp_path):
    store = built(tmp_path, {**TEXTS, "stale": STALE}, ["aug", "sep", "oct", "stale"])
    conflicts = rows(store, "office-conflicts", jurisdiction="Kabupaten Lahat")
    assert len(conflicts) == 1
    pair = conflicts[0]
    assert {pair["personName"], pair["otherName"]} == {"Darmawan Syahputra", "Hendra Wijaya"}
    assert "pengajian" in pair["sentence"] + pair["otherSentence"]
    assert not rows(built(tmp_path / "clean", TEXTS, ["aug", "sep", "oct"]), "office-conflicts")


def test_graph_view_time_span_covers_the_tenure(tmp_path):
    from kg.views import build_view

    text = OCTOBER.replace("meninjau", "yang menjabat sejak 9 September 2024, meninjau")
    store = built(tmp_path, {"oct": text}, ["oct"])
    graph = build_view(store, "entity")
    hendra = "https://kg-pilkada.example.org/id/person/hendra-wijaya"
    post = "https://kg-pilkada.example.org/id/post/penjabat-bupati/16.04"
    edge = graph.edges[hendra, post]
    assert (edge["start"], edge["end"]) == ("2024-09-09", "2024-10-08")


SUCCESSION_HEADLINE = """Rudi Kurniawan Gantikan Sutan Mahmud sebagai Pj Wali Kota Pagar Alam

PAGAR ALAM - Kepala Biro Pemerintahan Setda Sumsel, Rudi Kurniawan, resmi dilantik menggantikan Sutan Mahmud sebagai Pj Wali Kota Pagar Alam, Jumat (4/10/2024).
"""
HELD_BY = """Pj Wali Kota Pagar Alam Tinjau Pasar

PAGAR ALAM - Jabatan Penjabat (Pj) Wali Kota Pagar Alam kini dijabat Rudi Kurniawan, Senin (7/10/2024).
"""
APPOINTED_LATER_SENTENCE = """Pj Wali Kota Pagar Alam Hadiri Rapat

PAGAR ALAM - Pj Wali Kota Pagar Alam, Sutan Mahmud, menghadiri rapat koordinasi, Kamis (5/9/2024).

Sutan Mahmud dilantik sebagai Pj Wali Kota Pagar Alam pada 12 Agustus 2024.
"""


def test_a_gantikan_b_sebagai_post_starts_one_tenure_and_ends_the_other(tmp_path):
    store = built(tmp_path, {"a": SUCCESSION_HEADLINE}, ["a"])
    history = rows(store, "office-history", office="Penjabat Wali Kota")
    by_name = {row["personName"]: row for row in history}
    assert by_name["Rudi Kurniawan"]["start"] == "2024-10-04"
    assert by_name["Rudi Kurniawan"]["current"] == "true"
    assert by_name["Sutan Mahmud"]["end"] == "2024-10-04"
    assert by_name["Sutan Mahmud"]["current"] == "false"
    current = rows(store, "holds-office", office="Penjabat Wali Kota")
    assert {row["personName"] for row in current} == {"Rudi Kurniawan"}


def test_post_kini_dijabat_name_is_a_holding(tmp_path):
    store = built(tmp_path, {"a": HELD_BY}, ["a"])
    current = rows(store, "holds-office", office="Penjabat Wali Kota")
    assert {row["personName"] for row in current} == {"Rudi Kurniawan"}


def test_tenure_start_from_a_later_sentence_dates_the_same_holding(tmp_path):
    store = built(tmp_path, {"a": APPOINTED_LATER_SENTENCE}, ["a"])
    history = rows(store, "office-history", office="Penjabat Wali Kota")
    assert [(row["personName"], row["start"]) for row in history] == [
        ("Sutan Mahmud", "2024-08-12")
    ]


def test_succession_history_is_the_same_in_any_order(tmp_path):
    texts = {"a": APPOINTED_LATER_SENTENCE, "b": SUCCESSION_HEADLINE, "c": HELD_BY}
    histories = []
    for order in (["a", "b", "c"], ["c", "b", "a"]):
        store = built(tmp_path / "-".join(order), texts, order)
        histories.append(rows(store, "office-history", office="Penjabat Wali Kota"))
    assert histories[0] == histories[1]
    assert [row["personName"] for row in histories[0]] == ["Sutan Mahmud", "Rudi Kurniawan"]
    assert histories[0][0]["from"] == "2024-08-12" and histories[0][0]["to"] == "2024-10-04"
