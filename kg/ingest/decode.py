"""Bytes of an input file -> text: the encoding found, newlines and Unicode normalised."""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from kg.errors import InputError

# Share of characters that may be control characters (or undecodable) in a text file.
MAX_CONTROL_SHARE = 0.05
# Single-byte encodings that charset-normalizer may name for Latin-script text; regional news
# in Indonesian written by a Windows tool is cp1252 ("smart quotes", en dashes), and the
# neighbours it sometimes guesses (cp1250, latin-1) decode Indonesian differently only in
# letters Indonesian does not use.
_LATIN_FAMILY = {"cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_2", "cp1254", "cp1257"}
# Control characters other than tab, newline, form feed; and the replacement character.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_SPACES = {"\u00a0": " ", "\u202f": " ", "\u2007": " "}


def decode_bytes(data: bytes, source: str) -> str:
    """The text of a file's bytes, or InputError naming `source` when it is empty or binary.

    UTF-8 (with or without a BOM) first, then UTF-16 with a BOM, then the encoding
    charset-normalizer finds. Newlines become "\\n", the text is NFC, no-break spaces become
    spaces (same length, so offsets do not move).
    """
    if not data.strip():
        raise InputError(source, "empty file")
    text = normalise_text(_decode(data, source))
    if not text.strip():
        raise InputError(source, "empty file")
    if _looks_binary(text):
        raise InputError(source, "binary file, not text")
    return text


def normalise_text(text: str) -> str:
    """Newlines as "\\n", NFC, no-break spaces as spaces: for text that arrives already decoded
    (a JSON string)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    for space, plain in _SPACES.items():
        text = text.replace(space, plain)
    return text


def _decode(data: bytes, source: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(source, "binary file, not text") from None
    if b"\x00" in data:
        raise InputError(source, "binary file, not text")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(source, "binary file, not text")
    encoding = codecs.lookup(best.encoding).name.replace("-", "_")
    if encoding in _LATIN_FAMILY or encoding.startswith("iso8859"):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    return str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:100_000]
    return len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample)
