"""VAL-11: an indicator named …率/…度 has a value in %."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._value_terms import (
    RATIO_EXEMPT_SUFFIXES,
    document_with,
    indicator_label,
    is_ratio_name,
    show,
    value_finding,
)
from jixiao.values import render_value


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    exempt_suffixes: list[str] = Field(default_factory=lambda: list(RATIO_EXEMPT_SUFFIXES))
    """Name endings in 率/度 that are not percentages (进度, 年度, 频率, 效率, 温度…)."""
    accepted_units: list[str] = Field(default_factory=lambda: ["%", "‰", "‱", "个百分点", "百分点"])
    """Units a ratio may carry."""


class RatioUnit(IndicatorRule):
    """比率类指标的指标值应以“%”为单位。

    ## 检查内容
    名称以“率”或“度”结尾的指标（完成率、合格率、满意度、知晓度……），量化指标值的单位不是“%”：
    缺少单位（“≥95”“11”）或用了其他单位（“50本”）。“进度”“年度”“频率”“效率”“温度”等不是比率，不检查；
    日期不检查。

    ## 为什么
    比率只有带“%”才有确定的含义：“≥95”是 95%、95 分还是 95 件？
    缺少单位的指标值年底无法与实际值比较。

    ## 示例
    反例：满意度指标“办事群众满意度”，指标值“≥95”。
    正例：满意度指标“办事群众满意度”，指标值“≥95%”。

    ## 修正
    不自动修正：补“%”看似简单，但数值可能另有含义（分值、件数），需要单位确认。

    ## 依据
    指标值“符号+数值+单位”的写法（实践）。

    ## 配置
    `exempt_suffixes`：不视为比率的名称结尾；`accepted_units`：比率可用的单位（默认：%、‰、‱、百分点）。
    """

    code = "VAL-11"
    name = "比率指标缺少百分号"
    dimension = "规范性"
    severity = "warning"
    source = "实践"
    merge_rows = True
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        value = indicator.value
        if value.kind != "quantitative" or value.number is None or value.date is not None:
            return
        if value.unit in ctx.params.accepted_units:
            return
        if not is_ratio_name(indicator.name, ctx.params.exempt_suffixes):
            return
        label = indicator_label(indicator)
        printed = show(indicator.value_text)
        if value.unit is None:
            message = f"{label}是比率，指标值“{printed}”缺少单位“%”"
        else:
            message = f"{label}是比率，指标值“{printed}”的单位“{value.unit}”不是“%”"
        suggestion = "比率请以“%”为单位，如“≥95%”。"
        if value.unit is None and "implicit_operator" not in value.anomalies:
            candidate = render_value(value.model_copy(update={"unit": "%", "anomalies": []}))
            suggestion = f"如指的是百分比，应写为“{candidate}”。"
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(5, "≥95")

    @classmethod
    def good(cls) -> Document:
        return example_document()
