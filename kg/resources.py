"""Where the shipped data lives: ontology, named queries, lexicons, sample articles."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _package_dir(package: str) -> Path:
    return Path(str(resources.files(package)))


def ontology_dir() -> Path:
    return _package_dir("kg.ontology")


def queries_dir() -> Path:
    return _package_dir("kg.queries")


def data_dir() -> Path:
    return _package_dir("kg.data")


def samples_dir() -> Path:
    return _package_dir("kg.samples")
