"""Long articles cost linear time: the limits and shortcuts that make it so keep the answers.

Before these, a 1 MB article took two minutes and a 64 KB paragraph without full stops over a
minute (anchored searches from the start of the text, and mention finders that are quadratic
in the length of one sentence).
"""

from __future__ import annotations

import re

from articles import article
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.extract.candidacies import _NEGATION
from kg.extract.directives import _NOT_ADDRESSED
from kg.extract.tenure import _FUTURE, _SINCE
from kg.extract.text import MAX_SENTENCE_CHARS, split_sentences
from kg.ingest.readers import _PLANNED_BEFORE, _SCHEDULED_BEFORE
from kg.regex import BEFORE_REACH, ends_at

BEFORE_PATTERNS = [_NEGATION, _NOT_ADDRESSED, _FUTURE, _SINCE, _PLANNED_BEFORE, _SCHEDULED_BEFORE]
WORDS = [
    "tidak", "belum", "akan", "segera", "sejak", "sebagai", "selaku", "oleh", "dari",
    "Pilkada", "pencoblosan", "dijadwalkan", "rencananya", "besok", "hari H", "di",
    "xsejak", "maju", "dilantik", ".", ",", "!", " ", "  ", "\n",
]  # fmt: skip


@settings(max_examples=300, derandomize=True, database=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=40),
    pattern=st.sampled_from(BEFORE_PATTERNS),
)
def test_ends_at_answers_like_a_search_of_the_whole_prefix(words, pattern):
    text = " ".join(words)
    for end in range(len(text) + 1):
        whole = bool(pattern.search(text[:end]))
        window = ends_at(pattern, text, end)
        # The window sees everything when the prefix fits; a longer match is never needed.
        if end <= BEFORE_REACH:
            assert window == whole
        else:
            assert window <= whole


LIST_PARAGRAPH = (
    "Daftar hadir rapat koordinasi: Camat Lahat Yusuf Pranata, Camat Merapi Siti Rahmawati, "
    "Lurah Pasar Baru Hendra Saputra, Kepala Desa Tanjung Agus Wijayanto"
)


def test_no_sentence_is_longer_than_the_limit_and_none_loses_text():
    body = " ".join([LIST_PARAGRAPH] * 200)  # 30 KB without a full stop
    item = article(f"Daftar Hadir Rapat Pilkada\n{body}\n")
    sentences = [s for s in split_sentences(item) if not s.is_title]
    assert len(sentences) > 1
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in sentences)
    rebuilt = " ".join(s.text for s in sentences)
    assert re.sub(r"\s+", " ", rebuilt) == re.sub(r"\s+", " ", body)
    # Pieces are cut at spaces, never inside a word.
    assert all(not item.text[s.end : s.end + 1].strip() for s in sentences)


def test_long_unpunctuated_paragraph_is_extracted():
    words = (
        "Penjabat Bupati Lahat H Darmawan Syahputra meminta ASN netral menjelang Pilkada "
        "Lahat 2024 dan Camat Merapi Siti Rahmawati hadir bersama lurah"
    )
    body = " ".join([words] * 800)  # 100 KB, one "sentence" (a minute and more before)
    extraction = extract(article(f"Rapat Netralitas ASN Lahat\n{body}\n"))
    assert any(
        getattr(fact, "person", None) and fact.person.name == "Darmawan Syahputra"
        for fact in extraction.facts
    )
