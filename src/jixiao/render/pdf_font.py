"""The CJK font of the direct PDF writer: glyphs, advances and a subset, through HarfBuzz.

HarfBuzz (the system's ``libharfbuzz0b`` and ``libharfbuzz-subset0``, which WeasyPrint's Pango
already needs) reads the font's character map and advances and cuts the subset the PDF embeds:
about 3-9 ms for a seed document's 300-650 characters, where fontTools' subsetter takes 0.75 s
on the CFF Noto Sans CJK (see ``docs/dependencies.md``). Metrics are cached per font for the
process. A variable font (the bundled Noto Sans SC) is read and cut at the Regular weight: its
default instance is Thin.

A CFF font (the system's Noto Sans CJK, a CID-keyed ``.ttc`` face) is embedded as its bare
CFF table (``CIDFontType0C``), addressed by CID; a TrueType one as the subset font file
(``FontFile2``), addressed by glyph index.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import struct
import threading
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Embedded", "FontFile", "harfbuzz_available", "load_font"]

_REGULAR = 400.0
_DROP_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "DSIG", "VORG", "vhea", "vmtx")
_SETS_DROP_TABLE_TAG = 3
_FLAG_NO_HINTING = 0x1


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


class _Variation(ctypes.Structure):
    _fields_ = [("tag", ctypes.c_uint32), ("value", ctypes.c_float)]


@functools.cache
def _libs() -> tuple[ctypes.CDLL, ctypes.CDLL] | None:
    """libharfbuzz and libharfbuzz-subset with the signatures used here, or None."""
    try:
        hb = ctypes.CDLL(ctypes.util.find_library("harfbuzz") or "libharfbuzz.so.0")
        sub = ctypes.CDLL(ctypes.util.find_library("harfbuzz-subset") or "libharfbuzz-subset.so.0")
    except OSError:
        return None
    p, u, i, f = ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_float
    signatures: list[tuple[ctypes.CDLL, str, object, list[object]]] = [
        (hb, "hb_blob_create_from_file", p, [ctypes.c_char_p]),
        (hb, "hb_blob_get_data", ctypes.POINTER(ctypes.c_char), [p, ctypes.POINTER(u)]),
        (hb, "hb_blob_destroy", None, [p]),
        (hb, "hb_face_create", p, [p, u]),
        (hb, "hb_face_get_upem", u, [p]),
        (hb, "hb_face_get_glyph_count", u, [p]),
        (hb, "hb_face_reference_table", p, [p, ctypes.c_uint32]),
        (hb, "hb_face_reference_blob", p, [p]),
        (hb, "hb_face_destroy", None, [p]),
        (hb, "hb_font_create", p, [p]),
        (hb, "hb_font_set_variations", None, [p, ctypes.POINTER(_Variation), u]),
        (hb, "hb_font_get_nominal_glyph", i, [p, u, ctypes.POINTER(u)]),
        (hb, "hb_font_get_glyph_h_advance", i, [p, u]),
        (hb, "hb_set_add", None, [p, u]),
        (hb, "hb_map_get", u, [p, u]),
        (sub, "hb_subset_input_create_or_fail", p, []),
        (sub, "hb_subset_input_destroy", None, [p]),
        (sub, "hb_subset_input_glyph_set", p, [p]),
        (sub, "hb_subset_input_set", p, [p, i]),
        (sub, "hb_subset_input_set_flags", None, [p, u]),
        (sub, "hb_subset_input_pin_axis_location", i, [p, p, ctypes.c_uint32, f]),
        (sub, "hb_subset_plan_create_or_fail", p, [p, p]),
        (sub, "hb_subset_plan_old_to_new_glyph_mapping", p, [p]),
        (sub, "hb_subset_plan_execute_or_fail", p, [p]),
        (sub, "hb_subset_plan_destroy", None, [p]),
    ]
    try:
        for lib, name, restype, argtypes in signatures:
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes
    except AttributeError:  # a HarfBuzz too old for the subset plan API (< 4.0)
        return None
    return hb, sub


def harfbuzz_available() -> bool:
    """Whether HarfBuzz and its subsetter can be loaded (else PDFs go through WeasyPrint)."""
    return _libs() is not None


def _table(hb: ctypes.CDLL, face: int, name: str) -> bytes:
    blob = hb.hb_face_reference_table(face, _tag(name))
    try:
        size = ctypes.c_uint()
        data = hb.hb_blob_get_data(blob, ctypes.byref(size))
        return ctypes.string_at(data, size.value) if size.value else b""
    finally:
        hb.hb_blob_destroy(blob)


@dataclass(frozen=True)
class Embedded:
    """A font subset ready for the PDF: its bytes and the code of every glyph used."""

    cff: bool  # True: a bare CFF table (CIDFontType0C); False: a TrueType file (FontFile2)
    data: bytes
    codes: dict[int, int]  # original glyph index -> 2-byte code in the content streams


@dataclass
class FontFile:
    """One face of a font file, read through HarfBuzz, with glyphs and advances cached."""

    path: Path
    index: int
    postscript_name: str
    upem: int
    ascent: int
    descent: int  # negative
    bbox: tuple[int, int, int, int]
    cff: bool
    variable: bool
    _face: int = 0
    _font: int = 0
    _glyphs: dict[str, tuple[int, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def glyph(self, char: str) -> tuple[int, float]:
        """(glyph index, advance in 1/1000 em) of ``char``; glyph 0 when the font lacks it."""
        found = self._glyphs.get(char)
        if found is None:
            hb = _hb()
            gid = ctypes.c_uint(0)
            if not hb.hb_font_get_nominal_glyph(self._font, ord(char), ctypes.byref(gid)):
                gid.value = 0
            advance = hb.hb_font_get_glyph_h_advance(self._font, gid.value)
            found = (gid.value, advance * 1000.0 / self.upem)
            self._glyphs[char] = found
        return found

    def subset(self, glyphs: set[int]) -> Embedded:
        """The font cut down to ``glyphs`` (plus .notdef), hinting and layout tables dropped."""
        hb, sub = _require()
        with self._lock:  # a HarfBuzz face is shared; keep one subset at a time per font
            plan_input = sub.hb_subset_input_create_or_fail()
            plan = result = None
            try:
                glyph_set = sub.hb_subset_input_glyph_set(plan_input)
                for gid in {0, *glyphs}:
                    hb.hb_set_add(glyph_set, gid)
                drop = sub.hb_subset_input_set(plan_input, _SETS_DROP_TABLE_TAG)
                for name in _DROP_TABLES:
                    hb.hb_set_add(drop, _tag(name))
                sub.hb_subset_input_set_flags(plan_input, _FLAG_NO_HINTING)
                if self.variable:
                    sub.hb_subset_input_pin_axis_location(
                        plan_input, self._face, _tag("wght"), _REGULAR
                    )
                plan = sub.hb_subset_plan_create_or_fail(self._face, plan_input)
                if not plan:
                    raise RuntimeError("HarfBuzz could not plan the font subset")
                mapping = sub.hb_subset_plan_old_to_new_glyph_mapping(plan)
                new = {gid: hb.hb_map_get(mapping, gid) for gid in glyphs}
                result = sub.hb_subset_plan_execute_or_fail(plan)
                if not result:
                    raise RuntimeError("HarfBuzz could not cut the font subset")
                if self.cff:
                    data = _table(hb, result, "CFF ")
                    cids = _cff_cids(data)
                    codes = {gid: cids[n] if n < len(cids) else n for gid, n in new.items()}
                else:
                    blob = hb.hb_face_reference_blob(result)
                    try:
                        size = ctypes.c_uint()
                        pointer = hb.hb_blob_get_data(blob, ctypes.byref(size))
                        data = ctypes.string_at(pointer, size.value)
                    finally:
                        hb.hb_blob_destroy(blob)
                    codes = new
            finally:
                if result:
                    hb.hb_face_destroy(result)
                if plan:
                    sub.hb_subset_plan_destroy(plan)
                sub.hb_subset_input_destroy(plan_input)
        return Embedded(cff=self.cff, data=data, codes=codes)


def _hb() -> ctypes.CDLL:
    return _require()[0]


def _require() -> tuple[ctypes.CDLL, ctypes.CDLL]:
    libs = _libs()
    if libs is None:
        raise RuntimeError("HarfBuzz is not available")
    return libs


@functools.cache
def load_font(path: Path, index: int = 0) -> FontFile:
    """The face ``index`` of the font file at ``path`` (cached for the process)."""
    hb = _hb()
    blob = hb.hb_blob_create_from_file(str(path).encode())
    face = hb.hb_face_create(blob, index)
    hb.hb_blob_destroy(blob)  # the face keeps its own reference
    if hb.hb_face_get_glyph_count(face) == 0:
        hb.hb_face_destroy(face)
        raise ValueError(f"not a font file (or no face {index}): {path}")
    font = hb.hb_font_create(face)
    variable = bool(_table(hb, face, "fvar"))
    if variable:
        weight = _Variation(_tag("wght"), _REGULAR)
        hb.hb_font_set_variations(font, ctypes.byref(weight), 1)
    head = _table(hb, face, "head")
    hhea = _table(hb, face, "hhea")
    upem = hb.hb_face_get_upem(face)
    x0, y0, x1, y1 = struct.unpack(">4h", head[36:44])
    ascent, descent = struct.unpack(">2h", hhea[4:8])
    scale = 1000 / upem
    return FontFile(
        path=path,
        index=index,
        postscript_name=_postscript_name(_table(hb, face, "name")) or path.stem,
        upem=upem,
        ascent=round(ascent * scale),
        descent=round(descent * scale),
        bbox=(round(x0 * scale), round(y0 * scale), round(x1 * scale), round(y1 * scale)),
        cff=bool(_table(hb, face, "CFF ")),
        variable=variable,
        _face=face,
        _font=font,
    )


def _postscript_name(table: bytes) -> str:
    """Name ID 6 from a ``name`` table (Windows Unicode or Mac Roman), letters and digits."""
    if len(table) < 6:
        return ""
    count, strings = struct.unpack(">2H", table[2:6])
    for n in range(count):
        platform, _, _, name_id, length, offset = struct.unpack(
            ">6H", table[6 + 12 * n : 18 + 12 * n]
        )
        if name_id != 6:
            continue
        raw = table[strings + offset : strings + offset + length]
        text = raw.decode("utf-16-be" if platform in (0, 3) else "latin-1", errors="ignore")
        clean = "".join(c for c in text if c.isascii() and (c.isalnum() or c in "-_"))
        if clean:
            return clean
    return ""


def _cff_cids(cff: bytes) -> list[int]:
    """The CID of every glyph of a CID-keyed CFF (its charset), or [] for a name-keyed one.

    Reads only what is needed: the header, Name INDEX, Top DICT (ROS, CharStrings, charset
    offsets) and the charset (formats 0, 1 and 2)."""
    header_size = cff[2]
    pos, _ = _index(cff, header_size)  # Name INDEX
    pos, top_dicts = _index(cff, pos)
    top = _dict(top_dicts[0])
    if (12, 30) not in top:  # ROS: not CID-keyed
        return []
    count = struct.unpack(">H", cff[top[(17,)][0] : top[(17,)][0] + 2])[0]
    offset = int(top.get((15,), [0])[0])
    if offset <= 2:  # predefined charsets: identity
        return list(range(count))
    fmt = cff[offset]
    cids = [0]
    pos = offset + 1
    while len(cids) < count:
        if fmt == 0:
            cids.append(struct.unpack(">H", cff[pos : pos + 2])[0])
            pos += 2
            continue
        first = struct.unpack(">H", cff[pos : pos + 2])[0]
        if fmt == 1:
            left = cff[pos + 2]
            pos += 3
        else:
            left = struct.unpack(">H", cff[pos + 2 : pos + 4])[0]
            pos += 4
        cids.extend(range(first, first + left + 1))
    return cids[:count]


def _index(data: bytes, pos: int) -> tuple[int, list[bytes]]:
    """A CFF INDEX at ``pos``: (position after it, its items)."""
    count = struct.unpack(">H", data[pos : pos + 2])[0]
    if count == 0:
        return pos + 2, []
    size = data[pos + 2]
    start = pos + 3
    offsets = [
        int.from_bytes(data[start + i * size : start + (i + 1) * size], "big")
        for i in range(count + 1)
    ]
    base = start + (count + 1) * size - 1
    items = [data[base + offsets[i] : base + offsets[i + 1]] for i in range(count)]
    return base + offsets[-1], items


def _dict(data: bytes) -> dict[tuple[int, ...], list[int]]:
    """A CFF DICT's integer operands by operator (reals are skipped as 0)."""
    out: dict[tuple[int, ...], list[int]] = {}
    operands: list[int] = []
    pos = 0
    while pos < len(data):
        b0 = data[pos]
        if b0 <= 21:
            key: tuple[int, ...] = (12, data[pos + 1]) if b0 == 12 else (b0,)
            pos += 2 if b0 == 12 else 1
            out[key] = operands
            operands = []
        elif b0 == 28:
            operands.append(struct.unpack(">h", data[pos + 1 : pos + 3])[0])
            pos += 3
        elif b0 == 29:
            operands.append(struct.unpack(">i", data[pos + 1 : pos + 5])[0])
            pos += 5
        elif b0 == 30:  # real: skip its nibbles up to the 0xf terminator
            pos += 1
            while pos < len(data) and (data[pos] & 0x0F) != 0x0F and (data[pos] >> 4) != 0x0F:
                pos += 1
            pos += 1
            operands.append(0)
        elif b0 <= 246:
            operands.append(b0 - 139)
            pos += 1
        elif b0 <= 250:
            operands.append((b0 - 247) * 256 + data[pos + 1] + 108)
            pos += 2
        else:
            operands.append(-(b0 - 251) * 256 - data[pos + 1] - 108)
            pos += 2
    return out
