"""Reading any input into a ``Document``: size check, format sniffing, reader, assembler.

Every reader runs inside one guard (``_ReaderGuard``): whatever a library raises on a hostile or
damaged file (``zlib.error``, ``NotImplementedError`` from ``zipfile``, a Rust panic, a
``RecursionError``…) becomes a Chinese ``ReadError`` naming the file and its kind, never an
internal error. Sniffing is inside the guard too. The assembler is not: an exception there is
a jixiao defect, and is reported as one.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from types import TracebackType

from jixiao._exceptions import (
    FileTooLargeError,
    JixiaoError,
    ReadError,
    UnsupportedFormatError,
    os_reason,
)
from jixiao.assemble import assemble
from jixiao.layout import Layout, LayoutWarning, Table
from jixiao.model import Document, SourceFormat, SourceInfo
from jixiao.readers.damage import damaged, too_complex
from jixiao.readers.detect import Format, sniff_format
from jixiao.readers.text import decode_text, read_text_layout

__all__ = ["MAX_INPUT_BYTES", "read_bytes", "read_path"]

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Inputs above this are refused before reading: real documents are a few MB at most."""


_SAVE_AS_TEXT = "请先将文件另存为或导出为文本（.txt）后再读取。"
_UNSUPPORTED: dict[str, tuple[str, str]] = {
    "ole": ("这种 Office 复合文档（不是 Word、WPS 或 Excel 文件）", _SAVE_AS_TEXT),
}


def read_path(path: str | Path, *, max_bytes: int = MAX_INPUT_BYTES) -> Document:
    """Read one file. Raises a ``JixiaoError`` (Chinese message naming the file) if it can't."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReadError("文件不存在", source=name, hint="请检查文件路径是否正确。") from None
    except OSError as exc:
        raise ReadError(f"无法访问文件（{os_reason(exc)}）", source=name) from None
    if path.is_dir():
        raise ReadError("这是一个文件夹，不是文件", source=name, hint="请指定要读取的文件。")
    _check_size(size, name, max_bytes)
    try:
        # Bounded: pipes, devices and /proc files report size 0 but may never end.
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(
            f"无法读取文件（{os_reason(exc)}）", source=name, hint="请检查文件权限。"
        ) from None
    if len(data) > max_bytes:
        raise FileTooLargeError(
            f"文件过大（超过上限 {max_bytes / 1024 / 1024:.0f} MB），已停止读取",
            source=name,
            hint="绩效目标文件通常只有几 MB；请确认选择了正确的文件。",
        )
    return read_bytes(data, name=path.name, max_bytes=max_bytes)


def read_bytes(data: bytes, *, name: str, max_bytes: int = MAX_INPUT_BYTES) -> Document:
    _check_size(len(data), name, max_bytes)
    if not data.strip():
        raise ReadError("文件是空的", source=name, hint="请确认导出或下载是否成功。")
    guard = _ReaderGuard(name)
    with guard:
        fmt = sniff_format(data)
        guard.kind = fmt
        if fmt == "json":
            return _read_json(data, name)
        if fmt == "text":
            text = decode_text(data, source=name)
            if not text.strip():  # a BOM or full-width spaces only
                raise ReadError("文件是空的", source=name, hint="请确认导出或下载是否成功。")
            layout, source_format = read_text_layout(text, source=name), "text"
            if _cut_in_a_table(text, layout):
                layout.warnings.append(
                    LayoutWarning(
                        "text_truncated",
                        "文本文件在表格中途结束（最后一行没有换行），可能未完整复制或下载；"
                        "最后一个项目的内容可能不全，请核对原件",
                    )
                )
        else:
            layout, source_format = _read_binary(fmt, data, name, guard)
    info = SourceInfo(name=name, format=source_format, sha256=hashlib.sha256(data).hexdigest())
    return assemble(layout, info)


def _cut_in_a_table(text: str, layout: Layout) -> bool:
    """A text whose last line has content but no line break, inside the last table: a copy or
    download cut off (editors and exports end a file with a line break or with text after the
    table, not in the middle of a row)."""
    last_line = text.rsplit("\n", 1)[-1]
    if text.endswith(("\n", "\r")) or not last_line.strip(" \t\u3000"):
        return False
    return bool(layout.blocks) and isinstance(layout.blocks[-1], Table)


class _ReaderGuard:
    """Maps anything a reader raises to a ``JixiaoError``; ``kind`` is what the file turned out
    to be so far (``file`` → ``zip`` → ``xlsx``), for the message."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.kind: str = "file"

    def __enter__(self) -> _ReaderGuard:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is None or isinstance(exc, JixiaoError):
            return
        if isinstance(exc, (MemoryError, RecursionError)):
            raise too_complex(self.kind, self.source) from exc
        if isinstance(exc, Exception) or type(exc).__name__ == "PanicException":
            # PanicException: a Rust library (calamine) panicked; pyo3 derives it from
            # BaseException. KeyboardInterrupt and SystemExit pass through.
            raise damaged(self.kind, self.source) from exc


