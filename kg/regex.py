"""Regex helpers shared by ingest and extract."""

from __future__ import annotations

import re

# How far before a position a "what comes right before" pattern may reach. Every such pattern
# in kg matches a few words (a cue word, then at most ~60 characters up to the position).
BEFORE_REACH = 120


def ends_at(pattern: re.Pattern[str], text: str, end: int, reach: int = BEFORE_REACH) -> bool:
    """Whether `pattern` (anchored with `$`) matches text ending at `end`.

    Same answer as `pattern.search(text[:end])` for any match shorter than `reach`, but it
    costs O(reach), not O(end): the `$`-anchored search tries every start position, and asked
    once per mention it made a long article quadratic. `\\b` still sees the character before
    the window, as re does with `pos`.
    """
    return pattern.search(text, max(0, end - reach), end) is not None
