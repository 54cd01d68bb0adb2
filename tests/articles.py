"""Articles for the tests: Article records from short texts written in the tests (no ingest
involved), and a generated corpus of fictional articles written to files."""

from __future__ import annotations

import datetime
import random
import re
from pathlib import Path

from kg.model import Article, Paragraph


def article(text: str, article_id: str = "t1", published: str | None = None) -> Article:
    """An article whose first line is the title and every other non-empty line a paragraph."""
    paragraphs = []
    for number, match in enumerate(re.finditer(r"[^\n]+", text)):
        paragraphs.append(Paragraph(match.start(), match.group(), is_title=number == 0))
    title = paragraphs[0].text
    return Article(
        article_id, title, text, tuple(paragraphs), f"{article_id}.txt", published=published
    )


# --- a generated corpus ---------------------------------------------------------------------
# Many short articles in the style of regional news, about invented people (given name x
# family name drawn from the lists below) in real regions, for builds that need volume: the
# interrupted-build and fuzz tests. Deterministic for a given seed.

GIVEN_NAMES = (
    "Ahmad", "Rina", "Budi", "Sri", "Hendra", "Wulan", "Joko", "Dewi", "Rudi", "Lestari",
    "Agus", "Nurul", "Fajar", "Indah", "Yusuf", "Ratna", "Bambang", "Mega", "Irwan", "Sinta",
)  # fmt: skip
FAMILY_NAMES = (
    "Saputra", "Wijayanto", "Harahap", "Kusumawati", "Pranata", "Syahrial", "Maulana",
    "Anggraini", "Setiabudi", "Permatasari", "Hidayatullah", "Nugraha", "Fitriani", "Santika",
)  # fmt: skip
REGIONS = (
    ("Kabupaten", "Lahat", "LAHAT"), ("Kabupaten", "Muara Enim", "MUARA ENIM"),
    ("Kabupaten", "Banyuasin", "BANYUASIN"), ("Kabupaten", "Ogan Ilir", "INDRALAYA"),
    ("Kota", "Prabumulih", "PRABUMULIH"), ("Kota", "Lubuklinggau", "LUBUKLINGGAU"),
    ("Kota", "Pagar Alam", "PAGAR ALAM"), ("Kabupaten", "Musi Rawas", "MUSI RAWAS"),
)  # fmt: skip
_HEAD = {"Kabupaten": ("Bupati", "Pilbup"), "Kota": ("Wali Kota", "Pilwako")}

_TEMPLATES = (
    """{head_title} {region} Minta ASN Jaga Netralitas

{city} - Penjabat (Pj) {head} {region}, {honorific} {person}, meminta seluruh ASN menjaga netralitas menjelang {election} {region} 2024, {weekday} ({day}/{month_no}/2024).

"ASN harus netral dan tidak boleh ikut berkampanye," kata {short} saat apel pagi di halaman kantor {kind} {region}.

Pemungutan suara {election} {region} dijadwalkan pada 27 November 2024.
""",
    """Nama {person} Mencuat Jelang {election} {region}

{city} - Nama {person} semakin mencuat sebagai bakal calon {head} {region} dalam {election} {region} 2024.

{short} yang saat ini menjabat Sekretaris Daerah (Sekda) {kind} {region} mengaku masih menunggu keputusan partai, {weekday} ({day}/{month_no}/2024).
""",
    """Sekda {region} Pimpin Rapat Persiapan {election}

{city} - Sekda {kind} {region}, {person}, memimpin rapat koordinasi persiapan {election} {region} 2024 bersama para camat, {weekday} ({day}/{month_no}/2024).

Dalam rapat itu {short} menginstruksikan para camat dan lurah agar menjaga netralitas selama tahapan pilkada.

BACA JUGA: {other} Resmikan Pasar Baru
""",
    """Pasangan {person} dan {partner} Mendaftar ke KPU {region}

{city} - Pasangan bakal calon {head} dan Wakil {head} {region}, {person} dan {partner}, resmi mendaftar ke KPU {kind} {region}, {weekday} ({day}/{month_no}/2024).

Ketua KPU {kind} {region}, {other}, mengatakan berkas pasangan itu akan diverifikasi.

Cek Berita dan Artikel yang lain di Google News
""",
)
_WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def generated_article(number: int, seed: int = 0) -> str:
    """The text of generated article `number` (title on the first line)."""
    rng = random.Random(seed * 1_000_003 + number)

    def name() -> str:
        return f"{rng.choice(GIVEN_NAMES)} {rng.choice(FAMILY_NAMES)}"

    kind, region, city = rng.choice(REGIONS)
    head, election = _HEAD[kind]
    person = name()
    day = datetime.date(2024, rng.randint(7, 10), rng.randint(1, 28))
    fields = {
        "kind": kind,
        "region": region,
        "city": city,
        "head": head,
        "head_title": f"Pj {head}",
        "election": election,
        "person": person,
        "short": person.split()[0],
        "partner": name(),
        "other": name(),
        "honorific": rng.choice(("H", "Hj.", "Drs.", "Ir.")),
        "weekday": _WEEKDAYS[day.weekday()],
        "day": day.day,
        "month_no": day.month,
    }
    return rng.choice(_TEMPLATES).format(**fields)


def write_generated_corpus(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """`count` generated articles as .txt files in `folder` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"gen-{seed}-{number:04d}.txt"
        path.write_text(generated_article(number, seed), encoding="utf-8")
        paths.append(path)
    return paths
