"""Reading a built fixture through jixiao's public entry point."""

from __future__ import annotations

from jixiao import Document, read_bytes
from tests.templates.builders import build

__all__ = ["read_fixture"]


def read_fixture(family: str, form: str) -> Document:
    data, name = build(family, form)
    return read_bytes(data, name=name)
