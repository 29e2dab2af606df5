"""Does pdfminer find damage on a page, without interpreting it?

When PDFium reads a page (``pdfium_chars``), pdfminer no longer runs its content, so the
damage it reports while doing so (a stream that does not inflate, an object that does not
parse: ``reader._damage_log``) would go unseen, and PDFium silently reads a damaged page as
partly empty. This touches what pdfminer's interpreter would: the page's content streams and
form XObjects (inflated), and its fonts' ToUnicode maps, embedded encodings and the font files
pdfminer opens (``FontFile``, ``FontFile2``). Inflating is zlib in C, so this costs a small
part of interpreting the page. Fonts are checked once per document, as pdfminer's resource
manager loads each once. A page where anything is logged, or anything fails, is read by
pdfminer as before, and so is every later page (``reader.read_pdf``): a damaged font is
shared, and PDFium and pdfminer recover from it differently.
"""

from __future__ import annotations

from typing import Any

from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

__all__ = ["touch_page"]

_MAX_DEPTH = 8
_FONT_STREAMS = ("FontFile", "FontFile2")


def touch_page(page: PDFPage, fonts_seen: set[int]) -> None:
    """Read everything pdfminer would read to interpret ``page``; raises what it raises."""
    for stream in page.contents:
        _data(stream)
    _resources(page.resources, fonts_seen, 0)


def _data(obj: Any) -> None:
    stream = resolve1(obj)
    if isinstance(stream, PDFStream):
        stream.get_data()


def _dict(obj: Any) -> dict[Any, Any]:
    value = resolve1(obj)
    return value if isinstance(value, dict) else {}


def _resources(resources: Any, fonts_seen: set[int], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    res = _dict(resources)
    for ref in _dict(res.get("Font")).values():
        if isinstance(ref, PDFObjRef):
            if ref.objid in fonts_seen:
                continue
            fonts_seen.add(ref.objid)
        _font(_dict(ref))
    for value in _dict(res.get("ColorSpace")).values():
        resolve1(value)
    for ref in _dict(res.get("XObject")).values():
        xobj = resolve1(ref)
        if isinstance(xobj, PDFStream) and _is_form(xobj):
            xobj.get_data()
            _resources(xobj.get("Resources"), fonts_seen, depth + 1)


def _is_form(stream: PDFStream) -> bool:
    subtype = stream.get("Subtype")
    return getattr(subtype, "name", None) == "Form"


def _font(spec: dict[Any, Any]) -> None:
    for key in ("ToUnicode", "Encoding"):
        _data(spec.get(key))
    fonts = [spec]
    descendants = resolve1(spec.get("DescendantFonts"))
    if isinstance(descendants, list):
        fonts += [_dict(d) for d in descendants]
    for font in fonts:
        descriptor = _dict(font.get("FontDescriptor"))
        for key in _FONT_STREAMS:
            _data(descriptor.get(key))
