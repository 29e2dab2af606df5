"""PDFium functions that take and return handles as plain integers.

pypdfium2's raw bindings return each handle as a new ctypes pointer object; making one and
turning it back into an address (to recognise the same text object or font again) costs more
than the call itself, and a page makes tens of thousands of such calls. These are the same C
functions (same address and calling convention) declared with ``c_void_p`` handles.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

__all__ = [
    "fill_colour",
    "font_descent",
    "font_glyph_width",
    "form_object",
    "form_object_count",
    "object_matrix",
    "object_type",
    "page_object",
    "path_draw_mode",
    "path_segment",
    "path_segment_count",
    "segment_close",
    "segment_point",
    "segment_type",
    "stroke_colour",
    "text_object",
    "text_object_font",
    "text_object_font_size",
]

_P = ctypes.c_void_p


def _declare(function: Any, restype: Any, *argtypes: Any) -> Any:
    address = ctypes.cast(function, ctypes.c_void_p).value
    declared = type(function)(address)
    declared.restype = restype
    declared.argtypes = argtypes
    return declared


_F = ctypes.POINTER(ctypes.c_float)

text_object = _declare(pdfium_c.FPDFText_GetTextObject, _P, _P, ctypes.c_int)
text_object_font = _declare(pdfium_c.FPDFTextObj_GetFont, _P, _P)
text_object_font_size = _declare(pdfium_c.FPDFTextObj_GetFontSize, ctypes.c_int, _P, _F)
font_descent = _declare(pdfium_c.FPDFFont_GetDescent, ctypes.c_int, _P, ctypes.c_float, _F)
font_glyph_width = _declare(
    pdfium_c.FPDFFont_GetGlyphWidth, ctypes.c_int, _P, ctypes.c_uint32, ctypes.c_float, _F
)
path_segment = _declare(pdfium_c.FPDFPath_GetPathSegment, _P, _P, ctypes.c_int)
segment_point = _declare(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int, _P, _F, _F)
segment_type = _declare(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int, _P)
segment_close = _declare(pdfium_c.FPDFPathSegment_GetClose, ctypes.c_int, _P)
_I = ctypes.POINTER(ctypes.c_int)
_U = ctypes.POINTER(ctypes.c_uint)

page_object = _declare(pdfium_c.FPDFPage_GetObject, _P, _P, ctypes.c_int)
form_object_count = _declare(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int, _P)
form_object = _declare(pdfium_c.FPDFFormObj_GetObject, _P, _P, ctypes.c_ulong)
object_type = _declare(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, _P)
object_matrix = _declare(
    pdfium_c.FPDFPageObj_GetMatrix, ctypes.c_int, _P, ctypes.POINTER(pdfium_c.FS_MATRIX)
)
path_draw_mode = _declare(pdfium_c.FPDFPath_GetDrawMode, ctypes.c_int, _P, _I, _I)
path_segment_count = _declare(pdfium_c.FPDFPath_CountSegments, ctypes.c_int, _P)
stroke_colour = _declare(pdfium_c.FPDFPageObj_GetStrokeColor, ctypes.c_int, _P, _U, _U, _U, _U)
fill_colour = _declare(pdfium_c.FPDFPageObj_GetFillColor, ctypes.c_int, _P, _U, _U, _U, _U)
