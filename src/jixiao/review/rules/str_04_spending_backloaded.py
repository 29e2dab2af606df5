"""STR-04: the 资金支出计划 is not back-loaded (6月底 and 10月底 below the warning lines)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Project, SpendingPoint
from jixiao.review.examples import example_document, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext
from jixiao.review.rules.str_03_spending_plan import MONTHS, percent_text, plan_by_month


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    june: Decimal = Field(Decimal(40), ge=0, le=100)
    """Lowest acceptable cumulative percent planned by the end of June."""
    october: Decimal = Field(Decimal(75), ge=0, le=100)
    """Lowest acceptable cumulative percent planned by the end of October."""


class SpendingBackLoaded(ProjectRule):
    """资金支出计划不应过于后置：6月底、10月底的计划累计支出比例不应低于预警线。

    ## 检查内容
    资金支出计划中 6月底累计比例低于 `june`（默认 40%），或 10月底低于 `october`（默认 75%）。
    同一项目只报一条，`field="spending_plan"`。表格本身没有资金支出计划的模板不检查。
    12月底已填写时，年底前的空格视为该期没有支出，累计比例沿用前一时点（之前都空则为 0%）；
    12月底为空时空格无法解读，只比较已填的数（空格和年底缺失由 STR-03 报告）。

    ## 为什么
    支出计划过于后置（大部分资金安排在年底支出）往往说明项目前期论证不足或计划未认真编制，
    也会在运行监控中触发预算执行进度预警（如四川：6月底低于 40%、10月底低于 80% 预警）。

    ## 示例
    反例：3月底、6月底、10月底空，12月底 100%（全部资金安排在11–12月支出）。
    正例：3月底 25%，6月底 50%，10月底 80%，12月底 100%。

    ## 修正
    不自动修正：支出计划需按项目实施进度重新编制；确需年底集中支付的（如合同约定年底结算），
    应由单位说明理由。

    ## 依据
    运行监控预算执行进度预警（实践：四川 川财绩〔2025〕10号 4月底 25%、6月底 40%、8月底 60%、
    10月底 80%；厂商系统执行率 60%/80% 预警线）。

    ## 配置
    `june`：6月底累计支出比例下限，默认 40；`october`：10月底下限，默认 75（百分数，0–100）。
    按月平均支出 10月底约为 83%；常见的 25/50/75/100 均衡计划不视为后移，
    如需按四川等地 80% 的预警线审核，请设为 80。
    """

    code = "STR-04"
    name = "资金支出计划进度偏后"
    dimension = "适当性"
    severity = "warning"
    source = "实践"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        if "spending_plan" in project.form_lacks:
            return
        plan = plan_by_month(project)
        year_end_filled = plan[12] is not None
        # Cumulative percent at each checkpoint; a blank before a filled 12月底 means nothing was
        # spent in that period, so the previous checkpoint's value carries over (0 at the start).
        cumulative: dict[int, tuple[Decimal, str]] = {}
        carried, source = Decimal(0), "（未填）"
        for month in MONTHS:
            value = plan[month]
            if value is not None:
                carried, source = value, f"（未填，按{month}月底计）"
                cumulative[month] = (value, "")
            elif year_end_filled:
                cumulative[month] = (carried, source)

        low = []
        for month, limit in ((6, ctx.params.june), (10, ctx.params.october)):
            if month not in cumulative:
                continue
            value, note = cumulative[month]
            if value < limit:
                low.append(
                    f"{month}月底计划累计{percent_text(value)}{note}，低于{percent_text(limit)}"
                )
        if low:
            yield self.finding(
                f"资金支出计划进度偏后：{'；'.join(low)}（按此计划执行，支出进度可能触发运行监控预警）",
                project=project,
                field="spending_plan",
                text="；".join(f"{month}月底 {percent_text(plan[month])}" for month in MONTHS),
                suggestion="请按项目实施进度合理安排支出，避免资金集中在年底支出；"
                "确需年底集中支付的（如合同约定年底结算），请说明理由。",
            )

    @classmethod
    def bad(cls) -> Document:
        plan = [
            SpendingPoint(month=3, percent=None),
            SpendingPoint(month=6, percent=None),
            SpendingPoint(month=10, percent=None),
            SpendingPoint(month=12, percent=Decimal("100")),
        ]
        return example_document(example_project(spending_plan=plan))

    @classmethod
    def good(cls) -> Document:
        return example_document()
