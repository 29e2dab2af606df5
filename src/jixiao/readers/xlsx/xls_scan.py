"""Pre-scan of a legacy .xls workbook (BIFF8 records in the OLE ``Workbook`` stream).

Why: for the same reasons as ``scan``: calamine would load a sheet with a stray value at
row 65,536 / column IV as a dense grid of 16 million cells, and it reports no number formats.
One pass over the records gives, per sheet, the extent of the value cells and the number
format of numeric cells; a ``FILEPASS`` record means the workbook is password-protected.
Only record headers and the few fixed fields needed are read, so a damaged stream is at worst
read wrongly, never beyond its end.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator

import olefile  # type: ignore[import-untyped, unused-ignore]

from jixiao._exceptions import ReadError
from jixiao.readers.xlsx.scan import MAX_FORMATTED_CELLS, SheetScan, WorkbookScan
from jixiao.readers.xlsx.values import BUILTIN_FORMATS, NumberStyle, number_style

__all__ = ["scan_xls"]

_BOF, _EOF, _FILEPASS, _BOUNDSHEET = 0x0809, 0x000A, 0x002F, 0x0085
_FORMAT, _XF, _MERGED = 0x041E, 0x00E0, 0x00E5
_NUMERIC = {0x0203, 0x027E, 0x0006}  # NUMBER, RK, FORMULA: row, col, xf first
_OTHER_VALUES = {0x00FD, 0x0204, 0x0205, 0x00D6}  # LABELSST, LABEL, BOOLERR, RSTRING
_MULRK = 0x00BD
_DIMENSIONS = 0x0200
_FIXED_SIZES = {0x00FD: 10, 0x0203: 14, 0x027E: 10, 0x0201: 6, 0x0205: 8}
"""LABELSST, NUMBER, RK, BLANK, BOOLERR: records of one length only (BIFF8)."""


def _encrypted(source: str) -> ReadError:
    return ReadError(
        "文件已加密（设置了打开密码），无法读取",
        source=source,
        hint="请在 Excel 或 WPS 中输入密码打开，取消密码后另存为 XLSX 再读取。",
    )


def _records(stream: bytes, start: int) -> Iterator[tuple[int, bytes]]:
    """The records of one substream (BOF … EOF) starting at ``start``."""
    pos = start
    while pos + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, pos)
        yield kind, stream[pos + 4 : pos + 4 + size]
        pos += 4 + size
        if kind == _EOF:
            break


def _format_code(body: bytes) -> tuple[int, str] | None:
    if len(body) < 5:
        return None
    ifmt, cch, flags = struct.unpack_from("<HHB", body)
    raw = body[5:]
    text = (
        raw[: cch * 2].decode("utf-16-le", "replace") if flags & 1 else raw[:cch].decode("latin-1")
    )
    return ifmt, text


def _container_ok(ole: olefile.OleFileIO, size: int) -> bool:
    """Whether the compound file's header and directory declare nothing larger than the file.

    calamine trusts these fields: a flipped bit in a stream's size made it ask for 1.2 TB and
    abort the whole process (an allocation failure in Rust is not an exception)."""
    if ole.sector_size not in (512, 4096) or ole.mini_sector_size != 64:
        return False
    for count in (ole.num_fat_sectors, ole.num_mini_fat_sectors, ole.num_difat_sectors):
        if count * ole.sector_size > size:
            return False
    return all(entry is None or entry.size <= size for entry in ole.direntries)


def scan_xls(data: bytes, *, source: str) -> WorkbookScan:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not _container_ok(ole, len(data)):
                raise ValueError("compound file fields larger than the file")
            name = "Workbook" if ole.exists("Workbook") else "Book"
            stream = ole.openstream(name).read()
    except Exception as exc:  # olefile raises many kinds on damaged files
        raise ReadError(
            "Excel 文件（XLS）已损坏，无法读取",
            source=source,
            hint="请用 Excel 或 WPS 打开后另存为 XLSX 再试。",
        ) from exc
    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    xf_formats: list[int] = []
    sheets: list[tuple[str, int]] = []
    for kind, body in _records(stream, 0):
        if kind == _FILEPASS:
            raise _encrypted(source)
        if kind == _FORMAT and (found := _format_code(body)):
            codes[found[0]] = found[1]
        elif kind == _XF and len(body) >= 4:
            xf_formats.append(struct.unpack_from("<H", body, 2)[0])
        elif kind == _BOUNDSHEET and len(body) >= 8:
            offset, _, sheet_type, cch, flags = struct.unpack_from("<IBBBB", body)
            raw = body[8:]
            title = (
                raw[: cch * 2].decode("utf-16-le", "replace")
                if flags & 1
                else raw[:cch].decode("latin-1")
            )
            if sheet_type == 0:
                sheets.append((title, offset))
    xf_styles = [number_style(codes[f]) if f in codes else None for f in xf_formats]
    result = WorkbookScan()
    for title, offset in sheets:
        scan = _scan_sheet(stream, offset, xf_styles)
        result.sheets[title] = scan
        union = result.unknown
        union.max_row, union.max_col = (
            max(union.max_row, scan.max_row),
            max(union.max_col, scan.max_col),
        )
    return result


def _scan_sheet(stream: bytes, offset: int, xf_styles: list[NumberStyle | None]) -> SheetScan:
    scan = SheetScan()

    def value(row: int, col: int, xf: int | None) -> None:
        scan.max_row = max(scan.max_row, row)
        scan.max_col = max(scan.max_col, col)
        style = xf_styles[xf] if xf is not None and xf < len(xf_styles) else None
        if style is not None and len(scan.styles) < MAX_FORMATTED_CELLS:
            scan.styles[row, col] = style

    ended = False
    for kind, body in _records(stream, offset):
        ended = kind == _EOF
        if _FIXED_SIZES.get(kind, len(body)) != len(body):
            scan.damaged = True  # a record's length was changed: the chain is misaligned
        if kind in _NUMERIC and len(body) >= 6:
            value(*struct.unpack_from("<HHH", body))
        elif kind in _OTHER_VALUES and len(body) >= 6:
            row, col = struct.unpack_from("<HH", body)
            value(row, col, None)
        elif kind == _MULRK and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body)
            for i in range((len(body) - 6) // 6):
                (xf,) = struct.unpack_from("<H", body, 4 + 6 * i)
                value(row, first + i, xf)
        elif kind == _DIMENSIONS and len(body) >= 12:
            # calamine sizes its grid from this record: a first row after the last one (a
            # flipped bit) made it ask for terabytes and abort. Such a sheet is streamed.
            r0, r1, c0, c1 = struct.unpack_from("<IIHH", body)
            if not (r0 <= r1 <= 65536 and c0 <= c1 <= 256):
                scan.unaddressed = True
        elif kind == _MERGED and len(body) >= 2:
            (count,) = struct.unpack_from("<H", body)
            for i in range(min(count, (len(body) - 2) // 8)):
                r0, r1, c0, c1 = struct.unpack_from("<HHHH", body, 2 + 8 * i)
                scan.merges.append((r0, c0, r1, c1))
    scan.damaged = scan.damaged or not ended
    return scan
