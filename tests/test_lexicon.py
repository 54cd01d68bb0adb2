"""Lexicon patterns: grouped by first letter for speed, matching what a plain alternation of
the same forms matches."""

from __future__ import annotations

import re

import pytest

from kg.lexicon import CaseFreePattern, forms_pattern, load_table
from kg.resources import samples_dir

TABLES = ["offices.tsv", "qualifiers.tsv", "directive_verbs.tsv", "audiences.tsv", "topics.tsv"]
TRICKY = (
    "PJ BUPATI Lahat, pj bupati, Pj  Bupati\tLahat; Plt. Sekda; sekwan-nya; KPU, Bawaslu "
    "\u212aPU (a Kelvin sign), \u017fekda (a long s), Kepala Dinas, kepaladinas, mengimbau, "
    "Mengimbau ASN, menginstruksikan camat dan lurah agar netral dalam Pilkada."
)


def plain_pattern(forms: list[str], prefix: bool = False) -> str:
    """The alternation as it was written before grouping: every form in turn."""
    ordered = sorted(set(forms), key=lambda form: (-len(form), form))
    alternatives = [r"\s+".join(re.escape(word) for word in form.split()) for form in ordered]
    tail = r"\w*" if prefix else r"(?!\w)"
    return r"(?<!\w)(?:" + "|".join(alternatives) + ")" + tail


def texts() -> list[str]:
    samples = [path.read_text(encoding="utf-8") for path in sorted(samples_dir().glob("*.txt"))]
    return [TRICKY, *samples]


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("prefix", [False, True])
def test_grouped_forms_match_what_the_plain_alternation_matches(table, prefix):
    forms = [row["form"] for row in load_table(table)]
    grouped = re.compile(forms_pattern(forms, prefix=prefix))
    plain = re.compile(plain_pattern(forms, prefix=prefix), re.I)
    found = 0
    for text in texts():
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in grouped.finditer(text)] == expected
        found += len(expected)
    assert found  # the texts do name forms of every table


def test_forms_ignore_case_whatever_the_flags():
    pattern = re.compile(forms_pattern(["Penjabat Bupati", "Bupati"]))
    assert [m.group() for m in pattern.finditer("PENJABAT  bupati dan bupati")] == [
        "PENJABAT  bupati",
        "bupati",
    ]


def test_forms_not_starting_with_a_letter_still_match():
    pattern = re.compile(forms_pattern(["(Pj)", "Pj", "1st"]))
    assert [m.group() for m in pattern.finditer("Pj, (pj) dan 1st")] == ["Pj", "(pj)", "1st"]


@pytest.mark.parametrize("table", [*TABLES, "elections.tsv", "candidacy_cues.tsv"])
@pytest.mark.parametrize("prefix", [False, True])
def test_lower_case_twin_finds_the_spans_that_ignoring_case_finds(table, prefix):
    forms = [row["form"] for row in load_table(table)]
    pattern = CaseFreePattern.build(lambda lower: forms_pattern(forms, prefix, lower))
    found = 0
    for text in texts():
        for line in text.splitlines():  # lines without a Kelvin sign are ASCII: the twin runs
            expected = [m.span() for m in pattern.ignoring_case.finditer(line)]
            twin, subject = pattern.on(line)
            assert [m.span() for m in twin.finditer(subject)] == expected
            found += len(expected)
    assert found


def test_text_that_is_not_ascii_keeps_the_pattern_that_ignores_case():
    pattern = CaseFreePattern.build(lambda lower: forms_pattern(["sekda", "kpu"], lower=lower))
    text = "\u017fekda dan \u212apu"  # a long s, a Kelvin sign: re matches them to s and k
    twin, subject = pattern.on(text)
    assert twin is pattern.ignoring_case
    # the text it runs on has the ASCII letters in their place: what matches reads as the form
    assert [m.group() for m in twin.finditer(subject)] == ["sekda", "kpu"]
    assert [m.span() for m in twin.finditer(subject)] == [(0, 5), (10, 13)]
    assert [m.span() for m in pattern.ignoring_case.finditer(text)] == [(0, 5), (10, 13)]
    twin, subject = pattern.on("SEKDA dan Kpu")
    assert twin is pattern.on_lower
    assert [m.span() for m in twin.finditer(subject)] == [(0, 5), (10, 13)]
