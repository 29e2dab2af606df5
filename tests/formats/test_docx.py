"""DOCX in and out: the seeds rendered to Word and read back give the same model.

Also: the reader's true grid (merged 一级 cells are one cell with a rowspan), variants a real
DOCX shows (repeated instead of merged cells, amounts in 元, long cells, the 2021 template with
成本指标 as a 一级, content controls, tracked changes, Word's automatic numbering), and
hostile files, which must fail fast with a Chinese message.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
import time
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from jixiao import Document, read_path
from jixiao._exceptions import FileTooLargeError, ReadError, UnsupportedFormatError
from jixiao.assemble import assemble
from jixiao.layout import Layout, Table
from jixiao.model import SourceInfo
from jixiao.readers.docx import read_docx
from jixiao.render.docx import render_docx
from jixiao.values import parse_value
from tests.conftest import SEEDS
from tests.formats._helpers import (
    assert_same,
    set_encrypted_flag,
    with_cost_as_level1,
    zip_bomb,
)

try:
    import docx
    from docx.oxml import parse_xml
except ImportError as exc:  # pragma: no cover - a clear failure, never a silent skip
    raise ImportError("DOCX 测试需要 python-docx：请运行 pip install python-docx") from exc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_NS = W[1:-1]
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    return {name: read_path(path) for name, path in sorted(SEEDS.items())}


@pytest.fixture(scope="module")
def rendered(seeds: dict[str, Document]) -> dict[str, bytes]:
    return {name: render_docx(doc) for name, doc in seeds.items()}


def _bomb(size: int) -> bytes:
    return zip_bomb(size, prelude=("[Content_Types].xml", b"<Types/>"), member="word/document.xml")


def read_back(data: bytes, name: str = "test.docx") -> Document:
    layout = read_docx(data, source=name)
    info = SourceInfo(name=name, format="docx", sha256=hashlib.sha256(data).hexdigest())
    return assemble(layout, info)


# -- round trips ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_round_trip(name: str, seeds: dict[str, Document], rendered: dict[str, bytes]) -> None:
    back = read_back(rendered[name])
    assert_same(seeds[name], back)
    assert back.source.format == "docx"
    first = back.projects[0]
    assert first.source.line is not None  # the title paragraph's number in the body
    assert first.indicators[0].source.table == 1
    assert first.indicators[0].source.row is not None


def test_several_units(rendered: dict[str, bytes]) -> None:
    back = read_back(rendered["000"])
    units = [(p.unit.code, p.unit.name) for p in back.projects]
    assert sorted(set(units)) == [
        ("630002", "秦皇岛市北戴河区行政审批局"),
        ("630003", "秦皇岛市北戴河区人民政府政务服务中心"),
    ]


def test_merged_level1_cell_is_one_cell_with_rowspan(rendered: dict[str, bytes]) -> None:
    layout = read_docx(rendered["002"], source="002.docx")
    table = next(layout.tables())
    output = [c for c in table.cells if c.text == "产出指标"]
    assert len(output) == 1  # one cell, not repeated in every row
    assert output[0].rowspan == 4 and output[0].col == 0
    assert output[0].position.table == 1 and output[0].position.row == output[0].row + 1
    second = list(layout.tables())[1]  # project 2 has two 时效指标 rows
    assert [(c.rowspan, c.col) for c in second.cells if c.text == "时效指标"] == [(2, 1)]


def test_long_cells(seeds: dict[str, Document]) -> None:
    doc = seeds["001"].model_copy(deep=True)
    project = doc.projects[0]
    project.purpose = "保障北戴河村镇志编撰印刷工作顺利完成，" * 60 + "确保按期出版。"
    project.name = "北戴河村镇志编撰印刷费（含资料收集、编辑、审校、排版、印刷及发行）"
    indicator = project.indicators[0]
    indicator.description = "按照区委、区政府的统一部署，完成村镇志资料收集与编撰，" * 20
    indicator.basis = "《秦皇岛市北戴河区地方志工作规定》" * 10
    assert_same(doc, read_back(render_docx(doc)))


def test_amounts_in_yuan(seeds: dict[str, Document]) -> None:
    doc = seeds["000"].model_copy(deep=True)
    for project in doc.projects:
        project.money_unit = "元"
        total = project.budget.total or Decimal(0)
        project.budget.total = total * 10000
        project.budget.fiscal = total * 10000 - Decimal("0.50")
        project.budget.other = Decimal("0.50")
    data = render_docx(doc)
    back = read_back(data)
    assert_same(doc, back)
    assert back.projects[0].budget.total == Decimal("726400.00")
    assert "单位：元" in [c.text for c in next(read_docx(data, source="x").tables()).cells]


def test_missing_parts_and_odd_cells(seeds: dict[str, Document]) -> None:
    """Projects without title, plan, goals or purpose; a unit without code; a 指标值 over
    several lines; an indicator row with nothing but its labels (kept, not merged away)."""
    doc = seeds["000"].model_copy(deep=True)
    for project in doc.projects:
        project.title = None
    doc.projects[1].spending_plan = []
    doc.projects[2].goals = []
    doc.projects[3].purpose = None
    doc.projects[4].unit.code = None
    doc.projects[5].indicators[1].description = None
    multi_line = doc.projects[6].indicators[0]
    multi_line.value_text = "≥98 百分\n\n比"
    multi_line.value = parse_value(multi_line.value_text)
    first, bare = doc.projects[7].indicators[:2]
    bare.level1, bare.level2, bare.category = first.level1, first.level2, first.category
    bare.name, bare.description, bare.basis = "", None, None
    bare.value_text, bare.value = "", parse_value("")
    assert_same(doc, read_back(render_docx(doc)))


def test_2021_template_cost_as_level1(seeds: dict[str, Document]) -> None:
    doc = with_cost_as_level1(seeds["002"])
    assert any(i.category == "cost.economic" for p in doc.projects for i in p.indicators)
    assert_same(doc, read_back(render_docx(doc)))


def test_repeated_cells_instead_of_merged(
    seeds: dict[str, Document], rendered: dict[str, bytes]
) -> None:
    data = _edit(rendered["002"], _unmerge)
    layout = read_docx(data, source="x.docx")
    assert all(c.rowspan == 1 for t in layout.tables() for c in t.cells)
    assert sum(c.text == "产出指标" for c in next(layout.tables()).cells) == 4
    assert_same(seeds["002"], read_back(data))


def test_grid_of_a_python_docx_table() -> None:
    """python-docx's own ``merge`` (gridSpan + vMerge) read as spans, not repeated cells."""
    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}{c}"
    table.cell(1, 0).merge(table.cell(3, 0))  # rowspan 3
    table.cell(0, 1).merge(table.cell(0, 3))  # colspan 3
    table.cell(2, 2).merge(table.cell(3, 3))  # 2 x 2
    out = io.BytesIO()
    document.save(out)
    cells = {(c.row, c.col): c for c in _only_table(read_docx(out.getvalue(), source="x")).cells}
    assert (cells[1, 0].rowspan, cells[1, 0].colspan) == (3, 1)
    assert cells[1, 0].text == "10\n20\n30"  # python-docx moves the merged texts up
    assert (cells[0, 1].rowspan, cells[0, 1].colspan) == (1, 3)
    assert (cells[2, 2].rowspan, cells[2, 2].colspan) == (2, 2)
    assert sorted(cells) == [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (3, 1)]


