"""CNT-01: a project sets at least ``min_indicators`` 三级 indicators."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Project
from jixiao.review.examples import example_document, example_indicators, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_indicators: int = Field(3, ge=1)
    """Fewest 三级 indicators a project should set."""


class IndicatorCount(ProjectRule):
    """项目设置的三级指标不宜少于规定个数。

    ## 检查内容
    项目中三级指标名称不为空的指标行少于 `min_indicators`（默认 3）个。报告在 `field="indicators"`。
    一个指标都没有的由 STR-01 报告，本规则不重复。

    ## 为什么
    指标太少，通常无法同时覆盖产出的数量、质量、时效和效益、满意度，绩效目标难以全面衡量。
    个数要求来自地方填报说明，出处不完全确定，所以只作提示。

    ## 示例
    反例：项目只设“年度办理审批业务量 ≥7000件”“审批业务办结率 ≥98%”两个三级指标。
    正例：另设效益指标和满意度指标，共 6 个三级指标。

    ## 修正
    不自动修正：需单位补设指标。

    ## 依据
    地方填报说明：三级指标“总数不得少于3个”（本项目 rules.md T7，二手来源，上下文不完整）；实践。

    ## 配置
    `min_indicators`：三级指标最少个数，默认 3。
    """

    code = "CNT-01"
    name = "三级指标数量偏少"
    dimension = "完整性"
    severity = "info"
    source = "实践"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        count = sum(1 for indicator in project.indicators if indicator.name.strip())
        if 0 < count < ctx.params.min_indicators:
            yield self.finding(
                f"项目只设置了{count}个三级指标，少于{ctx.params.min_indicators}个",
                project=project,
                field="indicators",
                suggestion="请围绕产出的数量、质量、时效以及效益、满意度补充细化、量化的三级指标。",
            )

    @classmethod
    def bad(cls) -> Document:
        return example_document(example_project(indicators=example_indicators()[:2]))

    @classmethod
    def good(cls) -> Document:
        return example_document()
