"""VAL-03: a percentage target lies within 0%–100%."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._value_terms import (
    document_with,
    indicator_label,
    name_core,
    show,
    value_finding,
)

_HUNDRED = Decimal(100)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    exempt_name_words: list[str] = Field(
        default_factory=lambda: ["增长", "增幅", "增速", "同比", "环比", "比上年", "超额", "倍"]
    )
    """Indicators whose name contains one of these words may exceed 100% (增长率 ≥120%)."""


class PercentRange(IndicatorRule):
    """百分比指标值应在 0%～100% 之间。

    ## 检查内容
    单位为“%”的指标值超出 0%～100%：大于 100%（“≥120%”“>100%”）、小于 0%，或区间的一端超出范围。
    “≥100%”“100%”本身不报告。名称含“增长”“增幅”“同比”等的指标可以超过 100%，不检查。

    ## 为什么
    完成率、合格率、满意度等比率最多为 100%，超出说明数值或单位填错
    （多为多打了一位，或把数量写成了百分比），年底无法按指标值评分。

    ## 示例
    反例：质量指标“审批业务办结率”，指标值“≥120%”。
    正例：质量指标“审批业务办结率”，指标值“≥98%”。

    ## 修正
    不自动修正：需要单位核实正确的数值或单位。

    ## 依据
    比率的取值范围（实践）。

    ## 配置
    `exempt_name_words`：名称含这些词的指标不检查（默认：增长、增幅、增速、同比、环比、比上年、超额、倍）。
    """

    code = "VAL-03"
    name = "百分比超出范围"
    dimension = "可衡量性"
    severity = "error"
    source = "实践"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        value = indicator.value
        if value.kind != "quantitative" or value.unit != "%" or value.number is None:
            return
        name = name_core(indicator.name)
        if any(word in name for word in ctx.params.exempt_name_words):
            return
        bounds = [value.number] if value.upper is None else [value.number, value.upper]
        outside = any(b < 0 or b > _HUNDRED for b in bounds)
        impossible = value.upper is None and (
            (value.op == ">" and value.number >= _HUNDRED)
            or (value.op == "<" and value.number <= 0)
        )
        if not (outside or impossible):
            return
        printed = show(indicator.value_text)
        reason = "超出 0%～100% 的范围" if outside else "无法达到（比率不能超过 100% 或低于 0%）"
        message = f"{indicator_label(indicator)}的指标值“{printed}”{reason}"
        suggestion = (
            "请核对数值和单位：比率目标应在 0%～100% 之间（如“≥98%”“100%”）；"
            "如是数量，请改用相应单位。"
        )
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(1, "≥120%")

    @classmethod
    def good(cls) -> Document:
        return example_document()
