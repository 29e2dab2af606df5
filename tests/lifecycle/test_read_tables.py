"""Reading published 自评表 / 监控表 through the one pipeline into the lifecycle records.

Fixtures are built here with openpyxl, python-docx and HTML strings (never with jixiao's
renderer); the renderer's own round trip (render → read → same records) is at the end.
"""

from __future__ import annotations

import io
from decimal import Decimal as D

import docx
import pytest
from openpyxl import Workbook

from jixiao.lifecycle.scoring import score_document
from jixiao.model import Document
from jixiao.reading import read_bytes
from jixiao.render.lifecycle import render_table
from tests.lifecycle._records import evaluated_document

SELFEVAL_ROWS: list[list[object]] = [
    ["项目支出绩效自评表"],
    ["（2024年度）"],
    ["项目名称", "城乡居民医疗救助", None, None, None, None, None, None, None, None],
    ["主管部门", "某县医疗保障局", None, None, None, "实施单位", "某县医疗保障事务中心"],
    ["项目资金（万元）", None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
     "得分"],
    [None, "年度资金总额", None, 4000, 4000, 3800, 10, "95%", 9.5],
    ["年度总体目标", "预期目标", None, None, None, "实际完成情况"],
    [None, "1.资助困难群众参加基本医疗保险；2.对符合条件的困难群众实施门诊和住院救助。",
     None, None, None, "全年资助参保1.2万人，救助3500人次。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
     "偏差原因分析及改进措施"],
    [None, "产出指标", "数量指标", "资助参保人数", "≥12000人", "12000人", 20, 20, None],
    [None, None, None, "救助人次", "≥4000人次", "3500人次", 15, 13.13,
     "部分对象未提出申请，加强政策宣传"],
    [None, None, "时效指标", "救助资金发放及时率", "100%", "100%", 15, 15, None],
    [None, "效益指标", "社会效益指标", "困难群众就医负担", "有效减轻", "有效减轻", 30, 30, None],
    [None, "满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%", "93%", 10, 10, None],
    ["总分", None, None, None, None, None, 100, 97.63, "自评等级：优"],
]  # fmt: skip


def _xlsx(rows: list[list[object]], merges: tuple[str, ...] = ()) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for area in merges:
        sheet.merge_cells(area)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read(data: bytes, name: str) -> Document:
    return read_bytes(data, name=name)


def test_central_selfeval_xlsx_becomes_targets_and_self_evaluation() -> None:
    data = _xlsx(
        SELFEVAL_ROWS,
        ("A1:J1", "A2:J2", "B3:J3", "B4:E4", "G4:J4", "B10:B12", "C10:C11", "B13:B13"),
    )
    doc = _read(data, "自评表.xlsx")
    assert len(doc.projects) == 1
    project = doc.projects[0]
    assert project.name == "城乡居民医疗救助"
    assert [i.name for i in project.indicators] == [
        "资助参保人数", "救助人次", "救助资金发放及时率", "困难群众就医负担", "救助对象满意度",
    ]  # fmt: skip
    assert [i.level2 for i in project.indicators][:3] == ["数量指标", "数量指标", "时效指标"]
    assert project.indicators[1].value_text == "≥4000人次"
    assert project.extra == [e for e in project.extra if e.label == "主管部门"]
    evaluation = project.self_evaluation
    assert evaluation is not None
    assert (evaluation.initial_budget, evaluation.annual_budget, evaluation.executed) == (
        D(4000), D(4000), D(3800),
    )  # fmt: skip
    assert (evaluation.budget_weight, evaluation.declared_budget_score) == (D(10), D("9.5"))
    assert evaluation.goal_outcome == "全年资助参保1.2万人，救助3500人次。"
    assert len(project.goals) == 2
    rows = evaluation.indicators
    assert [r.actual_text for r in rows] == ["12000人", "3500人次", "100%", "有效减轻", "93%"]
    assert [r.weight for r in rows] == [D(20), D(15), D(15), D(30), D(10)]
    assert [r.declared_score for r in rows] == [D(20), D("13.13"), D(15), D(30), D(10)]
    assert rows[1].analysis == "部分对象未提出申请，加强政策宣传"
    assert rows[1].indicator == "output.quantity:救助人次"
    assert (evaluation.declared_total, evaluation.declared_grade) == (D("97.63"), "优")
    # the engine scores what was read; the declared figures stay beside the computed ones
    score = score_document(doc)[0]
    assert score.total == D("97.63")
    assert not [f for f in score.findings if f.code == "EVA-10"]


