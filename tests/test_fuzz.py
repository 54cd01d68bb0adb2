"""Property-based fuzzing of ingest -> extract -> RDF (hypothesis).

Three kinds of input: random bytes as a .txt/.html/.jsonl file, random text built from the
words the extractors look for (offices, regions, honorifics, directive verbs, dates,
punctuation) and from any Unicode, and the sample articles with random mutations. For each:
nothing escapes `read_articles` but Article, InputError (one line) or Skipped; nothing
escapes extract or article_triples; the quads, as N-Quads, are read by Oxigraph's strict
parser with every evidence sentence unchanged; and the graphs of the examples of a test conform to
ontology/shapes.ttl. pySHACL costs ~0.2 s a run whatever the graph's size, so the examples'
graphs are validated together, as a store would hold them, in as few runs as keep two
versions of one article id (the mutated JSONL samples keep their ids) apart.

The budget is fixed and the run is derandomised (profile "kg-fuzz"), so CI runs the same
examples every time; `KG_FUZZ_EXAMPLES=1000 pytest tests/test_fuzz.py` runs a longer search,
and `KG_FUZZ_RANDOM=1` a different one each time.
Each test prints how many examples ran.
"""

from __future__ import annotations

import codecs
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.extract import extract
from kg.graph import vocab as v
from kg.graph.rdf import article_triples, iter_quads
from kg.graph.terms import from_oxigraph
from kg.ingest import Skipped, read_articles
from kg.lexicon import load_table
from kg.model import Article
from kg.resources import samples_dir
from kg.validate import format_report, validate_graph

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "100"))
settings.register_profile(
    "kg-fuzz",
    max_examples=EXAMPLES,
    derandomize=os.environ.get("KG_FUZZ_RANDOM") != "1",
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("kg-fuzz")


# --- what every example must satisfy -------------------------------------------------------


@dataclass
class Run:
    """What the examples of one test produced: their count, and their triples in groups
    where each article id appears once."""

    examples: int = 0
    articles: int = 0
    groups: list[tuple[set[str], rdflib.Graph]] = field(default_factory=list)

    def add(self, article: str, triples: list[tuple]) -> None:
        free = [group for group in self.groups if article not in group[0]]
        if not free:
            free = [(set(), rdflib.Graph())]
            self.groups += free
        ids, graph = free[0]
        ids.add(article)
        for triple in triples:
            graph.add(triple)


def ingest(folder: Path, name: str, data: bytes) -> list[Article]:
    """Read one file; anything but an article, an input error or a skip is a failure."""
    path = folder / name
    path.write_bytes(data)
    articles = []
    for item in read_articles([path]):
        if isinstance(item, InputError):
            assert item.source.startswith(str(path)) and "\n" not in str(item)
        elif not isinstance(item, Article):
            assert isinstance(item, Skipped)
        else:
            articles.append(item)
    return articles


def check_article(run: Run, article: Article) -> None:
    """Extract and map one article; its quads, written as N-Quads, must be read by
    Oxigraph's strict parser, one per line, with every evidence sentence exactly as it was."""
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start : paragraph.end] == paragraph.text
    extraction = extract(article)
    triples = article_triples(extraction)
    text = "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in iter_quads(triples))
    quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == text.count("\n")
    sentence = str(v.sentence)
    found = {q.object.value for q in quads if q.predicate.value == sentence}
    assert found == {fact.evidence.sentence for fact in extraction.facts}
    run.add(
        str(triples.graph),
        [tuple(from_oxigraph(t) for t in (q.subject, q.predicate, q.object)) for q in quads],
    )
    run.articles += 1


def assert_conforms(run: Run, name: str, capsys) -> None:
    with capsys.disabled():
        print(f"\n{name}: {run.examples} examples, {run.articles} articles extracted")
    assert run.examples == EXAMPLES
    for _, graph in run.groups:
        report = validate_graph(graph)
        assert report.conforms, format_report(report)


@pytest.fixture
def folder() -> Iterator[Path]:
    # One folder for all the examples of a test (a pytest tmp_path is per test, not per
    # example); every example writes its own file name.
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


# --- strategies ----------------------------------------------------------------------------


def _forms(table: str, column: str = "form") -> list[str]:
    return sorted({row[column] for row in load_table(table) if row[column]})


