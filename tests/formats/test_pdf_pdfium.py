"""PDF pages read by PDFium (the fast path) and by pdfminer (the fallback) give the same layout.

PDFium reads the characters and drawn lines of every page it can match to pdfminer's
coordinates; pdfminer reads pages with damage, text PDFium cannot decode, or rotated text.
These tests force each path and compare, down to the boxes, and check the pieces that stand in
for pdfplumber's own (the cell search, the drawn objects).
"""

from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from pdfplumber.table import TableFinder
from pdfplumber.table import intersections_to_cells as plumber_cells

from jixiao import Document, read_path
from jixiao.readers.pdf import read_pdf
from jixiao.readers.pdf import reader as pdf_reader
from jixiao.readers.pdf.pdfium_paths import page_drawing
from jixiao.readers.pdf.table_finder import find_ruled_tables, intersections_to_cells
from jixiao.readers.pdf.tables import _visible
from jixiao.render.pdf import render_pdf
from tests.conftest import SEEDS
from tests.formats._helpers import assert_same
from tests.formats.test_pdf import read_back


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    return {name: read_path(path) for name, path in sorted(SEEDS.items())}


@pytest.fixture(scope="module")
def rendered(seeds: dict[str, Document]) -> dict[str, bytes]:
    return {name: render_pdf(doc) for name, doc in seeds.items()}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_pdfminer_fallback_reads_the_same_layout(
    monkeypatch: pytest.MonkeyPatch, name: str, rendered: dict[str, bytes]
) -> None:
    """PDFium reads every page it can match; pdfminer reads the rest (and damaged pages). Both
    must give the same layout, down to the boxes: force pdfminer on every page here."""
    fast = read_pdf(rendered[name], source="seed.pdf")
    monkeypatch.setattr(pdf_reader.PdfPageReader, "add_pdfium_page", lambda *args: False)
    slow = read_pdf(rendered[name], source="seed.pdf")
    assert slow.blocks == fast.blocks and slow.warnings == fast.warnings


def test_pdfium_reads_the_seed_pages(rendered: dict[str, bytes]) -> None:
    """The fast path is the one taken for ordinary pages (else the test above proves little)."""
    data = rendered["001"]
    reader = pdf_reader.PdfPageReader("seed.pdf")
    with pdf_reader._damage_log() as damage, pdf_reader._open(data, "seed.pdf") as pdf:
        pdfium = pdf_reader.PdfiumText(data)
        try:
            taken = [
                reader.add_pdfium_page(page, number, pdfium, damage, set())
                for number, page in pdf_reader._pages(pdf, "seed.pdf")
            ]
        finally:
            pdfium.close()
    assert taken and all(taken)


def test_pdfminer_reads_text_pdfium_cannot_decode(
    monkeypatch: pytest.MonkeyPatch, seeds: dict[str, Document], rendered: dict[str, bytes]
) -> None:
    """PDFium's characters failing the text gate send the page to pdfminer."""
    real = pdf_reader.garbled_share
    monkeypatch.setattr(
        pdf_reader,
        "garbled_share",
        lambda chars: 1.0 if chars and "fontname" not in chars[0] else real(chars),
    )
    assert_same(seeds["002"], read_back(rendered["002"]))


def _key(obj: dict[str, Any]) -> tuple[object, ...]:
    box = (obj["x0"], obj["top"], obj["x1"], obj["bottom"])
    return (obj["object_type"], *(round(float(v), 2) for v in box), _visible(obj))


def test_pdfium_draws_what_pdfminer_draws(rendered: dict[str, bytes]) -> None:
    """Lines, rectangles and curves (and which are visible) as pdfplumber lists them."""
    data = rendered["002"]
    doc = pdfium.PdfDocument(data)
    lines = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for n, page in enumerate(pdf.pages):
                pdfium_page = doc[n]
                drawing = page_drawing(pdfium_page.raw, float(page.height))
                pdfium_page.close()
                lines += len(drawing.lines)
                for kind in ("lines", "rects", "curves"):
                    mine = [_key(o) for o in getattr(drawing, kind)]
                    assert mine == [_key(o) for o in getattr(page, kind)], (n, kind)
    finally:
        doc.close()
    assert lines > 100  # the tables' rules


