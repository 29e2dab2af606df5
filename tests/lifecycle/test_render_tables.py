"""The 自评表 and 监控表 renderers: the official central layouts in XLSX, DOCX and HTML."""

from __future__ import annotations

import io
from decimal import Decimal as D
from html.parser import HTMLParser

import docx
import openpyxl
import pytest

from jixiao.render.lifecycle import render_table
from jixiao.render.lifecycle_grid import amount_text, percent_text, points_text
from tests.lifecycle._records import evaluated_document

SELFEVAL_INDICATOR_ROW = [
    "产出指标", "数量指标", "培训人数", "≥100人", "80人", "25.00", "20.00", "部分学员因疫情未参训",
]  # fmt: skip
MONITOR_INDICATOR_ROW = [
    "产出指标", "数量指标", "培训人数", "≥100人", "45人", "100人",
    "经费保障、其他：资金下达较晚", "有可能", "第三期9月举办",
]  # fmt: skip


def _dedupe(row: list[str]) -> list[str]:
    """Cells of a row with a merged (repeated) cell counted once and blanks dropped."""
    out: list[str] = []
    for text in row:
        if text and (not out or out[-1] != text):
            out.append(text)
    return out


def _xlsx_rows(data: bytes) -> list[list[str]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    rows = []
    for row in sheet.iter_rows():
        texts = []
        for cell in row:
            value = cell.value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                fmt = cell.number_format
                texts.append(f"{value:.2f}%" if "%" in fmt else f"{value:.2f}")
            else:
                texts.append("" if value is None else str(value))
        rows.append(texts)
    return rows


def _docx_rows(data: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(data))
    return [[c.text for c in row.cells] for row in document.tables[0].rows]


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.headings: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "h1"):
            self._in = tag
            if tag == "td":
                self.rows[-1].append("")
            else:
                self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "h1"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "td":
            self.rows[-1][-1] += data
        elif self._in == "h1":
            self.headings[-1] += data


def _html_rows(data: bytes) -> list[list[str]]:
    parser = _Cells()
    parser.feed(data.decode("utf-8"))
    return parser.rows


READERS = {"xlsx": _xlsx_rows, "docx": _docx_rows, "html": _html_rows}


def _find(rows: list[list[str]], first: str) -> list[str]:
    for row in rows:
        cells = _dedupe(row)
        if cells and cells[0] == first:
            return cells
    raise AssertionError(f"no row starting with {first!r}")


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html"])
def test_selfeval_table_prints_the_official_figures(fmt: str) -> None:
    rows = READERS[fmt](render_table(evaluated_document(), "selfeval", fmt))  # type: ignore[arg-type]
    flat = [_dedupe(r) for r in rows]
    assert ["项目名称", "干部培训"] in flat
    assert _find(rows, "项目资金（万元）") == [
        "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
    ]  # fmt: skip
    assert _find(rows, "年度资金总额") == [
        "年度资金总额",
        "100.00",
        "95.00",
        "10.00",
        "95.00%",
        "9.50",
    ]  # fmt: skip  (年初 and 全年 are both 100.00: merged by _dedupe)
    assert SELFEVAL_INDICATOR_ROW in flat
    assert ["效益指标", "社会效益指标", "干部能力", "有效改善", "部分达成", "40.00", "30.00",
            "培训后跟踪不足"] in flat  # fmt: skip
    assert _find(rows, "总分") == ["总分", "100.00", "84.50", "自评等级：良"]
    assert _find(rows, "评价结论") == ["评价结论", "项目基本完成年度目标。"]


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html"])
def test_monitor_table_prints_progress_causes_and_likelihood(fmt: str) -> None:
    rows = READERS[fmt](render_table(evaluated_document(), "monitor", fmt))  # type: ignore[arg-type]
    flat = [_dedupe(r) for r in rows]
    assert _find(rows, "预算执行情况（万元）")[2:] == [
        "年初预算数", "调整后预算数", "1—7月执行数", "1—7月执行率", "全年预计执行数",
    ]  # fmt: skip
    assert _find(rows, "年度资金总额") == ["年度资金总额", "100.00", "40.50", "40.50%", "98.00"]
    assert MONITOR_INDICATOR_ROW in flat
    assert ["产出指标", "质量指标", "培训合格率", "≥95%", "97%", "确定能"] in flat
    assert _find(rows, "绩效指标")[-3:] == ["偏差原因分析", "完成目标可能性", "备注"]


