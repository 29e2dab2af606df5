"""Laid-out pages written as PDF objects: content streams, one embedded font subset, xref.

One Type0 font (``Identity-H``, two-byte codes) with its widths and a ``ToUnicode`` map, so the
text layer extracts exactly; the subset is the bare CFF (``CIDFontType0C``) of a CFF font or the
TrueType file (``FontFile2``). Headings are bold by stroking the glyph outlines as well as
filling them (text render mode 2), so one subset serves all text. Content streams are
deflated; the output has no date or random part, so the same document gives the same bytes.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable

from jixiao import __version__
from jixiao.render.pdf_font import Embedded, FontFile
from jixiao.render.pdf_layout import BORDER, BOTTOM_MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Page

__all__ = ["write_pdf"]

_PAGE_NUMBER_SIZE = 9.0
_BOLD_STROKE = 0.03  # of the font size: the outline stroke that makes a heading bold


def _number(value: float) -> str:
    """At most two decimals: a position on a third-decimal tie (``42.895``) would round one way
    in PDFium's single precision and the other in pdfminer's double, and the reader's two
    paths must give the same boxes."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def _rules(boxes: list[tuple[float, float, float, float]]) -> list[str]:
    """The cell borders as line segments (as WeasyPrint draws them: the reader takes table
    rules from lines), corners on the two-decimal grid so that the edges neighbouring cells
    share coincide and are drawn once."""
    segments: dict[tuple[float, float, float, float], None] = {}
    for x, top, width, height in boxes:
        x0, x1 = round(x, 2), round(x + width, 2)
        y0, y1 = round(PAGE_HEIGHT - top - height, 2), round(PAGE_HEIGHT - top, 2)
        segments[(x0, y1, x1, y1)] = None
        segments[(x0, y0, x0, y1)] = None
        segments[(x1, y0, x1, y1)] = None
        segments[(x0, y0, x1, y0)] = None
    return [
        f"{_number(a)} {_number(b)} m {_number(c)} {_number(d)} l S\n" for a, b, c, d in segments
    ]