def test_a_declared_score_that_differs_is_a_finding() -> None:
    rows = [list(r) for r in SELFEVAL_ROWS]
    rows[10][7] = 15  # 救助人次 3500 of 4000: 15 × 0.875 = 13.13, not 15
    rows[14][7] = 99.5
    doc = _read(_xlsx(rows), "自评表.xlsx")
    codes = [f.code for f in score_document(doc)[0].findings]
    assert codes.count("EVA-10") >= 2


def test_a_glued_budget_cell_is_split_by_its_columns() -> None:
    rows = [list(r) for r in SELFEVAL_ROWS]
    rows[5] = [None, "年度资金总额", None, "4000 4000 3800", None, None, 10, "95%", 9.5]
    doc = _read(_xlsx(rows), "自评表.xlsx")
    evaluation = doc.projects[0].self_evaluation
    assert evaluation is not None
    assert (evaluation.initial_budget, evaluation.annual_budget, evaluation.executed) == (
        D(4000), D(4000), D(3800),
    )  # fmt: skip
    assert evaluation.budget_weight == D(10)
    assert not [w for w in doc.warnings if w.code == "lifecycle_cell_unreadable"]


def test_a_glued_cell_that_does_not_fit_its_columns_is_a_located_warning() -> None:
    rows = [list(r) for r in SELFEVAL_ROWS]
    # four figures, but only two empty columns follow (分值 holds 10): never guessed
    rows[5] = [None, "年度资金总额", None, "4000 4000 3800 95%", None, None, 10, None, 9.5]
    doc = _read(_xlsx(rows), "自评表.xlsx")
    evaluation = doc.projects[0].self_evaluation
    assert evaluation is not None
    assert evaluation.initial_budget is None and evaluation.executed is None
    assert evaluation.budget_weight == D(10)
    warning = next(w for w in doc.warnings if w.code == "lifecycle_cell_unreadable")
    assert "年初预算数" in warning.message and "4000 4000 3800 95%" in warning.message
    assert warning.source is not None and warning.source.row == 6


def _docx_table(rows: list[list[str]], merges: tuple[tuple[int, int, int, int], ...]) -> bytes:
    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r1, c1, r2, c2 in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_sichuan_split_value_columns_docx() -> None:
    """四川 style: 指标性质 | 指标值 | 度量单位 in separate columns, 产出指标(50分) headings."""
    rows = [
        ["项目名称", "农村公路养护", "", "", "", "", "", "", "", ""],
        ["主管部门", "某县交通运输局", "", "", "", "实施单位", "某县公路养护站", "", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
         "得分", "", ""],
        ["", "年度资金总额", "500.00", "520.00", "494.00", "10", "95.00%", "9.50", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "全年实际值",
         "分值", "得分", "偏差原因分析及改进措施"],
        ["产出指标(50分)", "数量指标", "养护里程", "≥", "120", "公里", "118", "25", "24.58",
         "两段道路因汛期推迟"],
        ["产出指标(50分)", "质量指标", "优良路率", "≥", "85", "%", "88", "25", "25", ""],
        ["效益指标(30分)", "社会效益指标", "群众出行条件", "定性", "明显改善", "", "明显改善",
         "30", "30", ""],
        ["满意度指标(10分)", "服务对象满意度指标", "沿线群众满意度", "≥", "90", "%", "92",
         "10", "10", ""],
        ["总分", "", "", "", "", "", "", "100", "99.08", "自评等级：优"],
    ]  # fmt: skip
    doc = _read(_docx_table(rows, ((0, 1, 0, 9),)), "四川自评表.docx")
    project = doc.projects[0]
    assert project.name == "农村公路养护"
    assert [i.value_text for i in project.indicators][:2] == ["≥120公里", "≥85%"]
    assert [i.category for i in project.indicators] == [
        "output.quantity", "output.quality", "effect.social", "satisfaction.beneficiary",
    ]  # fmt: skip
    evaluation = project.self_evaluation
    assert evaluation is not None
    assert (evaluation.initial_budget, evaluation.annual_budget, evaluation.executed) == (
        D("500.00"), D("520.00"), D("494.00"),
    )  # fmt: skip
    assert [r.actual_text for r in evaluation.indicators] == ["118", "88", "明显改善", "92"]
    assert evaluation.indicators[0].declared_score == D("24.58")
    assert evaluation.indicators[0].analysis == "两段道路因汛期推迟"
    assert (evaluation.declared_total, evaluation.declared_grade) == (D("99.08"), "优")


