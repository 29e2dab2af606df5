"""Reading published 部门整体支出绩效自评表 / 部门整体绩效监控表 into the department's records.

Fixtures are built here with openpyxl, python-docx and HTML strings (never with jixiao's
renderer, except for the round trip at the end); every field is checked on its own.
"""

from __future__ import annotations

import io
from decimal import Decimal as D

import docx
import pytest
from openpyxl import Workbook

from jixiao.lifecycle.monitoring import monitor_document
from jixiao.lifecycle.scoring import score_document
from jixiao.model import Document
from jixiao.reading import read_bytes
from jixiao.render.lifecycle import render_table
from tests.lifecycle._records import evaluated_document

DEPT_SELFEVAL: list[list[object]] = [
    ["部门整体支出绩效自评表"],
    ["（2024年度）"],
    ["部门名称", "某县教育局", None, None, None, None, None, None, None, None],
    ["部门预算（万元）", None, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
     "得分"],
    [None, "年度资金总额", None, 12000, 12500, 11875, 10, "95%", 9.5],
    ["年度总体目标", "预期目标", None, None, None, "实际完成情况"],
    [None, "1.保障全县义务教育学校正常运转；2.落实学生资助政策。", None, None, None,
     "全县学校正常运转，资助学生8600人次。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
     "偏差原因分析及改进措施"],
    [None, "产出指标", "数量指标", "资助学生人次", "≥8000人次", "8600人次", 25, 25, None],
    [None, None, "质量指标", "义务教育巩固率", "≥98%", "97%", 25, 24.74,
     "个别学生外出务工，加强控辍保学"],
    [None, "效益指标", "社会效益指标", "教育公平水平", "稳步提高", "稳步提高", 30, 30, None],
    [None, "满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "92%", 10, 10, None],
    ["总分", None, None, None, None, None, 100, 99.24, "自评等级：优"],
    ["评价结论", "部门整体完成年度目标。"],
]  # fmt: skip


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _docx(title: str, rows: list[list[object]]) -> bytes:
    document = docx.Document()
    document.add_paragraph(title)
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = "" if value is None else str(value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _check_selfeval(doc: Document) -> None:
    assert doc.projects == []
    dept = doc.department
    assert dept.unit is not None and dept.unit.name == "某县教育局"
    assert [i.name for i in dept.indicators] == [
        "资助学生人次", "义务教育巩固率", "教育公平水平", "家长满意度",
    ]  # fmt: skip
    assert [i.level2 for i in dept.indicators][:2] == ["数量指标", "质量指标"]
    assert dept.indicators[1].value_text == "≥98%"
    assert dept.overall_goals == ["保障全县义务教育学校正常运转；", "落实学生资助政策。"]
    # 全年预算数 is the table's 年度资金总额 (as for a project's 自评表)
    assert dept.budget is not None and dept.budget.total == D(12500)
    evaluation = dept.self_evaluation
    assert evaluation is not None
    assert evaluation.initial_budget == D(12000)
    assert evaluation.annual_budget == D(12500)
    assert evaluation.executed == D(11875)
    assert evaluation.budget_weight == D(10)
    assert evaluation.declared_budget_score == D("9.5")
    assert evaluation.goal_outcome == "全县学校正常运转，资助学生8600人次。"
    rows = evaluation.indicators
    assert [r.indicator for r in rows] == [
        "output.quantity:资助学生人次",
        "output.quality:义务教育巩固率",
        "effect.social:教育公平水平",
        "satisfaction.beneficiary:家长满意度",
    ]
    assert [r.actual_text for r in rows] == ["8600人次", "97%", "稳步提高", "92%"]
    assert rows[0].actual is not None and rows[0].actual.number == D(8600)
    assert [r.weight for r in rows] == [D(25), D(25), D(30), D(10)]
    assert [r.declared_score for r in rows] == [D(25), D("24.74"), D(30), D(10)]
    assert [r.analysis for r in rows] == [None, "个别学生外出务工，加强控辍保学", None, None]
    assert (evaluation.declared_total, evaluation.declared_grade) == (D("99.24"), "优")
    assert evaluation.conclusion == "部门整体完成年度目标。"
    # the department is scored first, and the declared figures agree with the formulas
    (score,) = score_document(doc)
    assert score.seq is None and score.name == "部门整体"
    assert score.budget.score == D("9.50")
    assert [r.scored.score for r in score.rows] == [D(25), D("24.74"), D(30), D(10)]
    assert (score.total, score.grade) == (D("99.24"), "优")
    assert not [f for f in score.findings if f.code == "EVA-10"]


def test_department_selfeval_xlsx() -> None:
    _check_selfeval(read_bytes(_xlsx(DEPT_SELFEVAL), name="部门整体自评表.xlsx"))


def test_department_selfeval_docx() -> None:
    data = _docx("部门整体支出绩效自评表", DEPT_SELFEVAL[1:])
    _check_selfeval(read_bytes(data, name="部门整体自评表.docx"))


def test_department_declared_scores_that_differ_are_eva10() -> None:
    rows = [list(r) for r in DEPT_SELFEVAL]
    rows[9][7] = 25  # 97 of 98 is 24.74, not full points
    rows[4][8] = 10  # 执行率 95 % of 10 points is 9.5
    rows[12][7] = 100
    doc = read_bytes(_xlsx(rows), name="部门整体自评表.xlsx")
    assert doc.department.self_evaluation is not None
    (score,) = score_document(doc)
    differences = [f for f in score.findings if f.code == "EVA-10"]
    assert len(differences) == 3
    assert all(f.project_seq is None for f in differences)
    assert any("义务教育巩固率" in f.message for f in differences)


DEPT_MONITOR_HTML = """<html><body><h3>部门整体绩效监控表</h3><p>（2025年1-7月）</p>
<table border="1">
<tr><td>部门名称</td><td colspan="9">某区民政局</td></tr>
<tr><td>部门预算执行情况（万元）</td><td colspan="2">资金来源</td><td>年初预算数</td>
<td>调整后预算数</td><td>1-7月执行数</td><td>1-7月执行率</td>
<td colspan="3">全年预计执行数</td></tr>
<tr><td></td><td colspan="2">年度资金总额</td><td>5000</td><td>5200</td><td>2860</td><td>55%</td>
<td colspan="3">5100</td></tr>
<tr><td>年度总体目标</td><td colspan="4">年度绩效目标</td><td colspan="5">目标执行总体情况</td></tr>
<tr><td></td><td colspan="4">保障困难群众基本生活，发展养老服务。</td>
<td colspan="5">低保金按月发放，新建养老服务站3个。</td></tr>
<tr><td>绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td>
<td>1-7月实际完成值</td><td>全年预计完成值</td><td>偏差原因分析</td><td>完成目标可能性</td><td>备注</td></tr>
<tr><td></td><td>产出指标</td><td>数量指标</td><td>新建养老服务站</td><td>≥6个</td><td>3个</td>
<td>6个</td><td>制度保障：选址审批周期长</td><td>有可能</td><td>三季度集中开工</td></tr>
<tr><td></td><td>产出指标</td><td>时效指标</td><td>低保金发放及时率</td><td>100%</td><td>100%</td>
<td>100%</td><td></td><td>确定能</td><td></td></tr>
<tr><td></td><td>满意度指标</td><td>服务对象满意度指标</td><td>困难群众满意度</td><td>≥90%</td>
<td>93%</td><td>93%</td><td></td><td>1</td><td></td></tr>
</table></body></html>"""


def _check_monitor(doc: Document) -> None:
    assert doc.projects == []
    dept = doc.department
    assert dept.unit is not None and dept.unit.name == "某区民政局"
    assert dept.budget is not None and dept.budget.total == D(5000)
    assert dept.overall_goals == ["保障困难群众基本生活，发展养老服务。"]
    assert [i.name for i in dept.indicators] == [
        "新建养老服务站", "低保金发放及时率", "困难群众满意度",
    ]  # fmt: skip
    assert all(i.basis is None and not i.extra for i in dept.indicators)
    (record,) = dept.monitoring
    assert record.month == 7
    assert record.adjusted_budget == D(5200)
    assert record.executed == D(2860)
    assert record.projected_executed == D(5100)
    assert record.goal_progress == "低保金按月发放，新建养老服务站3个。"
    first, second, third = record.indicators
    assert first.indicator == "output.quantity:新建养老服务站"
    assert (first.achieved_text, first.projected_text) == ("3个", "6个")
    assert first.achieved is not None and first.achieved.number == D(3)
    assert (first.causes, first.cause_text) == (["制度保障"], "选址审批周期长")
    assert (first.likelihood, first.remark) == ("有可能", "三季度集中开工")
    assert (second.achieved_text, second.likelihood, second.causes) == ("100%", "确定能", [])
    assert (third.achieved_text, third.likelihood) == ("93%", "确定能")  # printed as code 1
    (result,) = monitor_document(doc)
    assert result.seq is None and result.month == 7


def test_department_monitor_html() -> None:
    _check_monitor(read_bytes(DEPT_MONITOR_HTML.encode("utf-8"), name="部门监控表.html"))


DEPT_MONITOR_ROWS: list[list[object]] = [
    ["（2025年1-7月）"],
    ["部门名称", "某区民政局", "", "", "", "", "", "", "", ""],
    ["部门预算执行情况（万元）", "资金来源", "", "年初预算数", "调整后预算数", "1-7月执行数",
     "1-7月执行率", "全年预计执行数", "", ""],
    ["", "年度资金总额", "", "5000", "5200", "2860", "55%", "5100", "", ""],
    ["年度总体目标", "年度绩效目标", "", "", "", "目标执行总体情况", "", "", "", ""],
    ["", "保障困难群众基本生活，发展养老服务。", "", "", "", "低保金按月发放，新建养老服务站3个。",
     "", "", "", ""],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月实际完成值",
     "全年预计完成值", "偏差原因分析", "完成目标可能性", "备注"],
    ["", "产出指标", "数量指标", "新建养老服务站", "≥6个", "3个", "6个",
     "制度保障：选址审批周期长", "有可能", "三季度集中开工"],
    ["", "产出指标", "时效指标", "低保金发放及时率", "100%", "100%", "100%", "", "确定能", ""],
    ["", "满意度指标", "服务对象满意度指标", "困难群众满意度", "≥90%", "93%", "93%", "", "1", ""],
]  # fmt: skip


def test_department_monitor_docx() -> None:
    data = _docx("部门整体绩效监控表", DEPT_MONITOR_ROWS)
    _check_monitor(read_bytes(data, name="部门监控表.docx"))


def test_department_and_project_tables_in_one_file() -> None:
    """A department table first, then a project's: each record goes to its own subject."""
    page = DEPT_MONITOR_HTML.replace("</body></html>", "")
    project = evaluated_document()
    project_page = render_table(project, "monitor", "html").decode("utf-8")
    body = project_page[
        project_page.index("<body>") + len("<body>") : project_page.index("</body>")
    ]
    doc = read_bytes((page + body + "</body></html>").encode("utf-8"), name="监控表.html")
    assert doc.department.monitoring and doc.department.monitoring[0].executed == D(2860)
    assert [p.name for p in doc.projects] == ["干部培训"]
    assert doc.projects[0].monitoring[0].executed == D("40.5")


def test_project_table_then_department_table() -> None:
    """The department's table after a project's: its title starts the department's."""
    project = evaluated_document()
    project_page = render_table(project, "monitor", "html").decode("utf-8")
    head = project_page[: project_page.index("</body>")]
    body = DEPT_MONITOR_HTML[DEPT_MONITOR_HTML.index("<body>") + len("<body>") :]
    doc = read_bytes((head + body).encode("utf-8"), name="监控表.html")
    assert [p.name for p in doc.projects] == ["干部培训"]
    assert doc.projects[0].monitoring[0].executed == D("40.5")
    assert [i.name for i in doc.projects[0].indicators] == ["培训人数", "培训合格率", "干部能力"]
    _check_monitor(doc.model_copy(update={"projects": []}))


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html"])
def test_rendered_department_selfeval_reads_back(fmt: str) -> None:
    original = evaluated_document()
    project = original.projects[0]
    original.department = original.department.model_copy(
        update={
            "indicators": project.indicators,
            "overall_goals": ["提升全市干部队伍能力"],
            "self_evaluation": project.self_evaluation,
        }
    )
    original.projects = []
    back = read_bytes(render_table(original, "selfeval", fmt), name=f"自评表.{fmt}")  # type: ignore[arg-type]
    assert back.projects == []
    before, after = original.department.self_evaluation, back.department.self_evaluation
    assert before is not None and after is not None
    (scored,) = score_document(original)
    for name in ("initial_budget", "annual_budget", "executed", "goal_outcome", "conclusion"):
        assert getattr(after, name) == getattr(before, name)
    assert [(r.indicator, r.actual_text, r.analysis) for r in after.indicators] == [
        (r.indicator, r.actual_text, r.analysis) for r in before.indicators
    ]
    assert [r.declared_score for r in after.indicators] == [r.scored.score for r in scored.rows]
    assert (after.declared_total, after.declared_grade) == (scored.total, scored.grade)
    assert back.department.overall_goals == ["提升全市干部队伍能力"]
    (rescored,) = score_document(back)
    assert rescored.total == scored.total
    assert not [f for f in rescored.findings if f.code == "EVA-10"]


def test_department_named_table_without_title_is_the_departments() -> None:
    """Neither a title nor a 部门预算 label: 部门名称 in place of 项目名称 says it."""
    rows = [list(r) for r in DEPT_SELFEVAL[1:]]
    rows[2][0] = "预算资金（万元）"
    _check_selfeval(read_bytes(_xlsx(rows), name="自评表.xlsx"))


def test_a_project_selfeval_naming_its_department_stays_a_project() -> None:
    rows = [list(r) for r in DEPT_SELFEVAL[1:]]
    rows[2][0] = "项目资金（万元）"
    rows[1:1] = [["项目名称", "学生资助"]]
    doc = read_bytes(_xlsx(rows), name="自评表.xlsx")
    assert [p.name for p in doc.projects] == ["学生资助"]
    assert doc.projects[0].unit.name == "某县教育局"
    assert doc.projects[0].self_evaluation is not None
    assert doc.department.self_evaluation is None and doc.department.indicators == []
