"""Provincial variants of published 自评表 / 监控表: budget split by source (Sichuan columns,
central sub-rows), Jilin-style problem columns, glued web-export cells in department tables.

Fixtures are written here with openpyxl and HTML strings; every field is checked on its own.
"""

from __future__ import annotations

import io
from decimal import Decimal as D

from openpyxl import Workbook

from jixiao.lifecycle.scoring import score_document
from jixiao.model import Document
from jixiao.reading import read_bytes

INDICATORS: list[list[object]] = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
     "偏差原因分析及改进措施"],
    [None, "产出指标(50分)", "数量指标", "受益学生人数", "≥2000人", "1900人", 25, 23.75,
     "部分学校合并，受益人数减少"],
    [None, "产出指标(50分)", "质量指标", "餐食抽检合格率", "100%", "100%", 25, 25, None],
    [None, "效益指标(30分)", "社会效益指标", "学生营养状况", "明显改善", "明显改善", 30, 30,
     None],
    [None, "满意度指标(10分)", "服务对象满意度指标", "家长满意度", "≥90%", "95%", 10, 10, None],
    ["总分", None, None, None, None, None, 100, 98.25, "自评等级：优"],
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


def _sichuan(figures: list[object], sources: list[object]) -> list[list[object]]:
    return [
        ["项目支出绩效自评表"],
        ["项目名称", "乡村学校营养餐补助"],
        ["主管部门", "某县教育局", None, None, None, "实施单位", "某县学生资助中心"],
        ["项目资金（万元）", None, "年初预算数", None, "全年预算数", None, "全年执行数", None,
         "分值", "执行率", "得分"],
        [None, None, *sources],
        [None, "年度资金总额", *figures],
        *INDICATORS,
    ]  # fmt: skip


SOURCES = ["财政拨款", "其他资金"] * 3
FIGURES = [400, 100, 420, 100, 410, 84, 10, "95%", 9.5]
MERGES = ("C4:D4", "E4:F4", "G4:H4")


def _evaluation(doc: Document) -> tuple[D | None, D | None, D | None]:
    evaluation = doc.projects[0].self_evaluation
    assert evaluation is not None
    return evaluation.initial_budget, evaluation.annual_budget, evaluation.executed


def test_sichuan_budget_split_by_source_columns() -> None:
    doc = read_bytes(_xlsx(_sichuan(FIGURES, SOURCES), MERGES), name="四川自评表.xlsx")
    project = doc.projects[0]
    assert project.name == "乡村学校营养餐补助"
    assert _evaluation(doc) == (D(500), D(520), D(494))
    assert project.budget.total == D(520)  # 全年预算数, as where it is printed whole
    evaluation = project.self_evaluation
    assert evaluation is not None
    assert (evaluation.budget_weight, evaluation.declared_budget_score) == (D(10), D("9.5"))
    assert [r.declared_score for r in evaluation.indicators] == [
        D("23.75"), D(25), D(30), D(10),
    ]  # fmt: skip
    assert [i.category for i in project.indicators] == [
        "output.quantity", "output.quality", "effect.social", "satisfaction.beneficiary",
    ]  # fmt: skip
    assert (evaluation.declared_total, evaluation.declared_grade) == (D("98.25"), "优")
    assert not project.extra or all("预算" not in e.label for e in project.extra)
    assert not doc.warnings
    (score,) = score_document(doc)
    assert score.budget.score == D("9.50")  # 494 ÷ 520 = 95 %
    assert score.total == D("98.25")
    assert not [f for f in score.findings if f.code == "EVA-10"]


def test_sichuan_split_with_a_total_column_that_does_not_add_up() -> None:
    rows = _sichuan(
        [500, 400, 100, 520, 420, 100, 490, 410, 84, 10, "95%", 9.5],
        ["合计", "财政拨款", "其他资金"] * 3,
    )
    rows[3] = ["项目资金（万元）", None, "年初预算数", None, None, "全年预算数", None, None,
               "全年执行数", None, None, "分值", "执行率", "得分"]  # fmt: skip
    doc = read_bytes(_xlsx(rows, ("C4:E4", "F4:H4", "I4:K4")), name="四川自评表.xlsx")
    # the 合计 columns are the record; 410 + 84 = 494 is not the printed 490
    assert _evaluation(doc) == (D(500), D(520), D(490))
    (warning,) = [w for w in doc.warnings if w.code == "lifecycle_budget_mismatch"]
    assert "全年执行数" in warning.message and "490" in warning.message
    assert "494" in warning.message
    assert warning.source is not None and (warning.source.row, warning.source.col) == (6, 9)


def test_sub_rows_that_do_not_add_up_are_a_located_warning() -> None:
    rows: list[list[object]] = [
        ["项目支出绩效自评表"],
        ["项目名称", "城乡居民医疗救助"],
        ["项目资金（万元）", None, None, "年初预算数", "全年预算数", "全年执行数", "分值",
         "执行率", "得分"],
        [None, "年度资金总额", None, 4000, 4000, 3800, 10, "95%", 9.5],
        [None, "其中：当年财政拨款", None, 3500, 3500, 3400, "—", "97.14%", "—"],
        [None, "上年结转资金", None, 500, 400, 400, "—", "100%", "—"],
        *INDICATORS,
    ]  # fmt: skip
    doc = read_bytes(_xlsx(rows), name="自评表.xlsx")
    assert _evaluation(doc) == (D(4000), D(4000), D(3800))
    (warning,) = [w for w in doc.warnings if w.code == "lifecycle_budget_mismatch"]
    assert "全年预算数" in warning.message  # 3500 + 400 = 3900, not 4000
    assert "4000" in warning.message and "3900" in warning.message
    assert warning.source is not None and (warning.source.row, warning.source.col) == (4, 5)
    assert warning.project_seq == 1


