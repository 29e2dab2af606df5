"""VAL-18: money paid to people or places is paid in full: a payment rate below 100% is a
target that allows a shortfall."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._value_terms import document_with, indicator_label, show, value_finding

_PAYMENT = "发放 拨付 兑现 兑付 支付 到位 足额 到户 到人 打卡"


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    payment_words: list[str] = Field(default_factory=lambda: _PAYMENT.split())
    """Words that make a rate a payment rate (发放率, 足额拨付率, 按时兑现率 …)."""


class PaymentRateBelow100(IndicatorRule):
    """工资、补助、扶助金等发放类比率应为 100%。

    ## 检查内容
    名称含“发放”“拨付”“兑现”“兑付”“支付”“到位”“足额”等、以“率”结尾的指标（发放率、足额拨付率、
    发放准确率、按时发放率），指标值低于 100%（“≥90%”“≥95%”）。

    ## 为什么
    工资、补助、扶助金按政策标准发放到人到户，不允许少发、错发、迟发；目标定为“≥90%”等于
    事先允许一成资金发不到位，专家审核时会要求改为“=100%”。

    ## 示例
    反例：质量指标“补助资金足额拨付率”，指标值“≥90%”。
    正例：质量指标“补助资金足额拨付率”，指标值“=100%”。

    ## 修正
    不自动修正：建议改为“=100%”；如确有不能全额发放的原因，请在指标值确定依据中说明。

    ## 依据
    补助、工资类资金按标准足额发放的要求（实践）；专家审核意见的常见要求。

    ## 配置
    `payment_words`：名称中表示发放、拨付的词（默认：发放、拨付、兑现、兑付、支付、到位、足额、
    到户、到人、打卡）。
    """

    code = "VAL-18"
    name = "发放类比率低于100%"
    dimension = "适当性"
    severity = "warning"
    source = "实践"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        value = indicator.value
        if value.kind != "quantitative" or value.unit != "%" or value.number is None:
            return
        if value.op not in (">=", "=", ">") or value.number >= 100:
            return
        name = "".join(indicator.name.split())
        if not name.endswith("率") or not any(w in name for w in ctx.params.payment_words):
            return
        message = (
            f"{indicator_label(indicator)}的指标值“{show(indicator.value_text)}”低于100%："
            "发放、拨付类资金应按标准全部发放到位"
        )
        suggestion = "将指标值改为“=100%”；如确有不能全额发放的原因，请在指标值确定依据中说明。"
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(1, "≥90%", name="补助资金足额拨付率")

    @classmethod
    def good(cls) -> Document:
        return example_document()
