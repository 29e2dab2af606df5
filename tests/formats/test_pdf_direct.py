"""The direct PDF writer (``render_pdf``'s default): what its layout promises, checked cheaply.

The round trips of ``test_pdf.py`` and ``test_pdf_pdfium.py`` are the accuracy bar; these check
the pieces on their own: the header row repeated when an indicator table breaks, rows kept
whole, a merged 一级 cell cut by a page break, long cells wrapped inside their column, the
bundled TrueType font, the WeasyPrint path still reachable, and the hand-over to WeasyPrint
(whose check gives the Chinese message) when the font lacks a character.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from jixiao._exceptions import JixiaoError
from jixiao.model import Document
from jixiao.render import fonts
from jixiao.render.pdf import _direct, render_pdf
from jixiao.render.pdf_document import lay_out
from jixiao.render.pdf_font import load_font
from jixiao.render.pdf_layout import BOTTOM, TABLE_SIZE, Page
from jixiao.render.pdf_text import Measure
from tests.formats._helpers import assert_same
from tests.formats.test_pdf import document, indicator, project, read_back


def _measure() -> Measure:
    font = fonts.choose_pdf_font()
    assert font is not None
    located = fonts.font_file(font)
    assert located is not None
    return Measure(load_font(*located))


def _long_table(rows: int = 45) -> Document:
    """One project whose 产出指标 rows run over a page: the 一级 cell is cut by the break."""
    indicators = [
        indicator("产出指标", "数量指标" if n < 30 else "质量指标", f"第{n}项指标", "≥98%")
        for n in range(rows)
    ]
    indicators.append(indicator("满意度指标", "服务对象满意度指标", "满意度", "≥95%"))
    return document([project(1, "网络运行维护费", indicators)])


def _texts(page: Page) -> list[str]:
    return [text for _, _, _, text, _ in page.texts]


def test_header_row_repeats_and_rows_stay_whole() -> None:
    pages = lay_out(_long_table(), _measure())
    table_pages = [p for p in pages if "三级指标" in _texts(p)]
    assert len(table_pages) >= 2  # the indicator table broke, its header row on each page
    names = [t for p in pages for t in _texts(p) if t.startswith("第") and t.endswith("项指标")]
    assert names == [f"第{n}项指标" for n in range(45)]  # every row once, in order
    for page in pages:
        assert all(y <= BOTTOM for _, y, _, _, _ in page.texts[:-1] if y > 0)
        assert all(top + height <= BOTTOM + 0.01 for _, top, _, height in page.boxes)


def test_merged_cell_cut_by_a_page_break() -> None:
    doc = _long_table()
    pages = lay_out(doc, _measure())
    holders = [n for n, p in enumerate(pages) if "产出指标" in _texts(p)]
    assert len(holders) == 1  # the label is printed once, at the top of its first part
    later = [p for p in pages[holders[0] + 1 :] if "三级指标" in _texts(p)]
    assert later, "the 产出指标 group must continue on the next page"
    tallest = max(later[0].boxes, key=lambda box: box[3])  # the continued, empty 一级 cell
    assert tallest[0] == min(box[0] for box in later[0].boxes)  # it is in the first column
    back = read_back(render_pdf(doc))
    assert_same(doc, back)
    assert {i.level1 for i in back.projects[0].indicators[:45]} == {"产出指标"}


def test_merged_cell_over_several_pages() -> None:
    """A 一级 group of 130 rows: on every page it continues to, its cell is drawn again (empty)
    from the header row down to the page's last row, in the first column."""
    pages = [p for p in lay_out(_long_table(130), _measure()) if "三级指标" in _texts(p)]
    assert len(pages) >= 4
    for page in pages[1:]:
        left = min(box[0] for box in page.boxes)
        column = [box for box in page.boxes if box[0] == left]
        header, body = column[0], max(column[1:], key=lambda box: box[3])
        assert body[1] == pytest.approx(header[1] + header[3])  # right below the header row
        bottom = max(box[1] + box[3] for box in page.boxes)
        assert body[1] + body[3] == pytest.approx(bottom) or page is pages[-1]


