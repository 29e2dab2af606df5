"""XLSX/XLS: render → read → assemble gives back the same document, and bad files fail fast.

Every seed goes through ``render_xlsx`` → ``read_spreadsheet`` → ``assemble`` and must compare
equal (``comparable``: all but source locations) to the seed as read from text. Variants cover
the layouts real workbooks use (all projects on one sheet, amounts in 元, the 2021 template,
.xls) and hostile files (damaged ZIP, ZIP bomb, encrypted workbook, a million empty rows).
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import struct
import subprocess
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from jixiao import Document, read_path
from jixiao._exceptions import FileTooLargeError, ReadError, UnsupportedFormatError
from jixiao.assemble import assemble
from jixiao.layout import Paragraph, Table
from jixiao.model import SourceInfo
from jixiao.readers.xlsx import read_spreadsheet
from jixiao.readers.xlsx.values import cell_text, number_style
from jixiao.render.compare import comparable
from jixiao.render.xlsx import render_xlsx
from jixiao.values import parse_value
from tests.conftest import SEEDS
from tests.formats._helpers import set_encrypted_flag, with_cost_as_level1, zip_bomb

try:
    import xlwt
except ImportError:  # pragma: no cover - the .xls test then says what to install
    xlwt = None

_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    return {name: read_path(path) for name, path in SEEDS.items()}


@pytest.fixture(scope="module")
def rendered(seeds: dict[str, Document]) -> dict[str, bytes]:
    return {name: render_xlsx(doc) for name, doc in seeds.items()}


def read_back(data: bytes, name: str = "test.xlsx") -> Document:
    layout = read_spreadsheet(data, source=name)
    fmt = "xls" if data.startswith(b"\xd0\xcf") else "xlsx"
    info = SourceInfo(name=name, format=fmt, sha256=hashlib.sha256(data).hexdigest())
    return assemble(layout, info)


def assert_same(original: Document, back: Document, *, ignore_warnings: bool = False) -> None:
    want, got = comparable(original), comparable(back)
    if ignore_warnings:
        want.pop("warnings"), got.pop("warnings")
    assert got == want


# -- round trips ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_round_trip(name: str, seeds: dict[str, Document], rendered: dict[str, bytes]) -> None:
    back = read_back(rendered[name])
    assert_same(seeds[name], back)
    assert back.projects[0].indicators[0].source.sheet  # locations point into the workbook


def test_summary_sheet_ignored_department_read_as_paragraphs(rendered: dict[str, bytes]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(rendered["001"]))
    assert book.sheetnames[:3] == ["汇总", "部门整体绩效目标", "01 北戴河村镇志编撰印刷费"]
    summary = book["汇总"]
    assert summary.max_row == 12 and summary["D2"].value == "434-1401-JBN-6BVF"
    layout = read_spreadsheet(rendered["001"], source="x.xlsx")
    sheets = [_sheet_of(block) for block in layout.blocks]
    assert "汇总" not in sheets
    department = [b for b in layout.blocks if _sheet_of(b) == "部门整体绩效目标"]
    assert department and all(isinstance(b, Paragraph) for b in department)
    assert isinstance(layout.blocks[0], Paragraph)
    assert layout.blocks[0].text == "秦皇岛市北戴河区人民政府办公室2020年部门预算绩效信息"


def test_merged_level_cells_and_exact_amounts(rendered: dict[str, bytes]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(rendered["003"]))
    sheet = book.worksheets[2]
    merged = [
        str(r) for r in sheet.merged_cells.ranges if r.min_col in (1, 2) and r.max_row > r.min_row
    ]
    assert merged, "一级/二级 cells must be merged vertically"
    assert sheet["C4"].number_format == "0.00"
    first = zipfile.ZipFile(io.BytesIO(rendered["000"])).read("xl/worksheets/sheet3.xml")
    assert b"<v>72.64</v>" in first  # the exact decimal, not a binary float's digits
    layout = read_spreadsheet(rendered["003"], source="x.xlsx")
    table = next(t for t in layout.tables() if _sheet_of(t) == sheet.title)
    output = [c for c in table.cells if c.text == "产出指标"]
    assert len(output) == 1 and output[0].rowspan > 1 and output[0].position.col == 1
    assert [c.text for c in table.cells if c.position.row == 4][2] == "29.25"


def test_all_projects_on_one_sheet(seeds: dict[str, Document], rendered: dict[str, bytes]) -> None:
    for name in ("000", "002"):
        data = _one_sheet(rendered[name])
        assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames == ["绩效目标"]
        assert_same(seeds[name], read_back(data))


def test_several_units(seeds: dict[str, Document], rendered: dict[str, bytes]) -> None:
    back = read_back(rendered["000"])
    units = {(p.unit.code, p.unit.name) for p in back.projects}
    assert units == {
        ("630002", "秦皇岛市北戴河区行政审批局"),
        ("630003", "秦皇岛市北戴河区人民政府政务服务中心"),
    }


def test_amounts_in_yuan(seeds: dict[str, Document]) -> None:
    doc = seeds["000"].model_copy(deep=True)
    for project in doc.projects:
        project.money_unit = "元"
        total = project.budget.total or Decimal(0)
        project.budget.total = total * 10000
        project.budget.fiscal = total * 10000 - Decimal("0.50")
        project.budget.other = Decimal("0.50")
    back = read_back(render_xlsx(doc))
    assert_same(doc, back)
    assert back.projects[0].budget.total == Decimal("726400.00")
    assert back.projects[0].money_unit == "元"


def test_2021_template_cost_as_level1(seeds: dict[str, Document]) -> None:
    doc = with_cost_as_level1(seeds["002"])
    assert any(i.category == "cost.economic" for p in doc.projects for i in p.indicators)
    assert_same(doc, read_back(render_xlsx(doc)))


def test_text_cells_stay_text(seeds: dict[str, Document]) -> None:
    doc = seeds["001"].model_copy(deep=True)
    indicator = doc.projects[0].indicators[0]
    indicator.value_text = "=100%"  # would be a formula if written carelessly
    indicator.value = parse_value(indicator.value_text)
    indicator.basis = "0012"  # a number-looking text keeps its zeros
    doc.projects[0].purpose = "第一行\n2、第二行"
    back = read_back(render_xlsx(doc))
    assert back.projects[0].indicators[0].value_text == "=100%"
    assert_same(doc, back)


def test_xls_round_trip(seeds: dict[str, Document], rendered: dict[str, bytes]) -> None:
    for name in ("000", "002"):  # 002 has blank 资金支出计划 cells
        data = _to_xls(rendered[name])
        assert data.startswith(b"\xd0\xcf\x11\xe0")
        assert_same(seeds[name], read_back(data, "test.xls"))


def test_xls_stray_far_cell_is_streamed_with_xlrd(monkeypatch: pytest.MonkeyPatch) -> None:
    """A value at IV65536 would make calamine allocate 16 million cells (≈ 500 MB) as soon as
    it opens the .xls: xlrd reads that workbook instead."""
    import python_calamine

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("calamine must not open this workbook")

    monkeypatch.setattr(python_calamine, "load_workbook", refuse)
    if xlwt is None:
        pytest.fail("写 .xls 测试文件需要 xlwt（pip install xlwt）")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("表")
    sheet.write(0, 0, "预算数")
    sheet.write(0, 1, 72.64, xlwt.easyxf(num_format_str="0.00"))
    sheet.write(0, 2, 25.0, xlwt.easyxf(num_format_str="0.00"))
    sheet.write_merge(1, 2, 0, 1, "合并")  # reaches below the last value
    sheet.write(65535, 255, "远处")
    out = io.BytesIO()
    book.save(out)
    start = time.process_time()  # CPU time: a busy machine does not fail it
    layout = read_spreadsheet(out.getvalue(), source="远.xls")
    assert time.process_time() - start < 2.0
    cells = [(c.text, c.row, c.rowspan, c.colspan) for c in next(layout.tables()).cells]
    assert cells == [
        ("预算数", 0, 1, 1),
        ("72.64", 0, 1, 1),
        ("25.00", 0, 1, 1),
        ("合并", 1, 2, 2),
        ("", 1, 1, 1),
        ("", 2, 1, 1),
    ]
    assert [w.code for w in layout.warnings] == ["sheet_truncated"]


def test_numbers_print_with_their_format() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    cells: list[tuple[Any, str | None, str]] = [
        (72.64, None, "72.64"),
        (25.0, None, "25"),
        (25, "0.00", "25.00"),
        (0.955, "0.0%", "95.5%"),
        (0.95, "0%", "95%"),
        (1234.5, "#,##0.00", "1234.50"),
        (0.1 + 0.2, None, "0.3"),
        (0.125, "0.00", "0.125"),
    ]
    for c, (value, fmt, _) in enumerate(cells, start=1):
        sheet.cell(row=1, column=c, value=value).number_format = fmt or "General"
    sheet.cell(row=2, column=1, value="日期")
    sheet.cell(row=2, column=2, value=__import__("datetime").date(2023, 12, 31))
    out = io.BytesIO()
    book.save(out)
    layout = read_spreadsheet(out.getvalue(), source="n.xlsx")
    table = next(layout.tables())
    texts = [c.text for c in table.cells if c.row == 0]
    assert texts == [want for _, _, want in cells]
    assert [c.text for c in table.cells if c.row == 1][:2] == ["日期", "2023-12-31"]


def test_cell_text_units() -> None:
    assert cell_text(72.63999999999999) == "72.64"
    assert cell_text(1e20) == "100000000000000000000"
    assert cell_text(True) == "TRUE"
    assert cell_text(" a\r\nb ") == "a\nb"
    assert number_style("yyyy-mm-dd") is None and number_style("@") is None
    assert number_style('"¥"#,##0.00;[Red]-#,##0.00') == (2, False)


# -- large and hostile files ------------------------------------------------------------


def test_million_empty_rows_are_cheap(
    seeds: dict[str, Document], rendered: dict[str, bytes]
) -> None:
    rows = b"".join(b'<row r="%d"/>' % r for r in range(40, 1_000_001))
    data = _patch_sheet(
        rendered["001"], lambda xml: xml.replace(b"</sheetData>", rows + b"</sheetData>")
    )
    start = time.process_time()  # CPU time: a busy machine does not fail it
    back = read_back(data)
    assert time.process_time() - start < 3.0
    assert_same(seeds["001"], back)


def test_claimed_dimension_is_not_trusted(
    seeds: dict[str, Document], rendered: dict[str, bytes]
) -> None:
    def claim(xml: bytes) -> bytes:
        return re.sub(rb"<dimension ref=\"[^\"]*\"", b'<dimension ref="A1:XFD1048576"', xml)

    data = _patch_sheet(rendered["001"], claim)
    start = time.process_time()  # CPU time: a busy machine does not fail it
    assert_same(seeds["001"], read_back(data))
    assert time.process_time() - start < 1.0


def test_hidden_sheet_is_skipped_with_a_warning(rendered: dict[str, bytes]) -> None:
    book = openpyxl.load_workbook(io.BytesIO(rendered["001"]))
    book.worksheets[-1].sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    back = read_back(out.getvalue())
    assert len(back.projects) == 10
    assert [w.code for w in back.warnings] == ["sheet_hidden"]
    assert "已隐藏" in back.warnings[0].message


def test_stray_cell_at_row_one_million(
    seeds: dict[str, Document], rendered: dict[str, bytes]
) -> None:
    far = b'<row r="1000000"><c r="G1000000" t="inlineStr"><is><t> </t></is></c></row>'
    data = _patch_sheet(
        rendered["001"], lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>")
    )
    start = time.process_time()  # CPU time: a busy machine does not fail it
    back = read_back(data)
    assert time.process_time() - start < 3.0
    assert_same(seeds["001"], back, ignore_warnings=True)
    assert [w.code for w in back.warnings] == ["sheet_truncated"]
    assert "停止读取" in back.warnings[0].message


def test_stray_cell_at_the_last_column(
    seeds: dict[str, Document], rendered: dict[str, bytes]
) -> None:
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    data = _patch_sheet(
        rendered["001"], lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>")
    )
    start = time.process_time()  # CPU time: a busy machine does not fail it
    back = read_back(data)
    assert time.process_time() - start < 3.0
    assert_same(seeds["001"], back, ignore_warnings=True)
    assert {w.code for w in back.warnings} == {"sheet_truncated", "sheet_too_wide"}


HOSTILE: dict[str, tuple[Any, type[Exception], str]] = {
    "truncated": (lambda d: d[: len(d) // 2], ReadError, "损坏或不完整"),
    "pk_then_random": (
        lambda d: b"PK\x03\x04" + hashlib.sha512(d).digest() * 64,
        ReadError,
        "损坏",
    ),
    "not_an_xlsx": (
        lambda d: _zip({"readme.txt": "你好".encode()}),
        UnsupportedFormatError,
        "不是 Excel",
    ),
    "zip_bomb": (lambda d: _bomb(130 << 20), FileTooLargeError, "解压后过大"),
    "ratio_bomb": (lambda d: _bomb(4 << 20), FileTooLargeError, "压缩比异常"),
    "broken_workbook_xml": (
        lambda d: _replace_member(d, "xl/workbook.xml", b"<workbook><sheets><sheet"),
        ReadError,
        "损坏",
    ),
    "encrypted_ole": (
        lambda d: _ole({"EncryptionInfo": b"\0" * 4096, "EncryptedPackage": d}),
        ReadError,
        "已加密",
    ),
    "zip_password": (lambda d: set_encrypted_flag(d), ReadError, "已加密"),
    "ole_without_workbook": (
        lambda d: _ole({"WordDocument": b"\0" * 4096}),
        UnsupportedFormatError,
        "不是 Excel",
    ),
    "broken_ole": (lambda d: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ReadError, "损坏"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_fail_fast_in_chinese(case: str, rendered: dict[str, bytes]) -> None:
    make, error, words = HOSTILE[case]
    data = make(rendered["000"])
    assert len(data) < 2 << 20  # the bombs are small on disk
    start = time.process_time()  # CPU time: a busy machine does not fail it
    with pytest.raises(error) as info:
        read_spreadsheet(data, source="坏文件.xlsx")
    assert time.process_time() - start < 2.0
    message = str(info.value)
    assert message.startswith("坏文件.xlsx："), message
    assert words in message and _CJK.search(info.value.message), message


def test_every_truncation_fails_cleanly(rendered: dict[str, bytes]) -> None:
    data = rendered["002"]
    for cut in range(100, len(data), max(1, len(data) // 40)):
        with pytest.raises(ReadError):
            read_spreadsheet(data[:cut], source="半个.xlsx")


# -- helpers ----------------------------------------------------------------------------


def _sheet_of(block: Paragraph | Table) -> str | None:
    return block.position.sheet


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    members = _members(data)
    members[name] = content
    return _zip(members)


def _patch_sheet(data: bytes, change: Any, part: str = "xl/worksheets/sheet3.xml") -> bytes:
    """Edit the XML of the first project sheet (sheet1 is 汇总, sheet2 the department)."""
    members = _members(data)
    members[part] = change(members[part])
    return _zip(members)


def _bomb(size: int) -> bytes:
    return zip_bomb(
        size, prelude=("xl/workbook.xml", b"<workbook/>"), member="xl/sharedStrings.xml"
    )


def _ole(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file holding ``streams`` (each ≥ 4096 bytes, so no mini FAT).

    This is how Office stores a password-protected XLSX (``EncryptedPackage``) and an .xls.
    """
    sector = 512
    free, end, fat_sect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    data_sectors: list[bytes] = []
    entries: list[tuple[str, int, int, int]] = []  # name, type, start, size
    for name, content in streams.items():
        assert len(content) >= 4096
        first = 2 + len(data_sectors)
        padded = content + bytes(-len(content) % sector)
        data_sectors += [padded[i : i + sector] for i in range(0, len(padded), sector)]
        entries.append((name, 2, first, len(content)))
    fat = [fat_sect, end]
    for _name, _, first, size in entries:
        count = -(-size // sector)
        fat += [first + i + 1 for i in range(count - 1)] + [end]
    assert len(fat) <= sector // 4
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child: int, right: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(raw), kind, 1, free, right, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, end, 0, 1, free)
    for n, (name, kind, start, size) in enumerate(entries, start=1):
        directory += entry(name, kind, start, size, free, n + 1 if n < len(entries) else free)
    directory = directory.ljust(sector, b"\0")
    assert len(directory) == sector, "at most 3 streams"
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    assert len(header) == sector
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + b"".join(data_sectors)


