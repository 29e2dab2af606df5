"""The review renderers: terminal text, JSON, HTML and the 审核意见表 workbook.

Each format is checked twice: on the real review of seed 001 (whatever rules exist) and on a
hand-made report that has every kind of finding (document-level, each severity, safe and unsafe
fixes, text that looks like markup or a spreadsheet formula), so the tests do not depend on
which rules happen to report what.
"""

from __future__ import annotations

import io
import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.console import Console

from jixiao import Document, read_path
from jixiao.model import SourceLocation
from jixiao.review import review
from jixiao.review.config import GradingConfig
from jixiao.review.finding import Edit, Finding, Fix
from jixiao.review.output import render_html, render_json, render_text, report_data, write_xlsx
from jixiao.review.output.labels import advice, describe_position, describe_source
from jixiao.review.output.xlsx import FINDING_COLUMNS, SCORE_COLUMNS
from jixiao.review.report import Report, grade_projects, summarize
from tests.conftest import SEEDS

MARKUP = "<script>alert('x')</script>[bold red]粗体[/bold red]"


@pytest.fixture(scope="module")
def seed() -> tuple[Document, Report]:
    doc = read_path(SEEDS["001"])
    return doc, review(doc)


@pytest.fixture(scope="module")
def crafted() -> tuple[Document, Report]:
    """Seed 001 with one finding of every kind, in the engine's order; project 2 carries
    markup in its name."""
    doc = read_path(SEEDS["001"])
    doc.projects[1].name = f"北戴河年鉴编撰费{MARKUP}"
    first, second = doc.projects[0], doc.projects[1]
    indicator = first.indicators[0]
    findings = [
        Finding(
            code="STR-10",
            severity="error",
            dimension="完整性",
            message="部门整体绩效目标缺少工作保障措施",
            field="department.safeguards",
            suggestion="请补充工作保障措施。",
        ),
        Finding(
            code="STR-02",
            severity="error",
            dimension="一致性",
            message=f"预算数不平衡：{MARKUP}",
            project_code=first.code,
            project_seq=first.seq,
            field="budget",
            text=MARKUP,
            source=first.source,
            suggestion="请核对预算数。",
        ),
        Finding(
            code="VAL-08",
            severity="warning",
            dimension="规范性",
            message=f"指标值“{indicator.value_text}”数值重复，应写为“≥95%”",
            project_code=first.code,
            project_seq=first.seq,
            indicator_index=0,
            field="indicators[0].value",
            text=indicator.value_text,
            source=indicator.source,
            suggestion="改为“≥95%”",
            fix=Fix(
                title="改为“≥95%”",
                safety="safe",
                edits=(
                    Edit(
                        path="projects[0].indicators[0].value_text",
                        old=indicator.value_text,
                        new="≥95%",
                    ),
                ),
            ),
        ),
        Finding(
            code="STR-03",
            severity="info",
            dimension="完整性",
            message="12月底累计支出比例应为100%",
            project_code=second.code,
            project_seq=second.seq,
            field="spending_plan",
            text="=100%",
            source=SourceLocation(page=3, table=2, row=5),
            fix=Fix(title="将12月底填为100%", safety="unsafe", edits=()),
        ),
    ]
    grading = GradingConfig()
    grades = grade_projects(doc, findings, grading)
    return doc, Report(
        findings=findings, projects=grades, summary=summarize(doc, findings, grades, grading)
    )


