"""A page's characters read by PDFium, in pdfminer's coordinates.

pdfminer (pure Python) interprets every content stream operator; PDFium does the same in C, an
order of magnitude faster. The characters come back as pdfplumber-style dicts (top-left
origin, points) with the boxes pdfminer would give: the left edge is the glyph origin, the
width the advance from the font's widths (``FPDFFont_GetGlyphWidth``, not PDFium's loose box,
which also covers ink outside the advance), the bottom the baseline plus the font
descriptor's descent, and the height the font size scaled by the text matrix. So words, lines
and cells come out the same whichever library read the page (``tests/formats/test_pdf.py``
compares both). Pages this cannot match (rotated or skewed text) return ``None``.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

__all__ = ["page_chars"]

Char = dict[str, Any]

_SKIPPED = frozenset({0, 0x0D, 0x0A, 0xFFFE})
_LINE_END_HYPHEN = 0x02  # PDFium marks a hyphen at the end of a line this way


def _key(handle: Any) -> int:
    return int(ctypes.cast(handle, ctypes.c_void_p).value or 0)


def page_chars(textpage: Any, height: float) -> list[Char] | None:
    """The characters of a PDFium text page (``FPDF_TEXTPAGE``) of a page ``height`` points
    high whose media box starts at the origin; ``None`` when a character is not upright."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    out: list[Char] = []
    fonts: dict[int, tuple[float, float, Any]] = {}  # text object → (size, descent, font)
    widths: dict[tuple[int, int], float] = {}
    matrix = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    value = ctypes.c_float()
    get_unicode = pdfium_c.FPDFText_GetUnicode
    is_generated = pdfium_c.FPDFText_IsGenerated
    get_matrix = pdfium_c.FPDFText_GetMatrix
    get_origin = pdfium_c.FPDFText_GetCharOrigin
    get_object = pdfium_c.FPDFText_GetTextObject
    for i in range(count):
        code = get_unicode(textpage, i)
        if code in _SKIPPED or is_generated(textpage, i) == 1:
            continue
        if code == _LINE_END_HYPHEN:
            code = 0x2D
        get_matrix(textpage, i, matrix)
        a, d = matrix.a, matrix.d
        if matrix.b != 0 or matrix.c != 0 or a <= 0 or d <= 0:
            return None  # rotated, mirrored or skewed: pdfminer reads this page
        obj = get_object(textpage, i)
        obj_key = _key(obj)
        info = fonts.get(obj_key)
        if info is None:
            font = pdfium_c.FPDFTextObj_GetFont(obj)
            pdfium_c.FPDFTextObj_GetFontSize(obj, value)
            size = value.value
            pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1.0), value)
            info = fonts[obj_key] = (size, value.value, font)
        size, descent, font = info
        width_key = (_key(font), code)
        advance = widths.get(width_key)
        if advance is None:
            pdfium_c.FPDFFont_GetGlyphWidth(font, code, ctypes.c_float(1000.0), value)
            advance = widths[width_key] = value.value / 1000.0
        get_origin(textpage, i, x, y)
        size_on_page = size * d
        bottom = height - (y.value + descent * size_on_page)
        top = bottom - size_on_page
        out.append(
            {
                "text": chr(code),
                "x0": x.value,
                "x1": x.value + advance * size * a,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "size": size_on_page,
                "upright": True,
            }
        )
    return out
