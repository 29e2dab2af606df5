"""STR-02: 预算数 = 财政资金 + 其他资金."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from jixiao.model import Budget, Document, Project
from jixiao.review.examples import example_document, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tolerance: Decimal = Decimal("0.01")
    """Allowed rounding difference, in the table's money unit."""


class BudgetSum(ProjectRule):
    """预算数应等于财政资金与其他资金之和。

    ## 检查内容
    项目的预算数与“其中：财政资金”“其他资金”之和不一致（差额超过容差）。资金来源为空时按 0 计。

    ## 为什么
    预算数是绩效目标的资金基础，三者不平衡说明表格填报或汇总有误，审核无法判断资金规模是否与目标匹配。

    ## 示例
    反例：预算数 30.00，财政资金 25.00，其他资金空。
    正例：预算数 30.00，财政资金 30.00，其他资金空。

    ## 修正
    不自动修正：需要单位核实哪个数字有误。

    ## 依据
    表格勾稽关系（实践）；财预〔2015〕88号 完整性审核。

    ## 配置
    `tolerance`：允许的尾差，默认 0.01（与表格金额单位相同）。
    """

    code = "STR-02"
    name = "预算数与资金来源不平衡"
    dimension = "一致性"
    severity = "error"
    source = "实践；财预〔2015〕88号"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        budget = project.budget
        if budget.total is None or (budget.fiscal is None and budget.other is None):
            return
        parts = (budget.fiscal or Decimal(0)) + (budget.other or Decimal(0))
        if abs(parts - budget.total) > ctx.params.tolerance:
            yield self.finding(
                f"预算数 {budget.total} 与财政资金、其他资金之和 {parts} 不一致"
                f"（相差 {budget.total - parts}）",
                project=project,
                field="budget",
                text=(
                    f"预算数 {budget.total}；财政资金 {budget.fiscal or '空'}；"
                    f"其他资金 {budget.other or '空'}"
                ),
                suggestion="请核对预算数和各项资金来源，使预算数等于财政资金加其他资金。",
            )

    @classmethod
    def bad(cls) -> Document:
        budget = Budget(total=Decimal("30.00"), fiscal=Decimal("25.00"))
        return example_document(example_project(budget=budget))

    @classmethod
    def good(cls) -> Document:
        return example_document()
