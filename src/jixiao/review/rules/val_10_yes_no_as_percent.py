"""VAL-10: a yes/no question (是否…) answered with a percentage."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Indicator, Project
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, NoParams, ReviewContext
from jixiao.review.rules._value_terms import (
    document_with,
    indicator_label,
    name_core,
    show,
    value_finding,
)


class YesNoAsPercent(IndicatorRule):
    """“是否”类指标用百分比表示。

    ## 检查内容
    名称以“是否”开头的指标（“是否保证本级单位正常运行”），指标值却是百分比（“≥95%”）。

    ## 为什么
    “是否”提出的是一个是非问题，答案只能是“是”或“否”；“≥95%”无法回答，年底也无法判断是否达成。
    如确需量化，应把指标改写为比率（“……正常运行率 ≥95%”）。

    ## 示例
    反例：社会效益指标“是否保证大厅正常运行”，指标值“≥95%”。
    正例：社会效益指标“是否保证大厅正常运行”，指标值“是”。

    ## 修正
    不自动修正：改为“是”，或把名称改写为比率，需要单位判断。

    ## 依据
    指标值的定量、定性两种形式（实践）。

    ## 配置
    无。
    """

    code = "VAL-10"
    name = "是非类指标用百分比表示"
    dimension = "可衡量性"
    severity = "warning"
    source = "实践"
    Params = NoParams

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        value = indicator.value
        if value.kind != "quantitative" or value.unit != "%":
            return
        if not name_core(indicator.name).startswith("是否"):
            return
        message = (
            f"{indicator_label(indicator)}是“是否”类问题，"
            f"指标值却是百分比“{show(indicator.value_text)}”"
        )
        suggestion = "指标值请填写“是”或“否”；如需量化，请把指标改写为比率（如“……正常运行率”）。"
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(4, "≥95%", name="是否保证大厅正常运行")

    @classmethod
    def good(cls) -> Document:
        return document_with(4, "是", name="是否保证大厅正常运行")
