"""The review as a 审核意见表 workbook (.xlsx), the form finance bureaus exchange with units.

Sheet 审核意见表: one row per finding (document-level findings first, then by project, as the
report orders them). Sheet 项目评分: one row per project with its score, grade and the four
88号 dimension scores. Headers are bold on a grey fill and frozen, columns have fixed widths,
long text wraps, and pages print landscape, fitted to the width, with the header repeated.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model import Document
from jixiao.review.output.labels import (
    SEVERITY_LABELS,
    advice,
    code_label,
    common_unit,
    describe_position,
    projects_by_seq,
    source_line,
)
from jixiao.review.report import Report

__all__ = ["FINDING_COLUMNS", "SCORE_COLUMNS", "build_workbook", "write_xlsx"]

FINDING_COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 6),
    ("单位", 20),
    ("项目编码", 22),
    ("项目名称", 24),
    ("规则编码", 10),
    ("级别", 6),
    ("审核维度", 9),
    ("位置（字段）", 24),
    ("原文", 30),
    ("审核意见", 48),
    ("修改建议", 40),
    ("来源行", 8),
)
"""Sheet 审核意见表: column titles and widths (in characters; a Chinese character is ~2)."""

SCORE_COLUMNS: tuple[tuple[str, int], ...] = (
    ("序号", 6),
    ("单位", 20),
    ("项目编码", 22),
    ("项目名称", 30),
    ("得分", 8),
    ("等级", 6),
    ("完整性", 8),
    ("相关性", 8),
    ("适当性", 8),
    ("可行性", 8),
    ("错误", 6),
    ("警告", 6),
    ("提示", 6),
)

_FONT = "宋体"
_HEADER_FONT = Font(name=_FONT, bold=True)
_BODY_FONT = Font(name=_FONT)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="top", wrap_text=True)
_SEVERITY_FONTS = {
    "error": Font(name=_FONT, bold=True, color="C00000"),
    "warning": Font(name=_FONT, color="9C5700"),
    "info": Font(name=_FONT, color="1F4E79"),
}
_CENTERED = {
    "序号",
    "规则编码",
    "级别",
    "审核维度",
    "来源行",
    "得分",
    "等级",
    "错误",
    "警告",
    "提示",
}


def _append(ws: Worksheet, row: list[Any]) -> None:
    """Append a row of values; text is always text (``=100%`` is a value, not a formula) and
    loses control characters the file format cannot hold."""
    ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"


def _sheet(ws: Worksheet, columns: Sequence[tuple[str, int]], rows: list[list[Any]]) -> None:
    ws.append([title for title, _ in columns])
    for row in rows:
        _append(ws, row)
    for number, (title, width) in enumerate(columns, start=1):
        letter = get_column_letter(number)
        ws.column_dimensions[letter].width = width
        header = ws.cell(row=1, column=number)
        header.font = _HEADER_FONT
        header.fill = _HEADER_FILL
        header.border = _BORDER
        header.alignment = _CENTER
        for cells in ws.iter_rows(min_row=2, min_col=number, max_col=number):
            cell = cells[0]
            cell.font = _BODY_FONT
            cell.border = _BORDER
            cell.alignment = _CENTER if title in _CENTERED else _WRAP
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _finding_rows(doc: Document, report: Report) -> list[list[Any]]:
    projects = projects_by_seq(doc)
    rows: list[list[Any]] = []
    for number, finding in enumerate(report.findings, start=1):
        project = projects.get(finding.project_seq) if finding.project_seq is not None else None
        unit = project.unit.name if project is not None else common_unit(doc)
        rows.append(
            [
                number,
                unit,
                finding.project_code,
                project.name if project is not None else "（文件整体）",
                code_label(finding),
                SEVERITY_LABELS[finding.severity],
                finding.dimension,
                describe_position(finding, project),
                finding.text,
                finding.message,
                advice(finding),
                source_line(finding.source),
            ]
        )
    return rows


def _score_rows(doc: Document, report: Report) -> list[list[Any]]:
    projects = projects_by_seq(doc)
    rows: list[list[Any]] = []
    for grade in report.projects:
        project = projects.get(grade.seq)
        dims = grade.dimension_scores
        rows.append(
            [
                grade.seq,
                project.unit.name if project is not None else None,
                grade.code,
                grade.name,
                grade.score,
                grade.grade,
                dims.get("完整性"),
                dims.get("相关性"),
                dims.get("适当性"),
                dims.get("可行性"),
                grade.counts.get("error", 0),
                grade.counts.get("warning", 0),
                grade.counts.get("info", 0),
            ]
        )
    return rows


def build_workbook(doc: Document, report: Report) -> Workbook:
    workbook = Workbook()
    findings = workbook.active
    assert findings is not None  # a new workbook always has one sheet
    findings.title = "审核意见表"
    _sheet(findings, FINDING_COLUMNS, _finding_rows(doc, report))
    severity_column = [title for title, _ in FINDING_COLUMNS].index("级别") + 1
    for (cell,) in findings.iter_rows(min_row=2, min_col=severity_column, max_col=severity_column):
        severity = next((k for k, v in SEVERITY_LABELS.items() if v == cell.value), None)
        if severity is not None:
            cell.font = _SEVERITY_FONTS[severity]
    _sheet(workbook.create_sheet("项目评分"), SCORE_COLUMNS, _score_rows(doc, report))
    workbook.properties.title = f"预算绩效目标审核意见：{doc.title or doc.source.name}"
    workbook.properties.creator = "jixiao"
    return workbook


def write_xlsx(doc: Document, report: Report, target: str | Path | IO[bytes]) -> None:
    """Write the 审核意见表 workbook for one document's review to a path or binary stream."""
    build_workbook(doc, report).save(target)
