"""Extraction, relation by relation, on short articles written for these tests (fictional
people, real region names)."""

from __future__ import annotations

from dataclasses import replace

from articles import article

from kg.extract import extract
from kg.model import (
    Candidacy,
    CandidacyStatus,
    ElectionOnDate,
    Extraction,
    HoldsOffice,
    IssuesDirective,
)


def of_kind(result: Extraction, kind: type | tuple[type, ...]) -> list:
    """The facts of `result` of one kind (or of several)."""
    return [f for f in result.facts if isinstance(f, kind)]


def holdings(text: str, **kwargs) -> set[tuple[str, str, str | None, bool]]:
    facts = extract(article(text, **kwargs)).facts
    return {
        (
            f.person.name,
            f.office.title,
            f.office.jurisdiction.label if f.office.jurisdiction else None,
            f.current,
        )
        for f in facts
        if isinstance(f, HoldsOffice)
    }


def test_holds_office_from_apposition_with_honorifics():
    found = holdings(
        "Pemkab Lahat Gelar Rapat\n"
        "LAHAT - Penjabat (Pj) Bupati Lahat, H Darmawan Syahputra, SH, MM, membuka rapat "
        "koordinasi di Pendopo Rumah Dinas Bupati.\n"
    )
    assert ("Darmawan Syahputra", "Penjabat Bupati", "Kabupaten Lahat", True) in found


def test_honorifics_are_kept_apart_from_the_name():
    result = extract(
        article(
            "Rapat Koordinasi\n"
            "Pj Wali Kota Prabumulih, Drs. H. Rusdi Hartawan, S.Sos, M.Si, hadir dalam rapat itu.\n"
        )
    )
    person = next(p for p in result.persons if p.name == "Rusdi Hartawan")
    assert person.prefixes == ("Drs", "H")
    assert person.suffixes == ("S.Sos", "M.Si")


def test_holds_office_from_name_then_yang_menjabat_sebagai():
    found = holdings(
        "Birokrat Mencuat\n"
        "Salah satu nama itu adalah H Bambang Irawan yang saat ini menjabat sebagai "
        "Sekretaris Dewan (Sekwan) Kota Prabumulih.\n"
    )
    assert ("Bambang Irawan", "Sekretaris DPRD", "Kota Prabumulih", True) in found


def test_office_abbreviation_maps_to_full_title():
    found = holdings(
        "Rapat Pleno\n"
        "Sekda Kabupaten Ogan Ilir, Rahmat Hidayat, mengatakan rapat pleno digelar besok.\n"
    )
    assert ("Rahmat Hidayat", "Sekretaris Daerah", "Kabupaten Ogan Ilir", True) in found


def test_acting_head_without_role_takes_it_from_the_region_type():
    found = holdings("Serah Terima\nYang ditunjuk menjadi Plt Muratara, Sulastri Wulandari.\n")
    assert ("Sulastri Wulandari", "Pelaksana Tugas Bupati", "Kabupaten Musi Rawas Utara", True) in (
        found
    )


def test_former_holder_is_not_current():
    found = holdings(
        "Pergantian Pj\n"
        "Pj Wali Kota Pagar Alam sebelumnya Agus Santosa kembali menjadi Sekda di wilayah "
        "tersebut. Dia digantikan Indra Kusuma, Kepala Dinas Pendidikan Sumsel sebagai "
        "Pj Wali Kota Pagar Alam.\n"
    )
    assert ("Agus Santosa", "Penjabat Wali Kota", "Kota Pagar Alam", False) in found
    assert ("Agus Santosa", "Sekretaris Daerah", "Kota Pagar Alam", True) in found
    assert ("Indra Kusuma", "Kepala Dinas Pendidikan", "Provinsi Sumatera Selatan", True) in found
    assert ("Indra Kusuma", "Penjabat Wali Kota", "Kota Pagar Alam", True) in found


def test_short_mention_resolves_to_the_full_name():
    result = extract(
        article(
            "Netralitas ASN\n"
            "Pj Bupati Banyuasin, H Sutrisno Wijaya, membuka acara itu.\n"
            "Sutrisno mengingatkan seluruh ASN agar menjaga netralitas dalam Pilkada.\n"
        )
    )
    directives = of_kind(result, IssuesDirective)
    assert [d.official.name for d in directives] == ["Sutrisno Wijaya"]
    person = next(p for p in result.persons if p.name == "Sutrisno Wijaya")
    assert "Sutrisno" in person.aliases


