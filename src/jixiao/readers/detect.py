"""Format detection from a file's bytes, never its name (a .txt may be a DOCX, and so on)."""

from __future__ import annotations

from typing import Literal

__all__ = ["Format", "sniff_format"]

Format = Literal["text", "json", "zip", "pdf", "ole", "image"]

_MAGIC: tuple[tuple[bytes, Format], ...] = (
    (b"PK\x03\x04", "zip"),
    (b"%PDF", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
)


def sniff_format(data: bytes) -> Format:
    head = data[:8]
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") and b'"schema_version"' in data[:4096]:
        return "json"
    return "text"
