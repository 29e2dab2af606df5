"""The actuals workbook: the template's layout, filling it (with openpyxl) and reading it back."""

from __future__ import annotations

import io
from decimal import Decimal as D
from typing import Any

import pytest
from openpyxl import load_workbook

from jixiao.lifecycle.actuals import ActualsError, apply_actuals
from jixiao.lifecycle.template import template_workbook
from jixiao.model import Document, SourceInfo, indicator_keys
from tests.lifecycle._build import QUANTITY, training_project


def document() -> Document:
    return Document(
        source=SourceInfo(name="培训.json", format="json", sha256="0" * 64),
        projects=[training_project(), training_project(seq=2, code="P-002", name="第二个项目")],
    )


def fill(
    data: bytes,
    budget: dict[int, list[Any]],
    indicators: dict[int, list[Any]],
    info: dict[str, Any] | None = None,
) -> bytes:
    """Write values into the template's open columns: {row: [values from the first open column]}."""
    book = load_workbook(io.BytesIO(data))
    for sheet_name, rows, first in (("预算", budget, 5), ("指标", indicators, 9)):
        sheet = book[sheet_name]
        for row, values in rows.items():
            for offset, value in enumerate(values):
                sheet.cell(row=row, column=first + offset, value=value)
    for label, value in (info or {}).items():
        for row in book["说明"].iter_rows():
            if row[0].value == label:
                row[1].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_monitor_template_layout() -> None:
    doc = document()
    book = load_workbook(io.BytesIO(template_workbook(doc, "monitor", 7)))
    assert book.sheetnames == ["说明", "预算", "指标"]
    assert book["说明"]["B1"].value == "运行监控"
    assert book["说明"]["B2"].value == 7
    indicators = book["指标"]
    header = [c.value for c in indicators[1]]
    assert header[:8] == [
        "项目序号",
        "项目编码",
        "项目名称",
        "指标标识",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
    ]
    assert header[8:] == [
        "1–7月完成值",
        "全年预计完成值",
        "偏差原因",
        "偏差原因说明",
        "完成目标可能性",
        "备注",
    ]
    keys = [indicators.cell(row=r, column=4).value for r in range(2, 5)]
    assert keys == indicator_keys(doc.projects[0].indicators)
    assert indicators.protection.sheet
    assert indicators["D2"].protection.locked and not indicators["I2"].protection.locked
    lists = {dv.formula1 for dv in indicators.data_validations.dataValidation}
    assert '"确定能,有可能,完全不可能"' in lists
    assert '"经费保障,制度保障,人员保障,硬件条件保障,其他"' in lists
    assert [c.value for c in book["预算"][2]][:4] == ["1", "P-001", "干部培训", 100]


def test_monitor_round_trip() -> None:
    doc = document()
    data = fill(
        template_workbook(doc, "monitor", 7),
        budget={2: [None, 35, 95, "按计划推进"]},
        indicators={
            2: ["30人", "90人", "经费保障、其他", "资金晚到", "有可能", "无"],
            3: [96, None, None, None, None, None],
        },
    )
    filled, kind, month = apply_actuals(doc, data, "填报.xlsx")
    assert (kind, month) == ("monitor", 7)
    (record,) = filled.projects[0].monitoring
    assert (record.month, record.executed, record.projected_executed) == (7, D(35), D(95))
    assert record.goal_progress == "按计划推进"
    first, second = record.indicators
    assert first.indicator == QUANTITY
    assert first.achieved is not None and first.achieved.number == D(30)
    assert first.causes == ["经费保障", "其他"]
    assert first.likelihood == "有可能"
    assert second.achieved_text == "96"
    assert filled.projects[1].monitoring == []  # nothing filled for it


def test_selfeval_round_trip() -> None:
    doc = document()
    data = fill(
        template_workbook(doc, "selfeval"),
        budget={3: [100, 120, 108, None, "完成"]},
        indicators={
            5: [None, "100人"],
            7: [None, "部分完成", "部分达成", "是", 30, "跟踪不足"],
            6: [None, "", None, "否"],
        },
    )
    filled, kind, _ = apply_actuals(doc, data, "填报.xlsx")
    assert kind == "selfeval"
    evaluation = filled.projects[1].self_evaluation
    assert evaluation is not None
    assert (evaluation.annual_budget, evaluation.executed) == (D(120), D(108))
    assert [r.applicable for r in evaluation.indicators] == [True, False, True]
    assert evaluation.indicators[2].tier == "部分达成"
    assert evaluation.indicators[2].declared_score == D(30)
    assert filled.projects[0].self_evaluation is None


