"""A 资金支出计划 written inside the cell beside its label (a table nested in the cell, as web
pages and Word documents have it, flattened to lines by the reader)."""

from __future__ import annotations

from decimal import Decimal

from tests.assemble._layouts import read, table

INDICATORS = [
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "养护里程", "≥20公里"],
]


def rows(plan: str) -> list[list[str | None]]:
    return [
        ["项目名称", "乡村道路养护", None, None],
        ["资金支出计划", plan, None, None],
        ["绩效目标", "1、完成养护20公里\n2、群众满意", None, None],
        *INDICATORS,
    ]


def test_months_and_figures_in_one_cell() -> None:
    for plan in (
        "3月底 6月底 10月底 12月底\n25.00% 50.00% 75.00% 100.00%",
        "3月底\n6月底\n10月底\n12月底\n25\n50\n75\n100",
        "3月底 25%\n6月底 50%\n10月底 75%\n12月底 100%",
    ):
        doc = read(table(rows(plan)))
        (project,) = doc.projects
        assert [(p.month, p.percent) for p in project.spending_plan] == [
            (3, Decimal(25)),
            (6, Decimal(50)),
            (10, Decimal(75)),
            (12, Decimal(100)),
        ], plan
        assert project.goals == ["完成养护20公里", "群众满意"]  # the next row is not eaten
        assert doc.warnings == []


def test_unreadable_plan_text_is_kept_with_a_warning() -> None:
    doc = read(table(rows("一季度 二季度\n40% 80%")))
    (project,) = doc.projects
    assert project.spending_plan == []
    assert [(e.label, e.text) for e in project.extra] == [
        ("资金支出计划", "一季度 二季度\n40% 80%")
    ]
    assert project.goals == ["完成养护20公里", "群众满意"]
    assert [w.code for w in doc.warnings] == ["spending_plan_unreadable"]
