"""The ``jixiao`` command as a real subprocess (``python -m jixiao``), and the summary table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console

from jixiao import Document, __version__, read_path
from jixiao.cli.summary import document_totals, format_amount, render_summary

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "jixiao" / "examples"
SEEDS = {path.name[:3]: path for path in sorted(EXAMPLES.glob("*.txt"))}

UNITS = {
    "000": "秦皇岛市北戴河区行政审批局",
    "001": "秦皇岛市北戴河区人民政府办公室",
    "002": "承德高新区行政审批局本级",
    "003": "乐亭县行政审批局本级",
}


def run_cli(
    *args: str | Path,
    stdin: bytes | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
    env_extra: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m jixiao ARGS`` without colours (also used by tests/review/test_review_cli.py);
    whatever the outcome, no traceback and no internal error."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "JIXIAO_DEBUG")}
    env["NO_COLOR"] = "1"
    env.update(env_extra or {})
    result = subprocess.run(
        [sys.executable, "-m", "jixiao", *map(str, args)],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )
    completed = subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),  # stdout is always UTF-8 when piped
        result.stderr.decode("utf-8"),
    )
    assert "Traceback" not in completed.stdout + completed.stderr
    assert "内部错误" not in completed.stderr
    return completed


def test_seeds_are_there() -> None:
    assert sorted(SEEDS) == ["000", "001", "002", "003"]


def test_parse_one_file_prints_json() -> None:
    result = run_cli("parse", SEEDS["000"])
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["projects"]) == 8
    assert "政务服务专项业务费" in result.stdout  # Chinese kept as is, not \\u escapes
    assert data == json.loads(read_path(SEEDS["000"]).to_json())
    assert result.stderr == ""  # seed 000 has no warnings


def test_parse_reads_standard_input() -> None:
    result = run_cli("parse", "-", stdin=SEEDS["003"].read_bytes())
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["name"] == "标准输入"
    assert len(data["projects"]) == 8


def test_parse_several_files_into_a_directory(tmp_path: Path) -> None:
    out = tmp_path / "新建" / "输出"
    result = run_cli("parse", *SEEDS.values(), "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{p.stem}.json" for p in SEEDS.values())
    for path in SEEDS.values():
        data = json.loads((out / f"{path.stem}.json").read_text(encoding="utf-8"))
        assert data["source"]["name"] == path.name
        assert data["projects"]
    assert result.stderr.count("已写入") == 4


def test_same_stem_twice_does_not_overwrite(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / SEEDS["000"].name).write_bytes(SEEDS["001"].read_bytes())
    out = tmp_path / "out"
    result = run_cli("parse", SEEDS["000"], copy / SEEDS["000"].name, "--output", out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{SEEDS['000'].stem}.json", f"{SEEDS['000'].stem}-2.json"]
    )


def test_several_files_without_output_dir_is_refused() -> None:
    result = run_cli("parse", SEEDS["000"], SEEDS["001"])
    assert result.returncode == 2
    assert result.stdout == ""
    assert "-o" in result.stderr
    assert "请用" in result.stderr


def test_table_format() -> None:
    result = run_cli("parse", SEEDS["000"], "--format", "table")
    assert result.returncode == 0, result.stderr
    for text in (
        "劳务派遣人员经费",
        "政务服务专项业务费",
        "合计",
        "预算数（万元）",
        "269.31",
        "28",
    ):
        assert text in result.stdout
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_table_format_accepts_several_files() -> None:
    result = run_cli("parse", SEEDS["002"], SEEDS["003"], "-f", "table")
    assert result.returncode == 0, result.stderr
    assert UNITS["002"] in result.stdout
    assert UNITS["003"] in result.stdout
    assert "总计：2 份文件" in result.stdout


def test_failure_of_one_file_does_not_stop_the_others(tmp_path: Path) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "不存在.txt"
    result = run_cli("parse", missing, SEEDS["002"], "-o", out)
    assert result.returncode == 1
    assert "不存在.txt" in result.stderr
    assert "文件不存在" in result.stderr
    assert [p.name for p in out.iterdir()] == [f"{SEEDS['002'].stem}.json"]


def test_demo_summarises_all_examples() -> None:
    result = run_cli("demo")
    assert result.returncode == 0, result.stderr
    for unit in UNITS.values():
        assert unit in result.stdout
    for path in SEEDS.values():
        assert path.name in result.stdout
    assert result.stdout.count("合计") == 4
    docs = [read_path(path) for path in SEEDS.values()]
    totals = document_totals(docs)
    assert f"总计：4 份文件，{totals.projects} 个项目" in result.stdout
    assert format_amount(totals.budget) in result.stdout


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"jixiao {__version__}"


@pytest.mark.parametrize("args", [["--help"], ["-h"], [], ["parse", "--help"], ["demo", "-h"]])
def test_help_is_chinese(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 0
    assert result.stdout.startswith("用法：jixiao")
    assert "选项：" in result.stdout
    for english in ("Usage", "Options", "Commands", "Arguments", "Show this message"):
        assert english not in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["parse"], "缺少参数"),
        (["parse", "x.txt", "--bogus"], "没有这个选项：--bogus"),
        (["prase"], "没有这个命令：prase（您是不是想用：parse）"),
        (["parse", "x.txt", "-o"], "需要一个值"),
        (["parse", "x.txt", "--format", "xml"], "不支持的输出格式"),
        (["demo", "extra"], "多余的参数：extra"),
        (["serve", "--workers", "0"], "--workers 的值无效：应不小于 1"),
        (["serve", "--workers", "many"], "--workers 的值无效：应为整数"),
        (["serve", "--port", "99999"], "--port 的值无效"),
    ],
)
def test_usage_errors_are_chinese(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Error" not in result.stderr and "Input should" not in result.stderr
    assert result.stdout == ""


# -- summary.py, in process --------------------------------------------------------------------


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return [read_path(path) for path in SEEDS.values()]


def test_totals_are_exact(docs: list[Document]) -> None:
    totals = document_totals(docs)
    assert totals.documents == 4
    assert totals.projects == sum(len(doc.projects) for doc in docs)
    assert totals.money_unit == "万元"
    assert totals.budget == sum(
        (p.budget.total for doc in docs for p in doc.projects if p.budget.total is not None),
        Decimal(0),
    )
    assert document_totals([docs[0]]).budget == Decimal("269.31")
    assert document_totals([docs[0]]).indicators == 28


def test_totals_convert_yuan_when_units_differ(docs: list[Document]) -> None:
    doc = docs[0].model_copy(deep=True)
    doc.projects[0].money_unit = "元"
    doc.projects[0].budget.total = Decimal("726400")  # 72.64 万元
    totals = document_totals([doc])
    assert totals.money_unit == "万元"
    assert totals.budget == Decimal("269.31")


def test_format_amount() -> None:
    assert format_amount(Decimal("72.6")) == "72.60"
    assert format_amount(Decimal("1157.344")) == "1,157.34"
    assert format_amount(None) == "—"


def test_render_summary(docs: list[Document]) -> None:
    console = Console(record=True, width=200, color_system=None)
    render_summary(docs[:1], console)
    text = console.export_text()
    assert "000_217769b0965ce555.txt" in text
    assert "2020 年度" in text
    assert "630-0601-JBN-7TDO" in text
    assert "8 个项目" in text
    assert "总计" not in text  # one document: no grand total line


def test_render_summary_escapes_markup(docs: list[Document]) -> None:
    doc = docs[0].model_copy(deep=True)
    doc.projects[0].name = "[bold]不是标记[/bold]"
    console = Console(record=True, width=200, color_system=None)
    render_summary([doc], console)
    assert "[bold]不是标记[/bold]" in console.export_text()


# -- the last-resort path, in process ------------------------------------------------------------


def test_unexpected_exception_is_a_short_internal_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from jixiao.cli import _common
    from jixiao.cli import main as cli

    def broken(path: object) -> Document:
        raise RuntimeError("boom")

    monkeypatch.delenv("JIXIAO_DEBUG", raising=False)
    monkeypatch.setattr(_common, "read_path", broken)  # the commands read through _common
    with pytest.raises(SystemExit) as info:
        cli.main(["parse", "--format", "table", str(SEEDS["001"]), str(SEEDS["002"])])
    assert info.value.code == 4
    captured = capsys.readouterr()
    assert captured.err.count("内部错误") == 2
    assert SEEDS["001"].name in captured.err
    assert SEEDS["002"].name in captured.err
    assert "Traceback" not in captured.err
    assert "boom" not in captured.err and "RuntimeError" not in captured.err
    assert "JIXIAO_DEBUG=1" in captured.err


@pytest.mark.parametrize(
    "command", [["serve"], ["render"], ["parse"], ["review"], ["db", "backup"]]
)
def test_help_extras_are_chinese(command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.returncode == 0, result.stderr
    for english in ("[required]", "default:", "<=x", "x<="):
        assert english not in result.stdout, (command, english)
