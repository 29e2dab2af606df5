"""The hostile inputs issue 14 found, each pinned: a library failure inside any reader is a
clear Chinese error, a damaged PDF page is a warning naming it, an XLS that made calamine
abort the process is read without it."""

from __future__ import annotations

import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from jixiao._exceptions import ReadError
from jixiao.reading import read_bytes
from tests.hostile.corpus import Input, generate, seed_file


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
    item = _input("pdf/stream-flip/2")  # one project's page no longer inflates
    doc = read_bytes(item.data, name=item.name)
    damaged = [w for w in doc.warnings if w.code == "pdf_damaged"]
    assert damaged and "第 2 页已损坏" in damaged[0].message
    assert len(doc.projects) < 3  # the lost project is not made up from its neighbours


def test_xls_that_aborted_the_process_is_read(tmp_path: Path) -> None:
    """A flipped bit in a DIMENSIONS record made calamine allocate 1.2 TB and abort; run in a
    child process, so a regression fails this test instead of killing the test run."""
    path = tmp_path / "维度.xls"
    path.write_bytes(_input("xls/flip/38").data)
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
