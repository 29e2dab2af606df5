"""VAL-16: a value far outside what comparable projects set (needs an indicator library)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from jixiao.library.model import Library, load_library
from jixiao.library.peers import judge
from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._value_terms import document_with, indicator_label, show, value_finding


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    library: str | None = None
    """The indicator library file (made by ``jixiao library build``); none: the rule is silent."""
    min_peers: int = Field(8, ge=2)
    """Peers (same indicator, same unit of measure, with a number) needed before judging."""
    spreads: float = Field(1.0, gt=0)
    """How far outside the peers' 10–90 % range, in widths of that range, counts as far."""


class ValueOutsidePeers(IndicatorRule):
    """指标值远离同类指标。

    ## 检查内容
    在指标库（`jixiao library build` 从语料库或工作台文档中整理出的同类指标）中找到同名指标
    （名称经规范化：去掉编号、空格、标点和“（%）”等单位注释），取相同计量单位、有数值的同类
    指标的第 10 和第 90 百分位数；本指标的数值在这个范围之外、且距离超过范围宽度的
    `spreads` 倍时报告（数量类按对数比较，百分比按原值比较）。同类指标少于 `min_peers` 个、
    计量单位不同或没有数值时不判断。没有配置指标库时本规则不报告。

    ## 为什么
    目标值明显低于同类项目，往往是“保底”设置、缺乏挑战性；明显高于同类，可能是笔误
    或计量单位错误。财预〔2021〕101号要求指标值参考历史标准、行业标准和计划标准设定，
    同类项目的取值就是最直接的参照。

    ## 示例
    反例：同类项目“年度办理审批业务量”多设为 ≥7000件（八成在 4000–9500 件之间），本项目设为“≥70件”。
    正例：本项目设为“≥7000件”。

    ## 修正
    不自动修正：请核对数值和计量单位，确有特殊情况的在指标解释或确定依据中说明。

    ## 依据
    财预〔2021〕101号 指标值设定（参考历史、行业、计划标准）；同类比较（实践）。

    ## 配置
    `library`：指标库文件路径（必填，否则本规则不报告），如 `library = "指标库.json"`。
    `min_peers`：至少多少个同类指标才判断（默认 8）。
    `spreads`：超出同类 10%–90% 区间多少个区间宽度算“远离”（默认 1.0）。
    """

    code = "VAL-16"
    name = "指标值远离同类指标"
    dimension = "适当性"
    severity = "info"
    source = "财预〔2021〕101号；实践"
    Params = Params

    def _library(self, ctx: ReviewContext) -> Library | None:
        assert isinstance(ctx.params, Params)
        if ctx.params.library is None:
            return None
        if "library" not in ctx.cache:
            ctx.cache["library"] = load_library(Path(ctx.params.library))
        library: Library = ctx.cache["library"]
        return library

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        library = self._library(ctx)
        entry = None if library is None else library.lookup(indicator.name)
        if entry is None:
            return
        found = judge(entry, indicator, min_peers=ctx.params.min_peers, spreads=ctx.params.spreads)
        if found is None:
            return
        message = (
            f"{indicator_label(indicator)}的指标值“{show(indicator.value_text)}”{found.describe()}"
        )
        suggestion = (
            f"请核对数值和计量单位；同类指标多设为“{found.stats.typical}”，"
            "确有特殊情况的请在指标解释或确定依据中说明。"
        )
        yield value_finding(self, project, index, indicator, message, suggestion=suggestion)

    @classmethod
    def example_params(cls) -> dict[str, Any]:
        return {"library": str(files("jixiao") / "library" / "example.json")}

    @classmethod
    def bad(cls) -> Document:
        return document_with(0, "≥70件")

    @classmethod
    def good(cls) -> Document:
        return example_document()
