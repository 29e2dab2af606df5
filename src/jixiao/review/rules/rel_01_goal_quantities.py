"""REL-01: quantities named in the 绩效目标 appear among the 指标值."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from pydantic import BaseModel, ConfigDict

from jixiao.model import Document, Project
from jixiao.review.examples import example_document, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext
from jixiao.review.rules._text_terms import real_goals, show


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_COUNT_UNITS = _words(
    "个工作日 工作日 人次 平方米 公里 千米 小时 分钟 万元 元 个 件 次 人 份 本 册 栋 座 项 台 套 场"
    " 期 户 家 所 批 篇 条 辆 处 间 名 部 种 张 米 亩 公顷 吨 千克 天"
)
_QUANTITY = re.compile(
    r"(?<![第\d.])(?P<number>\d+(?:\.\d+)?)\s*(?P<scale>万|亿)?\s*"
    r"(?P<unit>" + "|".join(sorted(_COUNT_UNITS, key=len, reverse=True)) + r"|%)"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# 零发生, 零事故, 零投诉…: a zero target in words; an indicator valued 0, 零 or 无 measures it
_ZERO = re.compile(r"零(?:发生|事故|伤亡|投诉|差错|失误|违规|违纪|案件|上访|通报)")
_ZERO_VALUE = re.compile(r"(?<![\d.])0(?![\d.])|零|无|未发生|不发生")
_SCALE = {"万": Decimal(10000), "亿": Decimal(100000000)}


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    include_percent: bool = True
    """Also check percentages in the goals (按时办结率不低于98%)."""


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def value_numbers(project: Project) -> set[Decimal]:
    """Every number printed in, or parsed from, the project's 指标值."""
    found: set[Decimal] = set()
    for ind in project.indicators:
        for number in (ind.value.number, ind.value.upper):
            if number is not None:
                found.add(Decimal(number))
        text = unicodedata.normalize("NFKC", ind.value_text)
        found.update(d for m in _NUMBER.findall(text) if (d := _decimal(m)) is not None)
    return {d.normalize() for d in found}


class GoalQuantities(ProjectRule):
    """绩效目标中写明的数量应在指标值中体现。

    ## 检查内容
    从绩效目标中找出“数字+计量单位”（`30个`、`7000件`、`25万份`、`50个工作日`，以及百分比
    `98%`），如果该数字不在本项目任何一个指标值中出现（比较数值本身，“25万份”也与 250000
    比较），就报告在 `goals`，一个项目一条，列出所有找不到的数量。“第3批”这样的序数和年份、
    日期不算数量。“零发生”“零事故”“零投诉”等用文字写的零目标，如果没有任何指标值为 0、“零”
    或“无”，也一并列出。占位目标（“目标内容1”）由 TXT-01 报告。

    ## 为什么
    绩效目标是对指标的概括，目标中承诺的数量应有对应的指标和指标值来衡量；找不到对应指标，
    说明目标与指标脱节，年底无法据指标判断目标是否实现。

    ## 示例
    反例：绩效目标“全年办结审批业务不少于7000件”，而指标值中没有 7000（数量指标写的是“≥6000件”）。
    正例：数量指标“年度办理审批业务量”，指标值“≥7000件”。

    ## 修正
    不自动修正：请补设对应指标，或核对目标与指标值哪一个有误。

    ## 依据
    财预〔2015〕88号 相关性审核：目标应有相应的、细化量化的指标（本项目 rules.md §7.2）。

    ## 配置
    `include_percent`：是否也检查目标中的百分比，默认 true。
    """

    code = "REL-01"
    name = "目标中的数量没有对应指标值"
    dimension = "相关性"
    severity = "warning"
    source = "财预〔2015〕88号"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        goals = real_goals(project)
        if not goals or not project.indicators:
            return
        known = value_numbers(project)
        missing: list[str] = []
        sentences: list[str] = []
        for goal in goals:
            text = unicodedata.normalize("NFKC", goal)
            for match in _QUANTITY.finditer(text):
                if match["unit"] == "%" and not ctx.params.include_percent:
                    continue
                number = _decimal(match["number"])
                if number is None:
                    continue
                candidates = {number.normalize()}
                if match["scale"]:
                    candidates.add((number * _SCALE[match["scale"]]).normalize())
                if candidates & known:
                    continue
                shown = "".join(match.group(0).split())
                if shown not in missing:
                    missing.append(shown)
                if goal not in sentences:
                    sentences.append(goal)
        if any(_ZERO_VALUE.search(i.value_text) for i in project.indicators):
            zeros: list[str] = []
        else:
            zeros = [m.group(0) for goal in goals for m in _ZERO.finditer(goal)]
        for zero in zeros:
            if zero not in missing:
                missing.append(zero)
                sentences.extend(g for g in goals if zero in g and g not in sentences)
        if not missing:
            return
        quoted = "、".join(f"“{m}”" for m in missing)
        yield self.finding(
            f"绩效目标中的{quoted}在指标值中找不到对应（目标：“{show(sentences[0], 60)}”）",
            project=project,
            field="goals",
            text="；".join(sentences),
            suggestion=(
                f"请为目标中的数量设置对应的三级指标和指标值（如“≥{missing[0]}”），"
                "或核对目标与指标值是否一致。"
                if not _ZERO.fullmatch(missing[0])
                else f"请为目标中的“{missing[0]}”设置对应的三级指标（如“……发生起数”，"
                "指标值“=0起”），或核对目标与指标是否一致。"
            ),
        )

    @classmethod
    def bad(cls) -> Document:
        return example_document(
            example_project(goals=["全年办结审批业务不少于7500件，按时办结率不低于98%"])
        )

    @classmethod
    def good(cls) -> Document:
        return example_document()
