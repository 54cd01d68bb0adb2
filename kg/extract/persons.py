"""Person mentions: a run of capitalised name words, with honorifics kept apart.

"Drs. H. Koimudin , SH ,MM." -> name "Koimudin", prefixes ("Drs", "H"), suffixes ("SH", "MM").
Which capitalised words can never be names, and which titles go around names, are data:
kg/data/name_stopwords.txt and kg/data/honorifics.tsv.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from kg.lexicon import load_table, load_words

# A hyphen before a capital joins two names ("Hendra-Siti", a candidate pair), not one name.
_TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z'’]|-(?![A-Z])|\.(?=[A-Za-z]))*\.?|\d+|\S")
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)*|[A-Z]\.")
# Indonesian verb morphology: a capitalised "Menyampaikan" or "Dijelaskan" is not a name.
_VERB_LIKE = re.compile(
    r"(?:meng|meny|mem|men|ber|ter|di)[a-z]{3,}(?:kan|an|nya)|[a-z]{4,}(?:kan|nya)"
    r"|(?:per|pen|pem|peng|peny|pe|ke)[a-z]{3,}an",
    re.I,
)
_PARTICLES = {"bin", "binti", "van", "de", "al", "el"}
MAX_NAME_WORDS = 5


@dataclass(frozen=True, slots=True)
class PersonMention:
    start: int  # offsets in the text given to find_persons (plus its `offset`)
    end: int
    name: str
    prefixes: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.name.lower()

    @property
    def words(self) -> list[str]:
        return self.name.split()


class _Token(NamedTuple):
    # A tuple, not a frozen dataclass: a sentence has dozens of tokens, and a frozen
    # dataclass's __init__ cost more than the rest of the person finding.
    start: int
    end: int
    text: str

    @property
    def bare(self) -> str:
        return self.text.rstrip(".")


@cache
def _honorifics() -> tuple[frozenset[str], frozenset[str]]:
    rows = load_table("honorifics.tsv")
    prefixes = frozenset(row["form"].rstrip(".") for row in rows if row["kind"] == "prefix")
    suffixes = frozenset(_squash(row["form"]) for row in rows if row["kind"] == "suffix")
    return prefixes, suffixes


def _squash(form: str) -> str:
    return form.replace(".", "").lower()


def is_suffix(word: str) -> bool:
    return _squash(word) in _honorifics()[1]


def is_prefix(word: str) -> bool:
    return word.rstrip(".") in _honorifics()[0]


def _is_name_word(token: _Token) -> bool:
    return _is_name_text(token.text)


@lru_cache(maxsize=65536)
def _is_name_text(text: str) -> bool:
    """Whether a token, as written, can be a word of a name (asked once per distinct word:
    news text repeats its words)."""
    word = text.rstrip(".")
    if not _NAME_WORD.fullmatch(text if text.endswith(".") and len(word) == 1 else word):
        return False
    if _VERB_LIKE.fullmatch(word):
        return False
    return word.lower() not in load_words("name_stopwords.txt") and not is_suffix(word)


@lru_cache(maxsize=65536)
def _may_start_name(text: str) -> bool:
    """Whether a mention can begin at a token written so: only an honorific or a name word
    can begin one."""
    return is_prefix(text) or _is_name_text(text)


def find_persons(
    text: str, offset: int = 0, blocked: list[tuple[int, int]] | None = None
) -> list[PersonMention]:
    """Person mentions in `text`; spans overlapping `blocked` (places, offices) are not names.

    Offsets in the result are `offset` + the position in `text`.
    """
    tokens = [_Token(*m.span(), m.group()) for m in _TOKEN.finditer(text)]
    # One flag per character rather than testing every token against every span: that was
    # (tokens x spans), the cost that dominated long sentences.
    covered = bytearray(len(text))
    for start, end in blocked or []:
        start, end = max(0, start), min(end, len(text))
        if start < end:
            covered[start:end] = b"\x01" * (end - start)

    def free(token: _Token) -> bool:
        return 1 not in covered[token.start : token.end]

    mentions: list[PersonMention] = []
    i = 0
    while i < len(tokens):
        if not _may_start_name(tokens[i].text):
            i += 1  # what the steps below would do for this token, faster
            continue
        first = i
        prefixes: list[str] = []
        while i < len(tokens) and is_prefix(tokens[i].text) and _adjacent_words(tokens, i, text):
            prefixes.append(tokens[i].bare)
            i += 1
        names: list[_Token] = []
        while i < len(tokens) and len(names) < MAX_NAME_WORDS and free(tokens[i]):
            token = tokens[i]
            if names and not _only_space_between(text, names[-1].end, token.start):
                break
            if _is_name_word(token) or (
                names
                and token.text.lower() in _PARTICLES
                and i + 1 < len(tokens)
                and _is_name_word(tokens[i + 1])
            ):
                names.append(token)
            else:
                break
            i += 1
        if not names or names[-1].text.lower() in _PARTICLES:
            i = max(i, first + 1)
            continue
        end = names[-1].start + len(names[-1].bare)
        suffixes, i, end = _read_suffixes(tokens, i, end)
        start = tokens[first].start if prefixes else names[0].start
        name = " ".join(_name_word(token) for token in names)
        mentions.append(
            PersonMention(offset + start, offset + end, name, tuple(prefixes), tuple(suffixes))
        )
    return mentions


def _name_word(token: _Token) -> str:
    """An initial keeps its dot ("M. Iqbal"); a word loses a sentence-final one."""
    return token.text if len(token.text) == 2 and token.text.endswith(".") else token.bare


def _read_suffixes(tokens: list[_Token], i: int, end: int) -> tuple[list[str], int, int]:
    """Academic titles after a name: ", SH, MM", " ST MM", " , SH ,MM."."""
    suffixes: list[str] = []
    j = i
    while j < len(tokens):
        if tokens[j].text == ",":
            j += 1
            continue
        if is_suffix(tokens[j].text):
            suffixes.append(tokens[j].bare)
            end = tokens[j].end
            j += 1
            i = j
            continue
        break
    return suffixes, i, end


def _adjacent_words(tokens: list[_Token], i: int, text: str) -> bool:
    """A prefix counts only when a name word follows it directly."""
    return (
        i + 1 < len(tokens)
        and _only_space_between(text, tokens[i].end, tokens[i + 1].start)
        and (_is_name_word(tokens[i + 1]) or is_prefix(tokens[i + 1].text))
    )


def _only_space_between(text: str, start: int, end: int) -> bool:
    return text[start:end].strip() == ""
