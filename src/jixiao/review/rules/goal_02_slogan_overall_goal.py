"""GOAL-02: a 总体绩效目标 (the department's or a project's) is a slogan, with nothing that can
be measured."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Project
from jixiao.review.examples import example_document, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ReviewContext, Rule
from jixiao.review.rules._suggestions import goal_suggestion
from jixiao.review.rules._text_terms import real_goals

_SLOGAN = (
    "坚持 全力 奋力 努力 开创 新局面 新篇章 新征程 新台阶 高质量 优先发展 全面推进 "
    "不断 大力 着力 深入推进 扎实推进 再上新 谱写 争创 一流 建设 打造 助力 奋进"
)
_FIGURE = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万两][个项件次场人所家]")


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slogan_words: list[str] = Field(default_factory=lambda: _SLOGAN.split())
    min_slogan_words: int = 2
    """How many slogan words a goal without any figure needs to be reported."""


SloganParams = Params  # the name inside the rule class is its ``Params`` attribute


class SloganOverallGoal(Rule):
    """部门或项目的绩效目标只有口号，没有可衡量的内容。

    ## 检查内容
    部门整体的“总体绩效目标”或一个项目的绩效目标中没有任何数字或数量，且至少含
    `min_slogan_words` 个口号用语（“坚持”“全力”“奋力”“开创新局面”“高质量”“不断”等），例如
    “坚持农业农村优先发展，全力推进乡村振兴，奋力开创农业农村工作新局面”。部门的报告在
    `department.overall_goals`，项目的报告在该项目的 `goals`。目标为空由 STR-10、STR-01 报告。

    ## 为什么
    总体绩效目标概括部门一年要完成什么、达到什么效果，应能在年底对照检查（如“全年新建
    高标准农田1.2万亩，农产品抽检合格率保持在97%以上”）。只有口号的目标无法衡量，
    部门整体绩效自评时也无从对照。

    ## 示例
    反例：总体绩效目标“坚持农业农村优先发展，全力推进乡村振兴，奋力开创工作新局面”。
    正例：总体绩效目标“全年新建高标准农田1.2万亩，完成农产品定量检测300批次，抽检合格率保持在97%以上”。
    反例（项目）：绩效目标“深入推进审批制度改革，着力打造一流营商环境”。

    ## 修正
    不自动修正：请用主要任务的数量、质量和效果概括年度目标。

    ## 依据
    财预〔2015〕88号（绩效目标应清晰、可衡量）；部门整体支出绩效目标的编制要求（实践）。

    ## 配置
    `slogan_words`：口号用语；`min_slogan_words`：没有数字时至少含几个口号用语才报告，默认 2。
    """

    code = "GOAL-02"
    name = "绩效目标只有口号"
    dimension = "可衡量性"
    severity = "warning"
    source = "财预〔2015〕88号；实践"
    Params = Params

    def check(self, doc: Document, ctx: ReviewContext) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        text = "".join(g.strip() for g in doc.department.overall_goals)
        if shown := _slogans(text, ctx.params):
            yield self.finding(
                f"部门总体绩效目标没有任何可衡量的内容，只有{shown}等口号用语",
                field="department.overall_goals",
                text=text,
                suggestion="请用全年主要任务的数量、质量和效果概括总体目标，年底可以逐项对照检查。",
            )
        for project in doc.projects:
            yield from self._project(project, doc, ctx.params)

    def _project(self, project: Project, doc: Document, params: SloganParams) -> Iterator[Finding]:
        goals = real_goals(project)
        text = "".join(g.strip() for g in goals)
        if shown := _slogans(text, params):
            yield self.finding(
                f"项目绩效目标没有任何可衡量的内容，只有{shown}等口号用语",
                project=project,
                field="goals",
                text="；".join(goals),
                suggestion=goal_suggestion(
                    project, doc.fiscal_year, "请写明本项目年度要完成的产出和效果"
                ),
            )

    @classmethod
    def bad(cls) -> Document:
        base = example_document()
        slogan = ["坚持服务优先，全力推进政务服务改革，奋力开创工作新局面"]
        project = example_project(goals=["深入推进审批制度改革，着力打造一流营商环境"])
        return example_document(
            project, department=base.department.model_copy(update={"overall_goals": slogan})
        )

    @classmethod
    def good(cls) -> Document:
        return example_document()


def _slogans(text: str, params: Params) -> str:
    """The slogan words quoted (“坚持”“全力”) when ``text`` has no figure and enough of them."""
    if not text or _FIGURE.search(text):
        return ""
    words = [w for w in params.slogan_words if w in text]
    if len(words) < params.min_slogan_words:
        return ""
    return "".join(f"“{w}”" for w in words[:4])
