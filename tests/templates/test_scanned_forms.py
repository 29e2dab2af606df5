"""Scanned copies of the 一体化 exports (family E: split value columns, weights, directions;
family F: several units and projects in one flat list, amounts in 元 with thousands
separators): the fixture typeset to PDF by our own writer (reportlab), every page rasterised
at 200 dpi into an image-only PDF (grey JPEG pages, as scanners write them), read back by the
OCR reader and compared field by field with the content put in.

Both fixtures have a row broken across the page (the rest of a cell at the top of the next
page), so the OCR reader's joining of broken rows is checked on a scan too.

Tolerance (measured: every field came back exact for both families on this machine):

- exact: number of projects and indicators, codes, unit codes, money unit, budget amounts,
  every parsed value (operator, number, unit), the printed value parts, weights, directions,
  core flags, and the warnings (the fixture's own plus ``ocr_used``);
- text (names, descriptions, goals, unit names, extra fields): a field may differ from the
  original by at most ``max(2, FIELD_CER × length)`` characters (Levenshtein distance,
  spaces ignored), allowing for onnxruntime giving slightly different results on other CPUs.
"""

from __future__ import annotations

import ast
import io
import re

import pytest

from jixiao import read_bytes
from tests.templates.builders import build
from tests.templates.compare import compare
from tests.templates.content import CONTENTS

try:
    import pypdfium2 as pdfium
    import rapidocr  # noqa: F401
except ImportError as exc:  # pragma: no cover - a clear failure, never a silent skip
    raise ImportError(
        "扫描件测试需要 jixiao[ocr]（rapidocr、onnxruntime）：请运行 pip install -e '.[dev,ocr]'"
    ) from exc

DPI = 200
FIELD_CER = 0.05
# fields compared as text within the tolerance; every other field must be exact
TEXT_FIELDS = ("name", "unit.name", "goals", "description", "basis", "purpose", "extra")
_DIFFERENCE = re.compile(r"^(?P<path>[^:]+): expected (?P<want>.*), got (?P<got>.*)$", re.S)


def scan(pdf: bytes) -> tuple[bytes, int]:
    """An image-only copy of a PDF and its number of pages."""
    doc = pdfium.PdfDocument(pdf)
    try:
        images = [doc[i].render(scale=DPI / 72, grayscale=True).to_pil() for i in range(len(doc))]
    finally:
        doc.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", save_all=True, append_images=images[1:], resolution=DPI)
    return out.getvalue(), len(images)


def distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _texts(value: object) -> str:
    return re.sub(r"\s+", "", value if isinstance(value, str) else repr(value))


def beyond_tolerance(differences: list[str]) -> list[str]:
    """The differences that are not OCR noise in a text field within ``FIELD_CER``."""
    out: list[str] = []
    for line in differences:
        found = _DIFFERENCE.match(line)
        if found is None or not any(
            found["path"].endswith("." + f) or f".{f}[" in found["path"] for f in TEXT_FIELDS
        ):
            out.append(line)
            continue
        try:
            want, got = ast.literal_eval(found["want"]), ast.literal_eval(found["got"])
        except (ValueError, SyntaxError):
            out.append(line)
            continue
        a, b = _texts(want), _texts(got)
        if distance(a, b) > max(2, FIELD_CER * len(a)):
            out.append(line)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("family", ["E", "F"])
def test_scanned_family_read_back_field_by_field(family: str) -> None:
    pdf, _ = build(family, "pdf")
    data, pages = scan(pdf)
    assert pages >= 2  # the broken row is across a page
    with pdfium.PdfDocument(data) as doc:  # truly image-only
        assert all(doc[i].get_textpage().count_chars() == 0 for i in range(len(doc)))
    doc = read_bytes(data, name=f"family_{family}_scan.pdf")
    codes = [w.code for w in doc.warnings]
    assert codes.count("ocr_used") == 1
    assert [c for c in codes if c != "ocr_used"] == list(CONTENTS[family].warnings)
    result = compare(family, doc)
    assert result.checked > 100
    warnings_line = [d for d in result.differences if d.startswith("warnings:")]
    rest = [d for d in result.differences if not d.startswith("warnings:")]
    assert len(warnings_line) <= 1  # only ocr_used, checked above
    assert beyond_tolerance(rest) == [], f"{family} scanned:\n" + "\n".join(rest)


def test_tolerance_accepts_noise_in_text_and_nothing_else() -> None:
    """The filter itself: a character off in a name passes, an amount or a value never."""
    assert (
        beyond_tolerance(["P1.I1.name: expected '新建高标准农田面积', got '新建高标准农田面枳'"])
        == []
    )
    kept = [
        "P1.budget.total: expected Decimal('1560.00'), got Decimal('1566.00')",
        "P1.I1.value.number: expected Decimal('2'), got Decimal('3')",
        "P1.I1.name: expected '亩均粮食增产', got '亩均'",
    ]
    assert beyond_tolerance(kept) == kept
