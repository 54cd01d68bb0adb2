"""Cue words from a lexicon table found in text: directive verbs, addressee groups, topics,
candidacy words. Each table has a `form` column and a value column."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.lexicon import forms_pattern, load_table


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    value: str


@cache
def _compiled(table: str, column: str, prefix: bool) -> tuple[re.Pattern[str], dict[str, str]]:
    values = {" ".join(row["form"].lower().split()): row[column] for row in load_table(table)}
    return re.compile(forms_pattern(list(values), prefix=prefix), re.I), values


def find_cues(table: str, column: str, text: str, prefix: bool = False) -> list[Cue]:
    """Matches of the table's forms in `text`, longest first; with `prefix`, a form may be
    the start of a longer word ("netral" in "netralitasnya")."""
    pattern, values = _compiled(table, column, prefix)
    cues = []
    for match in pattern.finditer(text):
        key = " ".join(match.group().lower().split())
        value = values.get(key)
        if value is None:
            value = next(v for form, v in values.items() if key.startswith(form))
        cues.append(Cue(match.start(), match.end(), value))
    return cues
