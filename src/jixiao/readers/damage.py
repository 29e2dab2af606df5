"""The one wording of "this file is damaged" for every reader, in the user's terms.

A library's own reason (``zlib.error``, ``Exceeds the limit (4300 digits)…``, a Rust panic)
is English and names its internals; users only need to know which file, that it is damaged or
not what it claims to be, and what to do. The reason stays on the exception's ``__cause__``
for ``JIXIAO_DEBUG=1``.
"""

from __future__ import annotations

from typing import Literal

from jixiao._exceptions import FileTooLargeError, ReadError

__all__ = ["Kind", "damaged", "label", "too_complex"]

Kind = Literal["xlsx", "xls", "docx", "doc", "pdf", "image", "text", "json", "zip", "file"]

_LABELS: dict[str, str] = {
    "xlsx": "Excel 文件（XLSX）",
    "xls": "Excel 文件（XLS）",
    "docx": "Word 文档（DOCX）",
    "doc": "Word 文档（DOC）",
    "pdf": "PDF 文件",
    "image": "图片文件",
    "text": "文本文件",
    "json": "JSON 文件",
    "zip": "Office 文件",
    "file": "文件",
}

_HINTS: dict[str, str] = {
    "xlsx": "请确认文件已完整下载；可用 Excel 或 WPS 打开后另存为 XLSX 再试。",
    "xls": "请确认文件已完整下载；可用 Excel 或 WPS 打开后另存为 XLSX 再试。",
    "docx": "请确认文件已完整下载；可用 Word 或 WPS 打开后另存为 DOCX 再试。",
    "doc": "请确认文件已完整下载；可用 Word 或 WPS 打开后另存为 DOCX 再试。",
    "pdf": "请确认文件已完整下载；可用 PDF 阅读器打开后重新另存为 PDF 再试。",
    "image": "请确认图片已完整下载，或重新扫描、另存为 PNG/JPEG 后再试。",
}
_DEFAULT_HINT = "请确认文件已完整下载，或重新导出后再试。"


def label(kind: str) -> str:
    """The user's name of a kind of file (``Excel 文件（XLSX）``)."""
    return _LABELS.get(kind, _LABELS["file"])


def damaged(kind: str, source: str, *, where: str | None = None) -> ReadError:
    """``<file>：Excel 文件（XLSX）已损坏或格式异常，无法读取`` with what to do."""
    at = f"（{where}）" if where else ""
    return ReadError(
        f"{label(kind)}已损坏或格式异常{at}，无法读取",
        source=source,
        hint=_HINTS.get(kind, _DEFAULT_HINT),
    )


def too_complex(kind: str, source: str) -> FileTooLargeError:
    """A file whose structure is too deep or too large to read within the memory limits."""
    return FileTooLargeError(
        f"{label(kind)}的结构过于复杂（嵌套过深或内容过多），已停止读取",
        source=source,
        hint="正常的绩效目标文件不会这样；请确认文件来源可靠，或另存后再试。",
    )