def test_long_cell_wraps_inside_its_column() -> None:
    long = "按照年度工作计划完成各项审批服务保障任务并接受社会监督，满意度≥98%，" * 3
    doc = document(
        [project(1, "信息化服务建设专项", [indicator("产出指标", "质量指标", long, "≥98%", long)])]
    )
    measure = _measure()
    pages = lay_out(doc, measure)
    lines = [t for p in pages for t in _texts(p) if len(t) >= 6 and t in long]
    assert len(lines) >= 6  # the name and the description wrapped over several lines each
    assert all("≥98%" in t or "98%" not in t for t in lines)  # ``≥98%`` is never split
    width = 0.22 * (510.24 - 0.75) - 8 - 0.75  # the description column's text width
    assert max(measure.width(t, TABLE_SIZE) for t in lines) <= width + 0.01
    assert_same(doc, read_back(render_pdf(doc)))


def test_both_engines_read_back_the_same() -> None:
    doc = document(
        [project(1, "法律顾问费", [indicator("产出指标", "数量指标", "结案率", "≥95%")])]
    )
    direct, weasy = render_pdf(doc), render_pdf(doc, engine="weasyprint")
    assert direct != weasy and render_pdf(doc) == direct  # reproducible bytes
    assert_same(doc, read_back(direct))
    assert_same(doc, read_back(weasy))
    with pdfplumber.open(io.BytesIO(weasy)) as pdf:
        assert "WeasyPrint" in str(pdf.metadata.get("Producer"))


def test_bundled_truetype_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled variable font, cut at the Regular weight, renders in poppler and PDFium."""
    from tests.test_fonts import _assert_cjk_pdf

    monkeypatch.setenv(fonts.ENV_VAR, "bundled")
    doc = document(
        [project(1, "法律顾问费", [indicator("产出指标", "数量指标", "结案率", "≥95%")])],
        title="部门整体绩效目标与绩效目标表",
    )
    data = render_pdf(doc)
    assert_same(doc, read_back(data))
    pdf = tmp_path / "bundled.pdf"
    pdf.write_bytes(data)
    _assert_cjk_pdf(pdf, tmp_path, fonts.BUNDLED_FAMILY)


def test_missing_glyph_goes_to_weasyprint_and_its_message() -> None:
    """A character the font lacks: the direct writer hands over (Pango may find it in another
    font); when no font has it, the Chinese message names it instead of printing a box."""
    rare = "\U0002ebe0"  # CJK Extension F: in no font installed by scripts/setup-system
    doc = document(
        [project(1, f"法律{rare}顾问费", [indicator("产出指标", "数量指标", "结案率", "≥95%")])]
    )
    font = fonts.choose_pdf_font()
    assert font is not None
    assert _direct(doc, font) is None
    with pytest.raises(JixiaoError, match="未找到可用的中文字体") as info:
        render_pdf(doc)
    assert rare in str(info.value) and "方框" in str(info.value)


def test_row_taller_than_a_page_is_split_without_losing_text() -> None:
    """Rows never break, except one that cannot fit on any page (a very long 资金用途)."""
    long = "按照年度工作计划完成各项审批服务保障任务并接受社会监督，满意度≥98%。" * 70
    doc = document(
        [
            project(
                1,
                "信息化服务建设专项",
                [indicator("产出指标", "质量指标", "合格率", "≥98%")],
                purpose=long,
            )
        ]
    )
    pages = lay_out(doc, _measure())
    assert len(pages) >= 3
    assert long in "".join(text for page in pages for text in _texts(page))
    for page in pages:
        assert all(top + height <= BOTTOM + 0.01 for _, top, _, height in page.boxes)
        assert all(y <= BOTTOM for _, y, _, text, _ in page.texts if not text.isdigit())