def test_sub_rows_that_add_up_give_no_warning() -> None:
    rows: list[list[object]] = [
        ["项目支出绩效自评表"],
        ["项目名称", "城乡居民医疗救助"],
        ["项目资金（万元）", None, None, "年初预算数", "全年预算数", "全年执行数", "分值",
         "执行率", "得分"],
        [None, "年度资金总额", None, 4000, 4000, 3800, 10, "95%", 9.5],
        [None, "其中：当年财政拨款", None, 3500, 3500, 3400, "—", "97.14%", "—"],
        [None, "上年结转资金", None, 500, 500, 400, "—", "80%", "—"],
        *INDICATORS,
    ]  # fmt: skip
    doc = read_bytes(_xlsx(rows), name="自评表.xlsx")
    assert _evaluation(doc) == (D(4000), D(4000), D(3800))
    assert not [w for w in doc.warnings if w.code == "lifecycle_budget_mismatch"]


def test_a_target_table_with_a_two_row_money_header_is_not_split() -> None:
    """年度资金总额 over 合计 | 财政拨款 | 其他资金 in an ordinary target table stays a budget."""
    rows: list[list[object]] = [
        ["项目支出绩效目标表"],
        ["项目名称", "乡村道路养护"],
        ["年度资金总额", None, None],
        ["合计", "财政拨款", "其他资金"],
        [100, 80, 20],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥20公里"],
    ]
    doc = read_bytes(_xlsx(rows, ("A3:C3",)), name="目标表.xlsx")
    project = doc.projects[0]
    assert (project.budget.total, project.budget.fiscal, project.budget.other) == (
        D(100), D(80), D(20),
    )  # fmt: skip
    assert project.self_evaluation is None and project.monitoring == []
    assert not [w for w in doc.warnings if w.code.startswith("lifecycle")]


JILIN_HTML = """<html><body><h3>项目支出绩效目标执行监控表</h3>
<table border="1">
<tr><td>项目名称</td><td colspan="7">高校学生资助</td></tr>
<tr><td>预算执行情况（万元）</td><td>资金来源</td><td>年初预算数</td><td>1—7月执行数</td>
<td>1—7月执行率</td><td colspan="3">全年预计执行数</td></tr>
<tr><td></td><td>年度资金总额</td><td>800</td><td>0</td><td>0%</td><td colspan="3">800</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>1—7月阶段性完成值</td>
<td>存在问题及原因</td><td>原因分类</td><td>拟采取的措施</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>资助学生人数</td><td>≥3000人</td><td>1200人</td>
<td>秋季学期资助尚未发放</td><td>制度保障、其他</td><td>9月集中发放</td></tr>
<tr><td>产出指标</td><td>时效指标</td><td>资金发放及时率</td><td>100%</td><td>100%</td>
<td></td><td></td><td></td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>学生满意度</td><td>≥90%</td><td>91%</td>
<td></td><td>资金不足</td><td></td></tr>
</table></body></html>"""


def test_jilin_problem_columns_become_causes_and_measures() -> None:
    doc = read_bytes(JILIN_HTML.encode("utf-8"), name="吉林监控表.html")
    project = doc.projects[0]
    assert project.name == "高校学生资助"
    assert all(not i.extra for i in project.indicators)
    (record,) = project.monitoring
    assert (record.month, record.executed, record.projected_executed) == (7, D(0), D(800))
    assert project.budget.total == D(800)
    first, second, third = record.indicators
    assert (first.achieved_text, first.achieved and first.achieved.number) == ("1200人", D(1200))
    assert first.causes == ["制度保障", "其他"]
    assert first.cause_text == "秋季学期资助尚未发放"
    assert first.remark == "9月集中发放"
    assert (second.achieved_text, second.causes, second.remark) == ("100%", [], None)
    assert third.achieved_text == "91%" and third.causes == []
    # 资金不足 is not one of the official causes: kept out, and said where
    (warning,) = [w for w in doc.warnings if w.code == "lifecycle_cell_unreadable"]
    assert "原因分类" in warning.message and "资金不足" in warning.message


def test_department_web_export_with_glued_budget_figures() -> None:
    from tests.lifecycle.test_read_department import DEPT_MONITOR_HTML

    start = DEPT_MONITOR_HTML.index('<tr><td></td><td colspan="2">年度资金总额')
    end = DEPT_MONITOR_HTML.index("</tr>", start) + len("</tr>")
    glued = (
        '<tr><td></td><td colspan="2">年度资金总额</td><td colspan="4">5000 5200 2860 55%</td>'
        '<td colspan="3">5100</td></tr>'
    )
    page = DEPT_MONITOR_HTML[:start] + glued + DEPT_MONITOR_HTML[end:]
    doc = read_bytes(page.encode("utf-8"), name="部门监控表.html")
    (record,) = doc.department.monitoring
    assert (record.adjusted_budget, record.executed, record.projected_executed) == (
        D(5200), D(2860), D(5100),
    )  # fmt: skip
    assert doc.department.budget is not None and doc.department.budget.total == D(5000)
    assert not [w for w in doc.warnings if w.code == "lifecycle_cell_unreadable"]
    # glued over columns that are not empty: never guessed, a located warning
    bad = page.replace(
        '<td colspan="4">5000 5200 2860 55%</td>',
        "<td>5000 5200</td><td>5200</td><td>2860</td><td>55%</td>",
    )
    doc = read_bytes(bad.encode("utf-8"), name="部门监控表.html")
    (warning,) = [w for w in doc.warnings if w.code == "lifecycle_cell_unreadable"]
    assert "5000 5200" in warning.message and warning.source is not None
    assert warning.project_seq is None