# -- what real Word files contain -------------------------------------------------------


def test_content_controls_tracked_changes_symbols_and_nested_tables() -> None:
    body = (
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>标题在内容控件中</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        "<w:tbl><w:tr><w:tc><w:p>"
        '<w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:t>95%</w:t><w:br/><w:t>第二行</w:t></w:r>'
        "</w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr>"
        "</w:tbl>"
    )
    layout = read_docx(_docx(body), source="x.docx")
    paragraphs = [p.text for p in layout.paragraphs()]
    assert paragraphs == ["标题在内容控件中", "保留插入7"]
    assert [p.position.line for p in layout.paragraphs()] == [1, 2]
    assert [c.text for c in _only_table(layout).cells] == ["≥95%\n第二行", "内\n表"]


def test_grid_before_and_legacy_horizontal_merge() -> None:
    def tc(text: str, props: str = "") -> str:
        return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    restart, cont = '<w:hMerge w:val="restart"/>', "<w:hMerge/>"
    before, wide = '<w:trPr><w:gridBefore w:val="1"/></w:trPr>', '<w:gridSpan w:val="99"/>'
    body = (
        f"<w:tbl><w:tr>{tc('a')}{tc('b', restart)}{tc('', cont)}</w:tr>"
        f"<w:tr>{before}{tc('c', wide)}</w:tr></w:tbl>"
    )
    cells = [
        (c.text, c.row, c.col, c.colspan)
        for c in _only_table(read_docx(_docx(body), source="x")).cells
    ]
    assert cells == [("a", 0, 0, 1), ("b", 0, 1, 2), ("c", 1, 1, 63)]  # spans capped at 64 columns


