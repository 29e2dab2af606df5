"""Pages read with PDFium: the fast reading of every page, and the second opinion on fonts.

PDFium (C) reads a page's characters and drawn lines about ten times faster than pdfminer
(pure Python), so it reads every page it can match to pdfminer's coordinates (``page``:
upright page, media box at the origin, no rotation); pdfminer reads the rest. When pdfminer's
characters are ``(cid:N)`` (fonts it cannot map, common with fonts of Chinese typesetting
systems), ``chars`` reads the page again with PDFium, which resolves more of them. The PDFium
document is opened on first use; each page is closed after it is read, so memory stays
bounded however long the file.
"""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from jixiao.readers.pdf.pdfium_chars import Char, page_chars
from jixiao.readers.pdf.pdfium_paths import PageDrawing, page_drawing
from jixiao.readers.pdfium_lock import PDFIUM_LOCK

__all__ = ["PdfiumPage", "PdfiumText"]

_SAME_BOX = 0.01  # points


@dataclass(slots=True)
class PdfiumPage:
    """A page's characters and painted paths, in pdfplumber's terms."""

    chars: list[Char]
    drawing: PageDrawing


class PdfiumText:
    def __init__(self, data: bytes) -> None:
        self._data = data
        self._doc: pdfium.PdfDocument | None = None
        self._failed = False

    def _document(self) -> pdfium.PdfDocument | None:
        if self._doc is None and not self._failed:
            try:
                self._doc = pdfium.PdfDocument(self._data)
            except Exception:  # PDFium cannot open it: pdfminer reads every page
                self._failed = True
        return self._doc

    def page_count(self) -> int | None:
        with PDFIUM_LOCK:
            doc = self._document()
            return None if doc is None else len(doc)

    def page(self, index: int, mediabox: tuple[float, float, float, float]) -> PdfiumPage | None:
        """Page ``index`` (0-based) read by PDFium when it can match pdfminer's reading:
        ``mediabox`` is pdfplumber's (top-left origin) and must be PDFium's too."""
        with PDFIUM_LOCK:
            return self._page(index, mediabox)

    def _page(self, index: int, mediabox: tuple[float, float, float, float]) -> PdfiumPage | None:
        doc = self._document()
        if doc is None:
            return None
        try:
            page = doc[index]
        except Exception:
            return None
        try:
            if page.get_rotation() != 0:
                return None
            box = [float(v) for v in page.get_mediabox()]
            if any(abs(a - b) > _SAME_BOX for a, b in zip(box, mediabox, strict=True)):
                return None
            if abs(box[0]) > _SAME_BOX or abs(box[1]) > _SAME_BOX:
                return None
            height = box[3] - box[1]
            textpage = page.get_textpage()
            try:
                chars = page_chars(textpage.raw, height)
            finally:
                textpage.close()
            if chars is None:
                return None
            return PdfiumPage(chars, page_drawing(page.raw, height))
        except Exception:  # PDFium failed on this page: pdfminer reads it
            return None
        finally:
            page.close()

    def chars(self, index: int) -> list[Char]:
        """The characters of page ``index`` (0-based); empty if PDFium cannot read it."""
        with PDFIUM_LOCK:
            doc = self._document()
            if doc is None:
                return []
            try:
                return _loose_chars(doc, index)
            except Exception:  # PDFium failed too: the caller keeps pdfminer's reading
                return []

    def close(self) -> None:
        with PDFIUM_LOCK:
            if self._doc is not None:
                self._doc.close()
                self._doc = None


def _loose_chars(doc: pdfium.PdfDocument, index: int) -> list[Char]:
    """The characters with PDFium's own boxes, for any page (rotated ones too)."""
    page = doc[index]
    textpage = page.get_textpage()
    try:
        x_origin, y_origin, _, y_top = (float(v) for v in page.get_mediabox())
        at_origin = x_origin == 0 and y_origin == 0 and page.get_rotation() == 0
        matched = page_chars(textpage.raw, y_top) if at_origin else None
        if matched is not None:
            return matched
        out: list[Char] = []
        raw = textpage.raw
        for i in range(textpage.count_chars()):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            if code == 0x02:  # PDFium marks a hyphen at the end of a line this way
                code = 0x2D
            if code in (0, 0x0D, 0x0A, 0xFFFE) or pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            size = float(pdfium_c.FPDFText_GetFontSize(raw, i)) or (top - bottom)
            out.append(
                {
                    "text": chr(code),
                    "x0": left - x_origin,
                    "x1": right - x_origin,
                    "top": y_top - top,
                    "bottom": y_top - bottom,
                    "doctop": y_top - top,
                    "size": size,
                    "upright": True,
                }
            )
        return out
    finally:
        textpage.close()
        page.close()
