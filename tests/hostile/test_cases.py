"""The hostile inputs issue 14 found, each pinned: a library failure inside any reader is a
clear Chinese error, a damaged PDF page is a warning naming it, an XLS that made calamine
abort the process is read without it, a lost ``</table>`` is repaired, a cut-off page warns."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from jixiao._exceptions import ReadError
from jixiao.reading import read_bytes
from tests.hostile.corpus import (
    Input,
    _zip,
    _zip_members,
    generate,
    seed_document,
    seed_file,
)


def _input(label: str) -> Input:
    fmt, _, n = label.split("/")
    return next(item for item in generate(fmt, int(n) + 1) if item.label == label)


def test_any_reader_failure_is_a_chinese_read_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.readers import xlsx

    def broken(data: bytes, *, source: str) -> None:
        raise zlib.error("Error -3 while decompressing data: invalid distance too far back")

    monkeypatch.setattr(xlsx, "read_spreadsheet", broken)
    with pytest.raises(ReadError) as info:
        read_bytes(seed_file("xlsx"), name="表.xlsx")
    message = str(info.value)
    assert message.startswith("表.xlsx：Excel 文件（XLSX）已损坏或格式异常")
    assert "zlib" not in message and "Error" not in message
    assert isinstance(info.value.__cause__, zlib.error)  # kept for JIXIAO_DEBUG


def test_sniffing_is_inside_the_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    import jixiao.reading

    def broken(data: bytes) -> str:
        raise NotImplementedError("zip file version 9.9")

    monkeypatch.setattr(jixiao.reading, "sniff_format", broken)
    with pytest.raises(ReadError, match="文件已损坏或格式异常"):
        read_bytes(b"PK\x03\x04 whatever", name="x.docx")


def test_crc_failure_inside_an_xlsx_member_is_clear() -> None:
    verdicts = [
        read_error_or_none(item) for item in generate("xlsx", 6) if "member-flip" in item.label
    ]
    assert verdicts and all(v is not None and "损坏" in v for v in verdicts)


def read_error_or_none(item: Input) -> str | None:
    try:
        read_bytes(item.data, name=item.name)
    except ReadError as err:
        return str(err)
    return None


def test_damaged_pdf_page_is_a_warning_naming_it() -> None:
    """Page 2's content stream no longer inflates: a warning names it, and the project whose
    table crosses it is marked incomplete instead of taking the next project's rows."""
    item = _input("pdf/stream-flip/8")
    doc = read_bytes(item.data, name=item.name)
    damaged = [w for w in doc.warnings if w.code == "pdf_damaged"]
    assert damaged and "第 2 页已损坏" in damaged[0].message
    incomplete = [w for w in doc.warnings if w.code == "project_incomplete"]
    assert incomplete and "学前教育幼儿资助资金" in incomplete[0].message
    assert "第 2 页" in incomplete[0].message
    # none merged into its neighbour: three projects, the third intact
    assert len(doc.projects) == 3
    assert doc.projects[2].name == seed_document().projects[2].name
    assert len(doc.projects[2].indicators) == 6


def test_pdf_page_lost_from_the_page_tree_is_a_warning() -> None:
    """A flipped bit in page 2's object: pdfminer skips the page, and the tables after it were
    numbered and continued as if it never existed (the first project took the third's place)."""
    item = _input("pdf/flip/5")
    doc = read_bytes(item.data, name=item.name)
    damaged = [w for w in doc.warnings if w.code == "pdf_damaged"]
    assert [w.source.page for w in damaged if w.source] == [2]
    first = doc.projects[0]
    assert first.name == "学前教育幼儿资助资金"
    assert len(first.indicators) < 5  # its own rows on page 1 only, nothing from page 3
    assert any(w.code == "project_incomplete" and "第 2 页" in w.message for w in doc.warnings)


def _with_dimensions(data: bytes, rows: int) -> bytes:
    """The XLS with every sheet's DIMENSIONS record claiming ``rows`` rows (what a flipped bit
    in it did: calamine sized its grid from it, asked for terabytes and aborted)."""
    raw = bytearray(data)
    at = raw.find(b"\x00\x02\x0e\x00")
    assert at > 0
    while at > 0:
        struct.pack_into("<II", raw, at + 4, 1, rows)
        at = raw.find(b"\x00\x02\x0e\x00", at + 4)
    return bytes(raw)


