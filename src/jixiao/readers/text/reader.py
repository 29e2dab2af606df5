"""Plain-text inputs: pick the DOCX-export or PDF-export reader by what the text looks like."""

from __future__ import annotations

from jixiao._exceptions import NotAPerformanceDocumentError
from jixiao.layout import Layout
from jixiao.readers.text.docx_export import is_docx_export, read_docx_export
from jixiao.readers.text.pdf_export import is_pdf_export, read_pdf_export

__all__ = ["read_text_layout"]


def read_text_layout(text: str, *, source: str) -> Layout:
    lines = text.split("\n")
    if is_docx_export(lines):
        return read_docx_export(text)
    if is_pdf_export(lines):
        return read_pdf_export(text)
    raise NotAPerformanceDocumentError(
        "文本中没有找到绩效目标表（缺少“项目编码”等栏目）",
        source=source,
        hint="请确认这是部门预算绩效信息文件；如果是 Word 或 PDF 文件，请直接读取原文件。",
    )
