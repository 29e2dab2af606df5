"""VAL-14: a 成本指标 whose value is not an amount of money."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._value_terms import (
    document_with,
    indicator_label,
    is_cost,
    is_grade,
    is_money_unit,
    is_ratio_name,
    show,
    value_finding,
)

_NON_MONEY_COSTS = frozenset({"cost.social", "cost.ecological"})


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    allow_percent: bool = False
    """Accept percentages in 成本指标 (成本节约率 ≥5%), as some provinces do."""


class CostNotMoney(IndicatorRule):
    """成本指标的指标值应为金额。

    ## 检查内容
    成本指标（产出下的成本指标或一级成本指标）的指标值不是金额：百分比（“≥95%”）、没有单位的数字（“11”）、
    其他单位、日期或定性等级。金额单位为元、千元、万元、百万元、亿元，也可以是单位成本（“≤500元/件”）。
    描述性文字由 VAL-01 报告。社会成本、生态环境成本指标（2021年模板的一级成本指标下）按其本身的
    量度填写（“占道时间≤3天”“碳排放量”），不检查。

    ## 为什么
    成本指标是对实施成本的控制要求，只能用金额衡量。写成完成率、保障率的“成本指标”其实是放错位置的
    产出指标，项目的成本控制要求就缺失了。

    ## 示例
    反例：成本指标“大厅运行维护成本”，指标值“≥95%”。
    正例：成本指标“大厅运行维护成本”，指标值“≤30万元”。

    ## 修正
    不自动修正：需要单位给出成本控制金额，或把该指标移到相应的产出指标。

    ## 依据
    财预〔2021〕101号 成本指标；成本指标的含义（实践）。

    ## 配置
    `allow_percent`：是否允许成本指标使用百分比（默认 false）。
    """

    code = "VAL-14"
    name = "成本指标值不是金额"
    dimension = "规范性"
    severity = "error"
    source = "财预〔2021〕101号；实践"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        if not is_cost(indicator.category) or indicator.category in _NON_MONEY_COSTS:
            return  # 社会成本 and 生态环境成本 are measured in their own terms (占道3天, 排放量)
        value = indicator.value
        if value.kind == "qualitative":
            if not is_grade(value.text):
                return  # prose: VAL-01
            what = "是定性表述"
        elif value.kind != "quantitative":
            return
        elif value.date is not None:
            what = "是日期"
        elif is_money_unit(value.unit) or (ctx.params.allow_percent and value.unit == "%"):
            return
        elif value.unit is None:
            what = "没有单位"
        elif value.unit == "%":
            what = "是百分比"
        else:
            what = f"的单位是“{value.unit}”"
        message = (
            f"{indicator_label(indicator)}的指标值“{show(indicator.value_text)}”{what}，不是金额"
        )
        if is_ratio_name(indicator.name):
            suggestion = (
                f"“{show(indicator.name)}”是比率，不是成本：请移到质量或数量指标，"
                f"并另设成本指标填写成本控制金额（{project.money_unit}）或单位成本。"
            )
        else:
            suggestion = (
                f"成本指标请填写成本控制金额（如“≤X{project.money_unit}”）或单位成本"
                "（如“≤500元/件”）；完成率、保障率等请移到质量或数量指标。"
            )
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(3, "≥95%")

    @classmethod
    def good(cls) -> Document:
        return example_document()
