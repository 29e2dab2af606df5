"""Checks an XLSX container before any library opens it, and pre-scans its worksheets.

Why: calamine loads a sheet into a dense grid as large as the span of its non-empty cells, so
one stray value at XFD1048576 would ask for billions of cells and abort the process; and it
does not report number formats. This module therefore

- refuses corrupt or truncated ZIPs, workbooks without ``xl/workbook.xml``, ZIP-encrypted
  members and ZIP bombs (the declared sizes and ratios are checked first, with the same policy
  as ``guard``; then every XML part is decompressed in bounded chunks, which verifies its
  CRC, so a part that lies about its size fails here, not inside calamine);
- streams each worksheet's XML once with a small tokenizer to find the extent of the cells that
  hold a value, the merged ranges and the number format of numeric cells.

The tokenizer is not a general XML parser: a few regular expressions look for ``<c>`` and
``<mergeCell>`` tags (with or without a namespace prefix), which cannot occur inside text nodes
because ``<`` is always escaped there. Errors only ever make the extent larger (a cell whose
emptiness is unclear counts as a value; a cell without an ``r`` reference marks the sheet for
streaming), which costs speed, never safety.
"""

from __future__ import annotations

import io
import itertools
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from xml.etree import ElementTree

from jixiao._exceptions import FileTooLargeError, ReadError, UnsupportedFormatError
from jixiao.readers.xlsx.values import BUILTIN_FORMATS, NumberStyle, number_style

__all__ = [
    "MAX_MEMBERS",
    "MAX_PART_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "Merge",
    "SheetScan",
    "WorkbookScan",
    "open_zip",
    "scan_xlsx",
]

MAX_MEMBERS = 10_000
MAX_PART_BYTES = 128 * 1024 * 1024
"""One XML part may not decompress to more than this (a real sheet is a few MB at most)."""
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
"""A member over 1 MB inflating more than this many times is a bomb (real sheets: 5-30)."""
_RATIO_FLOOR = 1024 * 1024
MAX_FORMATTED_CELLS = 200_000
"""Number formats are remembered for at most this many cells per sheet (bounded memory)."""
_CHUNK = 1 << 20
_TAIL = 1024

Merge = tuple[int, int, int, int]
"""A merged range, 0-based and inclusive: (first row, first col, last row, last col)."""

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
_VALUE_CELL = re.compile(_PREFIX + rb"c\b([^>]*?)(?<!/)>(?!\s*</(?:[A-Za-z_][\w.-]*:)?c>)")
"""A cell that holds something: not ``<c …/>`` and not ``<c …></c>``."""
_NO_REF = re.compile(_PREFIX + rb"c(?=[\s/>])(?![^>]*(?<![\w:])r\s*=)")
_MERGE = re.compile(_PREFIX + rb"mergeCell\b([^>]*?)/?>")
_FAST = re.compile(
    rb'\s+r="([A-Z]{1,3})([0-9]{1,7})"(?:\s+s="([0-9]+)")?(?:\s+t="([a-zA-Z]+)")?\s*'
)
"""The attributes of a cell as Excel, WPS, LibreOffice and openpyxl write them (r, s, t)."""
_ROOT = re.compile(_PREFIX + rb"worksheet\b")
"""A worksheet part's root element: without it the part is not a sheet (calamine would read it
as an empty sheet and the projects on it would vanish without a word)."""
_ATTR = re.compile(rb'(?<![\w:])(r|s|t|ref)\s*=\s*"([^"]*)"')
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


@dataclass
class SheetScan:
    """What the pre-scan found in one worksheet part (0-based coordinates)."""

    max_row: int = -1
    max_col: int = -1
    merges: list[Merge] = field(default_factory=list)
    styles: dict[tuple[int, int], NumberStyle] = field(default_factory=dict)
    unaddressed: bool = False
    """Some cell has no ``r`` reference: its place is known only by counting, so the extent
    above is not reliable and the sheet must be streamed, not loaded whole."""
    damaged: bool = False
    """(XLS) A cell record of the wrong length, or no end record: the record chain is broken
    and the cells after the break are lost or misplaced by any reader."""

    @property
    def cells_spanned(self) -> int:
        return (self.max_row + 1) * (self.max_col + 1)


