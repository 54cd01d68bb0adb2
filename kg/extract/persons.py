"""Person mentions: a run of capitalised name words, with honorifics kept apart.

"Drs. H. Koimudin , SH ,MM." -> name "Koimudin", prefixes ("Drs", "H"), suffixes ("SH", "MM").
Which capitalised words can never be names, and which titles go around names, are data:
kg/data/name_stopwords.txt and kg/data/honorifics.tsv.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from kg.lexicon import load_table, load_words

# A hyphen before a capital joins two names ("Hendra-Siti", a candidate pair), not one name,
# except after the Arabic article ("Al-Hakim", "El-Syarif": one name word).
# (The hyphen first: the lookbehinds are then tried at hyphens only, not at every character.)
_HYPHEN = r"-(?:(?![A-Z])|(?<=[AaEe]l-)(?<![A-Za-z][AaEe]l-)(?=[A-Z]))"
_TOKEN_REST = rf"(?>(?:[A-Za-z'’]|{_HYPHEN}|\.(?=[A-Za-z]))*\.?)"  # of a word, after a letter
_TOKEN = r"(?>[A-Za-z]" + _TOKEN_REST + r"|\d+|\S)"
_ANY_TOKEN = re.compile(_TOKEN)
# The token at or after a position where a token may begin (atomic: it is the one token that
# scanning the text from its start would give there, never a shorter piece of it).
_TOKEN_ENDS = rf"(?![A-Za-z'’]|{_HYPHEN}|\.(?=[A-Za-z]))"  # after a letter: the word ends here
_NEXT_TOKEN = re.compile(r"\s*+(" + _TOKEN + ")")
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)*|[A-Z]\.")
# Indonesian verb morphology: a capitalised "Menyampaikan" or "Dijelaskan" is not a name.
_VERB_LIKE = re.compile(
    r"(?:meng|meny|mem|men|ber|ter|di)[a-z]{3,}(?:kan|an|nya)|[a-z]{4,}(?:kan|nya)"
    r"|(?:per|pen|pem|peng|peny|pe|ke)[a-z]{3,}an",
    re.I,
)
_PARTICLES = {"bin", "binti", "van", "de", "al", "el"}
MAX_NAME_WORDS = 5


# A NamedTuple, not a frozen dataclass: made for every mention of every sentence, and a frozen
# dataclass's __init__ costs three times as much (it sets each field through object.__setattr__).
class PersonMention(NamedTuple):
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


_MARK_AFTER_MARK = re.compile(r"[-'’.][-'’.][A-Za-z]")


@cache
def _stop_pattern(lower: bool) -> re.Pattern[str]:
    """Finds a letter that may begin a mention: a capital before a small letter or a dot (a
    name word, an initial), or the first letter of an honorific (those written in lower case
    only when `lower`). One branch a first letter, so that the scan skips from one such
    letter to the next."""
    prefixes = sorted(form for form in _honorifics()[0] if form)
    honorifics = {form.lower() for form in prefixes}
    # A capitalised stop word ("Bupati", "Kota") cannot begin one either: most capitals in
    # news text are such words, and each stop costs a step in Python.
    stopwords: dict[str, list[str]] = {}
    for word in sorted(load_words("name_stopwords.txt"), key=lambda w: (-len(w), w)):
        if word[:1].isascii() and word[:1].isalpha() and word not in honorifics:
            stopwords.setdefault(word[0].upper(), []).append(re.escape(word[1:]))
    rests: dict[str, list[str]] = {}
    for form in prefixes:
        rests.setdefault(form[0], []).append(re.escape(form[1:]))
    branches = []
    for letter in sorted(set(string.ascii_uppercase) | set(rests)):
        ways = []
        if letter in string.ascii_uppercase:
            words = "|".join(stopwords.get(letter, []))
            ways.append(f"(?=[a-z.])(?!(?ai:{words}){_TOKEN_ENDS})" if words else "(?=[a-z.])")
        elif not lower:
            continue
        ways += [f"(?={rest})" for rest in rests.get(letter, [])]
        # Where a token begins: not after a letter, nor after a dot or an apostrophe (or,
        # before a small letter, a hyphen) that follows a letter ("S.Sos", "O'Neil").
        marks = "[.'’]" if letter in string.ascii_uppercase else "[-.'’]"
        begins = f"(?<![A-Za-z].)(?<![A-Za-z]{marks}.)"
        branches.append(f"{re.escape(letter)}{begins}(?:{'|'.join(ways)})")
    return re.compile("(?:" + "|".join(branches) + ")" + _TOKEN_REST)


@cache
def _lower_honorifics() -> re.Pattern[str]:
    """Finds an honorific written in lower case ("dr"), anywhere."""
    forms = sorted(form for form in _honorifics()[0] if not ("A" <= form[:1] <= "Z"))
    return re.compile("|".join(re.escape(form) for form in forms) or "(?!)")


@lru_cache(maxsize=65536)
def _may_start_name(text: str) -> bool:
    """Whether a mention can begin at a token written so: only an honorific or a name word
    can begin one."""
    return is_prefix(text) or _is_name_text(text)


def find_persons(
    text: str, offset: int = 0, blocked: list[tuple[int, int]] | None = None
) -> list[PersonMention]:
    """Person mentions in `text`; spans overlapping `blocked` (places, offices) are not names.

    Offsets in the result are `offset` + the position in `text`. A name may hold letters
    with marks ("André", "Syahputrà"): they are read as their base letters (one for one, so
    offsets stay) and the name keeps them as written.
    """
    if text.isascii() or not _MARKED_LETTER.search(text):
        return _find_persons(text, offset, blocked)  # curly quotes and dashes are not letters
    folded = text.translate(_BASE_LETTERS)
    mentions = _find_persons(folded, offset, blocked)
    return [_as_written(mention, text, folded, offset) for mention in mentions]


# Latin letters with marks: Latin-1 Supplement, Extended-A and -B, Extended Additional.
_MARKED_LETTER = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")


class _BaseLetters(dict):
    """str.translate's table from a letter with marks to its ASCII base letter ("é" -> "e",
    "Ö" -> "O"), made as letters are met; other characters stay."""

    def __missing__(self, code: int) -> int:
        base = unicodedata.normalize("NFD", chr(code))[0]
        self[code] = ord(base) if base.isascii() and base.isalpha() else code
        return self[code]


_BASE_LETTERS = _BaseLetters()


def _as_written(mention: PersonMention, text: str, folded: str, offset: int) -> PersonMention:
    """`mention`, found in `folded`, with its name's words as `text` writes them."""
    words, position = [], mention.start - offset
    for word in mention.name.split(" "):
        at = folded.find(word, position)
        if at < 0:  # not expected: every word of the name is read from `folded`
            return mention
        words.append(text[at : at + len(word)])
        position = at + len(word)
    return mention._replace(name=" ".join(words))


