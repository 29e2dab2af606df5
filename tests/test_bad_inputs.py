"""Inputs that are not (or not quite) a readable performance document.

Through the CLI (a real subprocess): a non-zero exit, a Chinese reason naming the file, and never
a traceback. Through ``read_bytes``/``read_path``: the right ``JixiaoError`` subclass. Inputs
that only look different (GBK, BOM + CRLF, UTF-16) must read exactly like the UTF-8 seed.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import jixiao
from jixiao import (
    DecodeError,
    FileTooLargeError,
    JixiaoError,
    NotAPerformanceDocumentError,
    ReadError,
    UnsupportedFormatError,
    read_bytes,
    read_path,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "jixiao" / "examples"
SEEDS = {path.name[:3]: path for path in sorted(EXAMPLES.glob("*.txt"))}
SEED_000 = SEEDS["000"].read_text(encoding="utf-8")
SEED_001 = SEEDS["001"].read_text(encoding="utf-8")

LAST_PROJECT = "政务服务专项业务费"  # project 8 of seed 000
HUGE = 200 * 1024 * 1024


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "JIXIAO_DEBUG")}
    env["NO_COLOR"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "jixiao", *map(str, args)],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8"),
    )


def assert_no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    assert "内部错误" not in result.stderr  # the CLI's last-resort path is for bugs only


def garbage(size: int = 4096) -> bytes:
    rng = random.Random(20240611)
    data = bytearray(rng.randrange(256) for _ in range(size))
    data[0] = 0x42  # no accidental magic number or BOM at the start
    data[100] = data[2000] = 0
    return bytes(data)


def projects(doc: jixiao.Document) -> Any:
    return json.loads(doc.to_json())["projects"]


def cut_seed_000(after: Callable[[int, str], bool]) -> str:
    """Seed 000 up to and including the first line of project 8 that ``after`` accepts."""
    lines = SEED_000.split("\n")
    start = next(i for i, line in enumerate(lines) if f"8、{LAST_PROJECT}绩效目标表" in line)
    end = next(i for i, line in enumerate(lines) if i > start and after(i, line))
    return "\n".join(lines[: end + 1]) + "\n"


# Cut right after the header row of project 8's indicator table.
TRUNCATED_AT_HEADER = cut_seed_000(lambda _, line: line.strip() == "指标值确定依据")
# Cut inside an indicator row (after its third cell, 三级指标).
TRUNCATED_MID_ROW = cut_seed_000(lambda _, line: line.strip() == "事物活动完成率")


# -- bad inputs through the CLI ----------------------------------------------------------------

BAD_FILES: dict[str, tuple[bytes, str]] = {
    # case: (content, part of the Chinese reason)
    "empty": (b"", "文件是空的"),
    "whitespace": (b" \r\n\t\n   \n", "文件是空的"),
    "bom_and_fullwidth_spaces": (codecs.BOM_UTF8 + "　　\n\u3000".encode(), "文件是空的"),
    "binary_garbage": (garbage(), "二进制数据"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "图片文件"),  # damaged, or no OCR
    "zip": (b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), "文件已损坏或不完整"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF 文件已损坏或格式有误"),
    "undecodable": (b"\xe9\xa1\xb9\xe7\x9b\xae abc \x81", "无法识别文件的字符编码"),
    "prose": (
        "春天来了，公园里的花都开了。\n孩子们在草地上放风筝，老人们在树下下棋。\n".encode(),
        "文件中没有表格（共 2 段文字）",
    ),
    "bad_json": (b'{"schema_version": "1", "source": ', "不是有效的 jixiao 文档 JSON"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file(tmp_path: Path, case: str) -> None:
    content, reason = BAD_FILES[case]
    path = tmp_path / f"坏文件_{case}.txt"
    path.write_bytes(content)
    result = run_cli("parse", path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert result.stdout == ""
    assert path.name in result.stderr
    assert reason in result.stderr
    assert "错误：" in result.stderr


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "没有这个文件.txt"
    result = run_cli("parse", path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert path.name in result.stderr
    assert "文件不存在" in result.stderr


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "一个文件夹"
    folder.mkdir()
    result = run_cli("parse", folder)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert folder.name in result.stderr
    assert "文件夹" in result.stderr


def test_too_large_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "巨大.txt"
    with path.open("wb") as f:
        f.truncate(HUGE)  # sparse: no disk used
    result, peak_kb = run_measured("parse", path)
    assert_no_traceback(result)
    assert result.returncode == 1
    assert path.name in result.stderr
    assert "过大" in result.stderr
    assert "200.0 MB" in result.stderr
    assert peak_kb < 300 * 1024, f"peak memory {peak_kb} kB: the file was read"


def run_measured(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run the CLI and return its peak resident memory in kB (GNU time if present, else the
    child reports its own ``ru_maxrss`` after the CLI returns)."""
    time = shutil.which("time", path="/usr/bin")
    if time and sys.platform.startswith("linux"):
        result = run_cli_prefixed([time, "-v", sys.executable, "-m", "jixiao"], args)
        found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
        if found:
            return result, int(found.group(1))
    code = (
        "import resource, sys\n"
        "from jixiao.cli.main import main\n"
        "try:\n"
        "    main(sys.argv[1:])\n"
        "except SystemExit as exc:\n"
        "    code = exc.code\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(f'MAXRSS={rss // 1024 if sys.platform == \"darwin\" else rss}', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    result = run_cli_prefixed([sys.executable, "-c", code], args)
    found = re.search(r"MAXRSS=(\d+)", result.stderr)
    assert found, result.stderr
    return result, int(found.group(1))


def run_cli_prefixed(
    prefix: list[str], args: tuple[str | Path, ...]
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "JIXIAO_DEBUG")}
    env["NO_COLOR"] = "1"
    result = subprocess.run(
        [*prefix, *map(str, args)], capture_output=True, env=env, timeout=60, check=False
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8", errors="replace"),
    )


