"""DUP-02: projects of one document with nearly the same 三级指标."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Finding
from jixiao.review.rule import ReviewContext, Rule
from jixiao.review.rules._indicator_sets import (
    document_names,
    first_equal_earlier,
    project_label,
    similar_earlier,
)
from jixiao.review.textsim import dice

_NAMED = 3  # similar projects named in the message; more are counted (等N个项目)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_similarity: float = Field(0.8, gt=0.0, le=1.0)
    """Dice coefficient of two projects' 三级 name sets from which they count as copies."""
    min_indicators: int = Field(3, ge=1)
    """Projects with fewer filled-in 三级指标 than this are not compared."""


class SimilarIndicatorSets(Rule):
    """不同项目的三级指标不应大面积雷同。

    ## 检查内容
    同一文档中，后一个项目的三级指标名称集合与前面某些项目高度相似：Dice 系数
    2×相同数 /（两项目指标数之和）不低于 `min_similarity`，但又不完全相同（完全相同的由 DUP-03
    报告）。名称去掉空白、标点和虚词后比较。报告在后一个项目的 `indicators`，列出最相似的至多
    3个项目和相同指标数（更多的只计数：“等N个项目”）。两个项目都至少有 `min_indicators` 个
    指标才比较。

    ## 为什么
    多数指标与另一个项目相同，通常是复制了别的项目的表格只改了一两行（“照抄照搬”），指标未必
    反映本项目的产出和效益。相似本身不一定错（同类项目可用同类指标），所以只作提示。

    ## 示例
    反例：项目5“劳务派遣人员经费”的4个指标中有3个与项目1相同，只多了“服务对象满意度”。
    正例：项目5按本单位劳务派遣人员的实际数量和工作内容设定指标。

    ## 修正
    不自动修正：需按项目实际设定指标。

    ## 依据
    实践：审核中“照抄照搬”的常见问题（本项目 rules.md §7.7）。

    ## 配置
    `min_similarity`：默认 0.8。3个指标的项目抄进另一项目再加1个（3/4）为 0.86，会报告；
    4个指标中有3个相同（3/4 对 3/4）为 0.75，不报告。样例中通用的“服务对象满意度”“预算经费
    控制数”使不相关项目的相似度在 0.4 以下。
    `min_indicators`：参与比较的最少指标数，默认 3。
    """

    code = "DUP-02"
    name = "不同项目指标高度雷同"
    dimension = "一致性"
    severity = "info"
    source = "实践"
    Params = Params

    def check(self, doc: Document, ctx: ReviewContext) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        minimum = ctx.params.min_indicators
        names = document_names(doc, ctx)
        equal = first_equal_earlier(names, minimum)
        skip = [earlier is not None for earlier in equal]  # DUP-03's
        similar_sets = similar_earlier(names, minimum, ctx.params.min_similarity, skip)
        for j, project in enumerate(doc.projects):
            mine, similar = names[j], similar_sets[j]
            if not similar:
                continue
            # The most similar few are named (in document order), the rest only counted.
            named = sorted(
                sorted(similar, key=lambda i: (-dice(names[i], mine), i))[:_NAMED], key=int
            )
            others = "、".join(
                f"{project_label(doc.projects[i])}（{len(names[i] & mine)}个相同）" for i in named
            )
            if len(similar) > _NAMED:
                others += f"等{len(similar)}个项目"
            yield self.finding(
                f"本项目的{len(mine)}个三级指标与{others}高度雷同，疑似照抄照搬",
                project=project,
                field="indicators",
                text="；".join(ind.name for ind in project.indicators),
                suggestion="请核实这些指标是否反映本项目的产出和效益，不适用的按本项目实际改写。",
            )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[0] = example_indicator(
            name="年度受理咨询量", description="全年受理的咨询件数", value="≥3000件"
        )
        return example_document(example_project(1), example_project(2, indicators=rows))

    @classmethod
    def good(cls) -> Document:
        rows = example_indicators()
        rows[0] = example_indicator(
            name="年度受理咨询量", description="全年受理的咨询件数", value="≥3000件"
        )
        rows[1] = example_indicator(
            "产出指标", "质量指标", "咨询答复准确率", "答复准确的咨询件数占答复件数的比例", "≥98%"
        )
        return example_document(example_project(1), example_project(2, indicators=rows))