def _find_persons(
    text: str, offset: int, blocked: list[tuple[int, int]] | None
) -> list[PersonMention]:
    # One regex scan finds the tokens that can begin a name, passing over the tokens that
    # cannot (most of a sentence); only the few tokens after each are read in Python.
    # Building a tuple for every token of every sentence was the largest cost of extraction.
    covered: bytearray | None = None
    mentions: list[PersonMention] = []
    position = 0  # where the last mention, or the last token tried, ended
    for match in _candidates(text):
        if match.start() < position or not _may_start_name(match.group()):
            continue
        if covered is None:
            covered = _covered(text, blocked or [])
        if covered[match.start()] and not is_prefix(match.group()):
            # A place or an office begins here (two in five candidates): no name does.
            position = match.end()
            continue
        first = _Token(match.start(), match.end(), match.group())
        # The tokens from `first` on, read as they are asked for: token i exists when
        # `i < len(tokens) or _more(tokens, text)` (asked in order, one past the end at most).
        tokens = [first]
        i = 0
        prefixes: list[str] = []
        while i < len(tokens) or _more(tokens, text):
            width = _prefix_width(tokens, i, text)
            if not width or not _adjacent_words(tokens, i + width - 1, text):
                break
            prefixes.append(" ".join(token.bare for token in tokens[i : i + width]))
            i += width
        names: list[_Token] = []
        while (
            (i < len(tokens) or _more(tokens, text))
            and len(names) < MAX_NAME_WORDS
            and 1 not in covered[tokens[i].start : tokens[i].end]
        ):
            token = tokens[i]
            if _is_name_text(token.text) or (
                names
                and token.text.lower() in _PARTICLES
                and (i + 1 < len(tokens) or _more(tokens, text))
                and _is_name_text(tokens[i + 1].text)
            ):
                names.append(token)
            else:
                break
            i += 1
        if not names or names[-1].text.lower() in _PARTICLES:
            position = tokens[max(i, 1) - 1].end
            continue
        end = names[-1].start + len(names[-1].bare)
        suffixes, i, end = _read_suffixes(tokens, text, i, end)
        start = tokens[0].start if prefixes else names[0].start
        name = " ".join(_name_word(token) for token in names)
        mentions.append(
            PersonMention(offset + start, offset + end, name, tuple(prefixes), tuple(suffixes))
        )
        position = tokens[i - 1].end
    return mentions


