"""Readers: one .txt, .html or .jsonl file -> Article records.

Each reader raises InputError (or, for a JSONL file whose records are not articles,
NotArticles) for what the user can fix; `kg.ingest.read_articles` turns every other failure
into an InputError for that file, so one bad file never stops a batch.
"""

from __future__ import annotations

import codecs
import json
import re
import traceback
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from kg.dates import DateMatch, find_dates, find_years, parse_iso_date
from kg.errors import InputError
from kg.ingest.clean import HEADER_LINES, classify_lines, find_dateline
from kg.ingest.decode import decode_bytes, normalise_text
from kg.model import Article, Paragraph
from kg.regex import ends_at

MAX_ARTICLE_MB = 5
MAX_ARTICLE_BYTES = MAX_ARTICLE_MB * 1024 * 1024
# An HTML page carries scripts and markup besides its text: allow it this many times more.
HTML_OVERHEAD = 4
# The publication date and the dateline are looked for in this many body paragraphs.
LEAD_PARAGRAPHS = 5

# Before a date, these say it is the date of the election or of something planned, not the
# day the article reports on ("Pilwako Lubuklinggau 27 November 2024", "dijadwalkan ...").
_SCHEDULED_BEFORE = re.compile(
    r"\b(?:pil\w+|pemilu\w*|pemilihan|pencoblosan|pemungutan\s+suara|dijadwalkan|"
    r"rencana\w*|besok|lusa|hari\s+h)\b[^.!?]{0,60}$",
    re.I,
)
# The same for a date written with its weekday, the press's way of dating the news: only words
# that plan ahead count ("Komisi Pemilihan Umum (KPU) Banyuasin, Kamis (29/8/2024)" is news).
_PLANNED_BEFORE = re.compile(
    r"\b(?:pencoblosan|pemungutan\s+suara|dijadwalkan|digelar|rencana\w*|besok|lusa|hari\s+h)\b"
    r"[^.!?]{0,60}$",
    re.I,
)
_SCHEDULED_AFTER = re.compile(r"\s*,?\s*(?:mendatang|nanti|yang\s+akan\s+datang)\b", re.I)
_UNWANTED_TAGS = [
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "figure", "figcaption", "button", "svg",
]  # fmt: skip
_UNWANTED_CLASS = re.compile(
    r"(?:^|[\s_-])(?:baca-?juga|bacajuga|read-?also|related|share|social|tags?|advert\w*|ads?|"
    r"comments?|newsletter|breadcrumbs?|caption)(?:$|[\s_-])",
    re.I,
)
_BACA_JUGA = re.compile(r"^\s*(?:baca|lihat|simak)\s+juga\b", re.I)


