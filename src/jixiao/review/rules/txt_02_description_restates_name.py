"""TXT-02: the 绩效指标描述 only repeats the 三级指标 name."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Project
from jixiao.review.examples import example_document, example_indicators, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext
from jixiao.review.rules._suggestions import description_example
from jixiao.review.rules._text_terms import has_placeholder_name, is_placeholder, show
from jixiao.review.textsim import ratio_at_least


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_ratio: float = Field(0.9, ge=0.0, le=1.0)
    """Edit similarity (0…1) of name and description, after normalisation, from which the
    description counts as a restatement. 1.0 = only exact repeats."""


class DescriptionRestatesName(ProjectRule):
    """绩效指标描述不应只是重复三级指标名称。

    ## 检查内容
    三级指标的“绩效指标描述”与指标名称相同（去掉空白、标点、“的/和/及”等虚词和“工作/情况”
    后比较，编辑相似度不低于 `min_ratio`）。一个项目报告一次：只有一行时定位到
    `indicators[i].description`，多行时定位到 `indicators` 并列出这些指标。名称已是占位文字的
    行（由 TXT-01 报告）不计。“反映对外交往联系情况”之于“对外交往联系率”这类“反映……情况”
    的概括（相似度约 0.8）不报告。

    ## 为什么
    描述应说明指标的含义、口径或计算方法（如“按时办结件数占办结总件数的比例”），以便监控和
    自评时按同一口径取数。照抄名称的描述没有提供任何信息。这是提示，不影响指标本身。

    ## 示例
    反例：三级指标“审批业务办结率”，描述“审批业务办结率”。
    正例：三级指标“审批业务办结率”，描述“按规定办结的审批件数占受理件数的比例”。

    ## 修正
    不自动修正：请为每个指标写明含义、统计口径或计算公式。

    ## 依据
    实践：绩效指标描述用于界定指标口径（财预〔2021〕101号 指标编制要求“量化易评”）。

    ## 配置
    `min_ratio`：名称与描述的编辑相似度阈值，默认 0.9（允许一两个字的差别，如
    “购买各种管理机、终端机产品合格率”与“购买各种管理机、终端产品合格率”）；设为 1.0 只报告
    完全相同的描述。
    """

    code = "TXT-02"
    name = "指标描述照抄指标名称"
    dimension = "规范性"
    severity = "info"
    source = "实践；财预〔2021〕101号"
    merge_rows = True
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        hits = [
            index
            for index, ind in enumerate(project.indicators)
            if ind.description
            and ind.description.strip()
            and not has_placeholder_name(ind)
            and not is_placeholder(ind.description)
            and ratio_at_least(ind.name, ind.description, ctx.params.min_ratio)
        ]
        if not hits:
            return
        example = description_example(project.indicators[hits[0]], doc.fiscal_year)
        suggestion = f"请在绩效指标描述中写明指标含义、统计口径或计算方法，如{example}。"
        if len(hits) == 1:
            index = hits[0]
            ind = project.indicators[index]
            yield self.finding(
                f"三级指标“{show(ind.name)}”的绩效指标描述只是重复指标名称，未说明指标含义和口径",
                project=project,
                indicator_index=index,
                field=f"indicators[{index}].description",
                text=ind.description,
                suggestion=suggestion,
            )
            return
        names = "、".join(f"“{show(project.indicators[i].name, 20)}”" for i in hits)
        total = len(project.indicators)
        if len(hits) == total:
            who = f"全部{total}个三级指标"
        else:
            who = f"{total}个三级指标中有{len(hits)}个"
        yield self.finding(
            f"{who}的绩效指标描述只是重复指标名称（{names}），未说明指标含义和口径",
            project=project,
            field="indicators",
            text="；".join(project.indicators[i].name for i in hits),
            suggestion=suggestion,
        )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[1] = rows[1].model_copy(update={"description": "审批业务办结率"})
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
