"""Streaming fallbacks for sheets too large to load whole (see ``xlsx``).

.xlsx: openpyxl in read-only mode parses the sheet's XML lazily, row by row, so reading can
stop after the long run of empty rows; read-only worksheets have no merged ranges, so those
come from the pre-scan. The workbook is opened through openpyxl's ``ExcelReader`` steps
rather than ``load_workbook``, which would size every sheet first (a full parse of each sheet
that lacks a ``<dimension>`` element, as openpyxl's own write-only files do).

.xls: xlrd with ``ragged_rows=True`` keeps each row only as long as its last cell (memory
follows the real cells, not the extent) and, with ``formatting_info=True``, gives the merged
ranges and number formats itself.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from jixiao._exceptions import ReadError
from jixiao.layout import LayoutWarning, Position
from jixiao.readers.xlsx.blocks import SheetRows
from jixiao.readers.xlsx.scan import SheetScan, WorkbookScan
from jixiao.readers.xlsx.values import cell_text, number_style

__all__ = ["MAX_STREAM_COLS", "stream_xls_workbook", "stream_xlsx_sheet"]

MAX_STREAM_COLS = 256
"""A streamed sheet is read up to this column (a 绩效目标表 has about ten)."""


def _failed(source: str, exc: Exception) -> ReadError:
    return ReadError(
        "Excel 文件已损坏或格式异常，无法读取",
        source=source,
        hint="请用 Excel 或 WPS 打开后另存为 XLSX 再试。",
    )


def _width_warning(name: str, number: int) -> LayoutWarning:
    return LayoutWarning(
        "sheet_too_wide",
        f"工作表“{name}”第 {MAX_STREAM_COLS} 列之后的内容未读取",
        Position(sheet=name, table=number),
    )


class _UnsizedSheet(ReadOnlyWorksheet):
    """A read-only worksheet that does not look for its dimension when opened: openpyxl's own
    lookup parses the whole sheet when the ``<dimension>`` element is missing."""

    def _get_size(self) -> None:
        return None


def _open_sheet(data: bytes, name: str) -> Any:
    """openpyxl's read-only loading, minus the eager sizing of every worksheet."""
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read_manifest()
    reader.read_strings()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    for sheet, rel in reader.parser.find_sheets():
        if sheet.name == name:
            return _UnsizedSheet(reader.wb, sheet.name, rel.target, reader.shared_strings)
    raise KeyError(name)


def stream_xlsx_sheet(
    data: bytes, name: str, number: int, scan: SheetScan, *, source: str
) -> SheetRows:
    try:
        sheet = _open_sheet(data, name)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise _failed(source, exc) from None
    width = min(scan.max_col + 1, MAX_STREAM_COLS) if not scan.unaddressed else MAX_STREAM_COLS
    last_row = scan.max_row if not scan.unaddressed else 1 << 20

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for r, cells in enumerate(sheet.iter_rows(max_col=max(width, 1))):
                yield r, [_openpyxl_text(cell) for cell in cells]
        except Exception as exc:
            raise _failed(source, exc) from None
        finally:
            sheet.parent._archive.close()

    sheet_rows = SheetRows(name, number, rows(), scan.merges, last_row)
    if scan.max_col >= MAX_STREAM_COLS:
        sheet_rows.warnings.append(_width_warning(name, number))
    return sheet_rows


def _openpyxl_text(cell: Any) -> str:
    value = cell.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return cell_text(value, number_style(cell.number_format or "General"))
    return cell_text(value)


def stream_xls_workbook(
    data: bytes, scan: WorkbookScan, *, source: str
) -> Iterator[tuple[str, bool, SheetRows]]:
    """Every sheet of an .xls as (name, visible, rows), read by xlrd.

    Used for the whole workbook, not one sheet: calamine parses all sheets of an .xls into
    dense grids as soon as it opens the file (500 MB for one value at IV65536).
    """
    import xlrd

    try:
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, ragged_rows=True, on_demand=True
        )
        count = book.nsheets
    except Exception as exc:  # xlrd raises XLRDError, struct.error, IndexError…
        raise _failed(source, exc) from None

    def text(cell: Any) -> str:
        if cell.ctype == xlrd.XL_CELL_DATE:
            return cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode))
        if cell.ctype == xlrd.XL_CELL_BOOLEAN:
            return cell_text(bool(cell.value))
        if cell.ctype == xlrd.XL_CELL_ERROR:
            return str(xlrd.error_text_from_code.get(cell.value, ""))
        if cell.ctype == xlrd.XL_CELL_NUMBER:
            xf = book.xf_list[cell.xf_index]
            fmt = book.format_map.get(xf.format_key)
            return cell_text(cell.value, number_style(fmt.format_str) if fmt else None)
        return cell_text(cell.value)

    def rows(sheet: Any) -> Iterator[tuple[int, list[str]]]:
        try:
            for r in range(sheet.nrows):
                yield r, [text(cell) for cell in sheet.row_slice(r, 0, MAX_STREAM_COLS)]
        except Exception as exc:
            raise _failed(source, exc) from None

    for index in range(count):
        try:
            sheet = book.sheet_by_index(index)
            merges = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
        except Exception as exc:
            raise _failed(source, exc) from None
        number = index + 1
        sheet_rows = SheetRows(sheet.name, number, rows(sheet), merges, sheet.nrows - 1)
        if scan.sheets.get(sheet.name, scan.unknown).max_col >= MAX_STREAM_COLS:
            sheet_rows.warnings.append(_width_warning(sheet.name, number))
        yield sheet.name, sheet.visibility == 0, sheet_rows