def test_a_second_period_keeps_the_first() -> None:
    doc = document()
    july, _, _ = apply_actuals(
        doc, fill(template_workbook(doc, "monitor", 7), {2: [None, 35]}, {}), "a.xlsx"
    )
    both, _, _ = apply_actuals(
        july, fill(template_workbook(doc, "monitor", 10), {2: [None, 80]}, {}), "b.xlsx"
    )
    assert [(r.month, r.executed) for r in both.projects[0].monitoring] == [(7, D(35)), (10, D(80))]


def test_mismatches_are_refused_with_the_row_named() -> None:
    doc = document()
    data = template_workbook(doc, "monitor", 7)
    book = load_workbook(io.BytesIO(data))
    sheet = book["指标"]
    sheet["D3"] = "output.quantity:改过的名称"
    sheet["I3"] = "5人"
    sheet.append(["9", "P-009", "多出来的项目", "x", None, None, None, None, "1"])
    sheet["K2"] = "资金不足"
    sheet["M2"] = "也许"
    book["预算"]["F2"] = "三十五"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ActualsError) as caught:
        apply_actuals(doc, out.getvalue(), "填报.xlsx")
    message = str(caught.value)
    assert message.startswith("填报.xlsx：填报表有 5 处问题，未读取：")
    assert "“预算”表第 2 行“1–7月执行数”的“三十五”不是数值" in message
    assert "“指标”表第 2 行“偏差原因”的“资金不足”不是规定的原因" in message
    assert (
        "“指标”表第 2 行“完成目标可能性”的“也许”不是可选值（确定能、有可能、完全不可能）" in message
    )
    assert (
        "“指标”表第 3 行：指标标识“output.quantity:改过的名称”在项目“1、干部培训”中找不到"
        in message
    )
    assert "“指标”表第 8 行：项目序号“9”、项目编码“P-009”在文档中找不到对应的项目" in message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a workbook", "不是有效的填报表 XLSX 文件"),
    ],
)
def test_not_a_workbook(data: bytes, message: str) -> None:
    with pytest.raises(ActualsError, match=message):
        apply_actuals(document(), data, "x.xlsx")


def test_bad_info_sheet() -> None:
    doc = document()
    data = fill(template_workbook(doc, "monitor", 7), {}, {}, info={"截至月份": 13})
    with pytest.raises(ActualsError, match="截至月份应为 1–12"):
        apply_actuals(doc, data, "x.xlsx")
    data = fill(template_workbook(doc, "monitor", 7), {}, {}, info={"填报类型": "年报"})
    with pytest.raises(ActualsError, match="填报类型“年报”无法识别"):
        apply_actuals(doc, data, "x.xlsx")


def test_department_rows_round_trip_and_score() -> None:
    from jixiao.lifecycle.scoring import score_document
    from jixiao.model import Budget, Department, Unit
    from tests.lifecycle._build import indicator

    doc = document().model_copy(
        update={
            "department": Department(
                unit=Unit(code="630", name="某局"),
                budget=Budget(total=D(500)),
                indicators=[
                    indicator("产出指标", "数量指标", "审批事项", "≥1000件", "45"),
                    indicator("效益指标", "社会效益指标", "办事时间缩短率", "≥20%", "45"),
                ],
            )
        }
    )
    book = load_workbook(io.BytesIO(template_workbook(doc, "selfeval")))
    assert [c.value for c in book["预算"][2]][:3] == ["部门整体", "630", "部门整体"]
    assert book["指标"]["I2"].value == 45  # the declared weight is pre-filled
    data = fill(
        template_workbook(doc, "selfeval"),
        budget={2: [500, 500, 450, "年末部分采购未支付"]},
        indicators={2: [45, "900件", None, None, None, "系统升级停办两周"], 3: [45, "25%"]},
    )
    filled, _, _ = apply_actuals(doc, data, "x.xlsx")
    (dept, *_) = score_document(filled)
    # 10 × 450/500 = 9; 45 × 900/1000 = 40.5; 45 (25 % ≥ 20 %, EVA-07: 25 > 24) → 94.5
    assert (dept.seq, dept.name, dept.total, dept.grade) == (None, "部门整体", D("94.50"), "优")
    assert [f.code for f in dept.findings] == ["EVA-07", "EVA-09"]
