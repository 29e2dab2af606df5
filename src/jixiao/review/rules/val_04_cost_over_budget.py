"""VAL-04: a monetary 成本 target does not exceed the project's 预算数."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Indicator, Project
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, NoParams, ReviewContext
from jixiao.review.rules._value_terms import (
    cost_amount,
    document_with,
    indicator_label,
    show,
    value_finding,
)


class CostOverBudget(IndicatorRule):
    """成本指标的金额不应超过项目预算数。

    ## 检查内容
    成本指标（产出下的成本指标或一级成本指标）的指标值是金额（元、千元、万元、亿元），换算成表格的金额单位后
    大于项目的预算数。区间取上限；单位成本（元/人）不比较。金额换算用精确小数，不四舍五入。

    ## 为什么
    成本指标是项目实施的成本控制要求，不能高于安排的预算；超过预算说明目标与资金不匹配，
    或者单位（元/万元）填错。

    ## 示例
    反例：预算数 30.00 万元，成本指标“大厅运行维护成本”，指标值“≤35万元”。
    正例：预算数 30.00 万元，成本指标“大厅运行维护成本”，指标值“≤28万元”。

    ## 修正
    不自动修正：需要单位核实成本目标、金额单位或预算数。

    ## 依据
    财预〔2015〕88号 适当性审核（目标与资金规模匹配）。

    ## 配置
    无。
    """

    code = "VAL-04"
    name = "成本指标超过预算数"
    dimension = "适当性"
    severity = "warning"
    source = "财预〔2015〕88号"
    Params = NoParams

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        total = project.budget.total
        amount = cost_amount(indicator, project.money_unit)
        if total is None or amount is None or amount <= total:
            return
        message = (
            f"{indicator_label(indicator)}的指标值“{show(indicator.value_text)}”"
            f"（合 {amount.normalize():f} {project.money_unit}）"
            f"超过项目预算数 {total} {project.money_unit}"
        )
        suggestion = "请核对成本目标和金额单位：成本控制数不应高于预算数。"
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(3, "≤35万元")

    @classmethod
    def good(cls) -> Document:
        return document_with(3, "≤28万元")
