"""GOAL-03: a goal that copies the unit's functions (负责…/指导协调…) or tells its history
(成立/更名/文号), instead of saying what the year will achieve."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Project
from jixiao.review.examples import example_document, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ReviewContext, Rule
from jixiao.textutil import strip_list_marker

_DUTY = "负责 指导 协调 承担 拟订 拟定 组织实施 贯彻执行 贯彻落实 统筹 监督管理 管理全"
_HISTORY = "成立 更名 组建 挂牌 批准设立 批准成立 启用 机构改革 正式运行 划入 划转 撤并"
_HEADING = re.compile(r"^[^：:，。；]{1,20}[：:]")  # 政务服务：… (a sub-goal's own heading)
_TARGET = re.compile(
    r"[0-9０-９]+(?:\.[0-9]+)?\s*(?:%|％|个|件|次|场|人|万|亩|公里|批|份|项|户|所)"
)


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    duty_verbs: list[str] = Field(default_factory=lambda: _DUTY.split())
    history_words: list[str] = Field(default_factory=lambda: _HISTORY.split())


class GoalsCopyFunctions(Rule):
    """绩效目标照抄职能或写成机构沿革。

    ## 检查内容
    部门的分项绩效目标或项目的绩效目标中，某一条：
    - 以“负责”“指导”“协调”“承担”“拟订”“组织实施”等职能用语开头，且没有任何数量目标
      （如“负责全县农业农村经济发展规划的组织实施”“负责农业综合执法工作”）：这是“三定”职能，不是
      年度目标；
    - 讲的是机构沿革（“成立”“更名”“组建”“挂牌”“机构改革”，常带年份和文号），且没有数量目标。
    每个部门或项目报告一次，列出这些目标。

    ## 为什么
    绩效目标说明本年度用这笔钱要完成什么、达到什么效果；职能是部门长期的职责范围，沿革是
    历史，都无法在年底对照检查。专家审核时会要求改写成年度任务和可衡量的结果。

    ## 示例
    反例：分项绩效目标“1、负责全县农业农村经济发展规划的组织实施，指导协调农业产业化经营”；
    “2、本局于1996年成立，2019年机构改革后更名（望编〔2019〕12号）”。
    正例：“1、全年新建高标准农田1.2万亩，项目区粮食亩均产能提高50公斤以上”。

    ## 修正
    不自动修正：请改写为本年度要完成的任务和可衡量的结果。

    ## 依据
    财预〔2015〕88号（绩效目标应反映预期产出和效果）；实践。

    ## 配置
    `duty_verbs`：职能用语；`history_words`：沿革用语。
    """

    code = "GOAL-03"
    name = "目标照抄职能或沿革"
    dimension = "相关性"
    severity = "warning"
    source = "财预〔2015〕88号；实践"
    Params = _Params

    def check(self, doc: Document, ctx: ReviewContext) -> Iterator[Finding]:
        assert isinstance(ctx.params, _Params)
        copied = _copied(doc.department.sub_goals, ctx.params)
        if copied:
            yield self.finding(
                f"部门分项绩效目标中有{len(copied)}条{_kinds(copied)}：{_quote(copied)}",
                field="department.sub_goals",
                text=copied[0][1],
                suggestion="请把这些目标改写为本年度要完成的任务和可衡量的结果。",
            )
        for project in doc.projects:
            yield from self._project(project, ctx.params)

    def _project(self, project: Project, params: _Params) -> Iterator[Finding]:
        copied = _copied(project.goals, params)
        if copied:
            yield self.finding(
                f"绩效目标中有{len(copied)}条{_kinds(copied)}：{_quote(copied)}",
                project=project,
                field="goals",
                text=copied[0][1],
                suggestion="请把目标改写为本项目本年度要完成的任务和可衡量的结果。",
            )

    @classmethod
    def bad(cls) -> Document:
        return example_document(example_project(goals=["负责全县政务服务审批大厅的管理工作"]))

    @classmethod
    def good(cls) -> Document:
        return example_document()


def _copied(goals: list[str], params: _Params) -> list[tuple[str, str]]:
    """(kind, goal) for each goal that is a function or a history, in order."""
    found = []
    for goal in goals:
        text = _HEADING.sub("", strip_list_marker(goal.strip()), count=1).strip()
        if not text or _TARGET.search(text):
            continue
        if any(text.startswith(verb) for verb in params.duty_verbs):
            found.append(("职能", goal.strip()))
        elif any(word in text for word in params.history_words):
            found.append(("沿革", goal.strip()))
    return found


def _kinds(copied: list[tuple[str, str]]) -> str:
    kinds = dict.fromkeys(kind for kind, _ in copied)
    return "、".join({"职能": "照抄职能", "沿革": "写成机构沿革"}[k] for k in kinds)


def _quote(copied: list[tuple[str, str]]) -> str:
    shown = "；".join(f"“{goal[:30]}{'…' if len(goal) > 30 else ''}”" for _, goal in copied[:3])
    return shown + (f"等{len(copied)}条" if len(copied) > 3 else "")