def test_directive_with_addressees_topic_and_date():
    result = extract(
        article(
            "Pj Bupati Lahat Ingatkan Camat, Lurah Harus Netral\n"
            "LAHAT - Pj Bupati Lahat, H Darmawan Syahputra, mengingatkan seluruh ASN, camat dan "
            "lurah untuk menjaga netralitas dalam Pilkada Serentak 2024.\n"
            "Hal itu disampaikan saat apel pagi, Senin (9/9/2024).\n"
        )
    )
    directives = of_kind(result, IssuesDirective)
    groups = {g for d in directives for g in d.addressees}
    assert groups == {"ASN", "Camat", "Lurah"}
    assert {d.official.name for d in directives} == {"Darmawan Syahputra"}
    assert {d.topic for d in directives} == {"netralitas"}
    assert {d.date.iso for d in directives if d.date} == {"2024-09-09"}


def test_group_after_termasuk_is_not_an_addressee():
    result = extract(
        article(
            "Pelantikan\n"
            "Pj Gubernur Jambi Hendra Saputra meminta para ASN termasuk camat untuk menjaga "
            "netralitas.\n"
        )
    )
    groups = {g for f in of_kind(result, IssuesDirective) for g in f.addressees}
    assert groups == {"ASN"}


def test_no_directive_without_an_official():
    result = extract(
        article("Diskusi\nSeorang warga meminta ASN menjaga netralitas dalam pilkada.\n")
    )
    assert not of_kind(result, IssuesDirective)


def test_election_on_full_date_with_region():
    result = extract(
        article(
            "Pilwako Prabumulih\n"
            "PRABUMULIH - Pemilihan Wali Kota (Pilwako) Prabumulih 27 November 2024 sudah dekat.\n"
        )
    )
    claims = [
        (f.election.kind, f.election.jurisdiction.label, f.date.iso)
        for f in of_kind(result, ElectionOnDate)
    ]
    assert claims == [("Pemilihan Wali Kota", "Kota Prabumulih", "2024-11-27")]


def test_day_beats_year_and_relative_date_takes_year_from_context():
    result = extract(
        article(
            "Pilkada Lahat 2024\n"
            "Pilkada Lahat 2024 makin dekat. Pemungutan suara pilkada Lahat dijadwalkan "
            "27 November mendatang.\n",
            published="2024-07-01",
        )
    )
    claims = [(f.election.kind, f.date.iso) for f in of_kind(result, ElectionOnDate)]
    assert claims == [("Pemilihan Bupati", "2024-11-27")]


def test_past_election_is_not_claimed():
    result = extract(article("Kilas Balik\nPada pilkada 2018 lalu, partisipasi pemilih rendah.\n"))
    assert not of_kind(result, ElectionOnDate)


def test_generic_pilkada_without_region_is_the_simultaneous_round():
    result = extract(
        article("Jelang Pilkada\nMenghadapi Pilkada Serentak tahun 2024, warga diimbau tenang.\n")
    )
    claims = [
        (f.election.kind, f.election.jurisdiction, f.date.iso)
        for f in of_kind(result, ElectionOnDate)
    ]
    assert claims == [("Pilkada Serentak", None, "2024")]


def test_candidacy_floated_and_declared():
    result = extract(
        article(
            "Bursa Pilbup Lahat\n"
            "Jelang Pilbup Lahat 2024, nama H Joko Prasetyo semakin mencuat sebagai bakal calon.\n"
            "Sementara itu, Rina Marlina menyatakan siap maju dalam Pilbup Lahat.\n"
        )
    )
    found = {
        (f.person.name, f.election.kind, f.election.jurisdiction.label, f.status)
        for f in of_kind(result, Candidacy)
    }
    assert (
        "Joko Prasetyo",
        "Pemilihan Bupati",
        "Kabupaten Lahat",
        CandidacyStatus.FLOATED,
    ) in found
    assert (
        "Rina Marlina",
        "Pemilihan Bupati",
        "Kabupaten Lahat",
        CandidacyStatus.DECLARED,
    ) in found