def text_of(*results: tuple[Document, Report], width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    render_text(list(results), console)
    return buffer.getvalue()


# -- labels ------------------------------------------------------------------------------------


def test_positions_and_sources_in_chinese(crafted: tuple[Document, Report]) -> None:
    doc, report = crafted
    department, budget, value, plan = report.findings
    assert describe_position(department) == "部门整体绩效目标·工作保障措施"
    assert describe_position(value, doc.projects[0]) == "第 1 项指标“资料收集比率”的指标值"
    assert describe_position(value) == "第 1 项指标的指标值"
    assert describe_position(budget, doc.projects[0]) == "预算数"
    assert describe_source(value.source) == "第 61～66 行"
    assert describe_source(SourceLocation(line=7, end_line=7)) == "第 7 行"
    assert describe_source(plan.source) == "第 3 页 表 2 第 5 行"
    assert describe_source(None) == ""


def test_advice_says_whether_a_fix_is_applied_automatically(
    crafted: tuple[Document, Report],
) -> None:
    department, _, value, plan = crafted[1].findings
    assert advice(department) == "请补充工作保障措施。"
    assert advice(value) == "改为“≥95%”（可自动修正）"
    assert advice(plan) == "修改需人工确认：将12月底填为100%"


# -- text --------------------------------------------------------------------------------------


def test_text_groups_by_document_and_project(crafted: tuple[Document, Report]) -> None:
    out = text_of(crafted)
    lines = out.splitlines()
    assert lines[0].startswith("审核报告：001_2709046b083e087d.txt")
    assert "2020 年度" in lines[0]
    for label in ("错误", "警告", "提示"):
        assert f"  {label} " in out
    # document-level findings come before the first project
    assert out.index("文件整体（1 条）") < out.index("STR-10") < out.index("1. 434-1401-JBN-6BVF")
    # within project 1, the report's order: the project's own finding, then the indicator's
    assert out.index("STR-02") < out.index("VAL-08")
    assert "第 1 项指标“资料收集比率”的指标值　第 61～66 行" in out
    assert "原文：≥9595%以上" in out
    assert "建议：改为“≥95%”（可自动修正）" in out
    assert "未发现问题" in out  # the clean projects say so
    summary = lines[-1]
    assert summary.startswith("小结：11 个项目；错误 2 条、警告 1 条、提示 1 条（可自动修正 1 条）")
    assert "平均得分" in summary


def test_text_never_interprets_document_text_as_markup(crafted: tuple[Document, Report]) -> None:
    out = text_of(crafted)
    assert "[bold red]粗体[/bold red]" in out
    assert "<script>alert('x')</script>" in out


def test_text_has_no_trailing_spaces(crafted: tuple[Document, Report]) -> None:
    out = text_of(crafted, width=60)
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


def test_text_of_seed_001_lists_every_finding(seed: tuple[Document, Report]) -> None:
    doc, report = seed
    out = text_of(seed)
    assert out.count("原文：") == sum(1 for f in report.findings if f.text)
    for finding in report.findings:
        assert finding.code in out
    for project in doc.projects:
        assert project.name in out
    assert "小结：11 个项目" in out


def test_text_of_several_documents_ends_with_totals(seed: tuple[Document, Report]) -> None:
    other = read_path(SEEDS["003"])
    out = text_of(seed, (other, review(other)))
    assert out.count("审核报告：") == 2
    assert out.splitlines()[-1].startswith("总计：2 份文件，19 个项目")


# -- json --------------------------------------------------------------------------------------


def test_json_is_the_report_model(seed: tuple[Document, Report]) -> None:
    _, report = seed
    data = json.loads(render_json([("001.txt", report)]))
    assert list(data) == ["findings", "projects", "summary"]
    assert data == report.model_dump(mode="json")
    assert len(data["projects"]) == 11
    for project in data["projects"]:
        assert {"seq", "code", "score", "grade"} <= set(project)
    assert Report.model_validate(data) == report


def test_json_of_several_documents_is_an_array_with_sources(
    seed: tuple[Document, Report], crafted: tuple[Document, Report]
) -> None:
    text = render_json([("a.txt", seed[1]), ("b.json", crafted[1])])
    data = json.loads(text)
    assert [item["source"] for item in data] == ["a.txt", "b.json"]
    assert list(data[1]) == ["source", "findings", "projects", "summary"]
    assert data[1] == report_data(crafted[1], "b.json")
    assert "数值重复" in text  # Chinese kept as is


# -- html --------------------------------------------------------------------------------------


def html_of(result: tuple[Document, Report]) -> str:
    return render_html(*result, reviewed_at=datetime(2025, 3, 1, 9, 30))


def test_html_has_header_summary_and_a_card_per_project(crafted: tuple[Document, Report]) -> None:
    doc, report = crafted
    page = html_of(crafted)
    assert page.startswith("<!DOCTYPE html>")
    assert "预算绩效目标审核意见" in page
    assert "001_2709046b083e087d.txt" in page
    assert "2025-03-01 09:30" in page
    assert doc.title is not None and doc.title in page
    assert page.count('class="card" id="project-') == len(doc.projects)
    assert page.count('<span class="badge grade-') == len(doc.projects)
    for name in ("完整性", "相关性", "适当性", "可行性"):
        assert f'<div class="dim">{name} <b>' in page
    for header in ("级别", "规则", "位置", "问题", "原文", "建议"):
        assert f"<th>{header}</th>" in page
    assert "文件整体" in page  # the document-level finding has its own section
    assert report.summary.errors == 2 and ">2</b>" in page


def test_html_is_self_contained_and_printable(seed: tuple[Document, Report]) -> None:
    page = html_of(seed)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page and "<script" not in page and "@import" not in page
    assert "@media print" in page
    assert '"Noto Sans CJK SC", "Source Han Sans SC"' in page
    assert '<meta charset="utf-8">' in page


def test_html_escapes_text_from_the_document(crafted: tuple[Document, Report]) -> None:
    page = html_of(crafted)
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "北戴河年鉴编撰费&lt;script&gt;" in page  # the project name, too


# -- xlsx --------------------------------------------------------------------------------------


def workbook_of(result: tuple[Document, Report], tmp_path: Path) -> Path:
    target = tmp_path / "审核意见表.xlsx"
    write_xlsx(*result, target)
    return target


def test_xlsx_has_one_row_per_finding(crafted: tuple[Document, Report], tmp_path: Path) -> None:
    doc, report = crafted
    book = load_workbook(workbook_of(crafted, tmp_path))
    assert book.sheetnames == ["审核意见表", "项目评分"]
    sheet = book["审核意见表"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(title for title, _ in FINDING_COLUMNS)
    assert len(rows) == 1 + len(report.findings)
    by_title = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [row["规则编码"] for row in by_title] == [f.code for f in report.findings]
    assert [row["级别"] for row in by_title] == ["错误", "错误", "警告", "提示"]
    department, _, value, plan = by_title
    assert department["项目名称"] == "（文件整体）"
    assert department["单位"] == "秦皇岛市北戴河区人民政府办公室"
    assert value["项目编码"] == "434-1401-JBN-6BVF"
    assert value["位置（字段）"] == "第 1 项指标“资料收集比率”的指标值"
    assert value["原文"] == "≥9595%以上"
    assert value["修改建议"] == "改为“≥95%”（可自动修正）"
    assert value["来源行"] == 61
    assert value["审核维度"] == "规范性"
    assert plan["原文"] == "=100%"  # text, never a formula
    assert sheet["I5"].value == "=100%" and sheet["I5"].data_type == "s"
    assert plan["来源行"] == 5
    assert doc.projects[1].name in [row["项目名称"] for row in by_title]


def test_xlsx_is_styled_frozen_and_sized(crafted: tuple[Document, Report], tmp_path: Path) -> None:
    book = load_workbook(workbook_of(crafted, tmp_path))
    for sheet, columns in (
        (book["审核意见表"], FINDING_COLUMNS),
        (book["项目评分"], SCORE_COLUMNS),
    ):
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        assert sheet["A1"].fill.fgColor.rgb.endswith("D9D9D9")
        for number, (_, width) in enumerate(columns):
            assert sheet.column_dimensions[chr(ord("A") + number)].width == width
        assert sheet.page_setup.orientation == "landscape"
    assert book["审核意见表"]["J2"].alignment.wrap_text


def test_xlsx_scores_sheet(crafted: tuple[Document, Report], tmp_path: Path) -> None:
    _, report = crafted
    sheet = load_workbook(workbook_of(crafted, tmp_path))["项目评分"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(title for title, _ in SCORE_COLUMNS)
    assert len(rows) == 1 + 11
    first = dict(zip(rows[0], rows[1], strict=True))
    grade = report.projects[0]
    assert (first["序号"], first["得分"], first["等级"]) == (1, grade.score, grade.grade)
    assert first["完整性"] == grade.dimension_scores["完整性"]
    assert (first["错误"], first["警告"], first["提示"]) == (1, 1, 0)


def test_xlsx_of_seed_001(seed: tuple[Document, Report]) -> None:
    buffer = io.BytesIO()
    write_xlsx(*seed, buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue()))["审核意见表"]
    assert sheet.max_row == 1 + len(seed[1].findings)
