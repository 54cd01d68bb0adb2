"""Person mentions: where a name can begin. The finder jumps from one letter that may begin a
name to the next, so these pin down that it begins names exactly where reading the sentence
token by token would."""

from __future__ import annotations

from kg.extract.persons import find_persons


def names(text: str, blocked: list[tuple[int, int]] | None = None) -> list[tuple[str, tuple]]:
    return [(m.name, m.prefixes) for m in find_persons(text, blocked=blocked)]


def test_name_after_an_opening_quote_or_parenthesis():
    text = "“Semua siap,” kata ketua panitia (Rusdianto Halim) kepada wartawan."
    assert names(text) == [("Rusdianto Halim", ())]


def test_honorific_written_in_lower_case_begins_a_name():
    text = "pasien dirujuk oleh dr Wulandari Sasmita ke rumah sakit daerah."
    assert names(text) == [("Wulandari Sasmita", ("dr",))]


def test_honorific_inside_a_hyphenated_word_is_not_one():
    # "koordinasi-dr" is one word: its "dr" does not begin a name.
    text = "usai rapat koordinasi-dr Wulandari Sasmita menyampaikan hasilnya."
    assert names(text) == [("Wulandari Sasmita", ())]


def test_capital_after_a_dot_inside_a_word_does_not_begin_a_name():
    # "Drs.Haryanto" is one token, neither an honorific nor a name word.
    assert names("surat itu diteken Drs.Haryanto kemarin.") == []


def test_apostrophe_inside_a_name_keeps_the_word_whole():
    assert names("Ketua DPRD, Ma'ruf Sasongko, membuka rapat.") == [("Ma'ruf Sasongko", ())]


def test_text_with_a_mark_after_a_mark_finds_the_same_names():
    # ".." before a quote makes the start of the next word depend on what came before: such
    # a text is read token by token, with the same result.
    plain = "ia menyebut 'Rusdianto Halim dan H. Sulaiman Effendi, SH sebagai saksi."
    marked = "ia menyebut..'Rusdianto Halim dan H. Sulaiman Effendi, SH sebagai saksi."
    expected = [("Rusdianto Halim", ()), ("Sulaiman Effendi", ("H",))]
    assert names(plain) == expected
    assert names(marked) == expected


def test_capitalised_stop_words_do_not_begin_names_but_names_after_them_do():
    text = "Bupati Karangasem Rusdianto Halim dan Ketua KPU Sulaiman Effendi hadir."
    blocked = [(0, 17), (37, 46)]  # the office mentions "Bupati Karangasem", "Ketua KPU"
    assert names(text, blocked) == [("Rusdianto Halim", ()), ("Sulaiman Effendi", ())]


def test_honorific_inside_a_blocked_span_still_begins_a_name():
    # Honorifics are not tested against blocked spans, only the name words after them.
    assert names("sambutan H. Sulaiman Effendi.", [(9, 11)]) == [("Sulaiman Effendi", ("H",))]


def test_a_name_with_letters_that_carry_marks_is_read_whole_and_kept_as_written():
    text = (
        "Ketua panitia, André Wijaya, didampingi Zulkarnaén Hasibuan dan "
        "Rizky Syahputrà, menghadiri “rapat” koordinasi."
    )
    names = [mention.name for mention in find_persons(text)]
    assert names == ["André Wijaya", "Zulkarnaén Hasibuan", "Rizky Syahputrà"]
    spans = [text[m.start : m.end] for m in find_persons(text, offset=0)]
    assert spans == names
    # the same text without marks gives the same mentions at the same places
    plain = text.replace("é", "e").replace("à", "a")
    assert [m[:2] for m in find_persons(plain)] == [m[:2] for m in find_persons(text)]


def test_an_honorific_of_two_words_stays_out_of_the_name():
    # honorifics.tsv has police ranks as "Irjen Pol": "Pol" is not the first name.
    text = "apel dipimpin langsung oleh Irjen Pol Hendra Wiratama di lapangan upacara."
    assert names(text) == [("Hendra Wiratama", ("Irjen Pol",))]
    text = "hadir pula Tuan Guru Zainul Majdi dan H Rosyid Hakim."
    assert names(text) == [("Zainul Majdi", ("Tuan Guru",)), ("Rosyid Hakim", ("H",))]


def test_the_arabic_article_joins_its_name_with_a_hyphen():
    # "Al-Hakim" is one name word; "Hendra-Siti" (a candidate pair) stays two names.
    text = "rapat dipimpin Ma'ruf Al-Hakim bersama pasangan Hendra-Siti dan Basal-Tono."
    assert [name for name, _ in names(text)] == [
        "Ma'ruf Al-Hakim",
        "Hendra",
        "Siti",
        "Basal",
        "Tono",
    ]
