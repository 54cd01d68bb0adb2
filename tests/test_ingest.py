import codecs
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.errors import InputError
from kg.ingest import Skipped, iter_sources, read_articles
from kg.ingest.clean import clean_paragraphs, find_dateline
from kg.ingest.decode import decode_bytes
from kg.ingest.readers import NotArticles, read_html, read_jsonl, read_txt
from kg.model import Article

TITLE = "Pj Bupati Tanjung Sari Minta ASN Netral"
ARTICLE = """Pj Bupati Tanjung Sari Minta ASN Netral

Pj Bupati Tanjung Sari Minta ASN Netral

Rendra Wijaya saat memberi arahan (Foto: Humas)

TANJUNG SARI, KORANFIKTIF.COM - Penjabat Bupati Tanjung Sari, Rendra Wijaya, meminta ASN netral.

BACA JUGA:Lomba Perahu Hias Meriahkan HUT Desa

Rendra menyampaikan hal itu saat apel pagi, Senin (2/9/2024).

Baca Juga : Harga Cabai Turun

Baca juga: Jalan Desa Diperbaiki

"ASN wajib netral," tegasnya.

Cek Berita dan Artikel yang lain di Google News

Sumber:
"""


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def body_texts(article):
    return [p.text for p in article.paragraphs if not p.is_title]


def read_all(paths):
    return list(read_articles(paths))


# decoding


def test_empty_file_is_an_input_error():
    with pytest.raises(InputError, match="empty file"):
        decode_bytes(b"", "a.txt")


def test_whitespace_only_file_is_an_input_error():
    with pytest.raises(InputError, match="empty file"):
        decode_bytes(b" \n\t\r\n \xc2\xa0", "a.txt")


def test_nul_bytes_mean_a_binary_file():
    with pytest.raises(InputError, match="binary file, not text"):
        decode_bytes(b"PK\x03\x04\x00\x00 bukan teks", "a.txt")


def test_mostly_control_characters_mean_a_binary_file():
    with pytest.raises(InputError, match="binary file, not text"):
        decode_bytes(bytes(range(1, 32)) * 10 + b"teks", "a.txt")


def test_windows_1252_text_is_decoded():
    data = "Ketua KPU Siti Aminah: “Pemilihan café – aman”.".encode("cp1252")
    assert decode_bytes(data, "a.txt") == "Ketua KPU Siti Aminah: “Pemilihan café – aman”."


def test_utf8_bom_is_stripped():
    assert decode_bytes(codecs.BOM_UTF8 + b"Judul", "a.txt") == "Judul"


def test_newlines_are_normalised():
    assert decode_bytes(b"satu\r\ndua\rtiga\n", "a.txt") == "satu\ndua\ntiga\n"


def test_text_is_nfc_and_no_break_spaces_become_spaces():
    assert decode_bytes("Cafe\u0301\u00a0Sari".encode(), "a.txt") == "Café Sari"


# cleaning


def test_baca_juga_lines_are_ignored(tmp_path):
    texts = body_texts(read_txt_from(tmp_path, ARTICLE))
    assert not [t for t in texts if "Lomba" in t or "Cabai" in t or "Jalan Desa" in t]


def test_google_news_and_sumber_lines_are_ignored(tmp_path):
    texts = body_texts(read_txt_from(tmp_path, ARTICLE))
    assert not [t for t in texts if "Google News" in t or t.startswith("Sumber")]


def test_photo_credits_are_ignored():
    text = "Judul\nWarga antre di TPS (foto: Dedi)\nKetua KPPS-Foto : Andi-\nDok/Humas Pemkab\nIsi."
    assert [p.text for p in clean_paragraphs(text, "Judul")] == ["Judul", "Isi."]


def test_long_paragraph_mentioning_foto_is_kept():
    line = "Panitia meminta warga tidak mengunggah foto: " + "surat suara yang sudah dicoblos " * 8
    assert line.strip() in [p.text for p in clean_paragraphs("Judul\n" + line, "Judul")]


