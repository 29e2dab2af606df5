"""VAL-07: input or process measures (资金到位率, 预算执行率…) used as 产出 or 效益 indicators."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._value_terms import document_with, indicator_label, name_core

_TERMS = (
    "资金到位 经费到位 费用到位 款项到位 费到位 预算执行 资金执行 支付进度"
    " 资金支付 经费支付 拨付进度 拨付率 资金拨付 支出进度 资金支出率 经费支出率"
    " 资金使用率 经费使用率 资金投入 经费投入 投入资金 投入经费 人员经费 人员投入"
    " 资金结转 结余率"
)


_TRANSFER_PROJECT = "补贴 补助 奖补 救助 资助 抚恤 慰问 津贴 救济 奖励"
_PAYMENT_TERMS = "资金拨付 资金支付 经费支付 拨付进度 支付进度"


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    terms: list[str] = Field(default_factory=lambda: _TERMS.split())
    """Words in an indicator name that mark an input or process measure."""
    transfer_projects: list[str] = Field(default_factory=lambda: _TRANSFER_PROJECT.split())
    """Words in a project name that make paying out the money the output itself."""
    payment_terms: list[str] = Field(default_factory=lambda: _PAYMENT_TERMS.split())
    """The terms that are outputs of such a project when filed under 时效指标."""


class InputMeasure(IndicatorRule):
    """投入和过程指标不能作为产出或效益指标。

    ## 检查内容
    产出指标（数量、质量、时效）或效益指标的名称是资金投入或支付过程的度量：资金到位率、预算执行率、
    支付进度、资金拨付率、资金使用率、人员经费、经费投入等（名称含配置的词）。成本指标不检查。
    补贴、补助、救助等直接发给对象的项目，把钱按时发到对象手里本身就是产出：这类项目时效指标中的
    “资金拨付时间”“补贴资金支付进度”不报告（资金到位率、预算执行率仍报告）。

    ## 为什么
    绩效目标是资金“预期达到的产出和效果”。财力、人力、物力等投入数量和资金执行进度不能作为绩效目标：
    钱拨到位、花出去，不说明做成了什么。预算执行另有执行率考核（自评中占 10 分）。

    ## 示例
    反例：时效指标“专项资金到位率”，指标值“≥98%”。
    正例：时效指标“审批业务按时办结率”，指标值“≥98%”。

    ## 修正
    不自动修正：请改为反映资金形成的产品、服务或效果的指标。

    ## 依据
    财预〔2015〕88号：投入数量不能作为绩效目标（地方填报说明）；财预〔2021〕101号 绩效目标的定义。

    ## 配置
    `terms`：名称中表示投入或过程的词（默认：资金到位、预算执行、支付进度、资金拨付、资金使用率、人员经费、经费投入等）。
    `transfer_projects`：项目名称中表示直接发给对象的词（默认：补贴、补助、奖补、救助、资助、抚恤、慰问、津贴、救济、奖励）。
    `payment_terms`：这类项目时效指标中不报告的词（默认：资金拨付、资金支付、经费支付、拨付进度、支付进度）。
    """

    code = "VAL-07"
    name = "投入或过程指标作为产出效益"
    dimension = "相关性"
    severity = "warning"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        category = indicator.category or ""
        if (
            not (category.startswith("effect.") or category.startswith("output."))
            or category == "output.cost"
        ):
            return
        name = name_core(indicator.name)
        term = next((t for t in ctx.params.terms if t in name), None)
        if term is None:
            return
        if (
            category == "output.timeliness"
            and term in ctx.params.payment_terms
            and any(word in project.name for word in ctx.params.transfer_projects)
        ):
            return  # a subsidy paid to its people on time is the subsidy project's output
        kind = "效益" if category.startswith("effect.") else "产出"
        yield self.finding(
            f"{indicator_label(indicator)}（含“{term}”）衡量的是资金投入或支付过程，不是{kind}",
            project=project,
            indicator_index=index,
            field=f"indicators[{index}].name",
            text=indicator.name,
            suggestion=f"请改为反映资金形成的产品、服务或效果的{kind}指标；资金到位和执行情况在预算执行中考核。",
        )

    @classmethod
    def bad(cls) -> Document:
        return document_with(2, name="专项资金到位率")

    @classmethod
    def good(cls) -> Document:
        return example_document()