def _pdf_string(text: str) -> str:
    """A PDF text string (UTF-16BE with BOM) for the document information."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def used_glyphs(pages: Iterable[Page], font: FontFile) -> dict[str, int]:
    """Every character printed (page numbers included) -> its glyph index in ``font``."""
    chars: set[str] = set()
    count = 0
    for page in pages:
        count += 1
        for _, _, _, text, _ in page.texts:
            chars.update(text)
    chars.update("0123456789" if count >= 10 else "".join(str(n) for n in range(1, count + 1)))
    return {char: font.glyph(char)[0] for char in chars}


def write_pdf(
    pages: list[Page], font: FontFile, glyphs: dict[str, int], *, name: str, title: str
) -> bytes:
    """The PDF file: ``glyphs`` (from ``used_glyphs``) are the font subset embedded."""
    embedded = font.subset(set(glyphs.values()))
    code = {char: f"{embedded.codes[gid]:04X}" for char, gid in glyphs.items()}
    advance = {char: font.glyph(char)[1] for char in glyphs}
    tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(embedded.data).digest()[:6])
    base = f"{tag}+{name}"
    file = _Objects()
    add, stream = file.add, file.stream
    catalog = add(b"")  # filled in below: the page tree's number is not known yet
    info = add(
        (
            f"<< /Title {_pdf_string(title)} /Creator {_pdf_string('jixiao ' + __version__)} "
            f"/Producer {_pdf_string('jixiao')} >>"
        ).encode()
    )
    font_ref = _font_objects(file, font, embedded, glyphs, base)
    tree = add(b"")
    kids: list[int] = []
    for number, page in enumerate(pages, start=1):
        content = _content(page, code, advance, number)
        contents = stream(content.encode("latin-1"))
        kids.append(
            add(
                (
                    f"<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 {_number(PAGE_WIDTH)} "
                    f"{_number(PAGE_HEIGHT)}] /Resources << /Font << /F1 {font_ref} 0 R >> >> "
                    f"/Contents {contents} 0 R >>"
                ).encode()
            )
        )
    file.objects[tree - 1] = (
        f"<< /Type /Pages /Count {len(kids)} /Kids [{' '.join(f'{k} 0 R' for k in kids)}] >>"
    ).encode()
    file.objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    return file.serialise(catalog, info)


class _Objects:
    """The numbered objects of a PDF file (numbers from 1, in the order added)."""

    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def stream(self, data: bytes, extra: str = "") -> int:
        """A deflated stream object; ``extra`` adds dictionary entries."""
        data = zlib.compress(data, 6)
        head = f"<< /Length {len(data)} /Filter /FlateDecode{extra} >>\nstream\n".encode()
        return self.add(head + data + b"\nendstream")

    def serialise(self, catalog: int, info: int) -> bytes:
        """The file: header, objects, cross-reference table and trailer (its ID a digest of
        the content, so the same document gives the same bytes)."""
        objects = self.objects
        out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        offsets: list[int] = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
        out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
        file_id = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest().upper()
        out += (
            f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R /Info {info} 0 R "
            f"/ID [<{file_id}> <{file_id}>] >>\nstartxref\n{xref}\n%%EOF\n"
        ).encode()
        return bytes(out)


def _font_objects(
    file: _Objects,
    font: FontFile,
    embedded: Embedded,
    glyphs: dict[str, int],
    base: str,
) -> int:
    """The Type0 font, its descendant CIDFont, descriptor, font file and ToUnicode map."""
    add, stream = file.add, file.stream
    if embedded.cff:
        program = stream(embedded.data, " /Subtype /CIDFontType0C")
        file_key, subtype, extra = "FontFile3", "CIDFontType0", ""
    else:
        program = stream(embedded.data, f" /Length1 {len(embedded.data)}")
        file_key, subtype, extra = "FontFile2", "CIDFontType2", " /CIDToGIDMap /Identity"
    x0, y0, x1, y1 = font.bbox
    descriptor = add(
        (
            f"<< /Type /FontDescriptor /FontName /{base} /Flags 4 /FontBBox [{x0} {y0} {x1} {y1}] "
            f"/ItalicAngle 0 /Ascent {font.ascent} /Descent {font.descent} "
            f"/CapHeight {font.ascent} /StemV 80 /{file_key} {program} 0 R >>"
        ).encode()
    )
    widths: dict[int, float] = {}
    unicode: dict[int, str] = {}
    for char, gid in sorted(glyphs.items()):
        cid = embedded.codes[gid]
        widths[cid] = font.glyph(char)[1]
        unicode.setdefault(cid, char)
    w = " ".join(
        f"{cid} [{_number(width)}]" for cid, width in sorted(widths.items()) if width != 1000
    )
    cid_font = add(
        (
            f"<< /Type /Font /Subtype /{subtype} /BaseFont /{base} /CIDSystemInfo << /Registry "
            f"(Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R "
            f"/DW 1000 /W [{w}]{extra} >>"
        ).encode()
    )
    to_unicode = stream(_to_unicode(unicode).encode("ascii"))
    return int(
        add(
            (
                f"<< /Type /Font /Subtype /Type0 /BaseFont /{base} /Encoding /Identity-H "
                f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>"
            ).encode()
        )
    )


def _to_unicode(unicode: dict[int, str]) -> str:
    """A ToUnicode CMap: every code back to its character (UTF-16BE)."""
    parts = [
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
    ]
    items = sorted(unicode.items())
    for start in range(0, len(items), 100):
        chunk = items[start : start + 100]
        parts.append(f"{len(chunk)} beginbfchar\n")
        parts.extend(
            f"<{cid:04X}> <{char.encode('utf-16-be').hex().upper()}>\n" for cid, char in chunk
        )
        parts.append("endbfchar\n")
    parts.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
    return "".join(parts)


def _content(page: Page, code: dict[str, str], advance: dict[str, float], number: int) -> str:
    """One page's content stream: the table rules, then the text, then the page number."""
    top = PAGE_HEIGHT
    out = [f"{_number(BORDER)} w 0 G 0 g\n"]
    out.extend(_rules(page.boxes))
    out.append("BT\n")
    size_now = 0.0
    bold_now = False
    texts = list(page.texts)
    label = str(number)
    texts.append((0.0, 0.0, _PAGE_NUMBER_SIZE, label, False))
    for n, (x, y, size, text, bold) in enumerate(texts):
        if n == len(texts) - 1:  # the page number, centred in the bottom margin
            x = (PAGE_WIDTH - _PAGE_NUMBER_SIZE * sum(advance[c] for c in label) / 1000) / 2
            y = PAGE_HEIGHT - BOTTOM_MARGIN / 2 + _PAGE_NUMBER_SIZE * 0.43
        if not text:
            continue
        if size != size_now:
            out.append(f"/F1 {_number(size)} Tf\n")
            size_now = size
        if bold != bold_now:
            out.append(f"2 Tr {_number(size * _BOLD_STROKE)} w\n" if bold else "0 Tr\n")
            bold_now = bold
        hex_text = "".join([code[c] for c in text])
        out.append(f"1 0 0 1 {_number(x)} {_number(top - y)} Tm <{hex_text}> Tj\n")
    out.append("ET\n")
    return "".join(out)
