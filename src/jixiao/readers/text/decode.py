"""Decoding text inputs: UTF-8 (BOM or not), UTF-16 with BOM, GB18030/GBK; any line ends."""

from __future__ import annotations

import codecs

from jixiao._exceptions import DecodeError, UnsupportedFormatError

__all__ = ["decode_text", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any encoding we read (NULs, many control bytes)."""
    sample = data[:65536]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D))
    return controls / len(sample) > 0.01


def decode_text(data: bytes, *, source: str) -> str:
    """Decode and normalise line ends to ``\\n``.

    GB18030 is a superset of GBK and GB2312 and is tried after strict UTF-8: real UTF-8 text is
    almost never valid GB18030 by accident in the other direction, but the reverse is common.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"文件以 {encoding} 字节顺序标记开头，"
                    f"但第 {exc.start} 字节处内容无法按该编码解码",
                    source=source,
                    hint="请确认文件未损坏，或另存为 UTF-8 编码后重试。",
                ) from exc
            return _normalise_newlines(text)
    if looks_binary(data):
        raise UnsupportedFormatError(
            "文件内容是二进制数据，不是可识别的文本、DOCX、PDF 或表格文件",
            source=source,
            hint="请确认选择了正确的文件；文本文件请保存为 UTF-8 或 GBK 编码。",
        )
    for encoding in ("utf-8", "gb18030"):
        try:
            return _normalise_newlines(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise DecodeError(
        "无法识别文件的字符编码（既不是 UTF-8，也不是 GBK/GB18030）",
        source=source,
        hint="请用文本编辑器将文件另存为 UTF-8 编码后重试。",
    )


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