class NotArticles(Exception):
    """A JSONL file whose records are not articles (none has a `text` field): gold.jsonl."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def read_txt(path: Path) -> Article:
    """A plain-text article: the first non-empty line is the headline, the id the file stem."""
    path = Path(path)
    data = _read_bytes(path, MAX_ARTICLE_BYTES)
    text = decode_bytes(data, str(path))
    title = next(line.strip() for line in text.splitlines() if line.strip())
    return make_article(path.stem, title, text, str(path))


def read_html(path: Path) -> Article:
    """A saved news page: headline, body paragraphs and metadata (date, URL, outlet).

    Article.text is the headline and the body paragraphs, separated by blank lines.
    """
    path = Path(path)
    source = str(path)
    data = _read_bytes(path, MAX_ARTICLE_BYTES * HTML_OVERHEAD)
    soup = BeautifulSoup(decode_bytes(data, source), "html.parser")
    published = _html_published(soup)
    title = _meta(soup, "og:title") or _tag_text(soup.find("h1")) or _tag_text(soup.title)
    url = _meta(soup, "og:url") or _canonical(soup)
    outlet = _meta(soup, "og:site_name")
    body = _html_body(soup)
    if not body:
        raise InputError(source, "no article body found")
    title = normalise_text(" ".join((title or "").split()))
    text = "\n\n".join([title, *body]) if title else "\n\n".join(body)
    _check_size(text, source)
    return make_article(
        path.stem,
        title,
        text,
        source,
        url=url,
        outlet=outlet,
        published=published,
        published_source="meta" if published else None,
    )


def read_jsonl(path: Path) -> Iterator[Article | InputError]:
    """Articles of a JSONL file, one a line: id, title, text, url, published, outlet.

    A broken line or a record without text yields an InputError naming "<path>:<line>" and the
    rest of the file is read. Raises NotArticles when no record has a `text` field.
    """
    path = Path(path)
    # Until a record with text is seen, the file may not be an article file at all: hold the
    # problems back rather than report every line of a gold file as an error.
    pending: list[Article | InputError] = []
    seen_text = False
    records = 0
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            item, is_record, has_text = _jsonl_item(raw, path, number)
            records += is_record
            if has_text and not seen_text:
                seen_text = True
                yield from pending
                pending = []
            if seen_text:
                yield item
            else:
                pending.append(item)
    if not seen_text and records:
        raise NotArticles(str(path), "not an article file (records have no text)")
    if not pending and not seen_text:
        yield InputError(str(path), "empty file")
    yield from pending


def make_article(
    article_id: str,
    title: str,
    text: str,
    source: str,
    *,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    published_source: str | None = None,
) -> Article:
    """An Article from its text: paragraphs cleaned, dateline found, and the publication date
    read from the text when none is given."""
    lines = classify_lines(text, title)
    paragraphs = tuple(paragraph for paragraph, reason in lines if not reason)
    body = [p for p in paragraphs if not p.is_title]
    if not body:
        raise InputError(source, "no article body found")
    if published is None:
        published = _published_in_text(lines, body)
        published_source = "text" if published else None
    return Article(
        id=article_id,
        title=title,
        text=text,
        paragraphs=paragraphs,
        source=source,
        url=url or None,
        outlet=outlet or None,
        published=published,
        published_source=published_source,
        dateline=_dateline(body),
    )


def _read_bytes(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise InputError(str(path), _too_large(size, limit))
    return path.read_bytes()


def _check_size(text: str, source: str) -> None:
    size = len(text.encode("utf-8"))
    if size > MAX_ARTICLE_BYTES:
        raise InputError(source, _too_large(size, MAX_ARTICLE_BYTES))


def _too_large(size: int, limit: int) -> str:
    return f"article too large ({size / 1024 / 1024:.1f} MB > {limit // 1024 // 1024} MB)"


def _dateline(body: list[Paragraph]) -> str | None:
    for paragraph in body[:LEAD_PARAGRAPHS]:
        found = find_dateline(paragraph.text)
        if found:
            return found[0]
    return None


def _published_in_text(
    lines: list[tuple[Paragraph, str | None]], body: list[Paragraph]
) -> str | None:
    """The day the article reports on, from its text: a timestamp line in the page header;
    else the first date written with its weekday in the lead paragraphs ("Jumat (30/8/2024)",
    the press's way of dating the news); else the first full date there that is not an
    election or a plan."""
    for paragraph, reason in lines[:HEADER_LINES]:
        if reason == "timestamp":
            return _full_dates(paragraph.text)[0].value.iso
    lead = body[:LEAD_PARAGRAPHS]
    for with_weekday in (True, False):
        for paragraph in lead:
            for date in _full_dates(paragraph.text):
                if with_weekday and not date.text[0].isalpha():
                    continue
                if not _scheduled(paragraph.text, date, with_weekday):
                    return date.value.iso
    return _weekday_without_year(lead)


def _weekday_without_year(lead: list[Paragraph]) -> str | None:
    """ "Rabu (17/7)" in an article whose dates are all in 2024: the year whose 17 July is a
    Wednesday (kg.dates checks the weekday against the neighbouring years)."""
    years = Counter(m.value.iso[:4] for p in lead for m in find_years(p.text))
    if not years:
        return None
    reference = f"{years.most_common(1)[0][0]}-07-01"
    for paragraph in lead:
        for date in find_dates(paragraph.text, reference):
            written_with_weekday = date.text[0].isalpha() and not date.value.is_year
            if (
                not date.has_year
                and written_with_weekday
                and not _scheduled(paragraph.text, date, with_weekday=True)
            ):
                return date.value.iso
    return None


def _scheduled(text: str, date: DateMatch, with_weekday: bool = False) -> bool:
    before = _PLANNED_BEFORE if with_weekday else _SCHEDULED_BEFORE
    return ends_at(before, text, date.start) or bool(_SCHEDULED_AFTER.match(text, date.end))


def _full_dates(text: str) -> list[DateMatch]:
    return [d for d in find_dates(text) if d.has_year and not d.value.is_year]


# HTML


def _meta(soup: BeautifulSoup, key: str) -> str | None:
    for attribute in ("property", "name", "itemprop"):
        tag = soup.find("meta", attrs={attribute: key})
        if isinstance(tag, Tag) and tag.get("content"):
            return " ".join(str(tag["content"]).split())
    return None


def _canonical(soup: BeautifulSoup) -> str | None:
    for link in soup.find_all("link", href=True):
        if "canonical" in (link.get("rel") or []):
            return str(link["href"]).strip() or None
    return None


def _tag_text(tag: object) -> str | None:
    if not isinstance(tag, Tag):
        return None
    return " ".join(tag.get_text(" ").split()) or None


def _html_published(soup: BeautifulSoup) -> str | None:
    for key in ("article:published_time", "datePublished", "pubdate", "publishdate", "date"):
        iso = _date_of(_meta(soup, key))
        if iso:
            return iso
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        iso = _date_of(_json_ld_published(data))
        if iso:
            return iso
    for time in soup.find_all("time", datetime=True):
        iso = _date_of(str(time["datetime"]))
        if iso:
            return iso
    return None


def _json_ld_published(data: object) -> str | None:
    if isinstance(data, dict):
        value = data.get("datePublished")
        if isinstance(value, str):
            return value
        children = list(data.values())
    elif isinstance(data, list):
        children = data
    else:
        return None
    for child in children:
        found = _json_ld_published(child)
        if found:
            return found
    return None


def _date_of(value: object) -> str | None:
    """An ISO date from a metadata value: ISO, or a written date ("30 Agustus 2024")."""
    if not isinstance(value, str) or not value.strip():
        return None
    iso = parse_iso_date(value)
    if iso:
        return iso
    dates = _full_dates(value)
    return dates[0].value.iso if dates else None


def _html_body(soup: BeautifulSoup) -> list[str]:
    """The body paragraphs: of <article>, else of the element holding the most <p> text."""
    for tag in soup.find_all(_UNWANTED_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")])
        if names.strip() and _UNWANTED_CLASS.search(names):
            tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    container = _article_container(soup)
    if container is None:
        return []
    blocks = container.find_all("p") or [container]
    paragraphs = []
    for block in blocks:
        for line in block.get_text().split("\n"):
            line = " ".join(line.split())
            # A "Baca juga" block links other articles: drop it before the text is joined.
            if line and not _BACA_JUGA.match(line):
                paragraphs.append(normalise_text(line))
    return paragraphs


def _article_container(soup: BeautifulSoup) -> Tag | None:
    for article in soup.find_all("article"):
        if article.get_text(strip=True):
            return article
    sizes: dict[int, tuple[Tag, int]] = {}
    for p in soup.find_all("p"):
        parent = p.parent
        if isinstance(parent, Tag):
            _, size = sizes.get(id(parent), (parent, 0))
            sizes[id(parent)] = (parent, size + len(p.get_text(strip=True)))
    if not sizes:
        return None
    parent, size = max(sizes.values(), key=lambda item: item[1])
    return parent if size else None


# JSONL


def _jsonl_item(raw: bytes, path: Path, number: int) -> tuple[Article | InputError, bool, bool]:
    """(article or error, whether the line is a JSON object, whether it has a `text` field)."""
    source = f"{path}:{number}"
    if len(raw) > MAX_ARTICLE_BYTES:
        return InputError(source, _too_large(len(raw), MAX_ARTICLE_BYTES)), False, False
    try:
        record = json.loads(decode_bytes(raw, source))
    except InputError as exc:
        return exc, False, False
    except ValueError as exc:
        return InputError(source, f"invalid JSON: {exc}"), False, False
    if not isinstance(record, dict):
        return InputError(source, "not a JSON object"), False, False
    if "text" not in record:
        return InputError(source, "record has no text"), True, False
    text = record["text"]
    if not isinstance(text, str) or not text.strip():
        return InputError(source, "record has no text"), True, True
    broken = _broken_unicode_field(record)
    if broken:
        # "\ud83d" without its pair is valid JSON but not text: nothing downstream can encode it.
        problem = f"broken Unicode escape (lone surrogate) in {broken!r}"
        return InputError(source, problem), True, True
    try:
        return _jsonl_article(record, text, path, number, source), True, True
    except InputError as exc:
        return exc, True, True
    except Exception as exc:  # one bad line must not end the reading of the file
        problem = f"cannot read: {type(exc).__name__}: {exc}"
        return InputError(source, problem, detail=traceback.format_exc()), True, True


def _broken_unicode_field(record: dict) -> str | None:
    for key, value in record.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return str(key)
    return None


def _jsonl_article(record: dict, text: str, path: Path, number: int, source: str) -> Article:
    text = normalise_text(text).strip("\n")
    title = _field(record, "title")
    title = " ".join(normalise_text(title).split()) if title else ""
    if title:
        text = f"{title}\n\n{text}"
    else:
        title = next(line.strip() for line in text.splitlines() if line.strip())
    _check_size(text, source)
    article_id = _field(record, "id") or f"{path.stem}-{number}"
    published = _date_of(_field(record, "published"))
    return make_article(
        article_id,
        title,
        text,
        source,
        url=_field(record, "url"),
        outlet=_field(record, "outlet"),
        published=published,
        published_source="jsonl" if published else None,
    )


def _field(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return str(value).strip() or None