def _read_binary(
    fmt: Format, data: bytes, name: str, guard: _ReaderGuard
) -> tuple[Layout, SourceFormat]:
    """Route a binary (or marked-up) input to its reader. Readers are imported here, on first
    use, so the CLI starts fast and a text-only user never loads python-docx, calamine, lxml
    or pdfplumber."""
    if fmt == "zip":
        guard.kind = "zip"
        if _zip_member(data, "xl/workbook.xml"):
            from jixiao.readers.xlsx import read_spreadsheet

            guard.kind = "xlsx"
            return read_spreadsheet(data, source=name), "xlsx"
        from jixiao.readers.docx import read_docx

        guard.kind = "docx"
        return read_docx(data, source=name), "docx"
    if fmt in ("html", "mhtml"):
        guard.kind = fmt
        from jixiao.readers.html import read_html, read_mhtml

        read = read_mhtml if fmt == "mhtml" else read_html
        return read(data, source=name), "html"
    if fmt == "pdf":
        from jixiao.readers.pdf import read_pdf

        return read_pdf(data, source=name), "pdf"
    if fmt == "image":
        from jixiao.readers.ocr import read_image

        return read_image(data, source=name), "image"
    if fmt == "ole":
        from jixiao.readers.office import convert_with_libreoffice, ole_kind

        kind = ole_kind(data, source=name)
        if kind == "encrypted":
            raise ReadError(
                "文件已加密（设置了打开密码），无法读取",
                source=name,
                hint="请在 Office/WPS 中取消密码后另存，再读取。",
            )
        if kind == "xls":
            from jixiao.readers.xlsx import read_spreadsheet

            guard.kind = "xls"

            return read_spreadsheet(data, source=name), "xls"
        if kind == "doc":
            from jixiao.readers.docx import read_docx

            guard.kind = "doc"

            converted = convert_with_libreoffice(data, source=name, suffix=".doc", target="docx")
            return read_docx(converted, source=name), "doc"
    label, hint = _UNSUPPORTED[fmt]
    raise UnsupportedFormatError(f"暂不支持读取{label}", source=name, hint=hint)


def _zip_member(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        # No readable directory (a truncated file): the local headers still name the parts,
        # so the right reader can say "Excel/Word 文件已损坏".
        head = data[:65536]
        return member.split("/")[0].encode() + b"/" in head and b"word/" not in head


def _read_json(data: bytes, name: str) -> Document:
    from pydantic import ValidationError

    try:
        return Document.from_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        if first["type"] == "json_invalid":
            detail = "内容不完整或格式有误"
        elif first["type"] == "value_error" and not where:
            # The document's own check (``model/migrate.py``), already in Chinese.
            detail = str(first.get("ctx", {}).get("error", first["msg"]))
        else:
            detail = f"{where}：{first['msg']}"
        raise ReadError(
            f"不是有效的 jixiao 文档 JSON（{detail}）",
            source=name,
            hint="请使用 jixiao parse 生成的 JSON 文件。",
        ) from None


def _check_size(size: int, name: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise FileTooLargeError(
            f"文件过大（{size / 1024 / 1024:.1f} MB，"
            f"上限 {max_bytes / 1024 / 1024:.0f} MB），未读取",
            source=name,
            hint="绩效目标文件通常只有几 MB；请确认选择了正确的文件。",
        )
