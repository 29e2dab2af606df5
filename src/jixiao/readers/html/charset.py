"""Which character encoding a saved web page is in: BOM, then its declaration, then guesses.

Pages from Chinese government portals are UTF-8 or GBK/GB2312, and the declaration is not
always true (a GBK page saying ``charset=utf-8`` is common). The order is the browsers': a byte
order mark wins; then a charset given by the container (an MHTML part's Content-Type); then the
page's own ``<meta charset>`` / ``http-equiv`` / XML declaration, found by parsing the page's
head with lxml; then strict UTF-8, then GB18030 (a superset of GBK and GB2312, which is what
browsers use for those labels too). A declaration the bytes do not fit falls back to the
guesses, with a warning, rather than showing mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import lxml.etree

from jixiao._exceptions import DecodeError

__all__ = ["DecodedPage", "declared_charset", "decode_page"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PRESCAN_BYTES = 4096
"""Browsers look for the declaration in the first 1024 bytes; Word's pages put it later."""
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "csgb2312", "euc-cn"}
_LATIN = {"iso8859-1", "ascii", "cp1252"}
_GUESSES = ("utf-8", "gb18030")
_LABELS = {"utf-8": "UTF-8", "gb18030": "GBK/GB18030", "big5": "Big5"}


@dataclass(frozen=True, slots=True)
class DecodedPage:
    text: str
    encoding: str  # Python codec name
    warning: str | None = None  # Chinese, when the declaration was wrong


def _canonical(label: str | None) -> str | None:
    """A Python codec for a charset label (GBK family → GB18030), None if unknown."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    if name in _GB:
        return "gb18030"
    if name.startswith(("utf-16", "utf16")):
        return "utf-8"  # a page read as bytes can't be UTF-16 here: browsers do the same
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset label a page declares in its head (meta charset, http-equiv, ``<?xml``)."""
    head = data[:_PRESCAN_BYTES]
    if head.lstrip().startswith(b"<?xml"):
        decl = head.lstrip()[: head.lstrip().find(b"?>")].decode("latin-1")
        _, found, rest = decl.partition("encoding=")
        if found and rest[:1] in ("'", '"'):
            return rest[1:].split(rest[0], 1)[0]
    parser = lxml.etree.HTMLParser(encoding="iso-8859-1", remove_comments=True)
    try:
        root = lxml.etree.fromstring(head, parser=parser)
    except Exception:  # lxml raises several kinds on fragments; then there is no declaration
        return None
    if root is None:
        return None
    for meta in root.iter("meta"):
        if meta.get("charset"):
            return str(meta.get("charset"))
        if (meta.get("http-equiv") or "").lower() == "content-type":
            content = str(meta.get("content") or "")
            _, found, rest = content.lower().partition("charset=")
            if found:
                return rest.split(";", 1)[0].strip()
    return None


def decode_page(data: bytes, *, source: str, container: str | None = None) -> DecodedPage:
    """Decode a page's bytes (``container``: the charset an MHTML part declares)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedPage(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"网页以 {encoding} 字节顺序标记开头，"
                    f"但第 {exc.start} 字节处内容无法按该编码解码",
                    source=source,
                    hint="请确认文件未损坏，或在浏览器中重新保存该网页。",
                ) from None
    label = container or declared_charset(data)
    declared = _canonical(label)
    if declared is not None and not (declared in _LATIN and not data.isascii()):
        try:
            return DecodedPage(data.decode(declared), declared)
        except UnicodeDecodeError:
            pass
    for encoding in _GUESSES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warning = None
        if label and declared != encoding:
            warning = (
                f"网页声明的字符编码为“{label}”，但内容不符合该编码，"
                f"已按 {_LABELS[encoding]} 编码读取；如有乱码，请在浏览器中重新保存该网页"
            )
        return DecodedPage(text, encoding, warning)
    said = f"声明的“{label}”、" if label else ""
    raise DecodeError(
        f"无法识别网页的字符编码（{said}UTF-8 和 GBK/GB18030 都无法解码）",
        source=source,
        hint="请在浏览器中打开该网页，另存为“网页，全部”或“网页，仅 HTML”后重试。",
    )