def test_bylines_and_ad_markers_are_ignored():
    text = (
        "Judul\nAndi Pratama - detikSumbagsel\nPenulis: Andi\nEditor: Budi\nReporter: Cici\n"
        "SCROLL TO CONTINUE WITH CONTENT\nADVERTISEMENT\nSimak berita lainnya di sini\nIsi."
    )
    assert [p.text for p in clean_paragraphs(text, "Judul")] == ["Judul", "Isi."]


def test_timestamp_line_is_ignored():
    text = "Judul\nSabtu, 21 Sep 2024 22:30 WIB\nIsi berita pada 21 September 2024."
    assert [p.text for p in clean_paragraphs(text, "Judul")][1:] == [
        "Isi berita pada 21 September 2024."
    ]


def test_repeated_title_is_ignored_and_the_first_is_the_title():
    paragraphs = clean_paragraphs(ARTICLE, TITLE)
    assert paragraphs[0].is_title and paragraphs[0].text == TITLE
    assert [p.text for p in paragraphs].count(TITLE) == 1


def test_dateline_paragraph_is_kept(tmp_path):
    texts = body_texts(read_txt_from(tmp_path, ARTICLE))
    assert texts[0].startswith("TANJUNG SARI, KORANFIKTIF.COM - Penjabat Bupati")


def test_caption_lines_before_the_dateline_are_ignored():
    text = "Judul\nKabar Daerah\nPalembang -\nWali Kota Sari Dewi membuka rapat."
    assert [p.text for p in clean_paragraphs(text, "Judul")] == [
        "Judul",
        "Palembang -",
        "Wali Kota Sari Dewi membuka rapat.",
    ]


@pytest.mark.parametrize(
    ("paragraph", "city"),
    [
        ("LUBUK SARI, KORANFIKTIF.ID- Warga berkumpul.", "LUBUK SARI"),
        ("Palembang - Warga berkumpul.", "Palembang"),
        ("MUARA SARI - Warga berkumpul.", "MUARA SARI"),
        ("SUKAMAJU, BERITAFIKTIF.COM – Warga berkumpul.", "SUKAMAJU"),
        ("BERITAFIKTIF.CO.ID, Palembang – Warga berkumpul.", "Palembang"),
        ("Palembang (ANTARA) - Warga berkumpul.", "Palembang"),
    ],
)
def test_dateline_city_and_prefix_length(paragraph, city):
    found, length = find_dateline(paragraph)
    assert found == city
    assert paragraph[length:] == "Warga berkumpul."


def test_sentence_is_not_a_dateline():
    assert find_dateline("Penjabat Bupati Rendra Wijaya - yang baru dilantik - hadir.") is None
    assert find_dateline("HARIANFIKTIF.BACAKORAN.CO - Warga berkumpul.") is None


