"""Build Article records from short texts written in the tests (no ingest involved)."""

from __future__ import annotations

import re

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
