import pytest

from kg.extract.places import PlaceMention, find_places, stopnames
from kg.gazetteer import surface_forms


def spans(text):
    return [(m.text, m.place.code, m.typed) for m in find_places(text)]


def test_offsets_point_at_the_mention():
    text = "Bupati Muara Enim, Rendra Wijaya, menemui Wali Kota Lubuklinggau di Palembang."
    mentions = find_places(text)
    assert [text[m.start : m.end] for m in mentions] == [m.text for m in mentions]
    assert spans(text) == [
        ("Muara Enim", "16.03", False),
        ("Kota Lubuklinggau", "16.73", True),
        ("Palembang", "16.71", False),
    ]


def test_mention_is_a_plain_record():
    (mention,) = find_places("Ia tinggal di Prabumulih.")
    assert mention == PlaceMention(14, 24, "Prabumulih", mention.place, False)
    assert mention.place.label == "Kota Prabumulih"


def test_type_words_make_the_mention_typed():
    text = "Pemkab Lahat, Kab. Empat Lawang, Pemprov Sumsel dan Pemerintah Kota Pagar Alam."
    assert spans(text) == [
        ("Pemkab Lahat", "16.04", True),
        ("Kab. Empat Lawang", "16.11", True),
        ("Pemprov Sumsel", "16", True),
        ("Pemerintah Kota Pagar Alam", "16.72", True),
    ]


def test_longest_match_wins():
    assert spans("Pilkada Musi Rawas Utara digelar serentak.") == [
        ("Musi Rawas Utara", "16.13", False)
    ]
    assert spans("Warga Banda Aceh memilih.") == [("Banda Aceh", "11.71", False)]
    assert spans("Gubernur Papua Barat Daya hadir.") == [("Papua Barat Daya", "96", False)]


def test_type_word_before_a_kabupaten_name_selects_the_kota():
    assert spans("Kota Bekasi dan Kabupaten Bekasi, juga Bekasi.") == [
        ("Kota Bekasi", "32.75", True),
        ("Kabupaten Bekasi", "32.16", True),
        ("Bekasi", "32.16", False),
    ]


def test_bare_name_found_only_as_a_kota_gives_the_kota():
    assert [m.place.label for m in find_places("Pagar Alam, Prabumulih, Lubuk Linggau")] == [
        "Kota Pagar Alam",
        "Kota Prabumulih",
        "Kota Lubuklinggau",
    ]


def test_aliases_are_found():
    text = "Calon dari Muratara, Muba, OKU Timur dan PALI mendaftar ke KPU Sumsel."
    assert spans(text) == [
        ("Muratara", "16.13", False),
        ("Muba", "16.06", False),
        ("OKU Timur", "16.08", False),
        ("PALI", "16.12", False),
        ("Sumsel", "16", False),
    ]


def test_matches_whole_words_only():
    assert find_places("Muaraenimku dan Palembangan bukan nama daerah.") == []
    assert find_places("Acehnya tenang.") == []
    assert spans("Muara Enim-Lahat") == [("Muara Enim", "16.03", False), ("Lahat", "16.04", False)]


def test_bare_name_must_be_capitalised():
    assert find_places("tanah di sana sangat subur, kata lahat") == []
    assert spans("kabupaten lahat") == [("kabupaten lahat", "16.04", True)]


def test_stopnames_need_a_type_word():
    assert find_places("Batu itu dibawa Bima ke Metro TV.") == []
    assert spans("Wali Kota Batu dan Kabupaten Bima") == [
        ("Kota Batu", "35.79", True),
        ("Kabupaten Bima", "52.06", True),
    ]


def test_every_stopname_is_a_bare_surface_form():
    forms = surface_forms()
    for name in stopnames():
        assert name in forms and not forms[name].typed, name


def test_whitespace_and_case_inside_a_mention_are_tolerated():
    text = "Di  KABUPATEN   Musi\nBanyuasin ada TPS."
    (mention,) = find_places(text)
    assert mention.text == "KABUPATEN   Musi\nBanyuasin"
    assert (mention.start, mention.end) == (4, 30)
    assert mention.place.code == "16.06" and mention.typed


@pytest.mark.parametrize("text", ["", "Tidak ada daerah di sini.", "KPU RI menetapkan jadwal."])
def test_no_places(text):
    assert find_places(text) == []
