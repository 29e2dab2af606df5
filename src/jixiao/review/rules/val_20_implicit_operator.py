"""VAL-20: a quantified target without its comparison sign (``230个``, ``95%``)."""

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
from jixiao.values.render import render_value

_CATEGORIES = "output.quality effect satisfaction output.cost cost"


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    categories: list[str] = Field(default_factory=lambda: _CATEGORIES.split())
    """Indicator categories (or their first part) checked; counts (采购30台: the exact plan,
    mostly) and 时效 values (dates, 30个工作日) read as they are written and are left out."""


class ImplicitOperator(IndicatorRule):
    """量化指标值没有写比较符号（≥、≤、=）。

    ## 检查内容
    质量、成本、效益、满意度指标的量化指标值只写了数和单位，没有“≥”“≤”“=”或“不低于”
    “不超过”等比较用语（“95%”“100百分比”“80万元”）。系统按“等于”理解。数量指标（“采购30台”
    多是恰好的计划数）和时效指标的日期、时限默认不检查，可在配置中加入。
    同一项目的多行合并为一条。

    ## 为什么
    没有符号，年底自评时不知道“230个”是下限、上限还是恰好：完成 240 个算超额完成还是偏离目标？
    财预〔2020〕10号 的评分按正向、反向指标分别计算，指标值必须写明方向。

    ## 示例
    反例：质量指标“农村饮水工程水质达标率”，指标值“95%”。
    正例：质量指标“农村饮水工程水质达标率”，指标值“≥95%”（至少）。

    ## 修正
    不自动修正：是“≥”还是“=”由单位确认；成本指标一般为“≤”。

    ## 依据
    财预〔2015〕88号 细化量化；财预〔2020〕10号 正向、反向指标的计分方法。

    ## 配置
    `categories`：检查的指标类别（默认：质量、成本、效益、满意度；加入 `output.quantity` 则也检查
    数量指标）。
    """

    code = "VAL-20"
    name = "指标值缺少比较符号"
    dimension = "规范性"
    severity = "info"
    source = "财预〔2015〕88号；财预〔2020〕10号"
    merge_rows = True
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        value = indicator.value
        if "implicit_operator" not in value.anomalies or value.kind != "quantitative":
            return
        if value.number is None or value.unit is None or value.upper is not None:
            return  # a bare number is VAL-15's or DUP-04's: its unit is missing first
        category = indicator.category or ""
        if category not in ctx.params.categories and (
            category.split(".", 1)[0] not in ctx.params.categories
        ):
            return
        shown = render_value(value.model_copy(update={"op": None, "anomalies": []}))
        if value.unit == "%" and value.number >= 100:
            suggestion = f"比率最高为100%，请写为“={shown}”。"
        elif is_cost(category):
            suggestion = f"成本一般为上限，写为“≤{shown}”；恰好等于的写“={shown}”。"
        else:
            suggestion = f"至少达到的写“≥{shown}”，恰好等于的写“={shown}”。"
        message = (
            f"{indicator_label(indicator)}的指标值“{show(indicator.value_text)}”没有写比较符号"
            "（≥、≤ 或 =），年底无法判断超过或不足算不算完成"
        )
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(1, "98%")

    @classmethod
    def good(cls) -> Document:
        return example_document()
