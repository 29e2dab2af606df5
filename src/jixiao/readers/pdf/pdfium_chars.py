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

from jixiao.readers.pdf import pdfium_calls as calls

__all__ = ["page_chars"]

Char = dict[str, Any]

_SKIPPED = frozenset({0, 0x0D, 0x0A, 0xFFFE})
_LINE_END_HYPHEN = 0x02  # PDFium marks a hyphen at the end of a line this way


def page_chars(textpage: Any, height: float) -> list[Char] | None:
    """The characters of a PDFium text page (``FPDF_TEXTPAGE``) of a page ``height`` points
    high whose media box starts at the origin; ``None`` when a character is not upright."""
    count = pdfium_c.FPDFText_CountChars(textpage)
    out: list[Char] = []
    # per text object: (font size on the page, descent on the page, advance scale, font)
    objects: dict[int, tuple[float, float, float, int]] = {}
    widths: dict[tuple[int, int], float] = {}
    matrix = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    value = ctypes.c_float()
    get_unicode = pdfium_c.FPDFText_GetUnicode
    is_generated = pdfium_c.FPDFText_IsGenerated
    get_origin = pdfium_c.FPDFText_GetCharOrigin
    text_object = calls.text_object
    for i in range(count):
        code = get_unicode(textpage, i)
        if code <= 0x20 or code == 0xFFFE:  # PDFium's generated characters are among these
            if code in _SKIPPED or is_generated(textpage, i) == 1:
                continue
            if code == _LINE_END_HYPHEN:
                code = 0x2D
        obj = text_object(textpage, i)
        info = objects.get(obj)
        if info is None:
            pdfium_c.FPDFText_GetMatrix(textpage, i, matrix)
            a, d = matrix.a, matrix.d
            if matrix.b != 0 or matrix.c != 0 or a <= 0 or d <= 0:
                return None  # rotated, mirrored or skewed: pdfminer reads this page
            font = calls.text_object_font(obj)
            calls.text_object_font_size(obj, value)
            size = value.value
            calls.font_descent(font, 1.0, value)
            info = objects[obj] = (size * d, value.value * size * d, size * a, font)
        size_on_page, descent, scale, font = info
        advance = widths.get((font, code))
        if advance is None:
            calls.font_glyph_width(font, code, 1000.0, value)
            advance = widths[(font, code)] = value.value / 1000.0
        get_origin(textpage, i, x, y)
        bottom = height - (y.value + descent)
        top = bottom - size_on_page
        left = x.value
        out.append(
            {
                "text": chr(code),
                "x0": left,
                "x1": left + advance * scale,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "size": size_on_page,
                "upright": True,
            }
        )
    return out
