"""Second reading of a page's characters with PDFium, for pages pdfminer cannot decode.

pdfminer gives ``(cid:N)`` for fonts whose encoding it cannot map (common with fonts of
Chinese typesetting systems); PDFium resolves more of them. The characters come back as
pdfplumber-style dicts (top-left origin, points) so the table and paragraph code is the same.
The PDFium document is opened only when a page needs it.
"""

from __future__ import annotations

from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

__all__ = ["PdfiumText"]

Char = dict[str, Any]


class PdfiumText:
    def __init__(self, data: bytes) -> None:
        self._data = data
        self._doc: pdfium.PdfDocument | None = None

    def chars(self, index: int) -> list[Char]:
        """The characters of page ``index`` (0-based); empty if PDFium cannot read it."""
        try:
            if self._doc is None:
                self._doc = pdfium.PdfDocument(self._data)
            return _page_chars(self._doc, index)
        except Exception:  # PDFium failed too: the caller keeps pdfminer's reading
            return []

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None


def _page_chars(doc: pdfium.PdfDocument, index: int) -> list[Char]:
    page = doc[index]
    textpage = page.get_textpage()
    try:
        x_origin, _, _, y_top = (float(v) for v in page.get_mediabox())
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
