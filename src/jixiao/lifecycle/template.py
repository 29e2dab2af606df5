"""``jixiao template``: the pre-filled actuals workbook (填报表) of a document.

The target columns are filled in and locked (sheet protection without a password: it guards
against slips, not against people); the input columns are open, with drop-down lists for the
official 偏差原因, 完成目标可能性, 达成情况 and 是否适用. Several causes go in one cell
separated by “、”, so that list only warns about other text.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.lifecycle.workbook import (
    BUDGET_SHEET,
    DEPARTMENT,
    INDICATOR_SHEET,
    INFO_SHEET,
    KIND_LABELS,
    TARGET_COLUMNS,
    Kind,
    budget_columns,
    indicator_columns,
)
from jixiao.model.document import Document, Indicator
from jixiao.model.identity import indicator_keys
from jixiao.model.lifecycle import CAUSES, LIKELIHOODS, TIERS

__all__ = ["template_workbook"]

_HEAD = Font(bold=True)
_LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")


def template_workbook(doc: Document, kind: Kind, month: int = 7) -> bytes:
    """The XLSX bytes of a blank actuals workbook for ``doc``."""
    book = Workbook()
    info = book.active
    assert info is not None
    info.title = INFO_SHEET
    _info_sheet(info, doc, kind, month)
    budget = book.create_sheet(BUDGET_SHEET)
    indicators = book.create_sheet(INDICATOR_SHEET)
    _budget_sheet(budget, doc, kind, month)
    _indicator_sheet(indicators, doc, kind, month)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _info_sheet(sheet: Worksheet, doc: Document, kind: Kind, month: int) -> None:
    rows: list[tuple[str, object]] = [
        ("填报类型", KIND_LABELS[kind]),
        ("截至月份", month if kind == "monitor" else 12),
        ("文档", doc.title or doc.source.name),
        ("文档指纹", doc.source.sha256),
        ("", ""),
        ("填写说明", "灰色列来自绩效目标表，请勿修改；只在白色列中填写。"),
        ("", "“指标标识”用于把每行对应到绩效目标表中的指标，请勿改动。"),
        ("", "偏差原因从 " + "、".join(CAUSES) + " 中选择，多项用“、”分隔。"),
        (
            "",
            "完成目标可能性填 "
            + "、".join(LIKELIHOODS)
            + "；达成情况（定性指标）填 "
            + "、".join(TIERS)
            + "。",
        ),
        ("", "金额单位与绩效目标表相同；不填的单元格留空。"),
    ]
    for row in rows:
        sheet.append(list(row))
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 80
    for cell in sheet["A"]:
        cell.font = _HEAD


def _units(doc: Document) -> list[tuple[str, str, str, Decimal | None, list[Indicator]]]:
    units = []
    if doc.department.indicators:
        total = doc.department.budget.total if doc.department.budget else None
        code = doc.department.unit.code if doc.department.unit else None
        units.append((DEPARTMENT, code or "", DEPARTMENT, total, doc.department.indicators))
    for p in doc.projects:
        units.append((str(p.seq), p.code or "", p.name, p.budget.total, p.indicators))
    return units


def _header(sheet: Worksheet, columns: tuple[str, ...], locked: int) -> None:
    sheet.append(list(columns))
    for i, cell in enumerate(sheet[1], start=1):
        cell.font = _HEAD
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(i)].width = 14 if i > locked else 12
    sheet.freeze_panes = f"{get_column_letter(locked + 1)}2"


def _protect(sheet: Worksheet, locked: int, width: int) -> None:
    for row in sheet.iter_rows(min_row=2, max_row=max(sheet.max_row, 2)):
        for cell in row[:locked]:
            cell.fill = _LOCKED_FILL
        for cell in row[locked:width]:
            cell.protection = Protection(locked=False)
    # Open input columns below the filled rows too (a unit may paste more rows by mistake:
    # the reader refuses them by name rather than the sheet refusing the paste).
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _budget_sheet(sheet: Worksheet, doc: Document, kind: Kind, month: int) -> None:
    columns = budget_columns(kind, month)
    _header(sheet, columns, 4)
    for seq, code, name, total, _ in _units(doc):
        sheet.append([seq, code, name, None if total is None else float(total)])
    _protect(sheet, 4, len(columns))


def _indicator_sheet(sheet: Worksheet, doc: Document, kind: Kind, month: int) -> None:
    columns = indicator_columns(kind, month)
    locked = len(TARGET_COLUMNS)
    _header(sheet, columns, locked)
    for seq, code, name, _, indicators in _units(doc):
        for key, ind in zip(indicator_keys(indicators), indicators, strict=True):
            row: list[object] = [
                seq,
                code,
                name,
                key,
                ind.level1,
                ind.level2,
                ind.name,
                ind.value_text,
            ]
            if kind == "selfeval":
                row.append(None if ind.weight is None else float(ind.weight))
            sheet.append(row)
    last = max(sheet.max_row, 2)
    letter = {name: get_column_letter(i) for i, name in enumerate(columns, start=1)}

    def choose(column: str, options: tuple[str, ...], *, strict: bool = True) -> None:
        check = DataValidation(
            type="list",
            formula1='"' + ",".join(options) + '"',
            allow_blank=True,
            errorStyle="stop" if strict else "warning",
            error="请从下拉列表中选择" if strict else "请从下拉列表中选择，多项用“、”分隔",
            showErrorMessage=True,
        )
        sheet.add_data_validation(check)
        check.add(f"{letter[column]}2:{letter[column]}{last}")

    if kind == "monitor":
        choose("偏差原因", CAUSES, strict=False)
        choose("完成目标可能性", LIKELIHOODS)
    else:
        choose("达成情况", TIERS)
        choose("是否适用", ("是", "否"))
    _protect(sheet, locked, len(columns))
