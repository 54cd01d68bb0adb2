"""Running `kg` in the tests: one command through click's CliRunner."""

from __future__ import annotations

from click.testing import CliRunner

from kg.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    """`kg ARGS...`: the exit code, standard output and standard error."""
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr
