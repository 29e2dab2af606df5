"""VAL-17: a rate written ``≥100%`` can only mean ``=100%``."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._value_terms import (
    document_with,
    indicator_label,
    is_cost,
    show,
    value_finding,
)

_GROWTH = "增长 增幅 增速 同比 环比 比上年 超额 倍 提高 提升 增加"


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    exempt_name_words: list[str] = Field(default_factory=lambda: _GROWTH.split())
    """Names with these words measure a change, which may exceed 100%: not checked."""


class RateAtLeast100(IndicatorRule):
    """比率指标值写成“≥100%”，实际只能是“=100%”。

    ## 检查内容
    单位为“%”的指标值写成“≥100%”或“不低于100%”。
    合格率、完成率、发放率等比率最高就是 100%，“≥100%”实际的意思是“=100%”。
    名称含“增长”“同比”“提高”等表示变化幅度的指标可以超过 100%，不检查；大于 100% 的
    取值由 VAL-03 报告；名称是完成时间或时限的时效指标写成百分比，由 VAL-06 报告。

    ## 为什么
    “≥100%”让人以为还可以超额完成，年底自评按“≥”判断时口径不清；写成“=100%”才准确表达
    “全部完成、不允许有缺口”的要求。专家审核时会要求改写。

    ## 示例
    反例：质量指标“工程竣工验收合格率”，指标值“≥100%”。
    正例：质量指标“工程竣工验收合格率”，指标值“=100%”。

    ## 修正
    不自动修正：建议改为“=100%”，由单位确认。

    ## 依据
    比率的取值范围（实践）；专家审核意见的常见要求。

    ## 配置
    `exempt_name_words`：名称含这些词的指标不检查（默认：增长、增幅、增速、同比、环比、比上年、
    超额、倍、提高、提升、增加）。
    """

    code = "VAL-17"
    name = "比率写成≥100%"
    dimension = "规范性"
    severity = "warning"
    source = "实践"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        value = indicator.value
        if is_cost(indicator.category):
            return  # a percentage as a cost is VAL-14's: it is not money at all
        if value.kind != "quantitative" or value.unit != "%" or value.op != ">=":
            return
        if value.number != 100 or value.upper is not None:
            return
        if any(word in indicator.name for word in ctx.params.exempt_name_words):
            return
        if indicator.category == "output.timeliness" and "率" not in indicator.name:
            return  # a 完成时限 given as a percentage: VAL-06 asks for a date instead
        message = (
            f"{indicator_label(indicator)}的指标值“{show(indicator.value_text)}”："
            "比率最高为100%，“≥100%”实际就是“=100%”"
        )
        yield value_finding(
            self, project, index, indicator, message, suggestion="将指标值改为“=100%”。"
        )

    @classmethod
    def bad(cls) -> Document:
        return document_with(1, "≥100%")

    @classmethod
    def good(cls) -> Document:
        return example_document()
