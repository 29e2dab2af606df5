"""``jixiao review`` and ``jixiao rules`` as a real subprocess (``python -m jixiao``).

Every run happens in a fresh temporary directory, so no jixiao.toml of the developer's is picked
up, unless a test writes one there.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao import read_path
from jixiao.model import Budget
from jixiao.review import all_rules, review
from jixiao.review.examples import example_document, example_project
from jixiao.review.merge import codes_of
from jixiao.review.report import Report
from tests.conftest import SEEDS
from tests.test_cli import run_cli as run_jixiao

SEED = SEEDS["001"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_jixiao(*args, cwd=cwd, timeout=120)


@pytest.fixture(scope="module")
def seed_report() -> Report:
    return review(read_path(SEED))


@pytest.fixture
def clean_json(tmp_path: Path) -> Path:
    path = tmp_path / "clean.json"
    path.write_text(example_document().to_json(), encoding="utf-8")
    return path


@pytest.fixture
def unbalanced_json(tmp_path: Path) -> Path:
    """The baseline with one error (STR-02: 预算数 ≠ 财政资金 + 其他资金) and markup in its name."""
    project = example_project(
        name="审批大厅<script>alert(1)</script>运行维护经费",
        budget=Budget(total=Decimal("30.00"), fiscal=Decimal("25.00")),
    )
    path = tmp_path / "unbalanced.json"
    path.write_text(example_document(project).to_json(), encoding="utf-8")
    return path


# -- formats ---------------------------------------------------------------------------------------


def test_text_report(tmp_path: Path, seed_report: Report) -> None:
    result = run_cli("review", SEED, cwd=tmp_path)
    assert result.returncode == (3 if seed_report.has_errors else 0), result.stderr
    out = result.stdout
    assert out.startswith("审核报告：001_2709046b083e087d.txt")
    labels = {"error": "错误", "warning": "警告", "info": "提示"}
    for severity in {f.severity for f in seed_report.findings}:
        assert f"  {labels[severity]} " in out
    assert "北戴河村镇志编撰印刷费" in out
    assert "小结：11 个项目" in out


def test_json_report(tmp_path: Path, seed_report: Report) -> None:
    result = run_cli("review", SEED, "--format", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert list(data) == ["findings", "projects", "summary"]
    assert len(data["projects"]) == 11
    assert all({"score", "grade"} <= set(project) for project in data["projects"])
    assert data == seed_report.model_dump(mode="json")


def test_standard_input(tmp_path: Path) -> None:
    env_input = SEEDS["003"].read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "jixiao", "review", "-", "-f", "json"],
        input=env_input,
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert json.loads(result.stdout)["summary"]["source"] == "标准输入"


def test_json_report_of_several_files(tmp_path: Path) -> None:
    result = run_cli("review", SEEDS["000"], SEED, "-f", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert [item["source"] for item in data] == [str(SEEDS["000"]), str(SEED)]
    assert [item["summary"]["projects"] for item in data] == [8, 11]


def test_html_report(tmp_path: Path) -> None:
    target = tmp_path / "报告" / "审核意见.html"
    result = run_cli("review", SEED, "-f", "html", "-o", target, cwd=tmp_path)
    assert result.stdout == ""
    assert f"已写入 {target}" in result.stderr
    page = target.read_text(encoding="utf-8")
    assert "审核" in page and "北戴河村镇志编撰印刷费" in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<script" not in page and "<link" not in page


def test_html_escapes_markup_from_the_document(tmp_path: Path, unbalanced_json: Path) -> None:
    target = tmp_path / "out.html"
    result = run_cli("review", unbalanced_json, "-f", "html", "-o", target, cwd=tmp_path)
    assert result.returncode == 3
    page = target.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "审批大厅&lt;script&gt;alert(1)&lt;/script&gt;运行维护经费" in page
    assert "STR-02" in page


def test_xlsx_report(tmp_path: Path, seed_report: Report) -> None:
    target = tmp_path / "审核意见表.xlsx"
    run_cli("review", SEED, "-f", "xlsx", "-o", target, cwd=tmp_path)
    sheet = load_workbook(target)["审核意见表"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "单位", "项目编码", "项目名称", "规则编码")
    assert len(rows) == 1 + len(seed_report.findings)
    # a merged finding lists every rule that reported the defect, its own first
    assert [row[4] for row in rows[1:]] == ["、".join(codes_of(f)) for f in seed_report.findings]
    assert any("、" in row[4] for row in rows[1:])


def test_html_and_xlsx_of_several_files_go_into_a_directory(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = run_cli("review", *SEEDS.values(), "-f", "xlsx", "-o", out, cwd=tmp_path)
    assert result.returncode in (0, 3), result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.xlsx" for p in SEEDS.values())


def test_text_report_into_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    result = run_cli("review", SEED, "-o", target, cwd=tmp_path)
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("审核报告：") and "\x1b[" not in text


# -- exit status -----------------------------------------------------------------------------------


def test_clean_document_exits_0(tmp_path: Path, clean_json: Path) -> None:
    result = run_cli("review", clean_json, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "错误 0 条、警告 0 条、提示 0 条" in result.stdout
    assert "得分 100（优）" in result.stdout


def test_errors_exit_3(tmp_path: Path, unbalanced_json: Path) -> None:
    result = run_cli("review", unbalanced_json, cwd=tmp_path)
    assert result.returncode == 3
    assert "  错误 STR-02" in result.stdout


def test_unreadable_input_exits_1_and_says_why(tmp_path: Path, clean_json: Path) -> None:
    result = run_cli("review", tmp_path / "没有.txt", clean_json, cwd=tmp_path)
    assert result.returncode == 1
    assert "没有.txt：文件不存在" in result.stderr
    assert "审核报告：示例.txt" in result.stdout  # the readable file is still reviewed
    assert "其中 1 个未能审核" in result.stderr

    garbage = tmp_path / "garbage.json"
    garbage.write_text('{"schema_version": "1"}', encoding="utf-8")
    result = run_cli("review", garbage, cwd=tmp_path)
    assert result.returncode == 1
    assert "不是有效的 jixiao 文档 JSON" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "pdf"], "不支持的输出格式“pdf”"),
        (["-f", "html"], "html 格式须用 -o 指定输出文件"),
        (["--fix"], "使用 --fix 时须用 -o"),
        (["--fix", "-o", "x.json", "-f", "xlsx"], "审核结果只能以 text 或 json 输出"),
        (["--select", "NOPE-01"], "--select 中有不存在的规则编码：NOPE-01"),
        (["--profile", "province"], "没有这个配置档：province"),
        (["--config", "missing.toml"], "missing.toml：配置文件不存在"),
        (["-o", "."], "text 格式的 -o 应为文件"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_cli("review", SEED, *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


# -- --fix -----------------------------------------------------------------------------------------


@pytest.mark.skipif("VAL-08" not in all_rules(), reason="needs the safe fixes of VAL-08")
def test_fix_writes_the_fixed_document(tmp_path: Path) -> None:
    target = tmp_path / "fixed.json"
    result = run_cli("review", SEED, "--fix", "-o", target, "-f", "json", cwd=tmp_path)
    fixed = json.loads(target.read_text(encoding="utf-8"))
    values = [i["value_text"] for p in fixed["projects"] for i in p["indicators"]]
    assert values and not any("9595" in value for value in values)
    changes = [line for line in result.stderr.splitlines() if line.startswith("已修正")]
    assert len(changes) >= values.count("≥95%") > 0
    assert "项目 1（434-1401-JBN-6BVF 北戴河村镇志编撰印刷费）" in changes[0]
    assert "“≥9595%以上” → “≥95%”" in changes[0]
    assert "修正后的文档已写入" in result.stderr
    # the report on stdout is the review of the fixed document
    report = json.loads(result.stdout)
    assert report["summary"]["fixable"] == 0
    assert "VAL-08" not in report["summary"]["by_code"]
    assert result.returncode == (3 if report["summary"]["errors"] else 0)
    # and the fixed file is a document jixiao reads
    assert len(read_path(target).projects) == 11


@pytest.mark.skipif("VAL-08" not in all_rules(), reason="needs the safe fixes of VAL-08")
def test_fix_of_several_files_writes_into_a_directory(tmp_path: Path) -> None:
    out = tmp_path / "fixed"
    result = run_cli("review", SEEDS["003"], SEED, "--fix", "-o", out, "-f", "json", cwd=tmp_path)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{p.stem}.json" for p in (SEEDS["003"], SEED)
    )
    assert [item["source"] for item in json.loads(result.stdout)] == [str(SEEDS["003"]), str(SEED)]
    assert "“≥98 百分比” → “≥98%”" in result.stderr  # seed 003's unit written as a word


def test_fix_with_nothing_to_fix_still_writes_the_document(
    tmp_path: Path, clean_json: Path
) -> None:
    target = tmp_path / "out" / "fixed.json"
    result = run_cli("review", clean_json, "--fix", "-o", target, cwd=tmp_path)
    assert result.returncode == 0
    assert "没有可以自动修正的问题" in result.stderr
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(clean_json.read_text())


# -- configuration ---------------------------------------------------------------------------------


def test_config_file_in_the_working_directory(tmp_path: Path, seed_report: Report) -> None:
    code = next(iter(seed_report.summary.by_code))
    (tmp_path / "jixiao.toml").write_text(f'ignore = ["{code}"]\n', encoding="utf-8")
    data = json.loads(run_cli("review", SEED, "-f", "json", cwd=tmp_path).stdout)
    assert code not in data["summary"]["by_code"]
    assert set(data["summary"]["by_code"]) == set(seed_report.summary.by_code) - {code}

    # --select names rules explicitly: they run even though the file ignores them
    data = json.loads(run_cli("review", SEED, "-f", "json", "--select", code, cwd=tmp_path).stdout)
    assert set(data["summary"]["by_code"]) == {code}


def test_config_file_given_with_option(tmp_path: Path, seed_report: Report) -> None:
    codes = list(seed_report.summary.by_code)
    config = tmp_path / "conf" / "pyproject.toml"
    config.parent.mkdir()
    config.write_text(f"[tool.jixiao]\nselect = {json.dumps(codes[:1])}\n", encoding="utf-8")
    data = json.loads(
        run_cli("review", SEED, "-f", "json", "--config", config, cwd=tmp_path).stdout
    )
    assert set(data["summary"]["by_code"]) == set(codes[:1])
    # --ignore adds to the file's settings
    data = json.loads(
        run_cli(
            "review", SEED, "-f", "json", "--config", config, "--ignore", codes[0], cwd=tmp_path
        ).stdout
    )
    assert data["findings"] == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('ignore = ["VAL-08"\n', "配置文件不是有效的 TOML"),
        ('ignroe = ["VAL-08"]\n', "审核配置有误：ignroe"),
        ('[severity]\n"NOPE-01" = "info"\n', "配置中有不存在的规则编码：NOPE-01"),
        ('[params.STR-02]\ntolerance = "很小"\n', "规则 STR-02 的参数有误：tolerance 应为数值"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "jixiao.toml").write_text(text, encoding="utf-8")
    result = run_cli("review", SEED, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("错误：")
    assert message in result.stderr
    assert "jixiao.toml" in result.stderr


# -- rules -----------------------------------------------------------------------------------------


def test_rules_lists_every_rule(tmp_path: Path) -> None:
    result = run_cli("rules", cwd=tmp_path)
    assert result.returncode == 0
    for header in ("编码", "名称", "维度", "级别", "自动修正"):
        assert header in result.stdout
    for code, rule in all_rules().items():
        assert code in result.stdout
        assert rule.name[:4] in result.stdout


def test_rules_code_prints_the_documentation(tmp_path: Path) -> None:
    code = "VAL-08" if "VAL-08" in all_rules() else "STR-02"
    rule = all_rules()[code]
    result = run_cli("rules", code.lower(), cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith(f"# {code} {rule.name}\n")
    for section in ("## 检查内容", "## 为什么", "## 示例", "## 修正", "## 依据", "## 配置"):
        assert section in result.stdout
    assert "反例" in result.stdout and "正例" in result.stdout
    assert rule.source.split("；")[0] in result.stdout
    assert "源代码：`src/jixiao/review/rules/" in result.stdout


def test_rules_shows_parameters_with_defaults(tmp_path: Path) -> None:
    result = run_cli("rules", "STR-02", cwd=tmp_path)
    assert "| `tolerance` | `Decimal` | `0.01` |" in result.stdout
    assert "[tool.jixiao.params.STR-02]\ntolerance = 0.01" in result.stdout


def test_unknown_rule_is_an_error(tmp_path: Path) -> None:
    result = run_cli("rules", "STR-99", cwd=tmp_path)
    assert result.returncode == 2
    assert "错误：没有这条规则：STR-99" in result.stderr
    assert CJK.search(result.stderr)