def test_names_listed_after_a_candidate_sentence_are_floated():
    result = extract(
        article(
            "Bursa Pilkada\n"
            "Pilkada Kabupaten Lahat 2024 akan diikuti kandidat lama. "
            "Seperti H Joko Prasetyo, Hj Rina Marlina, ustad Samsudin.\n"
        )
    )
    names = {f.person.name for f in of_kind(result, Candidacy)}
    assert names == {"Joko Prasetyo", "Rina Marlina", "Samsudin"}


def test_negated_candidacy_is_ignored():
    result = extract(
        article(
            "Fokus Bertugas\n"
            "Hadi Kurniawan menegaskan dirinya tidak akan maju dalam Pilkada Lahat 2024.\n"
        )
    )
    assert not of_kind(result, Candidacy)


def test_the_speaker_of_a_quote_about_candidates_is_not_one():
    # '"... pasangan calon," tegas Sutomo': the quote's candidacy word is not about its speaker.
    result = extract(
        article(
            "Bawaslu Ingatkan Kades\n"
            "LAHAT - Ketua Bawaslu Lahat Sutomo Hadiwijaya mengingatkan kepala desa agar "
            'netral. "Jangan sampai ada kades yang ikut mengkampanyekan pasangan calon," '
            "tegas Sutomo, Senin (9/9/2024).\n"
        )
    )
    assert not of_kind(result, Candidacy)
    assert [f.person.name for f in of_kind(result, HoldsOffice)] == ["Sutomo Hadiwijaya"]


def test_a_candidate_pair_holds_neither_of_the_offices_they_run_for():
    # "calon" before "Wali Kota dan Wakil Wali Kota" speaks for both offices.
    result = extract(
        article(
            "Pasangan Hendra-Maya Mendaftar\n"
            "LAHAT - Pasangan bakal calon Bupati dan Wakil Bupati Lahat, Hendra Saputra dan "
            "Maya Lestari, resmi mendaftar ke KPU Kabupaten Lahat, Rabu (28/8/2024).\n"
        )
    )
    assert not of_kind(result, HoldsOffice)
    candidates = {f.person.name for f in of_kind(result, Candidacy)}
    assert candidates == {"Hendra Saputra", "Maya Lestari"}


def test_menjabat_without_sebagai_names_the_office_held():
    result = extract(
        article(
            "Siap Bertarung\n"
            "Hendra Saputra yang saat ini menjabat Ketua DPRD Lahat mengaku siap bertarung "
            "pada Pilkada Lahat 2024.\n"
        )
    )
    held = [
        (f.person.name, f.office.title, f.office.jurisdiction.name)
        for f in of_kind(result, HoldsOffice)
    ]
    assert held == [("Hendra Saputra", "Ketua DPRD", "Lahat")]


def test_mewanti_wanti_against_berpolitik_praktis_is_a_warning_about_neutrality():
    result = extract(
        article(
            "Pj Bupati Ingatkan ASN\n"
            "LAHAT - Pj Bupati Lahat, Darmawan Syahputra, mewanti-wanti seluruh aparatur sipil "
            "negara agar tidak berpolitik praktis, Kamis (5/9/2024).\n"
        )
    )
    directives = [
        (f.official.name, f.addressees, f.topic, f.kind) for f in of_kind(result, IssuesDirective)
    ]
    assert directives == [("Darmawan Syahputra", ("ASN",), "netralitas", "warn")]


def test_a_camat_of_a_kecamatan_named_after_its_town():
    # "Prabumulih Timur" is a kecamatan: "Timur" is not a person, Andika Saputra is the camat.
    result = extract(
        article(
            "Camat Ingatkan Lurah\n"
            "Camat Prabumulih Timur, Andika Saputra, mengingatkan para lurah agar menjaga "
            "netralitas.\n"
        )
    )
    held = [(f.person.name, f.office.title) for f in of_kind(result, HoldsOffice)]
    assert held == [("Andika Saputra", "Camat")]


def test_a_list_of_appointments_gives_each_post_to_the_name_before_sebagai():
    result = extract(
        article(
            "Pelantikan Pejabat\n"
            "Ketiganya yakni Rahmat Hidayat sebagai Kepala Dinas Kesehatan, Sri Wahyuni sebagai "
            "Kepala Dinas Sosial, serta Dedi Irawan sebagai Kepala Satpol PP.\n"
        )
    )
    held = {(f.person.name, f.office.title) for f in of_kind(result, HoldsOffice)}
    assert held == {
        ("Rahmat Hidayat", "Kepala Dinas Kesehatan"),
        ("Sri Wahyuni", "Kepala Dinas Sosial"),
        ("Dedi Irawan", "Kepala Satpol PP"),
    }