def _copy_cells(source: Any, target: Any, offset: int) -> None:
    for row in source.iter_rows():
        for cell in row:
            if cell.value is None or type(cell).__name__ == "MergedCell":
                continue
            new = target.cell(row=cell.row + offset, column=cell.column, value=cell.value)
            new.number_format = cell.number_format
    for merged in source.merged_cells.ranges:
        target.merge_cells(
            start_row=merged.min_row + offset,
            start_column=merged.min_col,
            end_row=merged.max_row + offset,
            end_column=merged.max_col,
        )


def _one_sheet(data: bytes) -> bytes:
    """The department paragraphs and every project table stacked on one sheet."""
    source = openpyxl.load_workbook(io.BytesIO(data))
    book = openpyxl.Workbook()
    target = book.active
    assert target is not None
    target.title = "绩效目标"
    offset = 0
    for sheet in source.worksheets[1:]:  # not the 汇总 list
        _copy_cells(sheet, target, offset)
        offset += sheet.max_row + 2  # two blank rows between blocks
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _to_xls(data: bytes) -> bytes:
    """The rendered workbook as .xls: written with xlwt, or converted by LibreOffice."""
    if xlwt is not None:
        return _xlwt_copy(data)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("写 .xls 测试文件需要 xlwt（pip install xlwt）或 LibreOffice（soffice）")
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "in.xlsx").write_bytes(data)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(folder / 'p').as_uri()}",
                "--headless",
                "--convert-to",
                "xls",
                "--outdir",
                str(folder),
                str(folder / "in.xlsx"),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
        return (folder / "in.xls").read_bytes()


def _xlwt_copy(data: bytes) -> bytes:
    source = openpyxl.load_workbook(io.BytesIO(data))
    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, Any] = {}
    for sheet in source.worksheets:
        target = book.add_sheet(sheet.title)
        tops = {(m.min_row, m.min_col): m for m in sheet.merged_cells.ranges}
        for row in sheet.iter_rows():
            for cell in row:
                if type(cell).__name__ == "MergedCell":
                    continue
                value = float(cell.value) if isinstance(cell.value, Decimal) else cell.value
                fmt = cell.number_format
                style = styles.setdefault(fmt, xlwt.easyxf(num_format_str=fmt))
                merged = tops.get((cell.row, cell.column))
                if merged is not None:
                    target.write_merge(
                        merged.min_row - 1,
                        merged.max_row - 1,
                        merged.min_col - 1,
                        merged.max_col - 1,
                        value,
                        style,
                    )
                elif value is not None:
                    target.write(cell.row - 1, cell.column - 1, value, style)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
