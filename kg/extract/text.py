"""Sentences of an article, with offsets into `Article.text`, and the masked text
that the pattern matchers read.

Masking replaces a parenthesised abbreviation such as "(Pj)" or "(Sekwan)" by spaces of the
same length: "Penjabat (Pj) Bupati" then reads as one office, and every offset still points
into the original text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from kg.lexicon import load_table
from kg.model import Article

_ABBREVIATION_IN_PARENS = re.compile(r"\((?:[A-Za-z][A-Za-z.]{1,11})\)")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’']?(?=\s+[\"“‘'(]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")

# Words after which a full stop does not end a sentence (beside honorifics and titles).
_EXTRA_ABBREVIATIONS = {"no", "jl", "kec", "kab", "prov", "pj", "plt", "pjs", "plh", "st", "tgl"}


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str  # the original text, for evidence
    masked: str  # the same span with parenthesised abbreviations blanked, for matching
    paragraph: int
    is_title: bool


def mask(text: str) -> str:
    """`text` with "(Pj)"-like parenthesised abbreviations replaced by spaces."""
    return _ABBREVIATION_IN_PARENS.sub(lambda m: " " * len(m.group()), text)


@cache
def _abbreviations() -> frozenset[str]:
    forms = {row["form"].lower().rstrip(".") for row in load_table("honorifics.tsv")}
    return frozenset(forms | _EXTRA_ABBREVIATIONS)


def _ends_sentence(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` ends a sentence (not "Drs." or "S.Sos.")."""
    if text[dot] != ".":
        return True
    match = _WORD_BEFORE.search(text, 0, dot)
    if not match:
        return True
    word = match.group(1).lower().rstrip(".")
    return not (word in _abbreviations() or len(word) == 1)


def split_sentences(article: Article) -> list[Sentence]:
    """The sentences of the article's paragraphs (boilerplate is already gone)."""
    masked_text = mask(article.text)
    sentences: list[Sentence] = []
    for index, paragraph in enumerate(article.paragraphs):
        cuts = [paragraph.start]
        for match in _SENTENCE_END.finditer(article.text, paragraph.start, paragraph.end):
            if _ends_sentence(article.text, match.start()):
                cuts.append(match.end())
        cuts.append(paragraph.end)
        for start, end in itertools.pairwise(cuts):
            sentence = _sentence(article.text, masked_text, start, end, index, paragraph.is_title)
            if sentence:
                sentences.append(sentence)
    return sentences


def _sentence(
    text: str, masked: str, start: int, end: int, paragraph: int, is_title: bool
) -> Sentence | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    return Sentence(start, end, text[start:end], masked[start:end], paragraph, is_title)
