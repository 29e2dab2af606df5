"""Pairs of documents for the comparison tests: a seed read as it is (OLD) and a copy changed
in code (NEW), one change per test."""

from __future__ import annotations

from jixiao.model import Document, Indicator
from jixiao.reading import read_bytes
from jixiao.values import parse_value
from tests.conftest import SEEDS


def seed(key: str = "003") -> Document:
    path = SEEDS[key]
    return read_bytes(path.read_bytes(), name=path.name)


def next_year(doc: Document) -> Document:
    new = doc.model_copy(deep=True)
    new.fiscal_year = (doc.fiscal_year or 2000) + 1
    new.source.name = f"next-{doc.source.name}"
    return new


def pair(key: str = "003") -> tuple[Document, Document]:
    old = seed(key)
    return old, next_year(old)


def set_value(indicator: Indicator, text: str) -> None:
    indicator.value_text = text
    indicator.value = parse_value(text)


def find(doc: Document, project: int, name: str) -> Indicator:
    """The indicator called ``name`` in the project at index ``project``."""
    return next(i for i in doc.projects[project].indicators if i.name == name)
