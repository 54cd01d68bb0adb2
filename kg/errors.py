"""Errors a user can fix. The CLI prints them as one line, never a traceback."""

from __future__ import annotations


def first_line(error: BaseException) -> str:
    """The first line of an error's message (its type's name when it has none): library
    errors often carry a multi-line report where the user needs one line."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


class KgError(Exception):
    """A problem with the user's input or environment, worded for the user."""


class InputError(KgError):
    """An input file (or one record in it) cannot be read as an article. `detail` holds the
    traceback of an unexpected failure (a bug, not the file's fault), for `kg --debug`."""

    def __init__(self, source: str, problem: str, detail: str | None = None) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
        self.detail = detail


class QueryError(KgError):
    """A SPARQL query (or a named query or one of its parameters) is not usable."""


class StoreError(KgError):
    """The store cannot be opened or written."""


class NotFoundError(KgError):
    """Nothing in the store answers to that name or IRI."""
