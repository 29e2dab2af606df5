"""STR-03: the 资金支出计划 is complete, within [0, 100], cumulative and ends at 100%."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import partial
from itertools import pairwise

from jixiao.model import Document, Project, SpendingPoint
from jixiao.review.examples import example_document, example_project
from jixiao.review.finding import Edit, Finding, Fix
from jixiao.review.rule import NoParams, ProjectRule, ReviewContext

MONTHS = (3, 6, 10, 12)
HUNDRED = Decimal(100)


def percent_text(value: Decimal | None) -> str:
    """``25.00`` → ``25%``; a blank cell → ``空``."""
    if value is None:
        return "空"
    return f"{value.normalize():f}%"


def plan_by_month(project: Project) -> dict[int, Decimal | None]:
    """The four checkpoints; a checkpoint the table does not have counts as blank."""
    plan: dict[int, Decimal | None] = dict.fromkeys(MONTHS)
    for point in project.spending_plan:
        plan[point.month] = point.percent
    return plan


def plan_text(plan: dict[int, Decimal | None]) -> str:
    return "；".join(f"{month}月底 {percent_text(plan[month])}" for month in MONTHS)


class SpendingPlanValid(ProjectRule):
    """资金支出计划应逐项填写累计支出比例，且在 0–100% 之间、逐期不减少、12月底为100%。

    ## 检查内容
    资金支出计划（3月底、6月底、10月底、12月底的累计支出比例）的以下问题，均报告在
    `field="spending_plan"`（表格本身没有资金支出计划的模板不检查）：
    - 未填写资金支出计划，或四个时点全部为空（只报这一条）；
    - 3月底、6月底、10月底中有空格（合并为一条）；
    - 某个比例小于 0 或大于 100%；
    - 累计比例后一时点小于前一时点（空格跳过，只比较已填的数）；
    - 12月底为空或不等于 100%。

    ## 为什么
    资金支出计划是累计比例，年底应支出全部预算；空格让监控无法对照进度，比例倒退或超过 100%
    说明填写有误。支出计划是“双监控”中预算执行进度的对照基准，必须完整、自洽。

    ## 示例
    反例：3月底、6月底空，10月底 100%，12月底空（报告空格，并报告12月底未填100%）。
    正例：3月底 25%，6月底 50%，10月底 80%，12月底 100%。

    ## 修正
    12月底为空、其他时点均已填写时给出“将12月底填为100%”的不安全修正（需单位确认）；其他问题需单位核实后改正，
    不自动修正。

    ## 依据
    表格勾稽关系（实践）：累计支出比例逐期不减，年底为 100%；财预〔2015〕88号 完整性审核。

    ## 配置
    无参数。支出进度是否过于后置由 STR-04 检查。空格（整表未填或个别时点为空）报告为警告：
    审核时要求补填，而不是退回；比例越界、倒退和12月底不为100%是错误。在配置中设定本规则的
    级别后，所有问题都取该级别。
    """

    code = "STR-03"
    name = "资金支出计划不完整或不一致"
    dimension = "完整性"
    severity = "error"
    source = "实践；财预〔2015〕88号"
    Params = NoParams

    def check_project_at(
        self, position: int, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        if "spending_plan" in project.form_lacks:
            return  # the form has no 资金支出计划 (most provinces' forms): nothing to fill
        plan = plan_by_month(project)
        # Every finding is on the whole plan, quoted as one text.
        plan_finding = partial(
            self.finding, project=project, field="spending_plan", text=plan_text(plan)
        )
        # A blank plan is sent back for completion, not refused: a warning, unless the
        # installation set this rule's level itself (then every finding takes that level).
        blank_level = self.own_level("warning")
        if all(value is None for value in plan.values()):
            yield plan_finding(
                "未填写资金支出计划（3月底、6月底、10月底、12月底均为空）",
                suggestion="请按项目实施进度填写各时点的累计支出比例，12月底应为100%。",
                severity=blank_level,
            )
            return

        blanks = [month for month in MONTHS[:-1] if plan[month] is None]
        if blanks:
            names = "、".join(f"{month}月底" for month in blanks)
            yield plan_finding(
                f"资金支出计划中{names}的累计支出比例为空",
                suggestion="请逐项填写累计支出比例；该时点前确无支出的填0%。",
                severity=blank_level,
            )

        out_of_range = set()
        for month in MONTHS:
            value = plan[month]
            if value is not None and not Decimal(0) <= value <= HUNDRED:
                out_of_range.add(month)
                yield plan_finding(
                    f"{month}月底累计支出比例“{percent_text(value)}”超出0–100%的范围",
                    suggestion="累计支出比例是占预算数的百分比，应在0到100%之间。",
                )

        filled = [(month, value) for month, value in plan.items() if value is not None]
        for (month_a, value_a), (month_b, value_b) in pairwise(filled):
            if value_b < value_a:
                yield plan_finding(
                    f"{month_b}月底累计支出比例{percent_text(value_b)}小于{month_a}月底的"
                    f"{percent_text(value_a)}，累计比例不应减少",
                    suggestion="资金支出计划填的是累计比例，后一时点应不小于前一时点。",
                )

        year_end = plan[12]
        if year_end is None:
            earlier_full = [month for month in MONTHS[:-1] if plan[month] == HUNDRED]
            hint = (
                f"（{earlier_full[0]}月底已为100%，12月底也应为100%）"
                if earlier_full
                else "，年底累计支出应为100%"
            )
            yield plan_finding(
                f"12月底累计支出比例为空{hint}",
                suggestion="请将12月底的累计支出比例填为100%。",
                # Only when the rest of the plan is filled: with blanks left, the filled-in plan
                # would still be incomplete (and STR-04 would read the blanks as 0%).
                fix=None if blanks else self._fill_year_end(position, project),
            )
        elif year_end != HUNDRED and 12 not in out_of_range:
            yield plan_finding(
                f"12月底累计支出比例为{percent_text(year_end)}，应为100%",
                suggestion="资金支出计划到年底应支出全部预算；如预计有结转，请调整预算数。",
            )

    @staticmethod
    def _fill_year_end(index: int, project: Project) -> Fix | None:
        point = next((j for j, p in enumerate(project.spending_plan) if p.month == 12), None)
        if point is None:
            return None
        return Fix(
            title="将12月底累计支出比例填为100%",
            safety="unsafe",
            edits=(
                Edit(path=f"projects[{index}].spending_plan[{point}].percent", old=None, new="100"),
            ),
        )

    @classmethod
    def bad(cls) -> Document:
        plan = [
            SpendingPoint(month=3, percent=None),
            SpendingPoint(month=6, percent=None),
            SpendingPoint(month=10, percent=Decimal("100")),
            SpendingPoint(month=12, percent=None),
        ]
        return example_document(example_project(spending_plan=plan))

    @classmethod
    def good(cls) -> Document:
        return example_document()
