"""Small, well-formed documents for rule examples: each rule's ``good()`` starts from these and
its ``bad()`` changes one thing. The baseline itself must pass every rule (a test checks)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.model import (
    Budget,
    Department,
    Document,
    Indicator,
    Project,
    SourceInfo,
    SourceLocation,
    SpendingPoint,
    Unit,
    categorize,
)
from jixiao.values import parse_value

__all__ = ["example_document", "example_indicator", "example_indicators", "example_project"]


def example_indicator(
    level1: str = "产出指标",
    level2: str = "数量指标",
    name: str = "年度办理审批业务量",
    description: str | None = "全年办结的审批业务件数",
    value: str = "≥7000件",
    basis: str | None = "计划标准：上年办理6800件",
    line: int = 20,
) -> Indicator:
    return Indicator(
        level1=level1,
        level2=level2,
        category=categorize(level1, level2),
        name=name,
        description=description,
        value_text=value,
        value=parse_value(value),
        basis=basis,
        source=SourceLocation(line=line, end_line=line),
    )


def example_indicators() -> list[Indicator]:
    """One row per common 二级: a complete, measurable set for a 30万元 审批大厅 project."""
    rows = [
        (
            "产出指标",
            "数量指标",
            "年度办理审批业务量",
            "全年办结的审批业务件数",
            "≥7000件",
            "计划标准：上年办理6800件",
        ),
        (
            "产出指标",
            "质量指标",
            "审批业务办结率",
            "按规定办结的审批件数占受理件数的比例",
            "≥98%",
            "行业标准",
        ),
        (
            "产出指标",
            "时效指标",
            "审批业务按时办结率",
            "在承诺时限内办结的件数占办结件数的比例",
            "≥98%",
            "历史标准",
        ),
        (
            "产出指标",
            "成本指标",
            "大厅运行维护成本",
            "大厅全年运行维护支出",
            "≤30万元",
            "预算批复数",
        ),
        (
            "效益指标",
            "社会效益指标",
            "企业群众办事平均跑动次数",
            "办理一项审批平均到大厅的次数",
            "≤1次",
            "历史标准",
        ),
        (
            "满意度指标",
            "服务对象满意度指标",
            "办事群众满意度",
            "抽样调查办事群众的满意比例",
            "≥95%",
            "行业标准",
        ),
    ]
    return [
        example_indicator(l1, l2, name, desc, value, basis, line=20 + 2 * i)
        for i, (l1, l2, name, desc, value, basis) in enumerate(rows)
    ]


def example_project(seq: int = 1, **changes: Any) -> Project:
    project = Project(
        seq=seq,
        title=f"{seq}.审批大厅运行维护经费绩效目标表",
        unit=Unit(code="483001", name="示例县行政审批局"),
        code=f"13022525P00NB79100{seq:02d}",
        name="审批大厅运行维护经费",
        money_unit="万元",
        budget=Budget(total=Decimal("30.00"), fiscal=Decimal("30.00"), other=None),
        purpose="支付审批大厅的水电费、物业管理费和设备维护费，保障大厅正常运转",
        spending_plan=[
            SpendingPoint(month=3, percent=Decimal("25")),
            SpendingPoint(month=6, percent=Decimal("50")),
            SpendingPoint(month=10, percent=Decimal("80")),
            SpendingPoint(month=12, percent=Decimal("100")),
        ],
        goals=["全年办结审批业务不少于7000件，按时办结率不低于98%", "办事群众满意度达到95%以上"],
        indicators=example_indicators(),
        source=SourceLocation(line=10, end_line=40),
    )
    return project.model_copy(update=changes) if changes else project


def example_document(*projects: Project, **changes: Any) -> Document:
    doc = Document(
        source=SourceInfo(name="示例.txt", format="text", sha256="0" * 64),
        title="示例县行政审批局2025年部门预算绩效信息",
        fiscal_year=2025,
        department=Department(
            overall_goals=["持续推进政务服务标准化规范化便利化"],
            sub_goals=["审批大厅运行维护经费：保障大厅正常运转，年度办结审批业务不少于7000件"],
            safeguards=["健全大厅管理制度，落实首问负责和限时办结"],
        ),
        projects=list(projects) or [example_project()],
    )
    return doc.model_copy(update=changes) if changes else doc