def _covered(text: str, blocked: list[tuple[int, int]]) -> bytearray:
    """One flag per character of `text`, set inside a blocked span. Testing every token
    against every span instead was (tokens x spans), the cost that dominated long sentences."""
    covered = bytearray(len(text))
    for start, end in blocked:
        start, end = max(0, start), min(end, len(text))
        if start < end:
            covered[start:end] = b"\x01" * (end - start)
    return covered


def _more(tokens: list[_Token], text: str) -> bool:
    """Reads the token after the last of `tokens` into it; False at the end of `text`.

    The tokens after a token are the same whether the text is tokenised from its start or
    from that token, so a mention's tokens need not be found for the whole sentence.
    """
    match = _NEXT_TOKEN.match(text, tokens[-1].end)
    if match is None:
        return False
    tokens.append(_Token(match.start(1), match.end(1), match.group(1)))
    return True


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """The tokens of `text` that may begin a mention, in order (and some that may not).

    A token begins at a letter unless the letter continues a word: after a letter, or after
    a dot, an apostrophe or (before a small letter) a hyphen that follows a letter ("S.Sos",
    "O'Neil", "Hendra-dr"). Where such a mark follows another mark, whether it continues a
    word depends on what came before, so such a text is tokenised whole instead.
    """
    if _MARK_AFTER_MARK.search(text) or "" in _honorifics()[0]:
        return _ANY_TOKEN.finditer(text)
    return _stop_pattern(_lower_honorifics().search(text) is not None).finditer(text)


def _name_word(token: _Token) -> str:
    """An initial keeps its dot ("M. Iqbal"); a word loses a sentence-final one."""
    return token.text if len(token.text) == 2 and token.text.endswith(".") else token.bare


def _read_suffixes(tokens: list[_Token], text: str, i: int, end: int) -> tuple[list[str], int, int]:
    """Academic titles after a name: ", SH, MM", " ST MM", " , SH ,MM."."""
    suffixes: list[str] = []
    j = i
    while j < len(tokens) or _more(tokens, text):
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


def _prefix_width(tokens: list[_Token], i: int, text: str) -> int:
    """How many tokens from token i make one honorific: two for "Irjen Pol" or "Tuan Guru"
    (honorifics.tsv has honorifics of two words), one for "H", none for a name word."""
    first = tokens[i].bare
    if (
        first in _two_word_prefix_starts()
        and (i + 1 < len(tokens) or _more(tokens, text))
        and is_prefix(f"{first} {tokens[i + 1].bare}")
    ):
        return 2
    return 1 if is_prefix(tokens[i].text) else 0


@cache
def _two_word_prefix_starts() -> frozenset[str]:
    return frozenset(form.split()[0] for form in _honorifics()[0] if " " in form)


def _adjacent_words(tokens: list[_Token], i: int, text: str) -> bool:
    """A prefix counts only when a name word follows it directly (only spaces ever stand
    between two tokens)."""
    return (i + 1 < len(tokens) or _more(tokens, text)) and (
        _is_name_text(tokens[i + 1].text) or is_prefix(tokens[i + 1].text)
    )
