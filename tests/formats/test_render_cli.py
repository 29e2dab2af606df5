"""``jixiao render`` as a real subprocess: every target, read back where jixiao reads it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jixiao import read_path
from jixiao.render.compare import comparable
from tests.conftest import SEEDS


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("target", ["docx", "xlsx", "pdf"])
def test_render_and_read_back(target: str, tmp_path: Path) -> None:
    out = tmp_path / f"seed.{target}"
    result = _run("render", str(SEEDS["002"]), "--to", target, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "已写入" in result.stderr
    assert comparable(read_path(out)) == comparable(read_path(SEEDS["002"]))


def test_render_html(tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    assert _run("render", str(SEEDS["003"]), "--to", "html", "-o", str(out)).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert "公共资源土地交易经费" in page and "绩效目标表" in page


def test_render_refuses_unknown_target_and_bad_input(tmp_path: Path) -> None:
    result = _run("render", str(SEEDS["000"]), "--to", "odt", "-o", str(tmp_path / "x"))
    assert result.returncode == 2 and "不支持的输出格式" in result.stderr
    missing = tmp_path / "nope.txt"
    result = _run("render", str(missing), "--to", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and "nope.txt" in result.stderr
    assert "Traceback" not in result.stderr