@dataclass
class WorkbookScan:
    """Sheet name → its scan, for the worksheets the workbook lists (in workbook order)."""

    sheets: dict[str, SheetScan] = field(default_factory=dict)
    unknown: SheetScan = field(default_factory=SheetScan)
    """Used for a sheet the scan could not name (the union of all extents)."""


def _damaged(source: str, detail: str) -> ReadError:
    return ReadError(
        f"Excel 文件已损坏或不完整，无法读取（{detail}）",
        source=source,
        hint="请确认文件已完整下载；可用 Excel 或 WPS 打开后另存为 XLSX 再试。",
    )


def open_zip(data: bytes, *, source: str) -> zipfile.ZipFile:
    """Open the ZIP and enforce the limits on what its central directory declares."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _damaged(source, "ZIP 结构无法解析") from None
    if "xl/workbook.xml" not in {m.filename for m in members}:
        raise UnsupportedFormatError(
            "这是一个 ZIP 压缩文件，但不是 Excel 工作簿（缺少 xl/workbook.xml）",
            source=source,
            hint="请提供 .xlsx 文件；如果是压缩包，请先解压。",
        )
    if len(members) > MAX_MEMBERS:
        raise _bomb(source, f"压缩包内文件过多（{len(members)} 个）")
    for member in members:
        if member.flag_bits & 0x1:
            raise ReadError(
                "文件已加密（设置了打开密码），无法读取",
                source=source,
                hint="请在 Excel 或 WPS 中取消密码后另存为 XLSX，再读取。",
            )
        if member.file_size > MAX_PART_BYTES:
            raise _bomb(source, f"“{member.filename}”解压后过大")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
            raise _bomb(source, f"“{member.filename}”的压缩比异常（{ratio:.0f} 倍）")
    if sum(m.file_size for m in members) > MAX_TOTAL_BYTES:
        raise _bomb(source, f"文件解压后过大（超过 {MAX_TOTAL_BYTES >> 20} MB）")
    return archive


def _bomb(source: str, detail: str) -> FileTooLargeError:
    return FileTooLargeError(
        f"{detail}，疑似压缩炸弹，已拒绝读取",
        source=source,
        hint="正常的绩效目标文件解压后只有几 MB；请确认文件来源可靠。",
    )


def _chunks(archive: zipfile.ZipFile, name: str, source: str) -> Iterator[bytes]:
    """A part's bytes in bounded chunks; CRC and size are verified by ``zipfile``."""
    try:
        with archive.open(name) as stream:
            read = 0
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                if read > MAX_PART_BYTES:  # pragma: no cover - zipfile stops at the declared size
                    raise _bomb(source, f"“{name}”解压后过大")
                yield chunk
    except Exception as exc:  # zlib.error, CRC mismatch, unsupported method or version…
        if isinstance(exc, ReadError):
            raise
        raise _damaged(source, f"部件 {name} 无法解压") from exc


def _read_part(archive: zipfile.ZipFile, name: str, source: str) -> bytes:
    return b"".join(_chunks(archive, name, source))


@lru_cache(maxsize=4096)
def _col_index(letters: str | bytes) -> int:
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _parse_ref(ref: str) -> tuple[int, int] | None:
    found = _REF.match(ref)
    if found is None:
        return None
    return int(found.group(2)) - 1, _col_index(found.group(1))


