"""CAT-02: a non-satisfaction indicator filed under 满意度指标."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from jixiao.model import Document, Indicator, Project
from jixiao.model.categories import level1_code
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._text_terms import has_placeholder_name, show


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    accepted_words: tuple[str, ...] = ("满意", "好评", "认可", "投诉", "获得感", "评价")
    """Words that make a name a satisfaction-type measure (满意度, 好评率, 认可度, 投诉率…)."""


class NonSatisfactionInSatisfaction(IndicatorRule):
    """满意度指标下只应放满意度类指标。

    ## 检查内容
    一级指标为“满意度指标”的三级指标，名称中没有 `accepted_words` 中的任何词（满意、好评、
    认可、投诉、获得感、评价），如“活动完成率”。报告在 `indicators[i].level1`。名称是占位文字的
    行由 TXT-01 报告，本规则跳过。

    ## 为什么
    满意度指标衡量服务对象的主观评价，自评时单独计 10 分。把完成率、保障率等产出指标放在
    满意度下，既虚增了满意度，又让项目实际上没有满意度指标。

    ## 示例
    反例：“满意度指标—服务对象满意度指标”下的三级指标“活动完成率”。
    正例：该位置写“办事群众满意度”，“活动完成率”放到“产出指标—质量指标”下。

    ## 修正
    不自动修正：该指标应归入哪类产出或效益，需单位判断；满意度指标需另行设置。

    ## 依据
    财预〔2015〕88号、财预〔2021〕101号 指标体系：满意度指标反映服务对象的认可程度
    （本项目 rules.md §1、T8）。

    ## 配置
    `accepted_words`：视为满意度类指标的词，默认“满意、好评、认可、投诉、获得感、评价”。
    投诉率、好评率常被用作满意度的替代指标，默认接受。
    """

    code = "CAT-02"
    name = "满意度指标下放了非满意度指标"
    dimension = "规范性"
    severity = "error"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        if level1_code(indicator.level1) != "satisfaction" or has_placeholder_name(indicator):
            return
        name = indicator.name.strip()
        if not name or any(word in name for word in ctx.params.accepted_words):
            return
        yield self.finding(
            f"“{show(name)}”不是满意度指标，却放在了“{indicator.level1.strip()}”下",
            project=project,
            indicator_index=index,
            field=f"indicators[{index}].level1",
            text=indicator.name,
            suggestion="请将该指标移到相应的产出或效益指标下，并在满意度指标下设置服务对象满意度"
            "（如“服务对象满意度 ≥90%”）。",
        )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[5] = example_indicator(
            "满意度指标", "服务对象满意度指标", "活动完成率", "工作顺利完成", "≥95%", "行业标准"
        )
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
