"""Plain-text inputs: the Hebei exports (from Word, from PDF) by their own readers, every other
text (tables copied from web pages and documents) by the plain-text table reader."""

from __future__ import annotations

from jixiao.layout import Layout
from jixiao.readers.text.docx_export import (
    is_docx_export,
    is_word_cell_export,
    read_docx_export,
)
from jixiao.readers.text.pdf_export import is_pdf_export, read_pdf_export
from jixiao.readers.text.plain import looks_tabular, read_plain_text

__all__ = ["read_text_layout"]


def read_text_layout(text: str, *, source: str) -> Layout:
    """The layout of a text. A text with no table comes back as paragraphs; the assembler
    then says that no 绩效目标表 was found and what was seen (``source`` names the file there)."""
    lines = text.split("\n")
    if is_docx_export(lines) or is_word_cell_export(lines):
        return read_docx_export(text)
    if is_pdf_export(lines) and not looks_tabular(lines):
        return read_pdf_export(text)
    layout, _tables = read_plain_text(text)
    return layout
