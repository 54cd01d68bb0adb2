from collections import Counter

import pytest

from kg.gazetteer import (
    names_of,
    normalize,
    place_by_code,
    place_by_label,
    places,
    province_of,
    surface_candidates,
)
from kg.model import PlaceKind


def test_counts_follow_kepmendagri_2025():
    kinds = Counter(p.kind for p in places())
    assert kinds == {PlaceKind.PROVINCE: 38, PlaceKind.REGENCY: 416, PlaceKind.CITY: 98}


def test_codes_are_unique_and_well_formed():
    codes = [p.code for p in places()]
    assert len(codes) == len(set(codes))
    for place in places():
        if place.kind is PlaceKind.PROVINCE:
            assert len(place.code) == 2 and place.code.isdigit()
        else:
            number = int(place.code[3:])
            assert place.code[2] == "."
            assert (number >= 71) == (place.kind is PlaceKind.CITY)


def test_every_kabupaten_and_kota_lies_in_a_listed_province_matching_its_code():
    for place in places():
        province = province_of(place)
        if place.kind is PlaceKind.PROVINCE:
            assert province is None
            continue
        assert province is not None and province.kind is PlaceKind.PROVINCE
        assert place.code.startswith(province.code + ".")


def test_names_carry_no_type_word():
    for place in places():
        assert not place.name.startswith(("Kabupaten ", "Kota ", "Provinsi ", "Administrasi "))
        assert place.name == place.name.strip() and "  " not in place.name


def test_lookup_by_code():
    muara_enim = place_by_code("16.03")
    assert muara_enim is not None
    assert muara_enim.label == "Kabupaten Muara Enim"
    assert place_by_code("16").name == "Sumatera Selatan"
    assert place_by_code("99.99") is None


def test_kabupaten_and_kota_of_the_same_name_are_separate_rows():
    assert place_by_label("Kabupaten Bekasi").code == "32.16"
    assert place_by_label("Kota Bekasi").code == "32.75"


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("Kabupaten Muara Enim", "16.03"),
        ("Kab. Muara Enim", "16.03"),
        ("kab muara  enim", "16.03"),
        ("Pemkab Muara Enim", "16.03"),
        ("Muara Enim", "16.03"),
        ("Kota Lubuklinggau", "16.73"),
        ("Lubuk Linggau", "16.73"),
        ("Lubuklinggau", "16.73"),
        ("Pagaralam", "16.72"),
        ("Pagar Alam", "16.72"),
        ("Provinsi Sumatera Selatan", "16"),
        ("Pemprov Sumsel", "16"),
        ("Sumsel", "16"),
        ("SUMSEL", "16"),
        ("Muratara", "16.13"),
        ("Muba", "16.06"),
        ("Mura", "16.05"),
        ("OKU", "16.01"),
        ("OKI", "16.02"),
        ("PALI", "16.12"),
        ("Pali", "16.12"),
        ("Sumut", "12"),
        ("Sumbar", "13"),
        ("Jabar", "32"),
        ("Jateng", "33"),
        ("Jatim", "35"),
        ("Kaltim", "64"),
        ("Kalbar", "61"),
        ("Sulsel", "73"),
        ("DKI", "31"),
        ("DKI Jakarta", "31"),
        ("Babel", "19"),
        ("NTB", "52"),
        ("NTT", "53"),
        ("DIY", "34"),
        ("Prov. Jambi", "15"),
        ("Kota Jambi", "15.71"),
    ],
)
def test_label_variants_resolve(label, code):
    place = place_by_label(label)
    assert place is not None, label
    assert place.code == code


def test_bare_name_of_kabupaten_and_kota_means_the_kabupaten():
    assert place_by_label("Bekasi").kind is PlaceKind.REGENCY
    assert place_by_label("Kota Bekasi").kind is PlaceKind.CITY


def test_bare_name_of_a_province_and_its_capital_means_the_province():
    assert place_by_label("Bengkulu").kind is PlaceKind.PROVINCE
    assert place_by_label("Kota Bengkulu").kind is PlaceKind.CITY


def test_unknown_label_gives_none():
    assert place_by_label("Kabupaten Antah Berantah") is None
    assert place_by_label("") is None


def test_no_surface_names_two_regions_of_the_same_kind():
    for text, surfaces in surface_candidates().items():
        kinds = Counter((s.typed, s.place.kind) for s in surfaces)
        assert max(kinds.values()) == 1, (text, [s.place.label for s in surfaces])


def test_aliases_are_listed_after_the_official_name():
    musi_rawas_utara = place_by_code("16.13")
    assert names_of(musi_rawas_utara) == ("Musi Rawas Utara", "Muratara")


def test_normalize_folds_case_and_space():
    assert normalize("  Kab.  Muara\tEnim ") == "kab. muara enim"
