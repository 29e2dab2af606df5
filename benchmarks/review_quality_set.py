"""A labelled set for measuring review quality (issue 12): documents written and labelled by hand.

Every defect a finance-bureau reviewer would send back is labelled where it sits, with how
much it matters, BEFORE the review was run on it (labels were not tuned to the output):

- ``must``: the table can't be approved this way (missing or meaningless values, placeholders,
  money that doesn't add up, a required part blank);
- ``should``: a reviewer asks for a fix (vague values, wrong level, ``≥100%``, a payment rate
  below 100%, a description from another domain, goals no indicator measures …);
- ``could``: worth a note, not a return (an implicit operator such as ``230个``).

Rows without a label are correct as written, including values in the budget system's spelled
unit (``≥95百分比``), which no reviewer sends back one by one.

The content is realistic but invented (not copied from the seeds). It is kept as data: the
Hebei 部门预算绩效信息 documents (``review_quality_set_a1.py``, ``_a2.py``) are written out as
its text layout by ``review_quality.py``'s own writer, the other provinces' templates
(``review_quality_set_{b,c,e,e2,f,h}.py``) by the template fixtures' builders, never by
jixiao's renderer. This module holds the types and the defect kinds they share.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["KINDS", "Label", "LabelledDocument", "LabelledProject", "Row"]

# The kinds of defect labelled (issue 12's list), to count misses by kind.
KINDS = {
    "placeholder": "模板占位符未替换",
    "meaningless-value": "指标值无含义（只有数字）",
    "value-blank": "指标值空白",
    "budget-mismatch": "预算数与资金来源不平衡",
    "goals-blank": "绩效目标空白",
    "vague-value": "指标值含糊",
    "wrong-level": "指标层级放错",
    "implicit-operator": "指标值缺少运算符号",
    "copied-description": "指标描述照抄别的领域",
    "no-cost-indicator": "较大项目缺少成本指标",
    "slogan-goals": "目标只有口号",
    "goals-copy-functions": "目标照抄职能",
    "dept-history": "部门目标写成机构沿革",
    "goal-unmeasured": "目标中的工作没有指标衡量",
    "basis-blank": "指标值确定依据空白",
    "spending-plan": "资金支出计划空白或不一致",
    "purpose-repeats-name": "资金用途重复项目名称",
    "over-100": "比率写成≥100%",
    "payment-below-100": "发放类比率低于100%",
    "time-as-percent": "时间写成百分比",
    "task-as-time": "时效指标写成工作任务",
    "same-values": "全部指标值相同",
}


@dataclass(frozen=True)
class Label:
    """A defect: its weight and what a reviewer would write."""

    severity: str  # must | should | could
    what: str
    kind: str = ""  # the defect's kind (KINDS), for counting misses by kind


@dataclass(frozen=True)
class Row:
    level1: str
    level2: str
    name: str
    description: str
    value: str
    basis: str = ""
    label: Label | None = None


@dataclass(frozen=True)
class LabelledProject:
    name: str
    code: str
    total: str
    fiscal: str
    other: str
    purpose: str
    plan: tuple[str, str, str, str]
    goals: str
    rows: tuple[Row, ...]
    # Defects of the project as a whole, by place: name, code, budget, purpose,
    # spending_plan, goals, indicators (the set), basis (the whole basis column).
    labels: dict[str, Label] = field(default_factory=dict)


@dataclass(frozen=True)
class LabelledDocument:
    name: str
    unit_code: str
    unit: str
    year: int
    overall_goal: str
    sub_goals: tuple[str, ...]
    measures: str
    projects: tuple[LabelledProject, ...]
    department_label: Label | None = None