def test_every_paragraph_is_an_exact_slice_of_the_text():
    text = "  Judul  \r\n\n\tPalembang -  \nSatu dua.   \n\n\nTiga empat.\nBACA JUGA: x\n"
    for paragraph in clean_paragraphs(text, "Judul"):
        assert text[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.text == paragraph.text.strip()


# readers


def read_txt_from(tmp_path, content):
    return read_txt(write(tmp_path, "berita_01.txt", content))


def test_txt_title_is_the_first_non_empty_line_and_id_the_stem(tmp_path):
    article = read_txt(write(tmp_path, "berita_01.txt", "\n\n" + ARTICLE))
    assert (article.id, article.title) == ("berita_01", TITLE)
    assert article.paragraphs[0].is_title


def test_txt_records_its_dateline(tmp_path):
    assert read_txt_from(tmp_path, ARTICLE).dateline == "TANJUNG SARI"


def test_txt_publication_date_from_the_text(tmp_path):
    article = read_txt_from(tmp_path, ARTICLE)
    assert (article.published, article.published_source) == ("2024-09-02", "text")


def test_txt_election_date_is_not_taken_for_the_publication_date(tmp_path):
    text = "Judul\nPilkada Tanjung Sari 27 November 2024 makin dekat, kata Sari Dewi."
    assert read_txt_from(tmp_path, text).published is None


def test_txt_paragraphs_are_slices_of_the_text(tmp_path):
    article = read_txt_from(tmp_path, ARTICLE)
    assert all(article.text[p.start : p.end] == p.text for p in article.paragraphs)


def test_txt_with_a_title_only_has_no_body(tmp_path):
    with pytest.raises(InputError, match="no article body found"):
        read_txt(write(tmp_path, "a.txt", "Judul saja\n"))


def test_oversized_article_is_an_input_error(tmp_path, monkeypatch):
    import kg.ingest.readers as readers

    monkeypatch.setattr(readers, "MAX_ARTICLE_BYTES", 1024 * 1024)
    path = write(tmp_path, "besar.txt", "Judul\n" + "kata " * 300_000)
    with pytest.raises(InputError, match=r"article too large \(1\.4 MB > 1 MB\)"):
        read_txt(path)


HTML = """<!doctype html><html><head>
<title>Judul Tab | Koran Fiktif</title>
<meta property="og:title" content="Ketua KPU Sari Dewi Tetapkan Jadwal">
<meta property="og:url" content="https://koranfiktif.id/berita/1">
<meta property="og:site_name" content="Koran Fiktif">
<meta property="article:published_time" content="2024-08-30T10:00:00+07:00">
<script>var iklan = "BACA JUGA: jangan";</script>
<style>p { color: red }</style>
</head><body>
<nav><p>Beranda Politik Daerah</p></nav>
<header><h1>Ketua KPU Sari Dewi Tetapkan Jadwal</h1></header>
<article>
<figure><img src="a.jpg"><figcaption>Sari Dewi (Foto: Humas)</figcaption></figure>
<p><strong>SUKAMAJU, KORANFIKTIF.ID</strong> - Ketua KPU Sukamaju, Sari Dewi, menetapkan jadwal.</p>
<p>Baca juga: <a href="/2">Harga Beras Naik</a></p>
<div class="baca-juga"><p>Jalan Rusak Diperbaiki</p></div>
<p>Pemungutan suara digelar 27 November 2024.<br>Warga diminta hadir.</p>
<aside><p>Berita Terpopuler</p></aside>
</article>
<footer><p>Hak cipta Koran Fiktif</p></footer>
</body></html>"""


def test_html_reads_title_body_and_metadata(tmp_path):
    article = read_html(write(tmp_path, "halaman.html", HTML))
    assert article.title == "Ketua KPU Sari Dewi Tetapkan Jadwal"
    assert body_texts(article) == [
        "SUKAMAJU, KORANFIKTIF.ID - Ketua KPU Sukamaju, Sari Dewi, menetapkan jadwal.",
        "Pemungutan suara digelar 27 November 2024.",
        "Warga diminta hadir.",
    ]
    assert (article.published, article.published_source) == ("2024-08-30", "meta")
    assert article.url == "https://koranfiktif.id/berita/1"
    assert article.outlet == "Koran Fiktif"
    assert article.dateline == "SUKAMAJU"


def test_html_paragraphs_are_slices_of_the_text(tmp_path):
    article = read_html(write(tmp_path, "halaman.html", HTML))
    assert all(article.text[p.start : p.end] == p.text for p in article.paragraphs)
    assert article.paragraphs[0].is_title


def test_html_without_article_uses_the_largest_block_of_paragraphs(tmp_path):
    page = (
        "<html><head><title>Rapat Pleno</title></head><body>"
        "<div><p>Menu</p></div>"
        "<div><p>Bawaslu Sukamaju menggelar rapat pleno.</p><p>Ketua Budi Santoso hadir.</p></div>"
        '<script type="application/ld+json">{"@graph": [{"datePublished": "2024-09-01"}]}'
        "</script></body></html>"
    )
    article = read_html(write(tmp_path, "b.htm", page))
    assert article.title == "Rapat Pleno"
    assert body_texts(article) == [
        "Bawaslu Sukamaju menggelar rapat pleno.",
        "Ketua Budi Santoso hadir.",
    ]
    assert article.published == "2024-09-01"


def test_html_date_from_time_element(tmp_path):
    page = '<html><body><h1>Judul</h1><time datetime="2024-07-17">17 Juli</time><p>Isi.</p>'
    assert read_html(write(tmp_path, "c.html", page)).published == "2024-07-17"


def test_html_with_no_body_is_an_input_error(tmp_path):
    page = "<html><head><title>Kosong</title><script>x()</script></head><body></body></html>"
    with pytest.raises(InputError, match="no article body found"):
        read_html(write(tmp_path, "kosong.html", page))


def jsonl(*records):
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


RECORD = {
    "id": "art-1",
    "title": "Bawaslu Awasi Kampanye",
    "text": "SUKAMAJU - Bawaslu mengawasi kampanye.\nBACA JUGA: Pasar Murah\nIni penutup.",
    "url": "https://koranfiktif.id/2",
    "published": "2024-10-01T08:00:00+07:00",
    "outlet": "Koran Fiktif",
}


def test_jsonl_article_fields(tmp_path):
    (article,) = read_jsonl(write(tmp_path, "a.jsonl", jsonl(RECORD)))
    assert (article.id, article.title, article.url, article.outlet) == (
        "art-1",
        "Bawaslu Awasi Kampanye",
        "https://koranfiktif.id/2",
        "Koran Fiktif",
    )
    assert (article.published, article.published_source) == ("2024-10-01", "jsonl")
    assert article.dateline == "SUKAMAJU"
    assert body_texts(article) == ["SUKAMAJU - Bawaslu mengawasi kampanye.", "Ini penutup."]


def test_jsonl_text_starts_with_the_title(tmp_path):
    (article,) = read_jsonl(write(tmp_path, "a.jsonl", jsonl(RECORD)))
    assert article.text == RECORD["title"] + "\n\n" + RECORD["text"]
    assert article.paragraphs[0].is_title
    assert all(article.text[p.start : p.end] == p.text for p in article.paragraphs)


def test_broken_jsonl_line_is_reported_and_the_rest_is_read(tmp_path):
    path = write(tmp_path, "a.jsonl", jsonl('{"id": "x", "text": ', RECORD))
    error, article = read_jsonl(path)
    assert isinstance(error, InputError) and error.source == f"{path}:1"
    assert "invalid JSON" in error.problem
    assert article.id == "art-1"


def test_jsonl_record_without_text_is_an_input_error(tmp_path):
    path = write(tmp_path, "a.jsonl", jsonl(RECORD, {"id": "y", "title": "Tanpa isi"}))
    article, error = read_jsonl(path)
    assert article.id == "art-1"
    assert (error.source, error.problem) == (f"{path}:2", "record has no text")


def test_jsonl_without_any_text_field_is_not_an_article_file(tmp_path):
    path = write(tmp_path, "gold.jsonl", jsonl({"article": "a", "facts": []}))
    with pytest.raises(NotArticles):
        list(read_jsonl(path))


# discovery and the batch


def corpus(tmp_path):
    write(tmp_path, "b.txt", ARTICLE)
    write(tmp_path, "a.html", HTML)
    write(tmp_path, "README.md", "# Korpus")
    write(tmp_path, "README.txt", "Korpus uji")
    write(tmp_path, "sources.tsv", "b.txt\tfiktif\n")
    write(tmp_path, ".hidden.txt", ARTICLE)
    write(tmp_path, "gambar.png", b"\x89PNG\x00")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "c.jsonl", jsonl(RECORD))
    write(tmp_path / "sub", "gold.jsonl", jsonl({"article": "c", "facts": []}))
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "d.txt", ARTICLE)
    return tmp_path