def test_titles_and_period_lines() -> None:
    doc = evaluated_document()
    page = render_table(doc, "selfeval", "html").decode("utf-8")
    assert "<h1>项目支出绩效自评表</h1>" in page and "（2025年度）" in page
    page = render_table(doc, "monitor", "html").decode("utf-8")
    assert "<h1>项目支出绩效目标执行监控表</h1>" in page and "（2025年1—7月）" in page
    document = docx.Document(io.BytesIO(render_table(doc, "selfeval", "docx")))
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == ["项目支出绩效自评表", "（2025年度）", "单位：万元"]
    sheet = openpyxl.load_workbook(io.BytesIO(render_table(doc, "monitor", "xlsx"))).active
    assert sheet is not None
    assert sheet["A1"].value == "项目支出绩效目标执行监控表"
    assert sheet.title == "01 干部培训"


def test_xlsx_figures_are_numbers_with_the_official_formats() -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(render_table(evaluated_document(), "selfeval", "xlsx"))
    )
    sheet = book.worksheets[0]
    figures = {
        (c.value, c.number_format)
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, (int, float))
    }
    assert (95, "0.00") in figures
    assert (95, '0.00"%"') in figures  # 执行率
    assert (84.5, "0.00") in figures  # 总分


def test_not_applicable_row_prints_as_such() -> None:
    doc = evaluated_document()
    evaluation = doc.projects[0].self_evaluation
    assert evaluation is not None
    rows = list(evaluation.indicators)
    rows[1] = rows[1].model_copy(update={"applicable": False})
    doc.projects[0].self_evaluation = evaluation.model_copy(update={"indicators": rows})
    flat = [_dedupe(r) for r in _html_rows(render_table(doc, "selfeval", "html"))]
    assert ["产出指标", "质量指标", "培训合格率", "≥95%", "96%", "25.00", "不适用"] in flat


def test_figure_texts() -> None:
    assert amount_text(D("12.345")) == "12.345"
    assert amount_text(D(7)) == "7.00"
    assert points_text(D("6.405")) == "6.41"
    assert percent_text(D("40.5")) == "40.50%"
    assert amount_text(None) == points_text(None) == percent_text(None) == ""


@pytest.mark.slow
def test_selfeval_pdf_through_the_html_path() -> None:
    import pdfplumber

    data = render_table(evaluated_document(), "selfeval", "pdf")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = pdf.pages[0].extract_text()
    assert "项目支出绩效自评表" in text
    assert "年度资金总额 100.00 100.00 95.00 10.00 95.00% 9.50" in text
    assert "总分 100.00 84.50 自评等级：良" in text


def test_department_table_comes_first_with_its_own_title() -> None:
    from jixiao.model import Budget, SelfEvaluation

    doc = evaluated_document()
    project = doc.projects[0]
    assert project.self_evaluation is not None
    doc.department = doc.department.model_copy(
        update={
            "budget": Budget(total=D(800)),
            "indicators": project.indicators,
            "overall_goals": ["全面完成年度干部教育培训任务"],
            "self_evaluation": SelfEvaluation(
                annual_budget=D(800),
                executed=D(720),
                indicators=project.self_evaluation.indicators,
            ),
        }
    )
    page = render_table(doc, "selfeval", "html").decode("utf-8")
    assert page.index("<h1>部门整体支出绩效自评表</h1>") < page.index("<h1>项目支出绩效自评表</h1>")
    flat = [_dedupe(r) for r in _html_rows(render_table(doc, "selfeval", "html"))]
    assert ["部门预算（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
            "得分"] in flat  # fmt: skip
    assert ["年度资金总额", "800.00", "720.00", "10.00", "90.00%", "9.00"] in flat
