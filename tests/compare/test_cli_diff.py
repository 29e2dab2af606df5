"""``jixiao diff`` as a user runs it: a subprocess, Chinese output, files on disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.compare.documents import find, pair, set_value


def _jixiao(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "jixiao", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def _files(tmp_path: Path, *, department: bool = False) -> tuple[Path, Path]:
    old, new = pair()
    if department:
        for doc in (old, new):
            doc.department.indicators = [doc.projects[1].indicators[0].model_copy(deep=True)]
        set_value(new.department.indicators[0], "≥15 次")
    set_value(find(new, 0, "购买各种管理机、终端机产品合格率"), "≥95%")
    new.projects[2].code = None
    new.projects[2].name = "干部教育培训"
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(old.to_json(), encoding="utf-8")
    b.write_text(new.to_json(), encoding="utf-8")
    return a, b


def test_json_output(tmp_path: Path) -> None:
    a, b = _files(tmp_path)
    result = _jixiao("diff", a, b, "-f", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["summary"]["matched"] == 7
    assert data["summary"]["lowered"] == 1
    assert [p["name"] for p in data["projects_added"]] == ["干部教育培训"]
    assert [p["name"] for p in data["projects_dropped"]] == ["公共资源业务经费"]
    assert [f["title"] for f in data["flags"]] == ["目标值低于上年"]
    assert data["old"]["fiscal_year"] == 2025 and data["new"]["fiscal_year"] == 2026


def test_terminal_output(tmp_path: Path) -> None:
    a, b = _files(tmp_path)
    result = _jixiao("diff", a, b, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "匹配项目 7 个，新增 1 个，取消 1 个" in out
    for text in (
        "项目对照",
        "项目编码相同",
        "新增项目",
        "取消项目",
        "目标值低于上年",
        "≥98% → ≥95%",
    ):
        assert text in out


def test_html_output(tmp_path: Path) -> None:
    a, b = _files(tmp_path)
    target = tmp_path / "对比.html"
    result = _jixiao("diff", a, b, "-f", "html", "-o", target, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"已写入 {target}（匹配项目 7 个，提示 1 条）" in result.stderr
    page = target.read_text(encoding="utf-8")
    assert "<h1>与上年对比</h1>" in page
    assert "目标值低于上年" in page and "干部教育培训" in page
    assert 'class="change-lowered"' in page


def test_bad_input_gives_a_chinese_error(tmp_path: Path) -> None:
    a, _ = _files(tmp_path)
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"\x00\x01\x02 not a document")
    result = _jixiao("diff", a, broken, "-f", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "错误：" in result.stderr and "broken.json" in result.stderr
    assert "Traceback" not in result.stderr

    missing = _jixiao("diff", a, tmp_path / "没有.txt", cwd=tmp_path)
    assert missing.returncode == 1
    assert "文件不存在" in missing.stderr


def test_usage_errors(tmp_path: Path) -> None:
    a, b = _files(tmp_path)
    no_output = _jixiao("diff", a, b, "-f", "html", cwd=tmp_path)
    assert no_output.returncode == 2
    assert "html 格式须用 -o 指定输出文件" in no_output.stderr
    bad_format = _jixiao("diff", a, b, "-f", "pdf", cwd=tmp_path)
    assert bad_format.returncode == 2
    assert "不支持的输出格式“pdf”" in bad_format.stderr
    bad_threshold = _jixiao("diff", a, b, "--threshold", "2", cwd=tmp_path)
    assert bad_threshold.returncode == 2
    assert "--threshold 的值无效" in bad_threshold.stderr


def test_threshold_option_changes_the_matching(tmp_path: Path) -> None:
    old, new = pair()
    new.projects[0].code = None
    new.projects[0].name = "公共资源双盲评审工作经费"  # similarity 0.83
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(old.to_json(), encoding="utf-8")
    b.write_text(new.to_json(), encoding="utf-8")
    strict = _jixiao("diff", a, b, "-f", "json", "--threshold", "0.9", cwd=tmp_path)
    assert strict.returncode == 0, strict.stderr
    summary = json.loads(strict.stdout)["summary"]
    assert (summary["matched"], summary["added"], summary["dropped"]) == (7, 1, 1)


def test_department_section_in_every_format(tmp_path: Path) -> None:
    a, b = _files(tmp_path, department=True)
    data = json.loads(_jixiao("diff", a, b, "-f", "json", cwd=tmp_path).stdout)
    assert data["department"]["indicators"][0]["reason"] == "≥20次 → ≥15次"
    text = _jixiao("diff", a, b, cwd=tmp_path).stdout
    assert "部门整体绩效目标的变化" in text
    target = tmp_path / "d.html"
    assert _jixiao("diff", a, b, "-f", "html", "-o", target, cwd=tmp_path).returncode == 0
    page = target.read_text(encoding="utf-8")
    assert '<section class="diff-project" id="department">' in page
    assert "部门整体绩效目标——指标“土地招拍挂公正及发布公告数量”的目标值低于上年" in page


def test_internal_error_exits_4_not_the_usage_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import jixiao.compare
    from jixiao.cli.main import main

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("a jixiao defect")

    a, b = _files(tmp_path)
    monkeypatch.setattr(jixiao.compare, "compare_documents", broken)
    with pytest.raises(SystemExit) as ended:
        main(["diff", str(a), str(b)])
    assert ended.value.code == 4
    assert "内部错误" in capsys.readouterr().err