def test_directory_walk_is_recursive_sorted_and_skips_non_articles(tmp_path):
    found = [p.relative_to(tmp_path).as_posix() for p in iter_sources([corpus(tmp_path)])]
    assert found == ["a.html", "b.txt", "sub/c.jsonl", "sub/gold.jsonl"]


def test_missing_path_is_an_input_error(tmp_path):
    (error,) = iter_sources([tmp_path / "tidak-ada.txt"])
    assert isinstance(error, InputError)
    assert error.problem == "no such file or directory"


def test_gold_file_is_skipped_not_an_error(tmp_path):
    items = read_all([corpus(tmp_path)])
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert skipped == [
        Skipped(str(tmp_path / "sub" / "gold.jsonl"), "not an article file (records have no text)")
    ]
    assert [item.id for item in items if isinstance(item, Article)] == ["a", "b", "art-1"]


def test_bad_files_do_not_stop_the_batch(tmp_path):
    paths = [
        write(tmp_path, "kosong.txt", ""),
        write(tmp_path, "spasi.txt", "  \n \n"),
        write(tmp_path, "biner.txt", b"\x00\x01\x02\x03"),
        tmp_path / "hilang.txt",
        write(tmp_path, "catatan.md", "# bukan artikel"),
        write(tmp_path, "ok.txt", ARTICLE),
    ]
    items = read_all(paths)
    problems = [item.problem for item in items if isinstance(item, InputError)]
    assert problems[:4] == [
        "empty file",
        "empty file",
        "binary file, not text",
        "no such file or directory",
    ]
    assert problems[4].startswith("unsupported file type .md")
    assert isinstance(items[-1], Article) and items[-1].id == "ok"


