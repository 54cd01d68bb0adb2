"""kg eval: canonical comparison of gold and extracted facts, and the scores."""

from __future__ import annotations

import json

import pytest
from articles import article

from kg.errors import InputError
from kg.eval import evaluate, name_key, office_key, read_gold, region_key
from kg.extract import extract

TEXT = (
    "Pj Bupati Lahat Ingatkan ASN Netral\n"
    "LAHAT - Penjabat (Pj) Bupati Lahat, H Darmawan Syahputra, SH, mengingatkan seluruh ASN "
    "menjaga netralitas, Senin (9/9/2024).\n"
)


def test_names_compare_without_honorifics_and_case():
    assert name_key("H. Darmawan Syahputra, SH, MM") == name_key("darmawan syahputra")


def test_office_aliases_are_one_office():
    assert office_key("Sekwan") == office_key("Sekretaris DPRD") == office_key("Sekretaris Dewan")
    assert office_key("Pj Bupati") == office_key("Penjabat Bupati")


def test_region_variants_are_one_region():
    assert region_key("Pemkab Muara Enim") == region_key("Kabupaten Muara Enim") == "16.03"


def test_perfect_extraction_scores_one_and_a_wrong_fact_lowers_precision():
    gold = {
        "t1": [
            {
                "relation": "holds_office",
                "person": "Darmawan Syahputra",
                "office": "Pj Bupati",
                "jurisdiction": "Kabupaten Lahat",
            },
            {
                "relation": "issues_directive",
                "official": "Darmawan Syahputra",
                "addressee": "ASN",
                "topic": "netralitas",
                "date": "2024-09-09",
            },
        ]
    }
    report = evaluate(gold, [extract(article(TEXT))])
    assert report.scores["holds_office"].f1 == 1.0
    assert report.scores["issues_directive"].f1 == 1.0
    gold["t1"][0]["jurisdiction"] = "Kota Prabumulih"
    report = evaluate(gold, [extract(article(TEXT))])
    assert report.scores["holds_office"].correct == 0
    assert report.misses and report.false_positives


def test_null_gold_date_matches_any_date():
    gold = {
        "t1": [
            {
                "relation": "issues_directive",
                "official": "Darmawan Syahputra",
                "addressee": "ASN",
                "topic": "netralitas",
                "date": None,
            }
        ]
    }
    assert evaluate(gold, [extract(article(TEXT))]).scores["issues_directive"].correct == 1


def test_broken_gold_line_names_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"article": "a", "facts": []}) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold.jsonl:2"):
        read_gold(path)
