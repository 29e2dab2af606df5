"""``jixiao corpus`` as a user runs it: a subprocess, Chinese messages, files on disk."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.test_cli import run_cli

pytestmark = pytest.mark.slow


def _jixiao(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd, timeout=600, env_extra={"JIXIAO_QUIET": "1"})


def test_generate_build_and_report_from_the_command_line(tmp_path: Path) -> None:
    made = _jixiao(
        "corpus", "generate", "输入", "--units", "4", "--years", "2024,2025", cwd=tmp_path
    )
    assert made.returncode == 0, made.stderr
    assert "已生成 8 个合成文件" in made.stdout + made.stderr
    (tmp_path / "输入" / "示例省甲市" / "坏文件.docx").write_bytes(b"PK\x03\x04 broken")

    built = _jixiao("corpus", "build", "输入", "-o", "语料库", "--workers", "2", "-q", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    said = built.stdout + built.stderr
    assert "共 9 个文件：新读取 8 个，失败 1 个" in said
    manifest = json.loads((tmp_path / "语料库" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["documents"] == 8
    assert manifest["counts"]["failures"] == 1

    again = _jixiao("corpus", "build", "输入", "-o", "语料库", "-q", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "新读取 0 个" in again.stdout + again.stderr

    shown = _jixiao("corpus", "stats", "语料库", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "指标重复使用" in shown.stdout or "重复" in shown.stdout
    assert "坏文件.docx" in shown.stdout

    as_csv = _jixiao(
        "corpus", "stats", "语料库", "-f", "csv", "-o", "统计", "--goal-pairs", "1", cwd=tmp_path
    )
    assert as_csv.returncode == 0, as_csv.stderr
    written = sorted(p.name for p in (tmp_path / "统计").glob("*.csv"))
    assert "near_duplicate_goals_by_year.csv" in written, as_csv.stdout
    pairs = (tmp_path / "统计" / "near_duplicate_goals.csv").read_text(encoding="utf-8-sig")
    assert len(pairs.splitlines()) <= 2  # the header and at most one pair
    negative = _jixiao("corpus", "stats", "语料库", "--goal-pairs", "-1", cwd=tmp_path)
    assert negative.returncode != 0
    assert "--goal-pairs" in negative.stderr and "Traceback" not in negative.stderr
    with (tmp_path / "统计" / written[0]).open(encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    assert all(header)

    as_xlsx = _jixiao("corpus", "stats", "语料库", "-f", "xlsx", "-o", "统计.xlsx", cwd=tmp_path)
    assert as_xlsx.returncode == 0, as_xlsx.stderr
    book = openpyxl.load_workbook(tmp_path / "统计.xlsx", read_only=True)
    assert len(book.sheetnames) >= 5

    as_html = _jixiao("corpus", "stats", "语料库", "-f", "html", "-o", "统计.html", cwd=tmp_path)
    assert as_html.returncode == 0, as_html.stderr
    page = (tmp_path / "统计.html").read_text(encoding="utf-8")
    assert "echarts" in page and "<script src=" not in page  # charts inlined, opens offline

    url = f"sqlite:///{tmp_path / 'jixiao.db'}"
    loaded = _jixiao("corpus", "import", "语料库", "--url", url, "-q", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert "语料库共 8 个文档：载入 8 个" in loaded.stdout + loaded.stderr


def test_a_folder_that_is_not_a_corpus_is_refused_in_chinese(tmp_path: Path) -> None:
    (tmp_path / "随便").mkdir()
    shown = _jixiao("corpus", "stats", "随便", cwd=tmp_path)
    assert shown.returncode != 0
    assert "语料库" in shown.stderr
    assert "Traceback" not in shown.stderr

    wrong = _jixiao("corpus", "stats", "随便", "-f", "pdf", cwd=tmp_path)
    assert wrong.returncode != 0
    assert "不支持的输出格式" in wrong.stderr


def test_nothing_to_read_is_said_plainly(tmp_path: Path) -> None:
    (tmp_path / "空").mkdir()
    built = _jixiao("corpus", "build", "空", "-o", "语料库", "-q", cwd=tmp_path)
    assert built.returncode != 0
    assert "Traceback" not in built.stderr
    assert "输入中没有任何文件" in built.stderr
    assert not (tmp_path / "语料库").exists()
