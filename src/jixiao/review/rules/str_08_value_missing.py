"""STR-08: every indicator row has a 指标值."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, NoParams, ReviewContext
from jixiao.review.rules._suggestions import value_example

# Marks that stand for an empty cell. Words such as 无 are not here: "无" can be a real value
# (重大安全事故：无); whether such a value is measurable is for the value rules to judge.
EMPTY_MARKS = frozenset({"/", "-", "—", "——", "－", "_", "空"})


def value_is_missing(indicator: Indicator) -> bool:
    text = "".join(indicator.value_text.split())
    return indicator.value.kind == "empty" or not text or text in EMPTY_MARKS


class ValueMissing(IndicatorRule):
    """每个三级指标都应填写指标值。

    ## 检查内容
    三级指标的“指标值”为空，或只有“/”“—”等占位符号。报告在 `indicators[i].value`。
    “无”等文字不算空（可能是“重大安全事故：无”这样的实际目标），其是否可衡量由指标值规则判断。

    ## 为什么
    指标值是绩效目标的量化标准，是运行监控和年终自评打分的对照依据。没有指标值的指标无法衡量，
    等于没有设置。

    ## 示例
    反例：三级指标“年度办理审批业务量”的指标值为空。
    正例：指标值写为“≥7000件”。

    ## 修正
    不自动修正：指标值需单位根据计划、行业或历史标准确定。

    ## 依据
    财预〔2015〕88号：绩效指标应细化、量化，设定具体的指标值。

    ## 配置
    无参数。
    """

    code = "STR-08"
    name = "指标值缺失"
    dimension = "完整性"
    severity = "error"
    source = "财预〔2015〕88号"
    Params = NoParams

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        if not value_is_missing(indicator):
            return
        shown = indicator.value_text.strip()
        detail = f"只填了“{shown}”" if shown else "为空"
        yield self.finding(
            f"三级指标“{indicator.name.strip()}”的指标值{detail}",
            project=project,
            indicator_index=index,
            field=f"indicators[{index}].value",
            text=indicator.value_text,
            suggestion="请填写“符号+数值+单位”形式的指标值"
            f"（如{value_example(indicator, ctx.fiscal_year)}），"
            "确实无法量化的填写分级分档的定性标准。",
        )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[0] = example_indicator(value="")
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