@pytest.mark.parametrize("name", ["000", "003"])
def test_table_finder_matches_pdfplumber(name: str, rendered: dict[str, bytes]) -> None:
    """Same cells, to the last bit, as pdfplumber's finder (also with an explicit rule)."""
    rule = {"object_type": "line", "x0": 40, "x1": 560, "top": 300, "bottom": 300, "width": 520}
    found = 0
    with pdfplumber.open(io.BytesIO(rendered[name])) as pdf:
        for page in pdf.pages:
            ruled = page.filter(_visible)
            drawn = [
                [o for o in objects if _visible(o)]
                for objects in (page.lines, page.rects, page.curves)
            ]
            for extra in ([], [rule]):
                settings: dict[str, Any] = {"vertical_strategy": "lines"}
                if extra:
                    settings["explicit_horizontal_lines"] = extra
                expected = [t.cells for t in ruled.find_tables(settings)]
                mine = [t.cells for t in find_ruled_tables(*drawn, extra)]
                assert mine == expected
                found += len(mine)
    assert found > 5


def test_cell_search_matches_pdfplumber(rendered: dict[str, bytes]) -> None:
    with pdfplumber.open(io.BytesIO(rendered["003"])) as pdf:
        for page in pdf.pages:
            finder = TableFinder(page, {"vertical_strategy": "lines"})
            expected = plumber_cells(finder.intersections)
            assert intersections_to_cells(finder.intersections) == expected
            assert expected or not finder.intersections


def _drawn_shapes() -> bytes:
    """Rectangles (stroked, filled, white, CMYK), a closed polygon, a curve, rules in a form."""
    from reportlab.lib.colors import CMYKColor
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(595, 842))
    c.setFillColorRGB(1, 1, 1)
    c.rect(0, 0, 595, 842, stroke=0, fill=1)  # a white page background: not a rule
    c.setFillColorRGB(0.2, 0.2, 0.2)
    c.rect(50, 700, 200, 40, stroke=1, fill=0)
    c.rect(50, 600, 200, 40, stroke=0, fill=1)
    c.setFillColor(CMYKColor(0, 0, 0, 0))
    c.rect(300, 600, 100, 40, stroke=0, fill=1)  # CMYK white
    c.setFillColor(CMYKColor(0, 0, 0, 1))
    c.setLineWidth(0.5)
    path = c.beginPath()
    path.moveTo(50, 500)
    path.lineTo(250, 500)
    path.lineTo(250, 450)
    path.lineTo(50, 450)
    path.close()
    c.drawPath(path, stroke=1, fill=0)
    c.bezier(300, 500, 320, 520, 380, 520, 400, 500)
    c.line(50, 400, 250, 400)
    c.beginForm("rules")
    c.line(50, 300, 250, 300)
    c.rect(60, 200, 50, 50, stroke=1, fill=0)
    c.endForm()
    c.saveState()
    c.translate(10, 20)
    c.doForm("rules")
    c.restoreState()
    c.showPage()
    c.save()
    return out.getvalue()


def test_pdfium_classifies_shapes_as_pdfminer_does() -> None:
    data = _drawn_shapes()
    doc = pdfium.PdfDocument(data)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            page = pdf.pages[0]
            pdfium_page = doc[0]
            drawing = page_drawing(pdfium_page.raw, float(page.height))
            pdfium_page.close()
            for kind in ("lines", "rects", "curves"):
                mine = [_key(o) for o in getattr(drawing, kind)]
                assert mine == [_key(o) for o in getattr(page, kind)], kind
    finally:
        doc.close()
    assert len(drawing.rects) >= 5 and drawing.curves and len(drawing.lines) >= 2
    assert sum(_visible(r) for r in drawing.rects) == len(drawing.rects) - 2  # the two whites


def test_words_match_pdfplumbers_extractor(rendered: dict[str, bytes]) -> None:
    from pdfplumber.utils.text import WordExtractor

    from jixiao.readers.paged.words import words

    keys = ("text", "x0", "x1", "top", "bottom", "size")
    extractor = WordExtractor(extra_attrs=["size"])
    with pdfplumber.open(io.BytesIO(rendered["003"])) as pdf:
        for page in pdf.pages:
            chars = list(page.chars)
            odd = [{**chars[0], "text": "ﬁ"}, {**chars[0], "text": ""}, {**chars[0], "text": " "}]
            for sample in (chars, chars[::-1], chars[:40] + odd + chars[40:80]):
                expected = [w for w, _ in extractor.iter_extract_tuples(sample)]
                mine = words(sample)
                assert [tuple(w[k] for k in keys) for w in mine] == [
                    tuple(w[k] for k in keys) for w in expected
                ]
