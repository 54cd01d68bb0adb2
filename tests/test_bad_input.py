"""Bad input through `kg build`: each bad file is one line on stderr naming it and its
problem (no traceback unless --debug), the good articles of the same batch land in the store,
the summary counts the failures and the exit status says whether anything failed.

The bad files are in tests/fixtures/bad (hand-written, fictional); the rest are made here.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.ingest
from kg.cli import cli
from kg.graph.store import open_store, stored_hashes
from kg.ingest.readers import MAX_ARTICLE_MB, read_txt
from kg.query import load_named_query, run_query

BAD = Path(__file__).parent / "fixtures" / "bad"

GOOD = """Sekda Muara Enim Pimpin Apel Netralitas ASN

MUARA ENIM - Sekretaris Daerah (Sekda) Kabupaten Muara Enim, Ir. Hasan Basri Wijaya, memimpin apel netralitas aparatur sipil negara, Senin (2/9/2024).

Dalam apel itu Hasan meminta seluruh ASN menjaga netralitas menjelang Pilkada Muara Enim 2024.
"""


@dataclass
class Built:
    code: int
    out: str
    err: str
    store: Path

    def lines_naming(self, name: str) -> list[str]:
        return [line for line in self.err.splitlines() if name in line]

    def stored(self) -> set[str]:
        store = open_store(self.store, create=False)
        try:
            return set(stored_hashes(store))
        finally:
            del store


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder holding one good article, good.txt."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def kg_build(tmp_path: Path, *paths: Path, debug: bool = False) -> Built:
    store = tmp_path / ("store-debug" if debug else "store")
    args = ["--debug"] if debug else []
    args += ["build", *map(str, paths), "--store", str(store), "--no-progress", "--jobs", "1"]
    result = CliRunner().invoke(cli, args)
    return Built(result.exit_code, result.stdout, result.stderr, store)


def assert_one_failure(built: Built, name: str, problem: str) -> None:
    """Exactly one line names `name`, with `problem`; counted; exit 1; no traceback."""
    lines = built.lines_naming(name)
    assert len(lines) == 1, built.err
    assert problem in lines[0]
    assert "Traceback" not in built.err + built.out
    assert "errors: 1" in built.out
    assert built.code == 1


def add_fixture(corpus: Path, name: str) -> Path:
    return Path(shutil.copy(BAD / name, corpus / name))


@pytest.mark.parametrize(
    ("fixture", "problem"),
    [
        ("empty.txt", "empty file"),
        ("whitespace.txt", "empty file"),
        ("binary.txt", "binary file, not text"),
        ("no-body.html", "no article body found"),
    ],
)
def test_unreadable_file_fails_alone(tmp_path, corpus, fixture, problem):
    """An empty, blank or binary file, or HTML without an article body: one failure line
    naming it, and the good article beside it lands."""
    add_fixture(corpus, fixture)
    built = kg_build(tmp_path, corpus)
    assert_one_failure(built, fixture, problem)
    assert built.stored() == {"good"}


def test_windows_1252_text_is_read_not_refused(tmp_path, corpus):
    path = add_fixture(corpus, "latin1.txt")
    assert "Café Senja Kopi" in path.read_bytes().decode("cp1252")
    built = kg_build(tmp_path, corpus)
    assert built.code == 0 and "errors: 0" in built.out, built.err
    assert built.stored() == {"good", "latin1"}
    article = read_txt(path)
    assert "Café Senja Kopi" in article.text
    assert "“Perbedaan pilihan jangan sampai memecah persaudaraan,”" in article.text
    store = open_store(built.store, create=False)
    rows = run_query(store, load_named_query("holds-office"), {"article": "latin1"}).rows
    assert {row[1].value for row in rows} == {"Darmawan Syahputra"}


def test_utf8_bom_is_not_part_of_the_title(tmp_path, corpus):
    add_fixture(corpus, "bom.txt")
    built = kg_build(tmp_path, corpus)
    assert built.code == 0 and "errors: 0" in built.out, built.err
    store = open_store(built.store, create=False)
    rows = run_query(store, load_named_query("articles"), {"article": "bom"}).rows
    assert [row[1].value for row in rows] == ["Camat Diminta Jaga Netralitas"]


def test_jsonl_broken_line_names_the_line_and_the_other_records_land(tmp_path, corpus):
    add_fixture(corpus, "broken.jsonl")
    built = kg_build(tmp_path, corpus)
    assert_one_failure(built, "broken.jsonl:2", "invalid JSON")
    assert built.stored() == {"good", "broken-ok-1", "broken-ok-3"}


def test_jsonl_records_with_missing_fields(tmp_path, corpus):
    add_fixture(corpus, "missing-fields.jsonl")  # line 1 has no text
    records = [
        {
            "title": "Tanpa Id",
            "text": "LAHAT - Camat Lahat, Yusuf Pranata, hadir, Senin (2/9/2024).",
        },
        {"id": "tanpa-judul", "text": "Tanpa Judul\n\nPRABUMULIH - Camat hadir."},
        {"id": "teks-angka", "title": "Teks Angka", "text": 42},
        {"id": "teks-kosong", "title": "Teks Kosong", "text": "   "},
    ]
    feed = corpus / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    built = kg_build(tmp_path, corpus)
    for source in ("missing-fields.jsonl:1", "feed.jsonl:3", "feed.jsonl:4"):
        (line,) = built.lines_naming(source)
        assert "record has no text" in line
    assert "errors: 3" in built.out and built.code == 1
    assert "Traceback" not in built.err
    # No id: "<file stem>-<line>"; no title: the first line of the text.
    assert built.stored() == {"good", "missing-ok", "feed-1", "tanpa-judul"}
    store = open_store(built.store, create=False)
    rows = run_query(store, load_named_query("articles"), {"article": "tanpa-judul"}).rows
    assert [row[1].value for row in rows] == ["Tanpa Judul"]


def test_ten_megabyte_article_is_refused_as_too_large(tmp_path, corpus):
    paragraph = GOOD.split("\n\n", 1)[1]
    body = paragraph * (10 * 1024 * 1024 // len(paragraph) + 1)
    (corpus / "besar.txt").write_text(f"Berita Sangat Panjang\n\n{body}", encoding="utf-8")
    line = json.dumps({"id": "besar-jsonl", "title": "Panjang", "text": body})
    (corpus / "besar.jsonl").write_text(line + "\n", encoding="utf-8")
    built = kg_build(tmp_path, corpus)
    for name in ("besar.txt", "besar.jsonl:1"):
        (message,) = built.lines_naming(name)
        assert "article too large (10." in message and f"> {MAX_ARTICLE_MB} MB)" in message
    assert "errors: 2" in built.out and built.code == 1
    assert built.stored() == {"good"}


def test_size_limit_is_stated_in_the_build_help():
    help_text = CliRunner().invoke(cli, ["build", "--help"]).stdout
    assert f"over {MAX_ARTICLE_MB} MB" in " ".join(help_text.split())


def test_file_that_vanishes_between_listing_and_reading(tmp_path, corpus, monkeypatch):
    """Another process deletes b.txt after the folder was listed, while a.txt is read."""
    for name in ("a.txt", "b.txt"):
        (corpus / name).write_text(GOOD.replace("Hasan Basri Wijaya", "Rudi Santika"), "utf-8")
    read_file = kg.ingest._read_file

    def reading_a_deletes_b(path: Path):
        if path.name == "a.txt":
            (corpus / "b.txt").unlink()
        return read_file(path)

    monkeypatch.setattr(kg.ingest, "_read_file", reading_a_deletes_b)
    built = kg_build(tmp_path, corpus)
    assert_one_failure(built, "b.txt", "No such file or directory")
    assert built.stored() == {"a", "good"}


def test_folder_with_no_readable_files(tmp_path, corpus):
    folder = tmp_path / "lampiran"
    (folder / "foto").mkdir(parents=True)
    (folder / "foto" / "apel.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "notulen.docx").write_bytes(b"PK\x03\x04")
    (folder / "README.md").write_text("Lampiran rapat", encoding="utf-8")
    built = kg_build(tmp_path, corpus, folder)
    assert_one_failure(built, "lampiran", "no article files here")
    assert built.stored() == {"good"}


def test_path_that_does_not_exist(tmp_path, corpus):
    built = kg_build(tmp_path, corpus, tmp_path / "tidak-ada.txt")
    assert_one_failure(built, "tidak-ada.txt", "no such file or directory")
    assert built.stored() == {"good"}


def test_gold_file_is_skipped_not_a_failure(tmp_path, corpus):
    add_fixture(corpus, "not-articles.jsonl")
    built = kg_build(tmp_path, corpus)
    (line,) = built.lines_naming("not-articles.jsonl")
    assert "skipped" in line
    assert built.code == 0 and "errors: 0" in built.out and "skipped (not articles): 1" in built.out


def test_every_bad_input_in_one_batch(tmp_path, corpus):
    for path in BAD.iterdir():
        shutil.copy(path, corpus / path.name)
    built = kg_build(tmp_path, corpus)
    failed = {
        "binary.txt",
        "broken.jsonl:2",
        "empty.txt",
        "missing-fields.jsonl:1",
        "no-body.html",
        "whitespace.txt",
    }
    assert "Traceback" not in built.err
    problems = [line for line in built.err.splitlines() if "skipped" not in line]
    assert sorted(Path(line.split(": ", 1)[0]).name for line in problems) == sorted(failed)
    assert f"errors: {len(failed)}" in built.out and built.code == 1
    assert built.stored() == {
        "good", "bom", "latin1", "broken-ok-1", "broken-ok-3", "missing-ok"
    }  # fmt: skip


def test_a_bug_is_one_line_and_its_traceback_shows_only_with_debug(tmp_path, corpus, monkeypatch):
    import kg.build

    extract = kg.build.extract

    def failing(article):
        if article.id == "rusak":
            raise RuntimeError("pola tidak terduga")
        return extract(article)

    monkeypatch.setattr(kg.build, "extract", failing)
    (corpus / "rusak.txt").write_text(GOOD, encoding="utf-8")
    built = kg_build(tmp_path, corpus)
    assert_one_failure(built, "rusak.txt", "extraction failed: RuntimeError: pola tidak terduga")
    assert built.stored() == {"good"}
    debug = kg_build(tmp_path, corpus, debug=True)
    assert "Traceback" in debug.err and "pola tidak terduga" in debug.err
    assert debug.code == 1


def test_jsonl_line_with_a_lone_surrogate_escape_fails_alone(tmp_path, corpus):
    """'\\ud83d' without its pair is valid JSON but not text; it used to fail the whole file."""
    good = {"id": "rapat", "title": "Rapat", "text": "LAHAT - Camat Lahat, Yusuf Pranata, hadir."}
    lines = [
        '{"id": "pecah", "title": "Judul \\ud83d Pecah", "text": "LAHAT - Camat hadir."}',
        json.dumps(good),
    ]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    built = kg_build(tmp_path, corpus)
    assert_one_failure(built, "feed.jsonl:1", "broken Unicode escape (lone surrogate) in 'title'")
    assert built.stored() == {"good", "rapat"}
