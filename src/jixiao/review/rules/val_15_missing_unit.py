"""VAL-15: a quantitative 指标值 without a unit (``11``, ``≥95``)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, NoParams, ReviewContext
from jixiao.review.rules._suggestions import with_unit_example
from jixiao.review.rules._value_terms import (
    document_with,
    indicator_label,
    is_cost,
    is_ratio_name,
    is_satisfaction,
    show,
    value_finding,
)


class MissingUnit(IndicatorRule):
    """量化指标值缺少计量单位。

    ## 检查内容
    指标值只有数字、没有计量单位（“11”“≥3000”）。名称以“率”“度”结尾的比率由 VAL-11 报告，
    满意度由 VAL-05、时效指标由 VAL-06、成本指标由 VAL-14 报告，这里不重复。

    ## 为什么
    没有单位的数字含义不明：“≥3000”是件、人次还是元？年底无法与实际完成值比较，也无法核对规模与资金是否匹配。

    ## 示例
    反例：数量指标“年度办理审批业务量”，指标值“≥7000”。
    正例：数量指标“年度办理审批业务量”，指标值“≥7000件”。

    ## 修正
    不自动修正：单位需要单位（填报单位）确认。

    ## 依据
    指标值“符号+数值+单位”的写法（财预〔2015〕88号 细化量化；实践）。

    ## 配置
    无。
    """

    code = "VAL-15"
    name = "指标值缺少计量单位"
    dimension = "可衡量性"
    severity = "warning"
    source = "财预〔2015〕88号；实践"
    merge_rows = True
    Params = NoParams

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        value = indicator.value
        if value.kind != "quantitative" or value.number is None or value.unit is not None:
            return
        category = indicator.category
        if (
            is_satisfaction(category)
            or is_cost(category)
            or category == "output.timeliness"
            or is_ratio_name(indicator.name)
        ):
            return  # VAL-05, VAL-14, VAL-06 and VAL-11 report these
        message = (
            f"{indicator_label(indicator)}的指标值“{show(indicator.value_text)}”"
            "只有数字，缺少计量单位，含义不明"
        )
        suggestion = f"请写明计量单位，{with_unit_example(indicator)}；如是比率，请写“%”。"
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(0, "≥7000")

    @classmethod
    def good(cls) -> Document:
        return example_document()
