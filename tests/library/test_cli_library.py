"""``jixiao library`` as a user runs it (a subprocess)."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import openpyxl
import pytest

from jixiao.corpus.build import build_corpus
from jixiao.corpus.engines import SerialEngine
from jixiao.corpus.synth import generate_corpus
from tests.test_cli import run_cli

pytestmark = pytest.mark.slow


def _jixiao(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd, timeout=600, env_extra={"COLUMNS": "200"})


def test_build_show_and_export(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "in", units=4, years=(2024, 2025), seed=9)
    build_corpus([str(tmp_path / "in")], tmp_path / "语料库", SerialEngine())

    built = _jixiao("library", "build", "语料库", "-o", "指标库.json", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    library = json.loads((tmp_path / "指标库.json").read_text(encoding="utf-8"))
    assert library["format"] == "jixiao-indicator-library"
    assert library["documents"] == 8
    assert "已写入 指标库.json" in built.stdout + built.stderr

    from_files = _jixiao("library", "build", "in", "-o", "文件.json", cwd=tmp_path)
    assert from_files.returncode == 0, from_files.stderr
    same = json.loads((tmp_path / "文件.json").read_text(encoding="utf-8"))
    assert [e["key"] for e in same["entries"]] == [e["key"] for e in library["entries"]]

    shown = _jixiao("library", "show", "指标库.json", "满意度", "-n", "3", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "同类指标多设为" in shown.stdout and "满意度" in shown.stdout

    exported = _jixiao("library", "export", "指标库.json", "-o", "指标库.csv", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    with (tmp_path / "指标库.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0][0] == "三级指标"
    assert {r[0] for r in rows[1:]} == {e["name"] for e in library["entries"]}

    as_xlsx = _jixiao("library", "export", "指标库.json", "-o", "指标库.xlsx", cwd=tmp_path)
    assert as_xlsx.returncode == 0, as_xlsx.stderr
    sheet = openpyxl.load_workbook(tmp_path / "指标库.xlsx").active
    assert sheet is not None and sheet["A1"].value == "三级指标"


def test_wrong_inputs_are_said_in_chinese(tmp_path: Path) -> None:
    missing = _jixiao("library", "show", "没有.json", cwd=tmp_path)
    assert missing.returncode != 0 and "指标库文件不存在" in missing.stderr
    assert "Traceback" not in missing.stderr
    nothing = _jixiao("library", "build", cwd=tmp_path)
    assert nothing.returncode != 0 and "请指定来源" in nothing.stderr
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    wrong = _jixiao("library", "export", "a.json", "-o", "x.pdf", cwd=tmp_path)
    assert wrong.returncode != 0 and "不支持的导出格式" in wrong.stderr