def test_an_office_holder_known_by_one_name_can_be_a_candidate():
    # One capitalised word near a candidacy word is mostly not a name; an office holder's is.
    result = extract(
        article(
            "Wabup Lahat Mendaftar\n"
            "LAHAT - Wakil Bupati Lahat, Haryanto, resmi mendaftar sebagai bakal calon Bupati "
            "Lahat ke KPU Kabupaten Lahat, Kamis (29/8/2024).\n"
        )
    )
    candidacies = [(f.person.name, f.status) for f in of_kind(result, Candidacy)]
    assert candidacies == [("Haryanto", CandidacyStatus.REGISTERED)]


def test_an_official_who_warns_the_candidates_is_not_one():
    result = extract(
        article(
            "Bawaslu Awasi Politik Uang\n"
            "LAHAT - Ketua Bawaslu Lahat, Sutomo Hadiwijaya, mengingatkan seluruh pasangan "
            "calon agar tidak melakukan politik uang pada masa tenang.\n"
        )
    )
    assert not of_kind(result, Candidacy)


def test_a_schedule_sentence_dates_the_vote_not_the_quiet_days_before_it():
    result = extract(
        article(
            "Masa Tenang Pilkada\n"
            "LAHAT - Bawaslu Lahat mengawasi masa tenang Pilkada Lahat 2024.\n"
            "Masa tenang berlangsung 24-26 November, sedangkan pemungutan suara dilaksanakan "
            "Rabu (27/11/2024).\n"
        )
    )
    claims = [(f.election.label, f.date.iso) for f in of_kind(result, ElectionOnDate)]
    assert claims == [("Pemilihan Bupati Lahat 2024", "2024-11-27")]


def test_a_military_commander_with_his_command_number_rank_and_corps():
    result = extract(
        article(
            "Dandim Ingatkan Prajurit\n"
            "LAHAT - Dandim 0405/Lahat Letkol Inf Darmawan Yudha menegaskan prajurit TNI harus "
            "netral dalam Pilkada Lahat 2024, Selasa (8/10/2024).\n"
        )
    )
    held = [
        (f.person.name, f.person.prefixes, f.office.title, f.office.jurisdiction.name)
        for f in of_kind(result, HoldsOffice)
    ]
    assert held == [("Darmawan Yudha", ("Letkol", "Inf"), "Komandan Distrik Militer", "Lahat")]
    directives = [(f.official.name, f.addressees) for f in of_kind(result, IssuesDirective)]
    assert directives == [("Darmawan Yudha", ("TNI",))]


def test_yang_juga_names_a_second_office_and_bakal_maju_floats_a_name():
    result = extract(
        article(
            "Plh Bupati Lahat Buka Sosialisasi\n"
            "LAHAT - Plh Bupati Lahat, Drs. H. Muhammad Sobri, membuka sosialisasi netralitas ASN, "
            "Selasa (3/9/2024). Sobri yang juga Sekretaris Daerah Lahat meminta ASN netral.\n"
            "Nama anggota DPRD Sumsel, Rodi Wijaya, santer disebut bakal maju pada Pilkada Lahat "
            "2024.\n"
        )
    )
    held = {(f.person.name, f.office.title) for f in of_kind(result, HoldsOffice)}
    assert ("Muhammad Sobri", "Sekretaris Daerah") in held
    candidacies = [(f.person.name, f.status) for f in of_kind(result, Candidacy)]
    assert candidacies == [("Rodi Wijaya", CandidacyStatus.FLOATED)]


def test_a_title_in_lower_case_after_a_name_is_generic():
    result = extract(
        article(
            "Kades Diminta Netral\n"
            "PALEMBANG - Pj Gubernur Sumsel, Elen Setiadi, meminta kepala desa netral.\n"
            "Menurut Elen, kades yang terbukti terlibat politik praktis bisa dikenai sanksi.\n"
        )
    )
    held = [(f.person.name, f.office.title) for f in of_kind(result, HoldsOffice)]
    assert held == [("Elen Setiadi", "Penjabat Gubernur")]


