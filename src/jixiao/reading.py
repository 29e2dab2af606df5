"""Reading any input into a ``Document``: size check, format sniffing, reader, assembler."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

from jixiao._exceptions import FileTooLargeError, ReadError, UnsupportedFormatError
from jixiao.assemble import assemble
from jixiao.layout import Layout
from jixiao.model import Document, SourceInfo
from jixiao.readers.detect import sniff_format
from jixiao.readers.text import read_text_layout
from jixiao.readers.textfile import decode_text

__all__ = ["MAX_INPUT_BYTES", "os_reason", "read_bytes", "read_path"]

_OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOENT: "路径不存在",
    errno.EISDIR: "这是一个文件夹",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EEXIST: "已有同名的文件",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的",
    errno.ELOOP: "符号链接循环",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EIO: "磁盘读写错误",
}


def os_reason(exc: OSError) -> str:
    """The operating system's reason in Chinese (its own text depends on the locale)."""
    return _OS_REASONS.get(exc.errno or -1, f"系统错误 {exc.errno}")


MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Inputs above this are refused before reading: real documents are a few MB at most."""


_SAVE_AS_TEXT = "请先将文件另存为或导出为文本（.txt）后再读取。"
_UNSUPPORTED = {
    "zip": ("ZIP 格式的文件（如 DOCX、XLSX 或压缩包）", _SAVE_AS_TEXT),
    "pdf": ("PDF 文件", _SAVE_AS_TEXT),
    "ole": ("旧版 Office 格式的文件（如 DOC、XLS、WPS）", _SAVE_AS_TEXT),
    "image": ("图片", "jixiao 不能识别图片中的文字；请使用原始的 Word、PDF 或文本文件。"),
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
    fmt = sniff_format(data)
    if fmt == "json":
        return _read_json(data, name)
    if fmt != "text":
        label, hint = _UNSUPPORTED[fmt]
        raise UnsupportedFormatError(f"暂不支持读取{label}", source=name, hint=hint)
    text = decode_text(data, source=name)
    if not text.strip():  # a BOM or full-width spaces only
        raise ReadError("文件是空的", source=name, hint="请确认导出或下载是否成功。")
    layout: Layout = read_text_layout(text, source=name)
    info = SourceInfo(name=name, format="text", sha256=hashlib.sha256(data).hexdigest())
    return assemble(layout, info)


def _read_json(data: bytes, name: str) -> Document:
    from pydantic import ValidationError

    try:
        return Document.from_json(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        detail = (
            "内容不完整或格式有误"
            if first["type"] == "json_invalid"
            else f"{where}：{first['msg']}"
        )
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