def test_word_automatic_numbering() -> None:
    numbering = (
        f'<w:numbering xmlns:w="{W_NS}">'
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/><w:suff w:val="nothing"/>'
        '</w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )

    def numbered(text: str, num_id: int, level: int = 0) -> str:
        return (
            f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            f"</w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
        )

    body = "".join(
        [
            numbered("总体绩效目标", 2),
            numbered("分项", 2, 1),
            numbered("分项", 2, 1),
            numbered("分项绩效目标", 2),
            numbered("分项", 2, 1),
            *(numbered(f"项目{n}绩效目标表", 1) for n in range(1, 12)),
        ]
    )
    texts = [p.text for p in read_docx(_docx(body, numbering), source="x").paragraphs()]
    # A lower level prints the higher level's number in that level's format, as Word does.
    assert texts[:5] == [
        "（一）总体绩效目标",
        "一.1 分项",
        "一.2 分项",
        "（二）分项绩效目标",
        "二.1 分项",
    ]
    assert texts[5] == "1、项目1绩效目标表"
    assert texts[-1] == "11、项目11绩效目标表"


# -- assembler limits with truly merged header labels (see the report to the lead) -------


def test_truly_merged_budget_and_plan_labels(
    seeds: dict[str, Document], rendered: dict[str, bytes]
) -> None:
    """Real Word files merge 预算规模及资金用途 and 资金支出计划 with ``w:vMerge``."""
    assert_same(seeds["000"], read_back(_edit(rendered["000"], _merge_label_cells)))


def test_irregular_grid(seeds: dict[str, Document], rendered: dict[str, bytes]) -> None:
    """Real Word grids have extra columns, so a header cell may span two of them."""
    assert_same(seeds["000"], read_back(_edit(rendered["000"], _widen_first_column)))


# -- hostile and wrong files ------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _docm(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"document.main+xml", b"document.macroEnabled.main+xml"
    )
    return _zip(members)


def _bad_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members["word/document.xml"] = members["word/document.xml"][:500]
    return _zip(members)


