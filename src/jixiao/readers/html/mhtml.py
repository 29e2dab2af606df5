"""MHTML (``.mht``/``.mhtml``, "web page, single file"): the page inside the MIME archive.

Browsers and Word save a page with its images as one ``multipart/related`` MIME message. The
standard library's ``email`` package parses it and undoes the transfer encoding
(quoted-printable or base64); the page is the part the ``start`` parameter names, else the
first ``text/html`` part. Its Content-Type charset is passed on, so the page decoder can
prefer it to what the page itself declares.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.message import Message

from jixiao._exceptions import ReadError

__all__ = ["HtmlPart", "unpack_mhtml"]


@dataclass(frozen=True, slots=True)
class HtmlPart:
    data: bytes
    charset: str | None


def unpack_mhtml(data: bytes, *, source: str) -> HtmlPart:
    """The page of an MHTML archive, transfer encoding undone (not yet charset-decoded)."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        part = _page_part(message)
        payload = part.get_payload(decode=True) if part is not None else None
    except Exception:  # the email parser is lenient; anything it still raises is damage
        raise ReadError(
            "MHTML 网页文件已损坏，无法解析",
            source=source,
            hint="请在浏览器中重新打开该网页，另存为“网页，单个文件（*.mhtml）”后再读取。",
        ) from None
    if part is None or not isinstance(payload, bytes):
        raise ReadError(
            "MHTML 文件中没有网页内容（缺少 text/html 部分）",
            source=source,
            hint="请在浏览器中重新打开该网页，另存为“网页，单个文件”或“网页，仅 HTML”后再读取。",
        )
    return HtmlPart(payload, part.get_content_charset())


def _page_part(message: Message) -> Message | None:
    if not message.is_multipart():
        return message if message.get_content_type() == "text/html" else None
    start = message.get_param("start") or ""
    start = start.strip("<>") if isinstance(start, str) else ""
    first: Message | None = None
    for part in message.walk():
        if part.is_multipart() or part.get_content_type() != "text/html":
            continue
        if start and (part.get("Content-ID") or "").strip().strip("<>") == start:
            return part
        first = first or part
    return first