def test_directory_named_like_an_article_file_is_walked_not_read(tmp_path):
    directory = tmp_path / "folder.txt"
    directory.mkdir()
    (directory / "a.txt").write_text("Judul\n\nLAHAT - Isi berita.\n", encoding="utf-8")
    assert [item.id for item in read_all([directory])] == ["a"]


def test_folder_without_article_files_is_an_input_error(tmp_path):
    folder = tmp_path / "kosong"
    (folder / "sub").mkdir(parents=True)
    (folder / "catatan.docx").write_bytes(b"PK")
    (folder / "README.md").write_text("Catatan", encoding="utf-8")
    (problem,) = read_all([folder])
    assert isinstance(problem, InputError)
    assert str(problem).startswith(f"{folder}: no article files here")


def test_os_error_while_reading_is_an_input_error(tmp_path, monkeypatch):
    import kg.ingest.readers as readers

    def refuse(path, limit):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers, "_read_bytes", refuse)
    (error,) = read_all([write(tmp_path, "a.txt", ARTICLE)])
    assert isinstance(error, InputError) and error.problem == "Permission denied"


def test_unexpected_failure_becomes_an_input_error(tmp_path, monkeypatch):
    import kg.ingest as ingest

    def explode(path):
        raise RuntimeError("rusak")

    monkeypatch.setattr(ingest, "read_txt", explode)
    items = read_all([write(tmp_path, "a.txt", ARTICLE), write(tmp_path, "b.jsonl", jsonl(RECORD))])
    assert isinstance(items[0], InputError) and "RuntimeError: rusak" in items[0].problem
    assert isinstance(items[1], Article)


@given(st.text(alphabet=st.sampled_from(list("ab .-:\n\t\r(Foto)BACA JUGA2024")), max_size=200))
def test_any_text_gives_paragraphs_that_are_exact_slices(text):
    for paragraph in clean_paragraphs(text, "ab"):
        assert text[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.text.strip() and "\n" not in paragraph.text
