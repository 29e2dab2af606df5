"""Renderers: the document model in the official layout (DOCX, XLSX, HTML, PDF).

Each renderer is imported on first use, so reading documents never loads python-docx, openpyxl
or WeasyPrint.
"""

from __future__ import annotations

from typing import Literal

from jixiao.model import Document

__all__ = ["TARGETS", "Target", "render"]

Target = Literal["docx", "xlsx", "html", "pdf"]
TARGETS: tuple[Target, ...] = ("docx", "xlsx", "html", "pdf")


def render(doc: Document, to: Target) -> bytes:
    """The document as a file of kind ``to`` (HTML as UTF-8 bytes)."""
    if to == "docx":
        from jixiao.render.docx import render_docx

        return render_docx(doc)
    if to == "xlsx":
        from jixiao.render.xlsx import render_xlsx

        return render_xlsx(doc)
    if to == "html":
        from jixiao.render.html import render_html

        return render_html(doc).encode("utf-8")
    from jixiao.render.pdf import render_pdf

    return render_pdf(doc)
