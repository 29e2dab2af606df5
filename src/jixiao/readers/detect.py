"""Format detection from a file's bytes, never its name (a .txt may be a DOCX, and so on)."""

from __future__ import annotations

import codecs
from typing import Literal

__all__ = ["Format", "looks_like_html", "looks_like_mhtml", "sniff_format"]

Format = Literal["text", "json", "zip", "pdf", "ole", "image", "html", "mhtml"]

_MAGIC: tuple[tuple[bytes, Format], ...] = (
    (b"PK\x03\x04", "zip"),
    (b"%PDF", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)
_BLANK = b"\xef\xbb\xbf \t\r\n\x0c"
_HTML_STARTS = (b"<!doctype html", b"<html", b"<table", b"<head", b"<body", b"<meta", b"<title")
"""How a saved page (or a fragment saved as .html) begins, after a BOM and blank space."""
_PROLOGUE_STARTS = (b"<?xml", b"<!--", b"<!doctype")
_HEAD_BYTES = 8192


def sniff_format(data: bytes) -> Format:
    head = data[:8]
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    if looks_like_mhtml(data):
        return "mhtml"
    if looks_like_html(data):
        return "html"
    stripped = data.lstrip(_BLANK)
    if stripped.startswith(b"{") and b'"schema_version"' in data[:4096]:
        return "json"
    return "text"


def looks_like_html(data: bytes) -> bool:
    """Markup at the start: ``<!DOCTYPE html``, ``<html``, ``<table`` … (XHTML's ``<?xml`` and
    leading comments looked through). A UTF-16 page (with BOM) is looked at decoded."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data[:2048].decode("utf-16", "replace").encode("utf-8", "replace")
    head = data[:_HEAD_BYTES].lstrip(_BLANK).lower()
    if head.startswith(_HTML_STARTS):
        return True
    if head.startswith(_PROLOGUE_STARTS):
        return b"<html" in head[:2048] or b"<table" in head[:2048]
    return False


def looks_like_mhtml(data: bytes) -> bool:
    """A MIME message (``MIME-Version:`` in its header block) that is ``multipart/related``
    (or a single ``text/html`` body): what browsers and Word save as .mht/.mhtml."""
    head = data[:_HEAD_BYTES].lstrip(_BLANK)
    first = head.split(b"\n", 1)[0]
    name, colon, _ = first.partition(b":")
    if not colon or not name.strip() or any(c in name for c in b"<> \t"):
        return False  # the first line is not a header
    header = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].lower()
    return b"mime-version:" in header and (
        b"multipart/related" in header or b"content-type: text/html" in header
    )