def test_the_date_of_a_swearing_in_is_not_the_date_of_the_vote():
    result = extract(
        article(
            "Bupati Terpilih Dilantik Februari\n"
            "Bupati dan Wakil Bupati Lahat terpilih hasil Pilkada 2024, Hendra Saputra dan Maya "
            "Lestari, dijadwalkan dilantik pada 20 Februari 2025 mendatang.\n"
        )
    )
    claims = [(f.election.label, f.date.iso) for f in of_kind(result, ElectionOnDate)]
    assert claims == [("Pilkada Serentak 2024", "2024")]


def test_teachers_and_head_teachers_are_addressed():
    result = extract(
        article(
            "Guru Diminta Netral\n"
            "PALEMBANG - Plt Kepala Dinas Pendidikan Provinsi Sumatera Selatan, Hj. Rahmawati, "
            "S.Pd., meminta para guru dan kepala sekolah tidak terlibat politik praktis.\n"
        )
    )
    addressees = {a for f in of_kind(result, IssuesDirective) for a in f.addressees}
    assert addressees == {"Guru", "Kepala Sekolah"}


def test_a_national_post_written_with_ri():
    result = extract(
        article(
            "Bawaslu RI Minta Pengawas Siaga\n"
            "JAKARTA - Ketua Badan Pengawas Pemilu (Bawaslu) RI, Hendarto Wibisono, meminta "
            "seluruh pengawas pemilu siaga penuh dan menjaga netralitas selama masa tenang.\n"
        )
    )
    held = [
        (f.person.name, f.office.title, f.office.jurisdiction) for f in of_kind(result, HoldsOffice)
    ]
    assert held == [("Hendarto Wibisono", "Ketua Bawaslu", None)]
    directives = [(f.official.name, f.addressees) for f in of_kind(result, IssuesDirective)]
    assert directives == [("Hendarto Wibisono", ("Penyelenggara Pemilu",))]


def test_a_wife_an_aide_and_a_campaign_chief_hold_nothing_and_run_for_nothing():
    result = extract(
        article(
            "Bazar UMKM\n"
            "LAHAT - Istri Bupati Lahat, Hj. Sri Wahyuni, menghadiri bazar UMKM bersama ajudan "
            "Wali Kota Pagar Alam, Budi Santoso.\n"
            "Ketua Tim Pemenangan pasangan calon Bupati Lahat nomor urut 1, Darmadi Jufri, "
            "melaporkan dugaan pelanggaran kampanye ke Bawaslu Lahat.\n"
        )
    )
    assert not of_kind(result, (HoldsOffice, Candidacy))


def test_a_debate_day_is_not_the_vote_and_the_vote_is_found_after_it():
    result = extract(
        article(
            "Debat Kandidat Pilgub Sumsel\n"
            "PALEMBANG - KPU Sumsel akan menggelar debat publik pertama Pilgub Sumsel 2024 pada "
            "16 Oktober 2024.\n"
            "Debat kedua dijadwalkan pada 6 November 2024, sedangkan pemungutan suara berlangsung "
            "27 November 2024.\n"
        )
    )
    claims = [(f.election.label, f.date.iso) for f in of_kind(result, ElectionOnDate)]
    assert claims == [("Pemilihan Gubernur Sumatera Selatan 2024", "2024-11-27")]


def test_jatuh_pada_schedules_the_vote():
    result = extract(
        article(
            "Target Partisipasi\n"
            "PALEMBANG - KPU menargetkan partisipasi pemilih pada Pilkada Kota Palembang tahun "
            "2024 yang jatuh pada 27 November 2024 mencapai 80 persen.\n"
        )
    )
    claims = [(f.election.label, f.date.iso) for f in of_kind(result, ElectionOnDate)]
    assert claims == [("Pemilihan Wali Kota Palembang 2024", "2024-11-27")]


def test_a_party_nomination_and_a_declaration_declare_a_candidacy():
    result = extract(
        article(
            "Golkar Usung Arif Rahman\n"
            "KAYUAGUNG - Partai Golkar dan Gerindra resmi mengusung Arif Rahman sebagai calon "
            "Bupati Ogan Komering Ilir pada Pilkada 2024.\n"
            "Mantan Kapolres Prabumulih, AKBP (Purn) Yusuf Mansyur, mendeklarasikan diri maju "
            "sebagai bakal calon Wali Kota Prabumulih 2024.\n"
        )
    )
    found = {(f.person.name, f.status) for f in of_kind(result, Candidacy)}
    assert found == {
        ("Arif Rahman", CandidacyStatus.DECLARED),
        ("Yusuf Mansyur", CandidacyStatus.DECLARED),
    }


