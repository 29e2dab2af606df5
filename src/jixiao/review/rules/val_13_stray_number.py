"""VAL-13: a stray number before a qualitative grade (``1 有效改善``)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Indicator, Project
from jixiao.review.finding import Edit, Finding, Fix
from jixiao.review.rule import IndicatorRule, NoParams, ReviewContext
from jixiao.review.rules._edit_paths import indicator_path
from jixiao.review.rules._value_terms import (
    document_with,
    indicator_label,
    is_trend_phrase,
    show,
    value_finding,
)


class StrayNumber(IndicatorRule):
    """定性指标值前有多余的数字。

    ## 检查内容
    定性指标值前面多了一个不带单位的数字（“1 有效改善”“1 逐年提高”“2 优”），
    系统按等级“有效改善”理解。

    ## 为什么
    这个数字多是业务系统导出时带出的等级序号，读者会误以为是数值目标（“1”是什么？），公开时也不规范。
    但它也可能另有含义（如“1 个百分点”漏了单位），所以只提示，不自动删除。

    ## 示例
    反例：社会效益指标“办事流程规范程度”，指标值“1 符合规定”。
    正例：社会效益指标“办事流程规范程度”，指标值“符合规定”。

    ## 修正
    非安全修正：删除数字，只保留定性等级（“1 符合规定”→“符合规定”）；请确认数字没有其他含义。
    等级本身只是趋势用语（“1 有效改善”）时不提供修正：删去数字后 VAL-19 仍会退回，
    建议一并改为可比较的目标。

    ## 依据
    指标值规范写法（实践）。

    ## 配置
    无。
    """

    code = "VAL-13"
    name = "定性指标值前有多余数字"
    dimension = "规范性"
    severity = "info"
    source = "实践"
    Params = NoParams

    def check_row(
        self, position: int, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        value = indicator.value
        if "stray_number" not in value.anomalies or not value.text:
            return
        grade = value.text
        printed = show(indicator.value_text)
        cut = printed.rfind(grade)
        number = printed[:cut].strip() if cut > 0 else ""
        path = indicator_path(position, index, "value_text")
        message = (
            f"{indicator_label(indicator)}的指标值“{printed}”"
            f"在等级“{grade}”前有多余的数字“{number}”"
        )
        if is_trend_phrase(grade):
            # "有效改善" alone is what VAL-19 sends back: neither quoted nor offered as a fix
            yield value_finding(
                self,
                project,
                index,
                indicator,
                message,
                suggestion=f"请删除数字“{number}”；“{grade}”只是趋势用语，请一并改为可比较的"
                "数值目标或分级分档的定性标准。",
            )
            return
        suggestion = f"如数字没有其他含义，请删除，写为“{grade}”。"
        fix = Fix(
            title=f"删除数字“{number}”，改为“{grade}”",
            safety="unsafe",
            edits=(Edit(path=path, old=indicator.value_text, new=grade),),
        )
        yield value_finding(
            self, project, index, indicator, message, suggestion=suggestion, fix=fix
        )

    @classmethod
    def bad(cls) -> Document:
        return document_with(4, "1 符合规定", name="办事流程规范程度")

    @classmethod
    def good(cls) -> Document:
        return document_with(4, "符合规定", name="办事流程规范程度")
