"""VAL-01: the 指标值 is a quantitative value or a recognised qualitative grade."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._suggestions import value_example
from jixiao.review.rules._value_terms import (
    DEFAULT_GRADES,
    document_with,
    indicator_label,
    is_grade,
    is_recurring_deadline,
    show,
    value_finding,
)
from jixiao.values import parse_value, render_value


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    grades: list[str] = Field(default_factory=lambda: list(DEFAULT_GRADES))
    """Recognised qualitative grades (replaces the default list)."""
    extra_grades: list[str] = Field(default_factory=list)
    """Grades to accept in addition to ``grades`` (a province's own wording)."""


class ValueMeasurable(IndicatorRule):
    """指标值应为量化值或公认的定性等级。

    ## 检查内容
    指标值既不是“符号+数值+单位”的量化值（含日期、区间），也不是公认的定性等级（有效改善、
    逐年提高、达到预期、合格、是/否、优/良/中/差等），而是一句描述性文字（“保证大厅正常运转”
    “为群众提供免费复印25万份”）、看似数值却无法识别的内容（只有“≥”）或不存在的日期。
    指标值为空由 STR-08 检查；定性等级写在数量、质量、时效指标中由 VAL-02 提示。
    定性等级前多余的序号（“1 有效改善”）按等级“有效改善”理解，由 VAL-13 提示。
    时效指标中周期性的期限（“每月10日前”“每季度末月20日前”“每年6月底前”）是时间值，不报告。

    ## 为什么
    财预〔2015〕88号要求绩效指标细化、量化：能量化的用数值表述，不能量化的用分级分档的定性表述。
    描述性文字无法在年底判断是否完成，自评时无法打分。

    ## 示例
    反例：质量指标“审批业务办结率”，指标值“保证大厅正常运转”。
    正例：质量指标“审批业务办结率”，指标值“≥98%”。

    ## 修正
    不自动修正：需要单位确定可衡量的目标值。数字夹在文字中时（“复印25万份”），建议中给出可改写的数值。

    ## 依据
    财预〔2015〕88号（细化量化）；指标值的定量、定性两种形式（实践）。

    ## 配置
    `grades`：公认的定性等级（替换默认列表）；`extra_grades`：在默认列表之外另认可的等级。
    """

    code = "VAL-01"
    name = "指标值不可衡量"
    dimension = "可衡量性"
    severity = "error"
    source = "财预〔2015〕88号"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        value = indicator.value
        if value.kind != "qualitative":
            return
        if indicator.category == "output.timeliness" and is_recurring_deadline(value.text):
            return  # 每月10日前: a deadline that comes back every month is a time value
        if "grades" not in ctx.cache:  # one tuple per review, not a 200-word list a row
            ctx.cache["grades"] = (*ctx.params.grades, *ctx.params.extra_grades)
        grades: tuple[str, ...] = ctx.cache["grades"]
        anomalies = set(value.anomalies)
        if not anomalies & {"unparsed", "invalid_date", "number_in_text"} and is_grade(
            value.text, grades
        ):
            return
        printed = show(indicator.value_text)
        label = indicator_label(indicator)
        example = value_example(indicator, ctx.fiscal_year)
        if "unparsed" in anomalies:
            message = f"{label}的指标值“{printed}”看似数值但无法识别，缺少数值或单位"
        elif "invalid_date" in anomalies:
            message = f"{label}的指标值“{printed}”中的日期不存在，无法判断完成时限"
        elif "number_in_text" in anomalies:
            message = f"{label}的指标值“{printed}”是一句描述，数字夹在文字中，无法衡量"
        else:
            message = f"{label}的指标值“{printed}”是描述性文字，既不是量化值，也不是公认的定性等级"
        if indicator.category is None or indicator.category.startswith("effect."):
            suggestion = (
                f"请改为“符号+数值+单位”的量化值，如{example}；"
                "确实无法量化的，写明分级分档的定性标准。"
            )
        else:
            suggestion = f"请改为“符号+数值+单位”的量化值，如{example}。"
        candidate = _number_in(value.text or "") if "number_in_text" in anomalies else None
        if candidate is not None:
            suggestion = f"可将其中的数量写为指标值，如“{candidate}”（按目标加“≥”或“≤”）。"
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def bad(cls) -> Document:
        return document_with(1, "保证大厅正常运转")

    @classmethod
    def good(cls) -> Document:
        return example_document()


def _number_in(text: str) -> str | None:
    """``为群众提供免费复印25万份`` → ``25万份``: the number and unit at the end of a sentence."""
    start = next((i for i, char in enumerate(text) if char.isascii() and char.isdigit()), None)
    if start is None:
        return None
    value = parse_value(text[start:])
    if value.kind != "quantitative" or value.unit is None or value.text or value.date:
        return None
    return render_value(value)