def test_names_listed_after_any_candidacy_sentence_are_floated():
    result = extract(
        article(
            "Formulir Dikembalikan\n"
            "LAHAT - Dua tokoh mengembalikan formulir pendaftaran bakal calon Bupati Lahat ke "
            "partai. Mereka adalah Hendra Saputra dan Yuliana Sari.\n"
        )
    )
    found = {(f.person.name, f.status) for f in of_kind(result, Candidacy)}
    assert found == {
        ("Hendra Saputra", CandidacyStatus.FLOATED),
        ("Yuliana Sari", CandidacyStatus.FLOATED),
    }


def test_a_spelling_variant_a_deputy_chair_and_more_addressed_groups():
    result = extract(
        article(
            "Apel Siaga Pilkada\n"
            "PANGKALAN BALAI - Wakil Bupati Banyu Asin, Netta Indriani, meminta jajaran Satpol PP "
            "menjaga ketertiban selama masa kampanye. Wakil Ketua KPU Banyuasin, Dedi Firmansyah, "
            "mengingatkan anggota PPK dan PPS agar netral.\n"
        )
    )
    held = {(f.person.name, f.office.title) for f in of_kind(result, HoldsOffice)}
    assert held == {("Netta Indriani", "Wakil Bupati"), ("Dedi Firmansyah", "Wakil Ketua KPU")}
    addressed = {(f.official.name, f.addressees) for f in of_kind(result, IssuesDirective)}
    assert addressed == {
        ("Netta Indriani", ("Satpol PP",)),
        ("Dedi Firmansyah", ("Penyelenggara Pemilu",)),
    }


def test_village_funds_for_a_candidate_is_a_neutrality_directive():
    result = extract(
        article(
            "Deklarasi Netralitas Kades\n"
            "MUARA ENIM - Pj Bupati Muara Enim, H Ahmad Rizali, meminta kades tidak menggunakan "
            "dana desa untuk kepentingan pasangan calon tertentu, Rabu (25/9/2024).\n"
        )
    )
    directives = [
        (f.official.name, f.addressees, f.topic) for f in of_kind(result, IssuesDirective)
    ]
    assert directives == [("Ahmad Rizali", ("Kepala Desa",), "netralitas")]


def test_every_fact_has_evidence_inside_the_article():
    text = (
        "Pj Bupati Lahat Ingatkan ASN\n"
        "LAHAT - Pj Bupati Lahat, H Darmawan Syahputra, mengingatkan ASN menjaga netralitas "
        "pada Pilkada Lahat 27 November 2024.\n"
    )
    result = extract(article(text))
    assert result.facts
    for fact in result.facts:
        evidence = fact.evidence
        assert text[evidence.start : evidence.end] == evidence.sentence
        assert 0 < evidence.confidence <= 1
        assert evidence.extractor


def test_schedule_in_the_same_sentence_upgrades_a_year_to_the_day():
    result = extract(
        article(
            "Pilgub Sumsel\n"
            "Pemungutan suara Pilgub Sumsel 2024 digelar Rabu (27/11/2024) di seluruh daerah.\n"
        )
    )
    claims = [(f.election.label, f.date.iso) for f in of_kind(result, ElectionOnDate)]
    assert claims == [("Pemilihan Gubernur Sumatera Selatan 2024", "2024-11-27")]


def test_hyphenated_candidate_pair_is_two_people():
    result = extract(
        article(
            "Pendaftaran\n"
            "Pasangan calon Hendra Gunawan-Siti Aisyah resmi mendaftar ke KPU Lahat untuk "
            "Pilkada Lahat 2024.\n"
        )
    )
    names = {f.person.name for f in of_kind(result, Candidacy)}
    assert names == {"Hendra Gunawan", "Siti Aisyah"}


def test_quote_attributed_after_it_is_a_directive():
    result = extract(
        article(
            "Apel Pagi\n"
            "Pj Bupati OKI, H. Rahmat Hidayat, memimpin apel pagi.\n"
            '"Kepala desa jangan ikut-ikutan kampanye. Kalau melanggar, kami tindak," tegas Rahmat.\n'
        )
    )
    directives = of_kind(result, IssuesDirective)
    assert [(d.official.name, d.addressees, d.topic) for d in directives] == [
        ("Rahmat Hidayat", ("Kepala Desa",), "kampanye")
    ]
    assert directives[0].quote.startswith("Kepala desa jangan")


