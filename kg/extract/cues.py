"""Cue words from a lexicon table found in text: directive verbs, addressee groups, topics,
candidacy words. Each table has a `form` column and a value column."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from kg.lexicon import CaseFreePattern, forms_pattern, load_table


# A NamedTuple, not a frozen dataclass: made for every mention of every sentence, and a frozen
# dataclass's __init__ costs three times as much (it sets each field through object.__setattr__).
class Cue(NamedTuple):
    start: int
    end: int
    value: str


@cache
def _compiled(table: str, column: str, prefix: bool) -> tuple[CaseFreePattern, dict[str, str]]:
    values = {" ".join(row["form"].lower().split()): row[column] for row in load_table(table)}
    forms = list(values)
    pattern = CaseFreePattern.build(lambda lower: forms_pattern(forms, prefix, lower))
    return pattern, values


def find_cues(table: str, column: str, text: str, prefix: bool = False) -> list[Cue]:
    """Matches of the table's forms in `text`, longest first; with `prefix`, a form may be
    the start of a longer word ("netral" in "netralitasnya")."""
    forms, values = _compiled(table, column, prefix)
    pattern, subject = forms.on(text)
    cues = []
    for match in pattern.finditer(subject):
        key = " ".join(match.group().lower().split())
        value = values.get(key)
        if value is None:
            value = next(v for form, v in values.items() if key.startswith(form))
        cues.append(Cue(match.start(), match.end(), value))
    return cues