def _no_body(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members["word/document.xml"] = f'<w:document xmlns:w="{W_NS}"/>'.encode()
    return _zip(members)


HOSTILE: dict[str, tuple[Callable[[bytes], bytes], type[ReadError], str]] = {
    "truncated": (lambda d: d[: len(d) // 2], ReadError, "损坏或不完整"),
    "pk_then_random": (
        lambda d: b"PK\x03\x04" + hashlib.sha512(d).digest() * 64,
        ReadError,
        "损坏或不完整",
    ),
    "not_a_docx": (lambda d: _zip({"readme.txt": "你好".encode()}), UnsupportedFormatError, "ZIP"),
    "xlsx": (
        lambda d: _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
        UnsupportedFormatError,
        "Excel",
    ),
    "zip_bomb": (lambda d: _bomb(65 << 20), FileTooLargeError, "解压后过大"),
    "ratio_bomb": (lambda d: _bomb(4 << 20), FileTooLargeError, "压缩比异常"),
    "encrypted": (set_encrypted_flag, ReadError, "加密"),
    "docm": (_docm, UnsupportedFormatError, "DOCM"),
    "broken_xml": (_bad_xml, ReadError, "无法解析"),
}


def test_is_docx(rendered: dict[str, bytes]) -> None:
    from jixiao.readers.docx.guard import is_docx

    assert is_docx(rendered["000"])
    assert not is_docx(_zip({"xl/workbook.xml": b"<workbook/>"}))
    assert not is_docx(rendered["000"][:1000])
    assert not is_docx(b"plain text")


def test_document_without_body(rendered: dict[str, bytes]) -> None:
    assert read_docx(_no_body(rendered["000"]), source="x.docx").blocks == []


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_fail_fast_in_chinese(case: str, rendered: dict[str, bytes]) -> None:
    make, error, words = HOSTILE[case]
    data = make(rendered["000"])
    assert len(data) < 2 << 20  # the bombs are small on disk
    start = time.process_time()  # CPU time: a busy machine does not fail it
    with pytest.raises(error) as info:
        read_docx(data, source="坏文件.docx")
    assert time.process_time() - start < 2.0
    message = str(info.value)
    assert message.startswith("坏文件.docx："), message
    assert words in message and _CJK.search(info.value.message), message
    assert info.value.hint and _CJK.search(info.value.hint)


def test_total_uncompressed_size_is_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.readers.docx import guard as docx_guard

    monkeypatch.setattr(docx_guard, "MAX_TOTAL_BYTES", 1 << 20)
    noise = b"".join(hashlib.sha256(bytes([i, j])).digest() for i in range(256) for j in range(256))
    data = _zip({"word/document.xml": b"<w:document/>", "word/media/image1.png": noise})
    with pytest.raises(FileTooLargeError, match="解压后过大"):
        read_docx(data, source="大.docx")


def test_element_and_cell_counts_are_limited(
    monkeypatch: pytest.MonkeyPatch, rendered: dict[str, bytes]
) -> None:
    """Tiny elements in bulk pass the ratio check; the tag and cell counts stop them."""
    from jixiao.readers.docx import guard as docx_guard
    from jixiao.readers.docx import reader as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_CELLS", 100)
    with pytest.raises(FileTooLargeError, match="单元格过多"):
        read_docx(rendered["000"], source="x.docx")
    monkeypatch.setattr(docx_guard, "MAX_TAGS", 1000)
    with pytest.raises(FileTooLargeError, match="元素过多"):
        read_docx(rendered["000"], source="x.docx")


# -- helpers ----------------------------------------------------------------------------


def _docx(body_xml: str, numbering_xml: str | None = None) -> bytes:
    """A DOCX (python-docx's template) with ``body_xml`` as its body."""
    document = docx.Document()
    body = document.element.body
    for child in list(parse_xml(f'<w:body xmlns:w="{W_NS}">{body_xml}</w:body>')):
        body.sectPr.addprevious(child)
    if numbering_xml is not None:
        part = document.part.numbering_part
        part._element = parse_xml(numbering_xml)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _only_table(layout: Layout) -> Table:
    (table,) = layout.tables()
    return table


def _edit(data: bytes, change: Callable[[Any], None]) -> bytes:
    document = docx.Document(io.BytesIO(data))
    for tbl in document.element.body.iter(W + "tbl"):
        change(tbl)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rows(tbl: Any) -> list[list[Any]]:
    return [list(tr.iter(W + "tc")) for tr in tbl.iter(W + "tr")]


def _merge(tc: Any) -> Any:
    return tc.find(f"{W}tcPr/{W}vMerge")


def _unmerge(tbl: Any) -> None:
    """Every vertically merged cell written out in full in each row (no ``w:vMerge``)."""
    above: dict[int, Any] = {}
    for row in _rows(tbl):
        for i, tc in enumerate(row):
            merge = _merge(tc)
            if merge is not None and merge.get(W + "val") != "restart":
                for p in tc.findall(W + "p"):
                    tc.remove(p)
                for p in above[i].findall(W + "p"):
                    tc.append(copy.deepcopy(p))
            else:
                above[i] = tc
            if merge is not None:
                merge.getparent().remove(merge)


def _merge_label_cells(tbl: Any) -> None:
    """Turn the visually merged label cells (no border between) into ``w:vMerge`` merges."""
    for row in _rows(tbl):
        for tc in row:
            sides = {child.tag for child in tc.findall(f"{W}tcPr/{W}tcBorders/*")}
            if sides not in ({W + "bottom"}, {W + "top"}):
                continue
            merge = parse_xml(f'<w:vMerge xmlns:w="{W_NS}"/>')
            if sides == {W + "bottom"}:
                merge.set(W + "val", "restart")
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            (span if span is not None else tc.find(f"{W}tcPr/{W}tcW")).addnext(merge)


def _widen_first_column(tbl: Any) -> None:
    """Split grid column 0 in two; every row's first cell spans both."""
    grid = tbl.find(W + "tblGrid")
    first = grid[0]
    width = int(first.get(W + "w"))
    first.set(W + "w", str(width // 2))
    first.addnext(parse_xml(f'<w:gridCol xmlns:w="{W_NS}" w:w="{width - width // 2}"/>'))
    for row in _rows(tbl):
        props = row[0].find(W + "tcPr")
        span = props.find(W + "gridSpan")
        if span is None:
            span = parse_xml(f'<w:gridSpan xmlns:w="{W_NS}" w:val="1"/>')
            props.find(W + "tcW").addnext(span)
        span.set(W + "val", str(int(span.get(W + "val")) + 1))
