"""Score extraction against gold facts (the gold format in DESIGN.md).

Both sides are put in canonical form before comparing: names without honorifics and case,
office titles through the same office reader the extractor uses ("Sekwan" = "Sekretaris
DPRD", "Pj" = "Penjabat"), regions by their Kemendagri code ("Pemkab Muara Enim" = "Kabupaten
Muara Enim"), election kinds by region ("Pilkada" in a kabupaten = "Pemilihan Bupati"). A
gold region or date of null matches anything. Only current holdings are scored. Facts are
matched one to one within an article.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.extract.elections import canonicalise_kind
from kg.extract.offices import find_offices
from kg.extract.persons import is_prefix, is_suffix
from kg.extract.places import find_places
from kg.gazetteer import place_by_label
from kg.lexicon import lookup
from kg.model import (
    Candidacy,
    ElectionOnDate,
    Extraction,
    HoldsOffice,
    IssuesDirective,
    Place,
)

RELATIONS = ("holds_office", "issues_directive", "election_on_date", "candidacy")
Key = tuple[str | None, ...]


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalReport:
    scores: dict[str, Score] = field(default_factory=lambda: {r: Score() for r in RELATIONS})
    misses: list[tuple[str, str, Key]] = field(default_factory=list)  # (article, relation, key)
    false_positives: list[tuple[str, str, Key]] = field(default_factory=list)
    articles_scored: int = 0
    articles_missing: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        total = Score()
        for score in self.scores.values():
            total.gold += score.gold
            total.predicted += score.predicted
            total.correct += score.correct
        return total


def read_gold(path: Path) -> dict[str, list[dict]]:
    """Gold facts by article id; a broken line is an InputError naming the file and line."""
    gold: dict[str, list[dict]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeError) as error:
        raise InputError(str(path), f"cannot read gold file: {error}") from error
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            gold[str(record["article"])] = list(record["facts"])
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError(f"{path}:{number}", f"not a gold record: {error}") from error
    return gold


def evaluate(gold: dict[str, list[dict]], extractions: Iterable[Extraction]) -> EvalReport:
    report = EvalReport()
    predicted = {e.article.id: e for e in extractions}
    for article_id, gold_facts in gold.items():
        extraction = predicted.get(article_id)
        if extraction is None:
            report.articles_missing.append(article_id)
        else:
            report.articles_scored += 1
        for relation in RELATIONS:
            golds = [_gold_key(f) for f in gold_facts if f.get("relation") == relation]
            preds = sorted(set(_predicted_keys(extraction, relation)), key=str)
            _score(report, article_id, relation, golds, preds)
    return report


def _score(
    report: EvalReport, article: str, relation: str, golds: list[Key], preds: list[Key]
) -> None:
    score = report.scores[relation]
    score.gold += len(golds)
    score.predicted += len(preds)
    unmatched = list(preds)
    for gold in golds:
        match = next((p for p in unmatched if _matches(gold, p)), None)
        if match is None:
            report.misses.append((article, relation, gold))
        else:
            unmatched.remove(match)
            score.correct += 1
    report.false_positives += [(article, relation, p) for p in unmatched]


def _matches(gold: Key, predicted: Key) -> bool:
    """Equal field by field, a gold None (unknown region or date) matching anything."""
    return all(g is None or g == p for g, p in zip(gold, predicted, strict=True))


# --- canonical forms -----------------------------------------------------------------------


def name_key(name: str) -> str:
    words = [w for w in name.replace(",", " ").split() if not is_prefix(w) and not is_suffix(w)]
    return " ".join(words).replace(".", "").lower()


def office_key(title: str) -> str:
    offices = find_offices(title, find_places(title))
    if offices and offices[0].start == 0:
        return offices[0].office().title.lower()
    return " ".join(title.split()).lower()


def region_key(label: str | None) -> str | None:
    if not label:
        return None
    place = place_by_label(label)
    return place.code if place else label.lower()


def _place(label: str | None) -> Place | None:
    return place_by_label(label) if label else None


def audience_key(label: str) -> str:
    return lookup("audiences.tsv", "form", "audience").get(label.lower(), label).lower()


def _gold_key(fact: dict) -> Key:
    relation = fact.get("relation")
    region = fact.get("jurisdiction")
    if relation == "holds_office":
        return (name_key(fact["person"]), office_key(fact["office"]), region_key(region))
    if relation == "issues_directive":
        return (name_key(fact["official"]), audience_key(fact["addressee"]), fact.get("date"))
    if relation == "election_on_date":
        kind = canonicalise_kind(fact["election"], _place(region)).lower()
        return (kind, region_key(region), str(fact["date"]))
    kind = canonicalise_kind(fact["election"], _place(region)).lower()
    return (name_key(fact["person"]), kind, region_key(region), fact["status"])


def _predicted_keys(extraction: Extraction | None, relation: str) -> list[Key]:
    if extraction is None:
        return []
    keys: list[Key] = []
    for fact in extraction.facts:
        if relation == "holds_office" and isinstance(fact, HoldsOffice) and fact.current:
            office = fact.office
            region = office.jurisdiction.code if office.jurisdiction else None
            keys.append((name_key(fact.person.name), office.title.lower(), region))
        elif relation == "issues_directive" and isinstance(fact, IssuesDirective):
            date = fact.date.iso if fact.date else None
            for group in fact.addressees:
                keys.append((name_key(fact.official.name), group.lower(), date))
        elif relation == "election_on_date" and isinstance(fact, ElectionOnDate):
            election = fact.election
            region = election.jurisdiction.code if election.jurisdiction else None
            keys.append((election.kind.lower(), region, fact.date.iso))
        elif relation == "candidacy" and isinstance(fact, Candidacy):
            election = fact.election
            region = election.jurisdiction.code if election.jurisdiction else None
            keys.append(
                (name_key(fact.person.name), election.kind.lower(), region, fact.status.value)
            )
    return keys


def format_report(report: EvalReport, details: bool = True) -> str:
    lines = [f"{'relation':<18} {'gold':>5} {'pred':>5} {'ok':>5} {'P':>6} {'R':>6} {'F1':>6}"]
    rows = [*report.scores.items(), ("overall", report.overall)]
    for relation, score in rows:
        lines.append(
            f"{relation:<18} {score.gold:>5} {score.predicted:>5} {score.correct:>5} "
            f"{score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f}"
        )
    lines.append(f"articles scored: {report.articles_scored}")
    if report.articles_missing:
        lines.append(f"articles in gold but not read: {', '.join(report.articles_missing)}")
    if details:
        for title, items in (
            ("missed", report.misses),
            ("false positives", report.false_positives),
        ):
            if items:
                lines.append(f"{title}:")
                lines += [f"  {article} {relation} {key}" for article, relation, key in items]
    return "\n".join(lines)


def report_json(report: EvalReport) -> dict:
    def numbers(score: Score) -> dict:
        return {
            "gold": score.gold,
            "predicted": score.predicted,
            "correct": score.correct,
            "precision": round(score.precision, 4),
            "recall": round(score.recall, 4),
            "f1": round(score.f1, 4),
        }

    return {
        "relations": {r: numbers(s) for r, s in report.scores.items()},
        "overall": numbers(report.overall),
        "misses": [list(m) for m in report.misses],
        "false_positives": [list(f) for f in report.false_positives],
    }
