"""VAL-06: a 时效 target is a date, a period or a percentage."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._suggestions import deadline_example, is_count_name, timeliness_examples
from jixiao.review.rules._value_terms import (
    document_with,
    indicator_label,
    is_ratio_name,
    show,
    value_finding,
)

_TIME_POINT = re.compile(r"(时间|时限|日期|期限|时点|工期)\s*$")
_PERIODS = "天 日 个工作日 工作日 小时 分钟 分 秒 周 个月 月 年 个季度 季度 学期 h min d"


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    period_units: list[str] = Field(default_factory=lambda: _PERIODS.split())
    """Units that make a value a period (≤30个工作日); a per-unit counts by its first part."""


class TimelinessValue(IndicatorRule):
    """时效指标值应为日期、时限或及时率。

    ## 检查内容
    时效指标的量化指标值既不是日期（“2025年12月底前”），也不是时限（“≤30个工作日”“≤2小时”），
    也不是百分比（“按时办结率 ≥98%”）：例如“700本”“11”。名称是完成时间或时限（“项目完工时间”
    “签约服务完成时限”）而指标值是百分比（“95%”）的，也报告，且为警告：时间点不能用比率衡量，
    审核时会要求改写（在配置中设定本规则的级别后，都取该级别）。
    定性等级（“按时完成”）由 VAL-02 提示，描述性文字由 VAL-01 报告。

    ## 为什么
    时效指标反映完成的及时程度，只有日期、时限或及时率能在年底判断是否按时完成；数量写在时效指标中，
    多半是指标放错了类别。

    ## 示例
    反例：时效指标“审批业务按时办结率”，指标值“700本”。
    正例：时效指标“审批业务按时办结率”，指标值“≥98%”。

    ## 修正
    不自动修正：需要单位确定完成时间或时限。

    ## 依据
    时效指标的含义（实践）。

    ## 配置
    `period_units`：视为时限的单位（默认：天、日、个工作日、小时、分钟、周、月、个月、年等）。
    """

    code = "VAL-06"
    name = "时效指标值不是时间"
    dimension = "可衡量性"
    severity = "info"
    source = "实践"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        value = indicator.value
        if indicator.category != "output.timeliness" or value.kind != "quantitative":
            return
        if value.date is not None:
            return
        if value.unit in ("%", "‰"):
            if _TIME_POINT.search(indicator.name) and "率" not in indicator.name:
                yield self._time_as_rate(project, index, indicator, ctx.fiscal_year)
            return
        if value.unit is not None and value.unit.split("/", 1)[0] in ctx.params.period_units:
            return
        message = (
            f"{indicator_label(indicator)}的指标值“{show(indicator.value_text)}”"
            "不是完成日期、时限或及时率"
        )
        if is_count_name(indicator.name):
            suggestion = "这是数量，请移到数量指标，指标值写为“≥（计划数）+计量单位”。"
        elif is_ratio_name(indicator.name):
            suggestion = "及时率请写为百分比，如“≥95%”。"
        else:
            suggestion = (
                f"时效指标可写为{timeliness_examples(ctx.fiscal_year)}；如是数量，请移到数量指标。"
            )
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    def _time_as_rate(
        self, project: Project, index: int, indicator: Indicator, year: int | None
    ) -> Finding:
        message = (
            f"{indicator_label(indicator)}是完成时间或时限，指标值却是百分比"
            f"“{show(indicator.value_text)}”"
        )
        suggestion = (
            f"请写明完成日期（如“{deadline_example(year)}”）或时限（如“≤30个工作日”）；"
            "如要衡量及时程度，请把名称改为“……及时率”。"
        )
        # a deadline given as a percentage measures nothing: sent back (a warning), unless the
        # installation set this rule's level
        level = self.own_level("warning")
        return value_finding(
            self, project, index, indicator, message, suggestion=suggestion, severity=level
        )

    @classmethod
    def bad(cls) -> Document:
        return document_with(2, "700本")

    @classmethod
    def good(cls) -> Document:
        return example_document()
