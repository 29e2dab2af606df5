"""VAL-19: an effect (效益) target written as a trend word (有效提升, 逐年提高)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._value_terms import (
    DEFAULT_GRADES,
    TREND_ADVERBS,
    TREND_VERBS,
    document_with,
    indicator_label,
    is_grade,
    is_trend_phrase,
    show,
    value_finding,
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    adverbs: list[str] = Field(default_factory=lambda: list(TREND_ADVERBS))
    verbs: list[str] = Field(default_factory=lambda: list(TREND_VERBS))


class VagueEffectValue(IndicatorRule):
    """效益指标值只写“有效提升”“逐年提高”等趋势用语。

    ## 检查内容
    效益指标（经济、社会、生态效益，可持续影响）的指标值只是“程度词+动词”的趋势用语：
    “有效提升”“明显提高”“逐年提高”“不断改善”等，既没有数值，也没有分级分档的标准。
    产出指标的定性值由 VAL-02 报告；不是公认定性等级的文字（“得到保障”）由 VAL-01 报告。

    ## 为什么
    效益可以定性表述，但应分级分档、可以判断（如“好、较好、一般”并说明标准），或给出可比较的
    数值（“居民健康素养水平 ≥25%”“投诉量比上年下降10%”）。“有效提升”在年底无法判断是否实现，
    自评时只能凭印象打分，是专家审核退回最多的写法之一。

    ## 示例
    反例：社会效益指标“居民健康素养水平”，指标值“逐年提高”。
    正例：社会效益指标“居民健康素养水平”，指标值“≥25%”（依据：上年监测值23.5%）。

    ## 修正
    不自动修正：需要单位给出可比较的数值，或写明分级分档的定性标准。

    ## 依据
    财预〔2015〕88号（细化量化、尽量定量表述；定性指标分级分档）。

    ## 配置
    `adverbs`：程度词；`verbs`：表示变化的动词。指标值是二者相连（可带“了”）即报告。
    """

    code = "VAL-19"
    name = "效益指标值只写趋势"
    dimension = "可衡量性"
    severity = "warning"
    source = "财预〔2015〕88号"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        if not (indicator.category or "").startswith("effect."):
            return
        if indicator.value.kind != "qualitative":
            return
        if not is_trend_phrase(indicator.value_text, ctx.params.adverbs, ctx.params.verbs):
            return
        if not is_grade(indicator.value.text, DEFAULT_GRADES):
            return  # not even a recognised grade: VAL-01 reports it (error)
        message = (
            f"{indicator_label(indicator)}的指标值“{show(indicator.value_text)}”只是趋势用语，"
            "年底无法判断是否实现"
        )
        suggestion = (
            f"请给出“{indicator.name.strip()}”可比较的数值目标（如“≥上年实际值”的具体数字，"
            "并在指标值确定依据中写明基数），或写明分级分档的定性标准。"
        )
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(4, "逐年提高", name="居民健康素养水平")

    @classmethod
    def good(cls) -> Document:
        return example_document()
