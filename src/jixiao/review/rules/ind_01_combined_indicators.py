"""IND-01: several indicators crammed into one 三级指标 row."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._text_terms import show

# Separators between listed measures. 及/和/与 only where they are conjunctions, not part of
# a word (及时, 普及, 涉及, 和谐, 参与).
_SPLIT = re.compile(r"[、，,；;/／]|以及|(?<![普涉危])及(?![时格])|和(?!谐)|(?<!参)与(?!会)")
_NOTE = re.compile(r"[（(][^)）]*[)）]|[“”‘’\"']")
# Endings of a measure: …率, …度 (not 年度/季度/制度), 次数, 数量, 金额, 时间…
_MEASURE = re.compile(
    r"(?:率|(?<![年季制])度|比例|比重|占比|次数|个数|人数|户数|件数|人次|场次|数量|总量|"
    r"工作量|业务量|金额|成本|单价|时间|时限|天数|周期|指数|面积|得分)$"
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_measures: int = Field(2, ge=2)
    """How many listed parts must each look like an indicator (end in 率/度/次数/数量…)."""


def measures(name: str) -> list[str]:
    """The parts of a 三级 name that each look like a separate indicator."""
    return list(_measures(name))


@lru_cache(maxsize=65536)  # the same names recur in every project
def _measures(name: str) -> tuple[str, ...]:
    text = _NOTE.sub("", "".join(name.split()))
    return tuple(p for p in _SPLIT.split(text) if len(p) >= 2 and _MEASURE.search(p))


class CombinedIndicators(IndicatorRule):
    """一行三级指标只应衡量一件事。

    ## 检查内容
    三级指标名称用“、，；/和/及/与”列举了几个指标，且至少 `min_measures` 个部分各自以指标词
    结尾（率、度、比例、次数、数量、金额、时间……），如“金融机构联系率、融资服务率、金融扶贫率”
    或“调查研究次数及完成率”。报告在 `indicators[i].name`。
    只有一个部分是指标的不报告：“案件、资料上报及时率”是一个及时率（主语有两个），
    “因公出国、赴港澳及外国人来华、邀请外宾审批率”是一个审批率。

    ## 为什么
    一行只有一个指标值。几个指标挤在一行、共用一个“≥95%”，无法分别衡量，自评时也无法判断
    哪一项完成、哪一项未完成。

    ## 示例
    反例：三级指标“金融机构联系率、融资服务率、金融扶贫率”，指标值“≥95%”。
    正例：拆成“金融机构联系率”“融资服务率”“金融扶贫率”三行，分别设定指标值。

    ## 修正
    不自动修正：拆分后的各项指标需要分别确定描述和指标值。

    ## 依据
    财预〔2015〕88号：绩效指标应细化、量化；财预〔2021〕101号“量化易评”。

    ## 配置
    `min_measures`：至少几个部分像独立指标时报告，默认 2。
    """

    code = "IND-01"
    name = "一行填报多个指标"
    dimension = "规范性"
    severity = "warning"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        found = measures(indicator.name)
        if len(found) < ctx.params.min_measures:
            return
        listed = "、".join(f"“{show(p, 20)}”" for p in found)
        yield self.finding(
            f"三级指标“{show(indicator.name, 60)}”把{len(found)}个指标（{listed}）填在一行，"
            f"共用指标值“{indicator.value_text.strip()}”",
            project=project,
            indicator_index=index,
            field=f"indicators[{index}].name",
            text=indicator.name,
            suggestion="请拆成多行，每行一个三级指标，分别填写绩效指标描述和指标值。",
        )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[1] = example_indicator(
            "产出指标",
            "质量指标",
            "审批业务办结率、材料归档率",
            "办结和归档的比例",
            "≥98%",
            "行业标准",
            line=22,
        )
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