def test_camat_title_reads_past_the_kecamatan_name():
    found = holdings("Rapat\nCamat Merapi Barat, M. Iqbal Ramadhan, hadir dalam rapat itu.\n")
    assert ("M. Iqbal Ramadhan", "Camat", None, True) in found


def test_bare_region_name_takes_the_kind_the_election_needs():
    result = extract(
        article(
            "Dua Pemilihan\nPilwako Jambi dan Pilgub Jambi sama-sama digelar 27 November 2024.\n"
        )
    )
    claims = {(f.election.label, f.date.iso) for f in of_kind(result, ElectionOnDate)}
    assert claims == {
        ("Pemilihan Wali Kota Jambi 2024", "2024-11-27"),
        ("Pemilihan Gubernur Jambi 2024", "2024-11-27"),
    }


def test_elected_is_not_holding():
    found = holdings(
        "Penetapan\nKPU menetapkan Budi Santoso sebagai Bupati Lahat terpilih dalam rapat pleno.\n"
    )
    assert not found


def test_registering_later_is_declared_registering_now_is_registered():
    result = extract(
        article(
            "Dua Nama Bersiap ke KPU Lahat\n"
            "Jelang Pilbup Lahat 2024, Sekda Lahat Bambang Irawan menyatakan akan mendaftar ke KPU sebagai bakal calon bupati.\n"
            "Adapun Suryani Putri resmi mendaftar ke KPU Lahat sebagai calon bupati dalam Pilbup Lahat.\n"
        )
    )
    status = {f.person.name: f.status for f in of_kind(result, Candidacy)}
    assert status["Bambang Irawan"] == CandidacyStatus.DECLARED
    assert status["Suryani Putri"] == CandidacyStatus.REGISTERED


def test_period_of_office_is_read_in_any_letter_case_and_in_non_ascii_text():
    """ "periode 2018-2023" dates the holding in any letter case, also in a sentence that
    is not plain ASCII (a long dash)."""

    def tenure(text: str) -> set[tuple[str, str | None, str | None]]:
        return {
            (f.person.name, f.start.iso if f.start else None, f.end.iso if f.end else None)
            for f in extract(article(text)).facts
            if isinstance(f, HoldsOffice)
        }

    upper = (
        "Mantan Bupati Lahat Hadiri Apel\n"
        "LAHAT - Mantan Bupati Lahat, H Darmawan Syahputra, yang menjabat PERIODE 2018-2023 "
        "hadir dalam apel.\n"
    )
    non_ascii = upper.replace("dalam apel", "dalam apel pagi — tanpa pengawalan")
    assert tenure(upper) == {("Darmawan Syahputra", "2018", "2023")}
    assert tenure(non_ascii) == {("Darmawan Syahputra", "2018", "2023")}
    assert tenure(upper.replace(" PERIODE 2018-2023", "")) == {("Darmawan Syahputra", None, None)}


def test_letters_that_regex_matches_to_ascii_ones_read_as_the_form_they_match():
    # "İ", "ı" and "ſ" match "i" and "s" when case is ignored, but lower() does not make them
    # so: such a text once lost the whole article to a KeyError or a StopIteration.
    plain = (
        "PILKADA Kabupaten Lahat\n"
        "LAHAT - Penjabat Bupati Lahat, Hendra Wiratama, mengimbau seluruh ASN menjaga "
        "netralitas menjelang PILKADA serentak pada 27 November 2024. Rapat digelar "
        "Kamis (15/8/2024) di Lahat, dan evaluasi pada 20 Agustus 2024."
    )
    twins = plain.replace("PILKADA", "PİLKADA").replace("Agustus", "Aguſtus")

    def facts(text: str) -> set:
        found = extract(article(text, published="2024-08-15")).facts
        return {replace(fact, evidence=None) for fact in found}

    want = facts(plain)
    assert {type(fact) for fact in want} == {HoldsOffice, IssuesDirective, ElectionOnDate}
    assert facts(twins) == want
    assert facts(twins.replace("İ", "ı")) == want
    # inside a word as well (the name finder reads it as its base letter, "I")
    assert facts(plain.replace("mengimbau", "mengİmbau")) == want
