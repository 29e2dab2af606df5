"""STR-13: a large project without any cost indicator."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from jixiao.model import Budget, Document, Project
from jixiao.review.examples import example_document, example_indicators, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_budget: Decimal = Decimal("100")
    """The 预算数 (in 万元) from which a project should have a cost indicator."""


class CostIndicatorMissing(ProjectRule):
    """预算较大的项目应设置成本指标。

    ## 检查内容
    项目预算数不低于 `min_budget`（默认 100 万元；以元为单位的表格按元换算），但绩效指标中
    没有任何成本指标（产出指标下的“成本指标”，或一级指标“成本指标”下的经济、社会、生态环境成本）。
    一个项目报告一次，`field="indicators"`。

    ## 为什么
    成本指标反映花多少钱办多少事（单位成本、总成本控制），是判断预算是否合理、能否节约的依据。
    财预〔2021〕101号起成本指标成为一级指标；金额较大的项目没有成本指标，审核时无法判断
    资金效率。

    ## 示例
    反例：预算120万元的“村级组织运转经费补助”，指标中没有成本指标。
    正例：增加成本指标“每村年补助标准 =5000元/村”。

    ## 修正
    不自动修正：请根据支出标准设置单位成本或总成本控制指标。

    ## 依据
    财预〔2021〕101号（成本指标列为一级指标）；财预〔2015〕88号 项目支出绩效目标申报表。

    ## 配置
    `min_budget`：从多少万元起要求成本指标，默认 100。
    """

    code = "STR-13"
    name = "较大项目缺少成本指标"
    dimension = "完整性"
    severity = "warning"
    source = "财预〔2021〕101号；财预〔2015〕88号"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        total = project.budget.total
        if total is None or not project.indicators:
            return
        in_wan = total / 10000 if project.money_unit == "元" else total
        if in_wan < ctx.params.min_budget:
            return
        if any(_is_cost(i.category) for i in project.indicators):
            return
        yield self.finding(
            f"项目预算{total}{project.money_unit}，但没有设置成本指标",
            project=project,
            field="indicators",
            suggestion="请增加成本指标，如单位成本（“≤500元/亩”“=5000元/村”）或总成本控制指标。",
        )

    @classmethod
    def bad(cls) -> Document:
        rows = [row for row in example_indicators() if row.level2 != "成本指标"]
        return example_document(example_project(indicators=rows, budget=_budget("120.00")))

    @classmethod
    def good(cls) -> Document:
        return example_document(example_project(budget=_budget("120.00")))


def _is_cost(category: str | None) -> bool:
    return category is not None and (category == "output.cost" or category.startswith("cost."))


def _budget(total: str) -> Budget:
    return Budget(total=Decimal(total), fiscal=Decimal(total), other=None)
