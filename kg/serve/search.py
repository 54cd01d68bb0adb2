"""Find entities by name: prefix, accent- and case-insensitive, press abbreviations expanded.

Every word of the query must begin a word of one of the entity's names ("muara enim" finds
"Kabupaten Muara Enim", "henky" finds "Henky Putrawan"). Abbreviations the press uses are
read as their full forms from the lexicons in kg/data ("pilwako" is "Pemilihan Wali Kota",
"pj" is "Penjabat"), so they find the canonical labels the graph stores.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from kg.graph import vocab as v
from kg.lexicon import load_table

# Entity kinds by rdf:type, in the order results of equal match are listed.
KINDS = {
    str(v.SCHEMA.Person): "person",
    "http://www.w3.org/ns/org#Post": "office",
    str(v.SCHEMA.AdministrativeArea): "place",
    str(v.Election): "election",
    str(v.SCHEMA.Organization): "organisation",
    str(v.Audience): "audience",
    str(v.Topic): "topic",
}
_KIND_ORDER = {kind: rank for rank, kind in enumerate(KINDS.values())}
_ELECTION_FULL_FORM = {
    "generic": "pilkada",
    "bupati": "pemilihan bupati",
    "wali kota": "pemilihan wali kota",
    "gubernur": "pemilihan gubernur",
}
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Hit:
    iri: str
    label: str
    kind: str
    matched: str  # the name that matched (an alternate name, when not the label)


@dataclass(frozen=True, slots=True)
class _Entry:
    iri: str
    label: str
    kind: str
    name: str
    words: tuple[str, ...]
    folded: str


def fold(text: str) -> str:
    """Lower case without accents or punctuation: "Pilkada Ogan Komering Ulu" and
    "pilkada  ogan-komering ulu" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.findall(plain.casefold()))


@cache
def abbreviations() -> dict[str, str]:
    """Folded press abbreviation -> folded full form, from the election, office and
    qualifier lexicons (only forms whose full form differs)."""
    expanded: dict[str, str] = {}
    for row in load_table("elections.tsv"):
        full = _ELECTION_FULL_FORM.get(row["kind"])
        if full and " " not in row["form"]:
            expanded[fold(row["form"])] = full
    for row in load_table("offices.tsv"):
        full = fold(" ".join(part for part in (row["deputy"], row["role"]) if part))
        expanded[fold(row["form"])] = full
    for row in load_table("qualifiers.tsv"):
        expanded[fold(row["form"])] = fold(row["qualifier"])
    return {form: full for form, full in expanded.items() if form and form != full}


@cache
def _short_forms() -> dict[str, tuple[str, ...]]:
    """Folded full form -> the press abbreviations of it."""
    inverse: dict[str, list[str]] = {}
    for short, full in abbreviations().items():
        inverse.setdefault(full, []).append(short)
    return {full: tuple(sorted(shorts)) for full, shorts in inverse.items()}


def mention_variants(name: str) -> list[str]:
    """Ways the press writes a canonical name, longest first: "Penjabat Bupati Ogan Ilir" is
    also "Pj Bupati Ogan Ilir" and "Penjabat (Pj) Bupati Ogan Ilir"; "Pemilihan Bupati Ogan
    Ilir 2024" is also "Pilbup Ogan Ilir" (for highlighting mentions in evidence)."""
    variants = {name}
    if re.search(r"\s\d{4}$", name):
        variants.add(name[:-5])
    for full, shorts in _short_forms().items():
        pattern = re.compile(r"(?<!\w)" + re.escape(full) + r"(?!\w)", re.IGNORECASE)
        for variant in list(variants):
            if not pattern.search(variant):
                continue
            for short in shorts:
                variants.add(pattern.sub(short, variant, count=1))
                variants.add(pattern.sub(lambda m, s=short: f"{m.group(0)} ({s})", variant, 1))
    return sorted(variants, key=lambda text: (-len(text), text))


def expand(query: str) -> list[str]:
    """The folded words of a query, with abbreviations replaced by their full forms."""
    words: list[str] = []
    for word in fold(query).split():
        words.extend(abbreviations().get(word, word).split())
    return words


class SearchIndex:
    """Every named entity of the store's entity graph, held in memory for lookup."""

    def __init__(self, entries: list[_Entry]) -> None:
        self._entries = entries

    @classmethod
    def from_store(cls, store: ox.Store) -> SearchIndex:
        kinds = " ".join(f"<{iri}>" for iri in KINDS)
        query = f"""
            SELECT ?e ?type ?label ?name WHERE {{
              GRAPH <{v.ENTITIES_GRAPH}> {{
                VALUES ?type {{ {kinds} }}
                ?e a ?type .
                OPTIONAL {{ ?e <{v.RDFS.label}> ?rdfsLabel }}
                OPTIONAL {{ ?e <{v.SCHEMA.name}> ?schemaName }}
                BIND(COALESCE(?rdfsLabel, ?schemaName) AS ?label)
                {{ ?e <{v.RDFS.label}>|<{v.SCHEMA.name}>|<{v.SKOS.altLabel}> ?name }}
              }}
            }}"""
        entries: dict[tuple[str, str], _Entry] = {}
        for row in store.query(query):
            if row["label"] is None:
                continue
            iri, name = row["e"].value, row["name"].value
            folded = fold(name)
            entries.setdefault(
                (iri, folded),
                _Entry(
                    iri,
                    row["label"].value,
                    KINDS[row["type"].value],
                    name,
                    tuple(folded.split()),
                    folded,
                ),
            )
        return cls(sorted(entries.values(), key=lambda e: (e.label, e.iri, e.name)))

    def __len__(self) -> int:
        return len({entry.iri for entry in self._entries})

    def search(self, query: str, limit: int = 20, kind: str | None = None) -> list[Hit]:
        words = expand(query)
        if not words:
            return self._browse(kind, limit) if kind else []
        phrase = " ".join(words)
        best: dict[str, tuple[tuple, Hit]] = {}
        for entry in self._entries:
            if kind and entry.kind != kind:
                continue
            if not _all_words_begin(words, entry.words):
                continue
            rank = (
                entry.folded != phrase,  # exact name first
                not entry.folded.startswith(phrase),  # then names that start with the query
                _KIND_ORDER.get(entry.kind, 99),
                len(entry.label),
                entry.label,
                entry.iri,
            )
            current = best.get(entry.iri)
            if current is None or rank < current[0]:
                best[entry.iri] = (rank, Hit(entry.iri, entry.label, entry.kind, entry.name))
        ordered = sorted(best.values(), key=lambda pair: pair[0])
        return [hit for _, hit in ordered[:limit]]

    def _browse(self, kind: str, limit: int) -> list[Hit]:
        """Entities of one kind in label order (the home page's "browse")."""
        hits: dict[str, Hit] = {}
        for entry in self._entries:
            if entry.kind == kind and entry.iri not in hits:
                hits[entry.iri] = Hit(entry.iri, entry.label, entry.kind, entry.label)
        return sorted(hits.values(), key=lambda hit: (fold(hit.label), hit.iri))[:limit]


def _all_words_begin(words: list[str], name_words: tuple[str, ...]) -> bool:
    """Each query word begins a distinct word of the name, in any order."""
    free = list(name_words)
    for word in sorted(words, key=len, reverse=True):
        for index, candidate in enumerate(free):
            if candidate.startswith(word):
                del free[index]
                break
        else:
            return False
    return True
