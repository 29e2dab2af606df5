"""DUP-03: two projects of one document with exactly the same 三级指标."""

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
    indicator_pairs,
    project_label,
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_indicators: int = Field(3, ge=1)
    """Projects with fewer filled-in 三级指标 than this are not compared."""


class IdenticalIndicatorSets(Rule):
    """不同项目不应照搬同一套三级指标。

    ## 检查内容
    同一文档中，后一个项目的三级指标名称集合与前面某个项目完全相同（名称去掉空白、标点和
    虚词后比较，顺序和所在二级指标不论），且两者都至少有 `min_indicators` 个指标。报告在后一个
    项目的 `indicators`，消息中写明照搬的是哪个项目、指标值是否也相同。
    相似但不完全相同的由 DUP-02（提示）报告。

    ## 为什么
    不同项目用途不同，产出和效益也应不同。整套照搬的指标说明目标没有针对项目设定
    （“照抄照搬”），审核时无法据此判断资金的绩效。

    ## 示例
    反例：项目4“审批业务专项经费”的指标“活动完成率、综合事务保障率、群众满意率”与
    项目3“审批局代理记账、专网费”完全相同。
    正例：项目4按审批业务设指标，如“年度办理审批业务量”“审批业务按时办结率”。

    ## 修正
    不自动修正：需按项目实际重新设定指标。

    ## 依据
    实践：审核中“照抄照搬”的常见问题（本项目 rules.md §7.7）；财预〔2015〕88号 相关性审核。

    ## 配置
    `min_indicators`：参与比较的最少指标数，默认 3（指标太少的项目相同不足为据）。
    """

    code = "DUP-03"
    name = "不同项目指标完全相同"
    dimension = "一致性"
    severity = "warning"
    source = "实践；财预〔2015〕88号"
    Params = Params

    def check(self, doc: Document, ctx: ReviewContext) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        names = document_names(doc, ctx)
        equal = first_equal_earlier(names, ctx.params.min_indicators)
        pairs: dict[int, frozenset[tuple[str, str]]] = {}  # a project copied N times: once

        def pairs_of(position: int) -> frozenset[tuple[str, str]]:
            if position not in pairs:
                pairs[position] = indicator_pairs(doc.projects[position])
            return pairs[position]

        for j, project in enumerate(doc.projects):
            earlier = equal[j]
            if earlier is None:
                continue
            other = doc.projects[earlier]
            same_values = pairs_of(earlier) == pairs_of(j)
            yield self.finding(
                f"本项目的{len(names[j])}个三级指标与{project_label(other)}完全相同"
                f"{'，指标值也相同' if same_values else ''}，疑似照抄照搬",
                project=project,
                field="indicators",
                text="；".join(ind.name for ind in project.indicators),
                suggestion="请根据本项目的资金用途和绩效目标重新设定产出、效益指标。",
            )

    @classmethod
    def bad(cls) -> Document:
        return example_document(example_project(1), example_project(2))

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
