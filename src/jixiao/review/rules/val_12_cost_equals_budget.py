"""VAL-12: a 成本 indicator that only restates the budget (its value equals 预算数)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._value_terms import (
    cost_amount,
    document_with,
    indicator_label,
    name_core,
    show,
    value_finding,
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    require_budget_name: bool = True
    """Only report names that are the budget itself (预算控制数…); False: every equal value."""
    budget_name_words: list[str] = Field(default_factory=lambda: ["预算", "经费", "资金"])
    """Words that make a 成本 indicator's name a restatement of the budget."""


class CostEqualsBudget(IndicatorRule):
    """成本指标只是重述预算数。

    ## 检查内容
    成本指标的名称就是预算本身（“预算成本控制数”“预算经费控制数”“经费预算控制数”，即名称含“预算”“经费”“资金”），
    指标值的金额换算成表格的金额单位后恰好等于项目预算数（如预算 29.25 万元，指标值“≤29.25 万元”）。
    名称是具体成本项目（“大厅运行维护成本”）的不报告。

    ## 为什么
    “预算控制数 ≤ 预算数”不提供任何新信息：它只说钱不超支，没有说明产出的单位成本或成本构成。
    成本指标应反映实施成本的控制要求，如单位成本（“≤500元/次”）或主要支出项目的成本。

    ## 示例
    反例：预算数 30.00 万元，成本指标“预算经费控制数”，指标值“≤30万元”。
    正例：预算数 30.00 万元，成本指标“大厅运行维护成本”，指标值“≤30万元”。

    ## 修正
    不自动修正：可改为单位成本或主要成本项目的控制数，需要单位测算。

    ## 依据
    重述型指标（实践）；财预〔2021〕101号 成本指标（经济成本）的设置要求。

    ## 配置
    `require_budget_name`：默认 true，只在名称重述预算时报告；设为 false 则金额等于预算数即报告。
    `budget_name_words`：判断名称重述预算的词（默认：预算、经费、资金）。
    """

    code = "VAL-12"
    name = "成本指标重述预算数"
    dimension = "适当性"
    severity = "info"
    source = "实践；财预〔2021〕101号"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        total = project.budget.total
        amount = cost_amount(indicator, project.money_unit)
        if total is None or amount is None or amount != total:
            return
        name = name_core(indicator.name)
        if ctx.params.require_budget_name and not any(
            w in name for w in ctx.params.budget_name_words
        ):
            return
        message = (
            f"{indicator_label(indicator)}的指标值“{show(indicator.value_text)}”等于项目预算数 "
            f"{total} {project.money_unit}，只是重述预算，未反映成本控制要求"
        )
        suggestion = "可改为单位成本（如“≤500元/件”）或主要成本项目的控制数。"
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(3, name="预算经费控制数")

    @classmethod
    def good(cls) -> Document:
        return example_document()