WORDS = sorted(
    {
        *_forms("offices.tsv"),
        *_forms("qualifiers.tsv"),
        *_forms("honorifics.tsv"),
        *_forms("directive_verbs.tsv"),
        *_forms("audiences.tsv"),
        *_forms("topics.tsv"),
        *_forms("tenure_cues.tsv"),
        *_forms("candidacy_cues.tsv"),
        *_forms("elections.tsv"),
        *[row["name"] for row in load_table("regions.tsv")][:80],
        "Kabupaten", "Kota", "Provinsi", "Pemkab", "Pemkot", "Sekda", "Sekwan", "KPU",
        "Bawaslu", "Pj", "Plt", "mantan", "sejak", "periode", "2018-2023", "akan", "tidak",
        "Senin", "Rabu", "(9/9/2024)", "(17/7)", "27", "November", "2024", "2029",
        "Yusuf", "Pranata", "Siti", "Rahmawati", "Darmawan", "Syahputra", "S.Sos", "M.Si",
        "SH", "Drs.", "Hj.", "Ir.", "dan", "yang", "di", "ke", "sebagai", "selaku", "oleh",
        "BACA JUGA:", "Foto:", "Sumber:", "LAHAT -", "PALEMBANG, KOMPAS.com -",
    }
)  # fmt: skip
PUNCTUATION = [
    ".",
    ",",
    ";",
    ":",
    "-",
    "–",
    '"',
    "“",
    "”",
    "'",
    "(",
    ")",
    "/",
    "!",
    "?",
    "\n",
    "\n\n",
]

tokens = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(PUNCTUATION),
    st.text(min_size=1, max_size=12),
)
news_text = st.lists(tokens, max_size=150).map(
    lambda parts: "".join(p if p in PUNCTUATION else f" {p}" for p in parts)
)
headline = st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join)


def _samples() -> list[tuple[str, str]]:
    """(suffix, text) of every sample article: the .txt files, each JSONL record as a
    one-line JSONL file, and the HTML page."""
    found = []
    for path in sorted(samples_dir().iterdir()):
        if path.suffix in (".txt", ".html"):
            found.append((path.suffix, path.read_text(encoding="utf-8")))
    for line in (samples_dir() / "feed.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            found.append((".jsonl", line))
    return found


SAMPLES = _samples()


@st.composite
def mutated_sample(draw) -> tuple[str, str]:
    """A sample article with a few random cuts, copies, insertions and swaps."""
    suffix, text = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start, min(len(text), start + 200)))
        operation = draw(st.sampled_from(["cut", "copy", "insert", "case", "swap"]))
        if operation == "cut":
            text = text[:start] + text[end:]
        elif operation == "copy":
            text = text[:end] + text[start:end] + text[end:]
        elif operation == "insert":
            text = text[:start] + draw(st.one_of(news_text, st.text(max_size=20))) + text[start:]
        elif operation == "case":
            text = text[:start] + text[start:end].swapcase() + text[end:]
        else:
            other = draw(st.integers(0, len(text)))
            text = text[:start] + text[other:] + text[start:other] if other > start else text
    return suffix, text


encodings = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


# --- the tests -----------------------------------------------------------------------------


@st.composite
def mutated_bytes(draw) -> bytes:
    """The bytes of a sample article, in some encoding, with random bytes flipped, cut or
    inserted: text that is almost right, which is where decoding guesses."""
    _, text = draw(st.sampled_from(SAMPLES))
    data = bytearray(encode(text, draw(encodings)))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["flip", "cut", "insert"]))
        if operation == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif operation == "cut":
            del data[at : at + draw(st.integers(1, 50))]
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=20))
    return bytes(data)


def test_random_bytes_to_ingest(folder, capsys):
    run = Run()

    @settings(FUZZ)
    @given(
        data=st.one_of(
            st.binary(max_size=2000),
            st.binary(max_size=200).map(lambda b: codecs.BOM_UTF8 + b),
            st.binary(max_size=200).map(lambda b: b'{"id": "x", "text": "' + b + b'"}\n'),
            mutated_bytes(),
        ),
        suffix=st.sampled_from([".txt", ".html", ".jsonl", ".htm"]),
    )
    def example(data: bytes, suffix: str) -> None:
        run.examples += 1
        for article in ingest(folder, f"acak-{run.examples}{suffix}", data):
            check_article(run, article)

    example()
    assert_conforms(run, "random bytes", capsys)


def test_random_news_text(folder, capsys):
    run = Run()

    @settings(FUZZ)
    @given(title=headline, body=news_text, encoding=encodings, as_jsonl=st.booleans())
    def example(title: str, body: str, encoding: str, as_jsonl: bool) -> None:
        run.examples += 1
        name = f"teks-{run.examples}"
        if as_jsonl:
            record = {"id": name, "title": title, "text": body, "published": body[:12]}
            articles = ingest(folder, f"{name}.jsonl", json.dumps(record).encode())
        else:
            articles = ingest(folder, f"{name}.txt", encode(f"{title}\n\n{body}", encoding))
        for article in articles:
            check_article(run, article)

    example()
    assert_conforms(run, "random news text", capsys)


def test_mutated_sample_articles(folder, capsys):
    run = Run()

    @settings(FUZZ)
    @given(sample=mutated_sample(), encoding=encodings)
    def example(sample: tuple[str, str], encoding: str) -> None:
        run.examples += 1
        suffix, text = sample
        data = text.encode("utf-8") if suffix == ".jsonl" else encode(text, encoding)
        for article in ingest(folder, f"mutasi-{run.examples}{suffix}", data):
            check_article(run, article)

    example()
    assert_conforms(run, "mutated samples", capsys)
    assert run.articles > EXAMPLES // 2  # the mutations leave most samples readable
