"""VAL-09: a quantity written as a percentage (数量指标 or a count name with a % value)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._suggestions import quantity_example
from jixiao.review.rules._value_terms import (
    document_with,
    indicator_label,
    name_core,
    show,
    value_finding,
)

_COVERAGE = "覆盖率 建档率 管理率 普及率 参保率 入学率 接种率 筛查率 登记率 签约率 救治率 就业率"


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    include_quantity_category: bool = True
    """Also report every 数量指标 with a % value (完成率 filed as 数量), not only count names."""
    coverage_suffixes: list[str] = Field(default_factory=lambda: _COVERAGE.split())
    """Rates of a defined population (居民健康档案建档率, 参保率): sector templates file them
    under 数量指标, so they are not reported there (工作完成率 and 保障率 still are)."""
    count_suffixes: list[str] = Field(default_factory=lambda: ["数量", "数"])
    """Name endings that announce a count (案件数量, 培训次数, 受益人数)."""
    exempt_suffixes: list[str] = Field(
        default_factory=lambda: [
            "指数",
            "系数",
            "倍数",
            "分数",
            "参数",
            "函数",
            "基数",
            "级数",
            "读数",
        ]
    )
    """Name endings with 数 that are not counts."""


class QuantityAsPercent(IndicatorRule):
    """数量用百分比表示。

    ## 检查内容
    名称表示数量（以“数量”“次数”“人数”“件数”等“数”结尾）的指标，或数量指标，指标值的单位是“%”：
    如“实际受理案件数量 ≥95%”“数量指标：劳务派遣工作完成率 ≥95%”。
    “指数”“系数”“倍数”等不是数量，不检查。

    ## 为什么
    数量指标反映项目提供产品和服务的数量，应写计划完成的件数、人次、场次等；写成百分比无法看出规模，
    也无法核对与资金是否匹配（完成率 95% 是完成了多少件？）。

    ## 示例
    反例：数量指标“年度办理审批业务量”，指标值“≥95%”。
    正例：数量指标“年度办理审批业务量”，指标值“≥7000件”。

    ## 修正
    不自动修正：需要单位填写计划数量。

    ## 依据
    财预〔2015〕88号 细化量化；数量指标的含义（实践）。

    ## 配置
    `include_quantity_category`：默认 true，数量指标中的百分比都报告；
    设为 false 只检查名称表示数量的指标。
    `coverage_suffixes`：覆盖类比率的名称结尾（覆盖率、建档率、管理率、参保率、接种率等），
    在数量指标下不报告：卫生健康、社保等行业的官方模板把它们放在数量指标下。工作完成率、
    保障率仍报告。
    `count_suffixes`、`exempt_suffixes`：表示数量的名称结尾，以及不算数量的结尾。
    """

    code = "VAL-09"
    name = "数量用百分比表示"
    dimension = "可衡量性"
    severity = "warning"
    source = "财预〔2015〕88号；实践"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        value = indicator.value
        if value.kind != "quantitative" or value.unit != "%":
            return
        name = name_core(indicator.name)
        counts = name.endswith(tuple(ctx.params.count_suffixes)) and not name.endswith(
            tuple(ctx.params.exempt_suffixes)
        )
        # a coverage rate under 数量指标 (居民电子健康档案建档率) is how the official templates of
        # several sectors file it: the share of a defined population, not a vague completion
        in_quantity = (
            ctx.params.include_quantity_category
            and indicator.category == "output.quantity"
            and not name.endswith(tuple(ctx.params.coverage_suffixes))
        )
        if not (counts or in_quantity):
            return
        label = indicator_label(indicator)
        printed = show(indicator.value_text)
        if counts:
            message = f"{label}是数量，指标值却是百分比“{printed}”"
        else:
            message = f"{label}的指标值是百分比“{printed}”，未体现计划完成的数量"
        suggestion = f"数量指标请填写计划完成的数量和单位，如{quantity_example(indicator)}。"
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(0, "≥95%")

    @classmethod
    def good(cls) -> Document:
        return example_document()
