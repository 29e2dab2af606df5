"""STR-06: 产出指标 covers 数量 and 质量 or 时效 (and, for the 101号 template, 成本 as a 一级)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from jixiao.model import Document, Project
from jixiao.model.categories import level1_code
from jixiao.review.examples import example_document, example_indicators, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    require_cost_level1: bool = False
    """Require 成本指标 as a 一级 (财预〔2021〕101号 central template; profile central-2021)."""


class OutputDimensions(ProjectRule):
    """产出指标应包含数量指标，以及质量指标或时效指标。

    ## 检查内容
    项目设有产出指标，但其中：
    - 没有数量指标；
    - 既没有质量指标，也没有时效指标。
    每种情况报告一条，`field="indicators"`。开启 `require_cost_level1` 时，还报告没有一级指标
    “成本指标”的项目。按指标的分类判断（二级标签不规范、无法分类的行由 STR-07 报告，这里不计）；
    完全没有产出指标的由 STR-05 报告。

    ## 为什么
    产出指标要回答“做了多少、做得怎样、是否按时”。只有数量没有质量、时效，目标可以靠赶量完成；
    没有数量，产出无从核对。财预〔2021〕101号模板还把成本单列为一级指标，要求说明成本控制要求。

    ## 示例
    反例：产出指标只有数量指标“劳务派遣工作完成率 ≥95%”。
    正例：另设质量指标“审批业务办结率 ≥98%”或时效指标“审批业务按时办结率 ≥98%”。

    ## 修正
    不自动修正：需单位根据项目内容补设指标。

    ## 依据
    财预〔2015〕88号 时期的指标体系（产出：数量、质量、时效、成本）；财预〔2021〕101号 核心绩效指标
    模板（成本、产出、效益、满意度四个一级指标）。

    ## 配置
    `require_cost_level1`：是否要求一级指标“成本指标”，默认 false；`central-2021` 配置为 true。
    """

    code = "STR-06"
    name = "产出指标维度不全"
    dimension = "完整性"
    severity = "warning"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        if not project.indicators:
            return
        output = [i for i in project.indicators if level1_code(i.level1) == "output"]
        if output:
            categories = {i.category for i in output}
            labels = "、".join(dict.fromkeys(i.level2.strip() for i in output))
            if "output.quantity" not in categories:
                yield self.finding(
                    f"产出指标缺少数量指标（现有二级指标：{labels}）",
                    project=project,
                    field="indicators",
                    suggestion="请设置反映本项目提供产品或服务数量的数量指标，"
                    "指标值写为“≥（计划数）+计量单位”。",
                )
            if not categories & {"output.quality", "output.timeliness"}:
                yield self.finding(
                    f"产出指标既没有质量指标也没有时效指标（现有二级指标：{labels}）",
                    project=project,
                    field="indicators",
                    suggestion="请至少设置一项质量指标（如合格率、办结率）或时效指标（如按时完成率、"
                    "完成时限）。",
                )
        if ctx.params.require_cost_level1 and not any(
            level1_code(i.level1) == "cost" for i in project.indicators
        ):
            nested = any(i.category == "output.cost" for i in output)
            where = "，现放在产出指标下作为二级指标" if nested else ""
            yield self.finding(
                f"绩效指标缺少一级指标“成本指标”（财预〔2021〕101号模板要求单列成本指标{where}）",
                project=project,
                field="indicators",
                suggestion="请设置成本指标，至少包括经济成本指标（如“单位成本 ≤X万元”）；"
                "涉及社会成本、生态环境成本的一并设置。",
            )

    @classmethod
    def bad(cls) -> Document:
        rows = [row for row in example_indicators() if row.level2 not in ("质量指标", "时效指标")]
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