MONITOR_HTML = """<html><body><h3>项目支出绩效目标执行监控表</h3><p>（2025年1-7月）</p>
<table border="1">
<tr><td>项目名称</td><td colspan="9">社区养老服务补助</td></tr>
<tr><td>主管部门</td><td colspan="4">某区民政局</td><td>实施单位</td>
<td colspan="4">某区养老服务中心</td></tr>
<tr><td>预算执行情况（万元）</td><td colspan="2">资金来源</td><td>年初预算数</td>
<td>调整后预算数</td>
<td>1-7月执行数</td><td>1-7月执行率</td><td colspan="3">全年预计执行数</td></tr>
<tr><td></td><td colspan="2">年度资金总额</td><td>300</td><td>280</td><td>126</td><td>45%</td>
<td colspan="3">280</td></tr>
<tr><td>年度总体目标</td><td colspan="4">年度绩效目标</td><td colspan="5">目标执行总体情况</td></tr>
<tr><td></td><td colspan="4">为辖区老年人提供助餐、助浴等居家养老服务。</td>
<td colspan="5">已开设助餐点12个，服务老人2.1万人次。</td></tr>
<tr><td>绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td>
<td>1-7月实际完成值</td><td>全年预计完成值</td><td>偏差原因分析</td><td>完成目标可能性</td><td>备注</td></tr>
<tr><td></td><td>产出指标</td><td>数量指标</td><td>助餐服务人次</td><td>≥40000人次</td><td>21000人次</td>
<td>38000人次</td><td>硬件条件保障：两处助餐点装修延期</td><td>有可能</td><td>9月新开2个点</td></tr>
<tr><td></td><td>产出指标</td><td>质量指标</td><td>食品安全事故</td><td>0起</td><td>0起</td>
<td>0起</td><td></td><td>确定能</td><td></td></tr>
<tr><td></td><td>满意度指标</td><td>服务对象满意度指标</td><td>老人满意度</td><td>≥90%</td><td>92%</td>
<td>92%</td><td></td><td>2</td><td></td></tr>
</table></body></html>"""


def test_central_monitor_html_becomes_a_monitoring_record() -> None:
    doc = _read(MONITOR_HTML.encode("utf-8"), "监控表.html")
    project = doc.projects[0]
    assert project.name == "社区养老服务补助"
    assert project.budget.total == D(300)
    assert [i.name for i in project.indicators] == ["助餐服务人次", "食品安全事故", "老人满意度"]
    assert all(i.basis is None and not i.extra for i in project.indicators)
    (record,) = project.monitoring
    assert (record.month, record.adjusted_budget, record.executed) == (7, D(280), D(126))
    assert record.projected_executed == D(280)
    assert record.goal_progress == "已开设助餐点12个，服务老人2.1万人次。"
    first, second, third = record.indicators
    assert (first.achieved_text, first.projected_text) == ("21000人次", "38000人次")
    assert first.achieved is not None and first.achieved.number == D(21000)
    assert (first.causes, first.cause_text) == (["硬件条件保障"], "两处助餐点装修延期")
    assert (first.likelihood, first.remark) == ("有可能", "9月新开2个点")
    assert second.likelihood == "确定能" and second.causes == []
    assert third.likelihood == "有可能"  # printed as its code 2


def test_an_unknown_likelihood_is_a_located_warning() -> None:
    page = MONITOR_HTML.replace("<td>确定能</td>", "<td>大概可以</td>")
    doc = _read(page.encode("utf-8"), "监控表.html")
    assert doc.projects[0].monitoring[0].indicators[1].likelihood is None
    warning = next(w for w in doc.warnings if w.code == "lifecycle_cell_unreadable")
    assert "大概可以" in warning.message


