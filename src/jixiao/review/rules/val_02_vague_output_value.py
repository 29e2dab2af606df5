"""VAL-02: 产出 (数量/质量/时效) and 成本 indicators are quantitative, not graded or vague."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._suggestions import value_example
from jixiao.review.rules._value_terms import (
    document_with,
    indicator_label,
    is_cost,
    is_grade,
    show,
    value_finding,
)

_VAGUE = (
    "有效 明显 显著 进一步 较好 较高 较大 良好 逐步 逐年"
    " 持续 稳步 不断 大幅 有所 一定 基本 尽量 力争"
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    categories: list[str] = Field(
        default_factory=lambda: [
            "output.quantity",
            "output.quality",
            "output.timeliness",
            "output.cost",
            "cost",
        ]
    )
    """Categories or prefixes (``cost``: every 一级 成本) whose values must be quantitative."""
    vague_terms: list[str] = Field(default_factory=lambda: _VAGUE.split())
    """Words that make a note after a number vague (``≥95%，进一步提升``)."""


def _in(category: str | None, prefixes: list[str]) -> bool:
    return category is not None and any(
        category == p or category.startswith(p + ".") for p in prefixes
    )


class VagueOutputValue(IndicatorRule):
    """产出和成本指标应量化，不用定性等级或含糊用语。

    ## 检查内容
    数量、质量、时效、成本指标的指标值是定性等级（“有效改善”“明显提升”“较好”“合格”“按时完成”），
    或数值后附有含糊用语（“≥95%，进一步提升”）。
    描述性文字（不是公认等级）由 VAL-01 报告；成本指标的定性值由 VAL-14 报告（成本应为金额）。

    ## 为什么
    产出指标反映项目提供的产品和服务，数量、质量、时效、成本都可以量化。财预〔2015〕88号要求
    “尽量进行定量表述”，只有无法量化的才用定性分级；产出写成“有效改善”，年底无法判断是否完成。

    ## 示例
    反例：质量指标“审批业务办结率”，指标值“明显提升”。
    正例：质量指标“审批业务办结率”，指标值“≥98%”。

    ## 修正
    不自动修正：需要单位给出具体的数值目标。

    ## 依据
    财预〔2015〕88号（细化量化、尽量定量表述）。

    ## 配置
    `categories`：必须量化的指标类别（默认数量、质量、时效、成本）；`vague_terms`：数值后附注中的含糊用语。
    """

    code = "VAL-02"
    name = "产出指标值未量化"
    dimension = "可衡量性"
    severity = "warning"
    source = "财预〔2015〕88号"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        value = indicator.value
        if not _in(indicator.category, ctx.params.categories):
            return
        if value.kind == "qualitative":
            if is_cost(indicator.category) or not is_grade(value.text):
                return  # VAL-14 (成本) and VAL-01 (prose) report these
            kind = indicator.level2.strip() or "产出指标"
            label, printed = indicator_label(indicator), show(indicator.value_text)
            message = f"{label}的指标值“{printed}”是定性表述，{kind}应量化"
        elif value.kind == "quantitative" and value.text:
            term = next((t for t in ctx.params.vague_terms if t in value.text), None)
            if term is None:
                return
            label, printed = indicator_label(indicator), show(indicator.value_text)
            message = f"{label}的指标值“{printed}”附有含糊用语“{term}”，无法据此衡量"
        else:
            return
        example = value_example(indicator, ctx.fiscal_year)
        suggestion = f"请改为“符号+数值+单位”的量化值，如{example}。"
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(1, "明显提升")

    @classmethod
    def good(cls) -> Document:
        return example_document()
