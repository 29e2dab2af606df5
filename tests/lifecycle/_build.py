"""Small target tables with lifecycle records, built by hand for the engine tests."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import Budget, Indicator, Project, SpendingPoint, categorize
from jixiao.values import parse_value


def indicator(
    level1: str, level2: str, name: str, value: str, weight: str | None = None
) -> Indicator:
    return Indicator(
        level1=level1,
        level2=level2,
        category=categorize(level1, level2),
        name=name,
        value_text=value,
        value=parse_value(value),
        weight=None if weight is None else Decimal(weight),
    )


def training_project(**changes: object) -> Project:
    """产出 数量 ≥100人, 产出 质量 ≥95%, 效益 社会 有效改善; no 满意度; 100 万元, plan
    25/50/75/100."""
    project = Project(
        seq=1,
        code="P-001",
        name="干部培训",
        budget=Budget(total=Decimal(100), fiscal=Decimal(100)),
        spending_plan=[
            SpendingPoint(month=3, percent=Decimal(25)),
            SpendingPoint(month=6, percent=Decimal(50)),
            SpendingPoint(month=10, percent=Decimal(75)),
            SpendingPoint(month=12, percent=Decimal(100)),
        ],
        indicators=[
            indicator("产出指标", "数量指标", "培训人数", "≥100人"),
            indicator("产出指标", "质量指标", "培训合格率", "≥95%"),
            indicator("效益指标", "社会效益指标", "干部能力", "有效改善"),
        ],
    )
    return project.model_copy(update=changes)


QUANTITY = "output.quantity:培训人数"
QUALITY = "output.quality:培训合格率"
EFFECT = "effect.social:干部能力"
