"""Sentences of an article, with offsets into `Article.text`, and the masked text
that the pattern matchers read.

Masking replaces a parenthesised abbreviation such as "(Pj)" or "(Sekwan)" by spaces of the
same length: "Penjabat (Pj) Bupati" then reads as one office, and every offset still points
into the original text.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from typing import NamedTuple

from kg.lexicon import load_table
from kg.model import Article

_ABBREVIATION_IN_PARENS = re.compile(r"\((?:[A-Za-z][A-Za-z.]{1,11})\)")
# "[.!?]+", written as one mark and then more so that the engine skips ahead to a mark (a
# pattern that begins with a repeat is tried at every character: 40 % slower on news text).
_SENTENCE_END = re.compile(r"[.!?][.!?]*[\"”’']?(?=\s+[\"“‘'(]?[A-Z0-9])")
# Searched in the window cut out of the text (not in place, with pos and endpos) so that the
# lookbehind can stop a try inside a word; without it each try ran the word to its end and
# backed off letter by letter (a quarter more time).
_WORD_BEFORE = re.compile(r"(?<![A-Za-z.])[A-Za-z.]+$")
# How far back from a full stop to look for the word it ends. An anchored `$` search from the
# start of the text tries every position before the dot, which made sentence splitting
# quadratic (a 1 MB article took two minutes); no abbreviation is anywhere near this long.
_WORD_WINDOW = 32
# A news sentence is a few hundred characters (the longest in the dev corpus: about 500). A
# longer "sentence" is a list, a table or text without full stops; it is cut at spaces into
# pieces of at most this length, because the mention finders cost more than linear time in
# the length of one sentence (a 64 KB unpunctuated paragraph took over a minute).
MAX_SENTENCE_CHARS = 1000
_SPACE = re.compile(r"\s+")

# Words after which a full stop does not end a sentence (beside honorifics and titles).
_EXTRA_ABBREVIATIONS = {"no", "jl", "kec", "kab", "prov", "pj", "plt", "pjs", "plh", "st", "tgl"}


# A NamedTuple, not a frozen dataclass: made for every mention of every sentence, and a frozen
# dataclass's __init__ costs three times as much (it sets each field through object.__setattr__).
class Sentence(NamedTuple):
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
    match = _WORD_BEFORE.search(text[max(0, dot - _WORD_WINDOW) : dot])
    if not match:
        return True
    word = match.group().lower().rstrip(".")
    return not (word in _abbreviations() or len(word) == 1)


def split_sentences(article: Article) -> list[Sentence]:
    """The sentences of the article's paragraphs (boilerplate is already gone)."""
    text = article.text
    masked_text = mask(text)
    sentences: list[Sentence] = []
    for index, paragraph in enumerate(article.paragraphs):
        start, end = paragraph.start, paragraph.end
        cuts = [start]
        for match in _SENTENCE_END.finditer(text, start, end):
            if _ends_sentence(text, match.start()):
                cuts.append(match.end())
        cuts.append(end)
        for cut, next_cut in itertools.pairwise(_bounded(text, cuts)):
            sentence = _sentence(text, masked_text, cut, next_cut, index, paragraph.is_title)
            if sentence:
                sentences.append(sentence)
    return sentences


def _bounded(text: str, cuts: list[int]) -> list[int]:
    """`cuts` with more cuts added, at spaces, wherever two are over MAX_SENTENCE_CHARS apart
    (a piece with no space in that reach is cut where the limit falls)."""
    bounded = [cuts[0]]
    for end in cuts[1:]:
        start = bounded[-1]
        while end - start > MAX_SENTENCE_CHARS:
            limit = start + MAX_SENTENCE_CHARS
            spaces = [m.end() for m in _SPACE.finditer(text, start + 1, limit)]
            start = spaces[-1] if spaces else limit
            bounded.append(start)
        bounded.append(end)
    return bounded


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