# -- inputs that only look different: same projects as the UTF-8 seed ---------------------------


@pytest.mark.parametrize(
    ("case", "seed", "content"),
    [
        ("gbk", "001", SEED_001.encode("gbk")),
        ("bom_crlf", "000", codecs.BOM_UTF8 + SEED_000.replace("\n", "\r\n").encode()),
        ("utf16", "000", SEED_000.encode("utf-16")),  # with BOM
        ("utf16be_bom", "001", codecs.BOM_UTF16_BE + SEED_001.encode("utf-16-be")),
    ],
)
def test_other_encodings_read_like_utf8(
    tmp_path: Path, case: str, seed: str, content: bytes
) -> None:
    path = tmp_path / f"{case}.txt"
    path.write_bytes(content)
    result = run_cli("parse", path)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["projects"] == projects(read_path(SEEDS[seed]))  # line numbers included
    assert data["warnings"] == []


# -- a file cut short --------------------------------------------------------------------------


def test_truncated_document_keeps_complete_projects(tmp_path: Path) -> None:
    path = tmp_path / "截断.txt"
    path.write_text(TRUNCATED_AT_HEADER, encoding="utf-8")
    result = run_cli("parse", path)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)  # warnings go to stderr; stdout stays clean JSON
    assert len(data["projects"]) == 7
    assert data["projects"] == projects(read_path(SEEDS["000"]))[:7]
    [warning] = data["warnings"]
    assert warning["code"] == "project_incomplete"
    assert LAST_PROJECT in warning["message"]
    assert warning["project_seq"] == 8
    assert "警告：" in result.stderr
    assert LAST_PROJECT in result.stderr


def test_truncated_document_table_format_warns_too(tmp_path: Path) -> None:
    path = tmp_path / "截断.txt"
    path.write_text(TRUNCATED_AT_HEADER, encoding="utf-8")
    result = run_cli("parse", path, "--format", "table")
    assert result.returncode == 0, result.stderr
    assert "7 个项目" in result.stdout
    assert "警告：" in result.stderr


def test_truncated_inside_an_indicator_row(tmp_path: Path) -> None:
    # The table's widest row (7 cells) is wider than the indicator header (6): a row cut after
    # three cells must still count as short.
    path = tmp_path / "截断2.txt"
    path.write_text(TRUNCATED_MID_ROW, encoding="utf-8")
    result = run_cli("parse", path)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["projects"] == projects(read_path(SEEDS["000"]))[:7]
    [warning] = data["warnings"]
    assert warning["code"] == "project_incomplete"
    assert LAST_PROJECT in warning["message"]
    assert LAST_PROJECT in result.stderr


# -- the same errors, in process ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", ReadError),
        (b"   \n\r\n", ReadError),
        (codecs.BOM_UTF8, ReadError),
        (codecs.BOM_UTF16_LE, ReadError),
        (garbage(), UnsupportedFormatError),
        # Recognised formats whose content is damaged: a read error, not "unsupported".
        (b"\x89PNG\r\n\x1a\n" + bytes(32), ReadError),
        (b"\xff\xd8\xff\xe0" + bytes(32), ReadError),
        (b"PK\x03\x04" + bytes(32), ReadError),
        (b"%PDF-1.4\n", ReadError),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(32), ReadError),
        (b"abc \x81", DecodeError),
        (b"abc \xff\xfe", DecodeError),
        (codecs.BOM_UTF8 + b"\xff\xfe abc", DecodeError),
        (codecs.BOM_UTF16_LE + b"a\x00b", DecodeError),
        ("只是一段普通的文字。".encode(), NotAPerformanceDocumentError),
        ("只是一段普通的文字。".encode("gbk"), NotAPerformanceDocumentError),
        ("说明：下表列出项目编码、项目名称和预算数。\n".encode(), NotAPerformanceDocumentError),
        (b'{"schema_version": "1"}', ReadError),
    ],
)
def test_read_bytes_errors(content: bytes, error: type[JixiaoError]) -> None:
    with pytest.raises(error) as info:
        read_bytes(content, name="输入.txt")
    assert type(info.value) is error  # the most specific class, not just a base
    message = str(info.value)
    assert message.startswith("输入.txt：")
    assert re.search(r"[\u4e00-\u9fff]", message.removeprefix("输入.txt："))
    assert "处理建议：" in message


def test_read_bytes_size_limit() -> None:
    with pytest.raises(FileTooLargeError, match="过大"):
        read_bytes(b"x" * 11, name="a.txt", max_bytes=10)


def test_read_path_refuses_large_file_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(HUGE)

    def no_reading(self: Path, *args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(FileTooLargeError) as info:
        read_path(path)
    assert "big.txt" in str(info.value)
    assert "过大" in str(info.value)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_read_path_stops_reading_an_endless_stream() -> None:
    # A device (or pipe) reports size 0, so only a bounded read protects memory.
    with pytest.raises(FileTooLargeError, match="超过上限"):
        read_path("/dev/zero", max_bytes=1024 * 1024)


def test_read_path_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="文件不存在"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="文件夹"):
        read_path(tmp_path)


def test_read_path_reads_other_encodings(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEED_001.encode("gbk"))
    assert projects(read_path(path)) == projects(read_path(SEEDS["001"]))


def test_jixiao_json_reads_back(tmp_path: Path) -> None:
    doc = read_path(SEEDS["002"])
    path = tmp_path / "doc.json"
    path.write_text(doc.to_json(), encoding="utf-8")
    assert read_path(path) == doc
