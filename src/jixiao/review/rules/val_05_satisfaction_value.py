"""VAL-05: a 满意度 target is a percentage with ≥ (or >), at a sensible level."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._value_terms import (
    document_with,
    indicator_label,
    is_grade,
    is_ratio_name,
    is_satisfaction,
    show,
    value_finding,
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_satisfaction: Decimal = Decimal(80)
    """The lowest satisfaction target (in %) that is not reported."""


class SatisfactionValue(IndicatorRule):
    """满意度指标值应为“≥X%”，且不低于常用水平。

    ## 检查内容
    满意度指标（服务对象满意度）的指标值不是带“≥”（或“>”）的百分比：写成定性等级（“满意”“较好”）、
    日期、区间、“=”或“≤”，或单位不是“%”；或者数值低于 `min_satisfaction`（默认 80%）。
    名称以“率”“度”结尾而单位缺失或不是“%”的，由 VAL-11 报告，这里只检查符号和水平；
    描述性文字由 VAL-01 报告。

    ## 为什么
    满意度通过问卷调查测得，结果是满意人数的比例，目标是下限：“≥90%”。写成定性词或“=100%”无法与
    调查结果比较；低于 80% 的目标通常说明填写有误。

    ## 示例
    反例：满意度指标“办事群众满意度”，指标值“满意”。
    正例：满意度指标“办事群众满意度”，指标值“≥95%”。

    ## 修正
    不自动修正：目标水平需要单位确定。

    ## 依据
    满意度指标的设置要求（财预〔2021〕101号；实践中以问卷调查满意比例表示）。

    ## 配置
    `min_satisfaction`：不报告的最低满意度目标（%），默认 80。
    """

    code = "VAL-05"
    name = "满意度指标值不规范"
    dimension = "可衡量性"
    severity = "warning"
    source = "财预〔2021〕101号；实践"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        if not is_satisfaction(indicator.category):
            return
        value = indicator.value
        minimum = ctx.params.min_satisfaction
        problems: list[str] = []
        if value.kind == "qualitative":
            if not is_grade(value.text):
                return  # prose: VAL-01
            problems.append("是定性表述，不是百分比")
        elif value.kind != "quantitative":
            return
        elif value.date is not None or value.number is None:
            problems.append("是日期，不是百分比")
        else:
            unit_missing_ok = is_ratio_name(indicator.name)  # VAL-11 reports the unit
            if value.unit != "%" and not unit_missing_ok:
                problems.append("不是百分比")
            if value.upper is not None:
                problems.append("写成了区间，应写下限")
            elif value.op not in (">=", ">"):
                problems.append("未写“≥”")
            if value.unit in ("%", None) and value.number < minimum:
                problems.append(f"低于 {minimum}%")
        if not problems:
            return
        message = (
            f"{indicator_label(indicator)}的指标值“{show(indicator.value_text)}”"
            f"{'，'.join(problems)}"
        )
        suggestion = f"满意度一般写为调查满意比例的下限，如“≥90%”（不低于 {minimum}%）。"
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(5, "满意")

    @classmethod
    def good(cls) -> Document:
        return example_document()