# -- the renderer's round trip ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html"])
def test_rendered_selfeval_reads_back_to_the_same_records(fmt: str) -> None:
    original = evaluated_document()
    back = _read(render_table(original, "selfeval", fmt), f"自评表.{fmt}")  # type: ignore[arg-type]
    before, after = original.projects[0], back.projects[0]
    shown = {"level1", "level2", "name", "value_text"}
    assert [i.model_dump(include=shown) for i in after.indicators] == [
        i.model_dump(include=shown) for i in before.indicators
    ]
    assert before.self_evaluation is not None and after.self_evaluation is not None
    scored = score_document(original)[0]
    fields = ("initial_budget", "annual_budget", "executed", "goal_outcome", "conclusion")
    for name in fields:
        assert getattr(after.self_evaluation, name) == getattr(before.self_evaluation, name)
    for was, now, row in zip(
        before.self_evaluation.indicators,
        after.self_evaluation.indicators,
        scored.rows,
        strict=True,
    ):
        assert (now.indicator, now.actual_text, now.analysis) == (
            was.indicator, was.actual_text, was.analysis,
        )  # fmt: skip
        assert now.declared_score == row.scored.score and now.weight == row.weight
    assert after.self_evaluation.declared_total == scored.total
    assert after.self_evaluation.declared_grade == scored.grade
    rescored = score_document(back)[0]
    assert rescored.total == scored.total
    assert not [f for f in rescored.findings if f.code == "EVA-10"]


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html"])
def test_rendered_monitor_reads_back_to_the_same_record(fmt: str) -> None:
    original = evaluated_document()
    back = _read(render_table(original, "monitor", fmt), f"监控表.{fmt}")  # type: ignore[arg-type]
    (before,) = original.projects[0].monitoring
    (after,) = back.projects[0].monitoring
    assert after.model_dump(exclude={"indicators"}) == before.model_dump(exclude={"indicators"})
    keep = {"indicator", "achieved_text", "projected_text", "causes", "cause_text", "likelihood",
            "remark"}  # fmt: skip
    assert [p.model_dump(include=keep) for p in after.indicators] == [
        p.model_dump(include=keep) for p in before.indicators
    ]
    assert back.projects[0].budget.total == original.projects[0].budget.total


def test_monitor_web_export_with_glued_figures() -> None:
    glued = (
        '<tr><td></td><td colspan="2">年度资金总额</td><td colspan="4">300 280 126 45%</td>'
        '<td colspan="3">280</td></tr>'
    )
    start = MONITOR_HTML.index('<tr><td></td><td colspan="2">年度资金总额')
    end = MONITOR_HTML.index("</tr>", start) + len("</tr>")
    doc = _read((MONITOR_HTML[:start] + glued + MONITOR_HTML[end:]).encode("utf-8"), "监控表.html")
    (record,) = doc.projects[0].monitoring
    assert doc.projects[0].budget.total == D(300)
    assert (record.adjusted_budget, record.executed, record.projected_executed) == (
        D(280), D(126), D(280),
    )  # fmt: skip
    assert not [w for w in doc.warnings if w.code == "lifecycle_cell_unreadable"]


@pytest.mark.slow
def test_rendered_selfeval_pdf_reads_back_to_the_same_records() -> None:
    original = evaluated_document()
    back = _read(render_table(original, "selfeval", "pdf"), "自评表.pdf")
    scored = score_document(original)[0]
    evaluation = back.projects[0].self_evaluation
    assert evaluation is not None
    assert [(r.actual_text, r.declared_score, r.analysis) for r in evaluation.indicators] == [
        ("80人", D("20.00"), "部分学员因疫情未参训"),
        ("96%", D("25.00"), None),
        ("部分达成", D("30.00"), "培训后跟踪不足"),
    ]
    assert (evaluation.declared_total, evaluation.declared_grade) == (scored.total, scored.grade)
    assert evaluation.conclusion == "项目基本完成年度目标。"
    assert not back.warnings


def test_budget_sub_rows_are_kept_and_do_not_disturb_the_totals() -> None:
    rows = [list(r) for r in SELFEVAL_ROWS]
    rows[6:6] = [
        [None, "其中：当年财政拨款", None, 3500, 3500, 3400, "—", "97.14%", "—"],
        [None, "上年结转资金", None, 500, 500, 400, "—", "80%", "—"],
    ]
    doc = _read(_xlsx(rows), "自评表.xlsx")
    project = doc.projects[0]
    evaluation = project.self_evaluation
    assert evaluation is not None
    assert (evaluation.initial_budget, evaluation.annual_budget, evaluation.executed) == (
        D(4000), D(4000), D(3800),
    )  # fmt: skip
    assert project.budget.fiscal == D(3500) and project.purpose is None
    kept = [e.text for e in project.extra]
    assert "3400" in kept and "97.14%" in kept and "80%" in kept
    assert ("上年结转资金", "500") in [(e.label, e.text) for e in project.extra]
    assert len(evaluation.indicators) == 5 and evaluation.declared_total == D("97.63")
