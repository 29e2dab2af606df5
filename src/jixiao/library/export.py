"""The library as a flat table (CSV for any tool, XLSX for people)."""

from __future__ import annotations

import csv
import io

from jixiao.library.model import Library

__all__ = ["COLUMNS", "library_csv", "library_rows", "library_xlsx"]

COLUMNS = (
    "三级指标",
    "其他写法",
    "一级指标",
    "二级指标",
    "使用次数",
    "文件数",
    "单位数",
    "计量单位",
    "常见写法",
    "有数值的",
    "最小",
    "10%分位",
    "25%分位",
    "中位数",
    "75%分位",
    "90%分位",
    "最大",
    "无数值的",
    "使用单位（部分）",
)


def library_rows(library: Library) -> list[tuple[object, ...]]:
    """One row per entry and unit of measure (an entry without numbers: one row)."""
    rows: list[tuple[object, ...]] = []
    for e in library.entries:
        others = "、".join(v for v in e.variants if v != e.name)
        head = (e.name, others, e.level1, e.level2, e.count, e.documents, e.units)
        tail = (e.unquantified, "、".join(e.unit_names))
        if not e.values:
            rows.append((*head, "", "", 0, *([""] * 7), *tail))
        for v in e.values:
            numbers = (v.minimum, v.p10, v.p25, v.median, v.p75, v.p90, v.maximum)
            rows.append((*head, v.unit, v.typical, v.n, *numbers, *tail))
    return rows


def library_csv(library: Library) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(library_rows(library))
    return "\ufeff" + out.getvalue()  # the BOM makes Excel read it as UTF-8


def library_xlsx(library: Library) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "指标库"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in library_rows(library):
        sheet.append(list(row))
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 28
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
