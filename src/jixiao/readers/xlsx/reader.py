"""Reader for Excel workbooks (.xlsx and .xls): each sheet → paragraphs and tables.

Libraries, and why:

- **python-calamine** (Rust) reads values and merged ranges (``merged_cell_ranges``, both
  formats) of every sheet of a normal size: it is the fastest reader and parses .xls too.
- calamine loads a sheet as a dense grid spanning its non-empty cells and reports no number
  formats. So every workbook is pre-scanned first (``scan`` / ``xls_scan``): the scan
  guards the container, finds each sheet's extent, merged ranges and numeric cell formats. A
  sheet whose extent is too large to load whole (a stray value at row 1,000,000 or column XFD)
  is streamed instead, row by row, by **openpyxl** in read-only mode (.xlsx; the merged ranges
  come from the scan, since read-only openpyxl has none). An .xls with such a sheet is read
  whole by **xlrd** with ragged rows and ``formatting_info=True`` (merges and formats from xlrd
  itself), because calamine builds the dense grids of all .xls sheets as soon as it opens the
  file. Reading a sheet stops after a long run of empty rows (``blocks``).

Hostile input fails fast with a Chinese ``ReadError``: damaged ZIP or OLE files, ZIP bombs,
encrypted workbooks (OLE ``EncryptedPackage`` for .xlsx, a password for .xls).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Literal

import python_calamine

from jixiao._exceptions import ReadError, UnsupportedFormatError
from jixiao.layout import Layout, LayoutWarning, Position
from jixiao.readers.damage import damaged
from jixiao.readers.native_stderr import quiet_native_stderr
from jixiao.readers.office.convert import ole_kind
from jixiao.readers.xlsx.blocks import SheetRows, sheet_blocks
from jixiao.readers.xlsx.scan import SheetScan, WorkbookScan, scan_xlsx
from jixiao.readers.xlsx.stream import stream_xls_workbook, stream_xlsx_sheet
from jixiao.readers.xlsx.values import cell_text
from jixiao.readers.xlsx.xls_scan import scan_xls

__all__ = ["MAX_LOADED_CELLS", "read_spreadsheet", "spreadsheet_kind"]

MAX_LOADED_CELLS = 2_000_000
"""A sheet spanning more cells than this is streamed, not loaded whole (≈ 60 MB in calamine)."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SpreadsheetKind = Literal["xlsx", "xls"]


def _encrypted(source: str) -> ReadError:
    return ReadError(
        "文件已加密（设置了打开密码），无法读取",
        source=source,
        hint="请在 Excel 或 WPS 中输入密码打开，取消密码后另存为 XLSX 再读取。",
    )


def spreadsheet_kind(data: bytes, *, source: str) -> SpreadsheetKind:
    """``xlsx`` (ZIP) or ``xls`` (OLE with a Workbook stream); anything else is refused."""
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(_OLE):
        kind = ole_kind(data, source=source)
        if kind == "encrypted":
            raise _encrypted(source)
        if kind == "xls":
            return "xls"
    raise UnsupportedFormatError(
        "不是 Excel 工作簿（XLSX 或 XLS）",
        source=source,
        hint="请确认文件类型；Word 或 PDF 文件请按其格式读取。",
    )


def read_spreadsheet(data: bytes, *, source: str) -> Layout:
    """Read a .xlsx or .xls workbook into the intermediate layout."""
    kind = spreadsheet_kind(data, source=source)
    scan = scan_xlsx(data, source=source) if kind == "xlsx" else scan_xls(data, source=source)
    layout = Layout()
    for name, sheet in scan.sheets.items():
        if sheet.damaged:
            layout.warnings.append(
                LayoutWarning(
                    "sheet_damaged",
                    f"工作表“{name}”的内容已损坏（记录结构异常），部分单元格可能缺失或错位；"
                    "请核对原件，或用 Excel、WPS 打开后另存为 XLSX 再读取",
                    Position(sheet=name),
                )
            )
    if kind == "xls" and any(_too_large(s) for s in (*scan.sheets.values(), scan.unknown)):
        for name, visible, streamed in stream_xls_workbook(data, scan, source=source):
            _add_sheet(layout, name, visible, partial(_same, streamed))
        return layout
    with _calamine_guard(source, kind):
        book = python_calamine.load_workbook(io.BytesIO(data))
    with book:
        for number, meta in enumerate(book.sheets_metadata, start=1):
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue  # chart and macro sheets hold no cell text
            visible = meta.visible == python_calamine.SheetVisibleEnum.Visible

            rows = partial(_sheet_rows, book, number, meta.name, scan, data, source)
            with _calamine_guard(source, kind):
                _add_sheet(layout, meta.name, visible, rows)
    return layout


def _add_sheet(layout: Layout, name: str, visible: bool, rows: Callable[[], SheetRows]) -> None:
    if not visible:
        layout.warnings.append(LayoutWarning("sheet_hidden", f"工作表“{name}”已隐藏，未读取"))
        return
    layout.blocks += sheet_blocks(rows(), layout.warnings)


def _same(rows: SheetRows) -> SheetRows:
    return rows


def _too_large(scan: SheetScan) -> bool:
    return scan.unaddressed or scan.cells_spanned > MAX_LOADED_CELLS


def _sheet_rows(
    book: python_calamine.CalamineWorkbook,
    number: int,
    name: str,
    scan: WorkbookScan,
    data: bytes,
    source: str,
) -> SheetRows:
    found = scan.sheets.get(name, scan.unknown)
    if _too_large(found):  # .xlsx only: an .xls that large never reaches calamine
        return stream_xlsx_sheet(data, name, number, found, source=source)
    sheet = book.get_sheet_by_index(number - 1)
    merges = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []]
    start, end = sheet.start, sheet.end
    rows = _calamine_rows(sheet, start, found) if start is not None else iter(())
    return SheetRows(name, number, rows, merges, end[0] if end is not None else -1)


def _calamine_rows(
    sheet: python_calamine.CalamineSheet, start: tuple[int, int], scan: SheetScan
) -> Iterator[tuple[int, list[str]]]:
    row0, col0 = start
    pad = [""] * col0
    styles = scan.styles
    for k, values in enumerate(sheet.iter_rows()):
        r = row0 + k
        texts = pad + [
            cell_text(v, styles.get((r, col0 + c)) if styles else None)
            for c, v in enumerate(values)
        ]
        yield r, texts


@contextmanager
def _calamine_guard(source: str, kind: SpreadsheetKind) -> Iterator[None]:
    """Turns calamine's exceptions (and Rust panics) into Chinese ``ReadError``s; a panic's
    English report on fd 2 is kept off the user's terminal (``native_stderr``)."""
    try:
        with quiet_native_stderr():
            yield
    except ReadError:
        raise
    except python_calamine.PasswordError:
        raise _encrypted(source) from None
    except Exception as exc:  # calamine raises CalamineError subclasses, ValueError, OSError…
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise _encrypted(source) from None
        raise damaged(kind, source) from exc
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":  # pyo3 panics derive from BaseException
            raise
        raise damaged(kind, source) from exc