def test_xls_with_an_impossible_dimension_is_read(tmp_path: Path) -> None:
    """Run in a child process, so a regression fails this test instead of killing the run."""
    path = tmp_path / "维度.xls"
    path.write_bytes(_with_dimensions(seed_file("xls"), 0xFFFFFFF0))
    result = subprocess.run(
        [sys.executable, "-m", "jixiao", "parse", "--format", "table", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "3 个项目" in result.stdout


def test_blank_image_is_not_given_to_the_recogniser(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blank 800×600 image cost ~400 MB and 10-20 s of OCR; it is now skipped at once."""
    import io

    from PIL import Image

    from jixiao.readers.ocr import scan

    def never(gray: object) -> list[object]:
        raise AssertionError("the recogniser ran on a blank page")

    monkeypatch.setattr(scan, "recognise", never)
    out = io.BytesIO()
    Image.new("L", (800, 600), 255).save(out, format="PNG")
    with pytest.raises(ReadError, match="没有识别出任何文字"):
        read_bytes(out.getvalue(), name="空白.png")


def test_html_table_that_lost_its_end_tag_is_repaired() -> None:
    """Every ``</table>`` of the page in turn: the headings and tables after it were taken into
    it, and projects vanished without a warning."""
    data = seed_file("html")
    names = [p.name for p in seed_document().projects]
    ends = [m.start() for m in re.finditer(b"</table>", data)]
    assert len(ends) == 6
    for at in ends:
        doc = read_bytes(data[:at] + data[at + len(b"</table>") :], name="缺标签.html")
        assert [p.name for p in doc.projects] == names
        assert [len(p.indicators) for p in doc.projects] == [5, 4, 6]
        assert not doc.warnings


def test_cut_off_page_warns() -> None:
    data = seed_file("html")
    cut = data[: data.rindex("学生家长满意度".encode()) + 3]  # inside the last indicator row
    doc = read_bytes(cut, name="截断.html")
    assert [w.code for w in doc.warnings][:1] == ["html_truncated"]
    assert "不完整" in doc.warnings[0].message
    assert not [w for w in read_bytes(data, name="完整.html").warnings]


def test_row_spanning_the_level_columns_is_not_an_indicator() -> None:
    """A damaged XLS moved the unit line (one cell over 一级…三级) among the indicator rows:
    it became an indicator named after the unit."""
    doc = read_bytes(_input("xls/flip/6").data, name="行.xls")
    assert [len(p.indicators) for p in doc.projects] == [5, 4, 6]
    assert all("某县教育和体育局" not in i.name for p in doc.projects for i in p.indicators)
    malformed = [w for w in doc.warnings if w.code == "indicator_row_malformed"]
    assert malformed and "130821某县教育和体育局" in malformed[0].message


def test_xls_record_of_the_wrong_length_warns() -> None:
    """A flipped bit in a LABELSST record's length swallowed the records after it: two of the
    second project's indicators were lost without a word."""
    doc = read_bytes(_input("xls/flip/23").data, name="记录.xls")
    damaged = [w for w in doc.warnings if w.code == "sheet_damaged"]
    assert damaged and "项目2" in damaged[0].message and "损坏" in damaged[0].message
    assert not read_bytes(seed_file("xls"), name="完好.xls").warnings


def test_rust_panic_does_not_reach_stderr(tmp_path: Path) -> None:
    """A truncated XLS makes calamine panic: the user gets the Chinese 「已损坏」 message, and
    Rust's English ``thread … panicked at …`` report no longer reaches the terminal."""
    path = tmp_path / "截断.xls"
    path.write_bytes(_input("xls/truncate/14").data)
    command = [sys.executable, "-m", "jixiao", "parse", str(path)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stderr
    assert "已损坏" in result.stderr
    assert "panicked" not in result.stderr and "RUST_BACKTRACE" not in result.stderr
    env = {**os.environ, "JIXIAO_DEBUG": "1"}  # for a developer: the library's own words
    debug = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, env=env
    )
    assert "panicked" in debug.stderr


def test_panic_filter_keeps_other_output() -> None:
    from jixiao.readers.native_stderr import _without_panics

    captured = (
        b"before\n\nthread '<unnamed>' (12) panicked at src/cfb.rs:349:34:\n"
        b"range start index 512 out of range\n"
        b"note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\nafter\n"
    )
    assert _without_panics(captured) == b"before\nafter\n"


def test_sheet_replaced_by_other_rows_is_named() -> None:
    """The first sheet's part replaced by 50,000 rows of numbers: its project vanished, and
    nothing said so."""
    doc = read_bytes(_input("xlsx/many-cells/0").data, name="替换.xlsx")
    assert [len(p.indicators) for p in doc.projects] == [4, 6]
    unrecognised = [w for w in doc.warnings if w.code == "table_unrecognised"]
    assert unrecognised and "工作表“绩效目标表”" in unrecognised[0].message


def _with_huge_list_numbers(data: bytes) -> bytes:
    """The DOCX with list counters of 5,000 digits (Python's ``int()`` refuses more than 4,300:
    the user saw 「已损坏（Exceeds the limit (4300 digits) for integer string conversion…）」)."""
    namespace = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    big = b"9" * 5000
    members = _zip_members(data)
    members["word/numbering.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><w:numbering ' + namespace + b">"
        b'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="' + big + b'"/>'
        b'<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        b'<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
        b'<w:startOverride w:val="' + big + b'"/></w:lvlOverride></w:num></w:numbering>'
    )
    numbered = b'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    members["word/document.xml"] = members["word/document.xml"].replace(b"<w:p>", numbered, 3)
    return _zip(members)


def test_fake_doc_with_huge_digit_strings_is_read(tmp_path: Path) -> None:
    path = tmp_path / "假.doc"  # a DOCX named .doc, as users rename files
    path.write_bytes(_with_huge_list_numbers(seed_file("docx")))
    result = subprocess.run(
        [sys.executable, "-m", "jixiao", "parse", "--format", "table", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "3 个项目" in result.stdout
    for text in (result.stdout, result.stderr):
        assert "Exceeds" not in text and "digits" not in text and "Error" not in text