def _sheet_parts(archive: zipfile.ZipFile, source: str) -> list[tuple[str, str]]:
    """(sheet name, part path) from workbook.xml and its relationships."""
    try:
        book = ElementTree.fromstring(_read_part(archive, "xl/workbook.xml", source))
        rels_xml = (
            _read_part(archive, "xl/_rels/workbook.xml.rels", source)
            if "xl/_rels/workbook.xml.rels" in archive.NameToInfo
            else b"<Relationships/>"
        )
        rels = ElementTree.fromstring(rels_xml)
    except ElementTree.ParseError:
        raise _damaged(source, "工作簿目录 workbook.xml 格式错误") from None
    targets: dict[str, str] = {}
    for rel in rels.iter(f"{_NS_PKG}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[rel.get("Id", "")] = posixpath.normpath(path)
    out: list[tuple[str, str]] = []
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        part = targets.get(sheet.get(f"{_NS_REL}id", ""))
        if part is not None and part in archive.NameToInfo:
            out.append((sheet.get("name", ""), part))
    return out


def _cell_styles(archive: zipfile.ZipFile, source: str) -> list[NumberStyle | None]:
    """Number style of each cell format (``s`` attribute) in styles.xml."""
    if "xl/styles.xml" not in archive.NameToInfo:
        return []
    try:
        root = ElementTree.fromstring(_read_part(archive, "xl/styles.xml", source))
    except ElementTree.ParseError:
        return []  # formats are a refinement: without them numbers print as General
    codes: dict[int, str] = dict(BUILTIN_FORMATS)
    for fmt in root.iter(f"{_NS_MAIN}numFmt"):
        try:
            codes[int(fmt.get("numFmtId", ""))] = fmt.get("formatCode", "")
        except ValueError:
            continue
    out: list[NumberStyle | None] = []
    xfs = root.find(f"{_NS_MAIN}cellXfs")
    for xf in xfs if xfs is not None else []:
        try:
            code = codes.get(int(xf.get("numFmtId", "0")))
        except ValueError:
            code = None
        out.append(number_style(code) if code else None)
    return out


def _scan_sheet(chunks: Iterator[bytes], styles: list[NumberStyle | None], scan: SheetScan) -> bool:
    """Fill ``scan``; whether the part has a worksheet root element."""
    max_row = max_col = -1
    rooted = False
    found = scan.styles
    tail = b""
    for chunk in itertools.chain(chunks, [None]):
        data = tail + (chunk or b"")
        # Tokens are read up to the last "<": a tag never contains one, so none is cut.
        cut = len(data) if chunk is None else max(data.rfind(b"<"), 0)
        tail = data[cut:]
        rooted = rooted or _ROOT.search(data, 0, cut) is not None
        if len(tail) > _CHUNK + _TAIL:  # one "tag" longer than a megabyte: not a real sheet
            scan.unaddressed, tail = True, b""
        if _NO_REF.search(data, 0, cut):
            scan.unaddressed = True  # a cell placed only by counting: not for calamine
        for attrs in _MERGE.findall(data, 0, cut):
            ref = dict(_ATTR.findall(attrs)).get(b"ref", b"")
            _add_merge(scan, ref.decode("ascii", "replace"))
        for attrs in _VALUE_CELL.findall(data, 0, cut):
            fast = _FAST.fullmatch(attrs)
            if fast is not None:
                letters, digits, s, t = fast.groups()
            else:
                named = dict(_ATTR.findall(attrs))
                ref = _REF.match(named.get(b"r", b"").decode("ascii", "replace"))
                if ref is None:
                    scan.unaddressed = True
                    continue
                letters, digits = ref.group(1).upper().encode(), ref.group(2).encode()
                s, t = named.get(b"s", b""), named.get(b"t", b"")
            row, col = int(digits) - 1, _col_index(letters)
            max_row, max_col = max(max_row, row), max(max_col, col)
            if s and t in (b"", b"n") and s.isdigit():
                index = int(s)
                style = styles[index] if index < len(styles) else None
                if style is not None and len(found) < MAX_FORMATTED_CELLS:
                    found[row, col] = style
    scan.max_row, scan.max_col = max_row, max_col
    return rooted


def _add_merge(scan: SheetScan, ref: str) -> None:
    first, _, last = ref.partition(":")
    a, b = _parse_ref(first), _parse_ref(last or first)
    if a and b:
        scan.merges.append((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])))


def scan_xlsx(data: bytes, *, source: str) -> WorkbookScan:
    """Check the container and pre-scan every worksheet; raises ``ReadError`` on bad input."""
    archive = open_zip(data, source=source)
    with archive:
        for info in archive.infolist():
            if info.filename.endswith((".xml", ".rels")) and not info.filename.startswith(
                "xl/worksheets/"
            ):
                for _ in _chunks(archive, info.filename, source):
                    pass  # decompress once: verifies sizes and CRCs of what calamine parses
        styles = _cell_styles(archive, source)
        result = WorkbookScan(unknown=SheetScan(unaddressed=True))
        for name, part in _sheet_parts(archive, source):
            scan = SheetScan()
            if part.startswith("xl/worksheets/") and not _scan_sheet(
                _chunks(archive, part, source), styles, scan
            ):
                raise _damaged(source, f"工作表“{name}”的内容不是有效的工作表")
            result.sheets[name] = scan
        return result
