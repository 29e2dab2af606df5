"""Writers of the fixtures: one module per form, each from ``layouts`` blocks (never jixiao's
own renderer, so a misunderstanding shared by renderer and reader cannot hide)."""

from __future__ import annotations

from collections.abc import Callable

from tests.templates.builders import (
    docx_builder,
    html_builder,
    pdf_builder,
    text_builder,
    xlsx_builder,
)
from tests.templates.layouts import Block, blocks_for

__all__ = ["PAGED_FORMS", "WEB_AND_TEXT_FORMS", "build", "write"]

_BUILDERS: dict[str, tuple[str, Callable[[list[Block]], bytes]]] = {
    "docx": ("docx", docx_builder.build),
    "xlsx": ("xlsx", xlsx_builder.build),
    "pdf": ("pdf", pdf_builder.build),
    "html": ("html", html_builder.build),
    "html-gbk": ("htm", html_builder.build_gbk),
    "mhtml": ("mhtml", html_builder.build_mhtml),
    "text-pipe": ("txt", text_builder.build_pipe),
    "text-tab": ("txt", text_builder.build_tab),
    "text-spaces": ("txt", text_builder.build_spaces),
    "text-lines": ("txt", text_builder.build_lines),
}
PAGED_FORMS = ("docx", "xlsx", "pdf")
WEB_AND_TEXT_FORMS = (
    "html",
    "html-gbk",
    "mhtml",
    "text-pipe",
    "text-tab",
    "text-spaces",
    "text-lines",
)


def build(family: str, form: str) -> tuple[bytes, str]:
    """The fixture's bytes and a file name for it."""
    ext, writer = _BUILDERS[form]
    return writer(blocks_for(family)), f"family_{family}_{form}.{ext}"


def write(blocks: list[Block], form: str) -> tuple[bytes, str]:
    """Any blocks in a form: the bytes and the file extension."""
    ext, writer = _BUILDERS[form]
    return writer(blocks), ext
