from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.dates import DateMatch, find_dates, find_years, parse_iso_date
from kg.model import DateValue


def isos(text, reference=None):
    return [(d.text, d.value.iso) for d in find_dates(text, reference)]


def test_day_month_year_in_words():
    assert isos("Rapat digelar 30 Agustus 2024 di Lahat.") == [("30 Agustus 2024", "2024-08-30")]


def test_weekday_before_a_date_is_part_of_the_match():
    assert isos("pada Jumat, 30 Agustus 2024.") == [("Jumat, 30 Agustus 2024", "2024-08-30")]


def test_weekday_with_numeric_date_in_parentheses():
    assert isos("kata Budi Santoso, Jumat (30/8/2024).") == [("Jumat (30/8/2024)", "2024-08-30")]


def test_numeric_dates_with_and_without_parentheses():
    assert isos("(30/08/2024) dan 1/9/2024") == [
        ("30/08/2024", "2024-08-30"),
        ("1/9/2024", "2024-09-01"),
    ]


def test_iso_date_in_text():
    assert isos("Terbit 2024-08-30.") == [("2024-08-30", "2024-08-30")]


def test_timestamp_with_abbreviated_month_and_time():
    assert isos("Sabtu, 21 Sep 2024 22:30 WIB") == [("Sabtu, 21 Sep 2024 22:30 WIB", "2024-09-21")]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("21 Sept 2024", "2024-09-21"),
        ("3 Pebruari 2024", "2024-02-03"),
        ("5 Nopember 2024", "2024-11-05"),
        ("17 Agt 2024", "2024-08-17"),
        ("9 Okt. 2024", "2024-10-09"),
        ("1 Des 2023", "2023-12-01"),
        ("August 30, 2024", "2024-08-30"),
        ("12 mei 2024", "2024-05-12"),
    ],
)
def test_month_names_and_abbreviations(text, iso):
    assert [d.value.iso for d in find_dates(text)] == [iso]


def test_full_dates_say_they_have_a_year():
    (date,) = find_dates("30 Agustus 2024")
    assert date == DateMatch(0, 15, "30 Agustus 2024", DateValue("2024-08-30"), True)


def test_day_month_without_year_takes_the_reference_year():
    (date,) = find_dates("pada Rabu (17/7).", reference="2024-07-18")
    assert (date.text, date.value.iso, date.has_year) == ("Rabu (17/7)", "2024-07-17", False)


def test_dates_without_year_are_skipped_without_reference():
    assert find_dates("pada Rabu (17/7) dan 27 November mendatang") == []


def test_day_and_month_name_without_year():
    assert isos("Pilwako 27 November nanti.", "2024-03-10") == [("27 November", "2024-11-27")]


def test_mendatang_before_the_reference_month_is_next_year():
    assert isos("pelantikan 20 Februari mendatang", "2024-09-21") == [("20 Februari", "2025-02-20")]


def test_lalu_after_the_reference_month_is_last_year():
    assert isos("sejak 18 Desember lalu", "2024-02-01") == [("18 Desember", "2023-12-18")]


def test_iso_datetime_reference_is_accepted():
    assert isos("27 November mendatang", "2024-08-30T10:00:00+07:00") == [
        ("27 November", "2024-11-27")
    ]


def test_impossible_dates_are_skipped():
    assert find_dates("31/2/2024 dan 30 Februari 2024 dan 2024-13-01") == []


def test_bare_year_after_an_election_word():
    assert isos("Menjelang Pilkada Serentak 2024 warga bersiap.") == [("2024", "2024")]


def test_bare_year_after_an_election_and_its_region():
    assert isos("Pilkada Bupati dan Wakil Bupati Muara Enim 2024 ramai.") == [("2024", "2024")]


def test_bare_year_after_tahun():
    assert isos("anggaran tahun 2024") == [("2024", "2024")]


def test_bare_year_without_a_cue_is_not_a_date():
    assert find_dates("Sebanyak 2024 warga hadir, periode 2024-2029.") == []


def test_month_and_year_is_a_year():
    assert isos("pada November 2024") == [("November 2024", "2024")]


def test_numbers_are_not_dates():
    assert find_dates("Kodim 0401/Muba, 8.000 orang, pukul 09.00 WIB") == []


def test_matches_are_exact_slices_and_do_not_overlap():
    text = "Pilwako Lubuklinggau 27 November 2024, lalu Jumat (20/9/2024) dan tahun 2025."
    dates = find_dates(text)
    assert [text[d.start : d.end] for d in dates] == [d.text for d in dates]
    assert all(a.end <= b.start for a, b in pairwise(dates))
    assert [d.value.iso for d in dates] == ["2024-11-27", "2024-09-20", "2025"]


def test_find_years_returns_every_year_token():
    assert [d.value.iso for d in find_years("periode 2024-2029 (2018-23), 12024, 0401")] == [
        "2024",
        "2029",
        "2018",
    ]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024-08-30", "2024-08-30"),
        ("2024-08-30T10:00:00+07:00", "2024-08-30"),
        ("2024-08-30T03:00:00Z", "2024-08-30"),
        (" 2024-08-30 10:00:00 ", "2024-08-30"),
        ("2024-02-30", None),
        ("30 Agustus 2024", None),
        ("", None),
    ],
)
def test_parse_iso_date(text, iso):
    assert parse_iso_date(text) == iso


@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 /-(),.:Jumat Agustus Pilkada tahun")), max_size=80
    )
)
def test_any_text_gives_matches_that_are_exact_slices(text):
    for date in find_dates(text, "2024-09-21"):
        assert text[date.start : date.end] == date.text
        assert len(date.value.iso) in (4, 10)


def test_capitals_match_and_the_date_keeps_the_text_as_written():
    assert isos("JUMAT, 30 AGUSTUS 2024 PUKUL 10.00 WIB") == [
        ("JUMAT, 30 AGUSTUS 2024 PUKUL 10.00 WIB", "2024-08-30")
    ]


def test_text_with_curly_apostrophes_reads_dates_as_plain_text_does():
    # Not ASCII: matched by the patterns that ignore case, not on lower-cased text.
    assert isos("pada Jum’at, 30 Agustus 2024 pukul 09.00 WIB") == [
        ("Jum’at, 30 Agustus 2024 pukul 09.00 WIB", "2024-08-30")
    ]
    assert isos("“Kamis (29/8/2024),” katanya") == [("Kamis (29/8/2024)", "2024-08-29")]


def test_a_month_named_before_another_date_still_reads_both():
    # Forms that begin with the month are scanned from its first mention only.
    assert isos("Sejak Maret lalu, tepatnya 3 Agustus 2024, dan November 2024") == [
        ("3 Agustus 2024", "2024-08-03"),
        ("November 2024", "2024"),
    ]
