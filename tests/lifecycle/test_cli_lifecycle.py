"""``jixiao monitor``, ``score`` and ``template`` as users run them (subprocess)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import load_workbook

from tests.lifecycle.example_actuals import MONITOR_FILE, SEED, SELFEVAL_FILE
from tests.test_cli import run_cli


def test_template_writes_a_workbook(tmp_path: Path) -> None:
    target = tmp_path / "填报.xlsx"
    result = run_cli("template", "monitor", SEED, "-o", target, "--month", "6")
    assert result.returncode == 0, result.stderr
    assert "已写入" in result.stderr and "指标 28 行" in result.stderr
    book = load_workbook(io.BytesIO(target.read_bytes()))
    assert book["说明"]["B2"].value == 6
    assert book["指标"]["I1"].value == "1–6月完成值"


def test_template_default_name_and_bad_kind(tmp_path: Path) -> None:
    result = run_cli("template", "自评", SEED, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"{SEED.stem}_绩效自评填报.xlsx").is_file()
    bad = run_cli("template", "annual", SEED, cwd=tmp_path)
    assert bad.returncode == 2
    assert "填报表类型“annual”无法识别" in bad.stderr


def test_score_report_and_filled_document(tmp_path: Path) -> None:
    out = tmp_path / "自评.json"
    result = run_cli("score", SEED, "--actuals", SELFEVAL_FILE, "-o", out)
    assert result.returncode == 3  # project 8 has an EVA-08 error
    assert "自评得分 97.06 分  等级：优" in result.stdout
    assert "50 × min(92 ÷ 95, 1) = 48.42" in result.stdout
    assert "EVA-08" in result.stdout
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["schema_version"] == "2"
    assert saved["projects"][1]["self_evaluation"]["executed"] == 128.5
    again = run_cli("score", out, "-f", "json")  # the filled document carries its actuals
    data = json.loads(again.stdout)
    assert data["kind"] == "selfeval"
    assert [r["total"] for r in data["results"]][:2] == [99.93, 97.06]
    assert data["results"][1]["rows"][0]["scored"]["inputs"] == {
        "weight": 50,
        "target": 95,
        "actual": 92,
    }


def test_monitor_report(tmp_path: Path) -> None:
    result = run_cli("monitor", SEED, "-a", MONITOR_FILE)
    assert result.returncode == 3  # MON-01 red and a MON-03 error
    assert "1–7月运行监控  总体：● 红灯" in result.stdout
    assert "落后于序时进度（58.33%）（黄灯）" in result.stdout
    month = run_cli("monitor", SEED, "-a", MONITOR_FILE, "--month", "9")
    assert month.returncode == 1
    assert "填报表的截至月份是 7 月，与 --month 9 不一致" in month.stderr


def test_sichuan_configuration(tmp_path: Path) -> None:
    (tmp_path / "jixiao.toml").write_text('[monitoring]\npreset = "sichuan"\n', encoding="utf-8")
    result = run_cli("monitor", SEED, "-a", MONITOR_FILE, "-f", "json", cwd=tmp_path)
    data = json.loads(result.stdout)
    assert {r["scheme"] for r in data["results"]} == {"sichuan"}
    floors = [
        c for c in data["results"][1]["budget"]["comparisons"] if c["basis"] == "支出进度下限"
    ]
    assert floors[0]["expected"] == 40 and floors[0]["light"] == "green"  # 40.86 % ≥ 40 %


def test_refusals(tmp_path: Path) -> None:
    none = run_cli("score", SEED)
    assert none.returncode == 1
    assert "文档中没有绩效自评记录" in none.stderr
    wrong = run_cli("score", SEED, "-a", MONITOR_FILE)
    assert wrong.returncode == 1
    assert "这是运行监控填报表，不是绩效自评填报表" in wrong.stderr
    garbage = tmp_path / "x.xlsx"
    garbage.write_bytes(b"plain text")
    bad = run_cli("monitor", SEED, "-a", garbage)
    assert bad.returncode == 1
    assert "不是有效的填报表 XLSX 文件" in bad.stderr
    (tmp_path / "jixiao.toml").write_text('[scoring]\npreset = "mars"\n', encoding="utf-8")
    config = run_cli("score", SEED, "-a", SELFEVAL_FILE, cwd=tmp_path)
    assert config.returncode == 2
    assert "自评计分方案“mars”不存在" in config.stderr
    fmt = run_cli("score", SEED, "-a", SELFEVAL_FILE, "-f", "html")
    assert fmt.returncode == 2


def test_rules_explains_lifecycle_codes() -> None:
    result = run_cli("rules", "mon-03")
    assert result.returncode == 0
    assert result.stdout.startswith("# MON-03 偏差原因和完成可能性")
    assert "由 jixiao monitor 检查" in result.stdout
    assert run_cli("rules", "EVA-99").returncode == 2


def test_catalogue_covers_every_code_the_engines_use() -> None:
    import re

    from jixiao.lifecycle.catalogue import LIFECYCLE_RULES

    source = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "lifecycle"
    used = {
        code
        for path in source.glob("*.py")
        if path.name != "catalogue.py"
        for code in re.findall(r'"((?:MON|EVA)-\d\d)"', path.read_text(encoding="utf-8"))
    }
    assert used <= set(LIFECYCLE_RULES)
    assert len(used) >= 15
