"""Each 自评 formula against a figure worked by hand (lifecycle.md §2.2, rules.md §5)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.lifecycle.formulas import (
    budget_score,
    completion_rate,
    deviation,
    equal_score,
    grade_of,
    kind_of,
    overachievement_score,
    positive_score,
    qualitative_score,
    reverse_linear_score,
    reverse_ratio_score,
    round2,
    tier_of_text,
)
from jixiao.lifecycle.schemes import CENTRAL_TIERS, SCORING_PRESETS
from jixiao.model import Indicator, categorize
from jixiao.values import parse_value


def test_rates_and_deviation() -> None:
    assert completion_rate(D(80), D(100)) == D("0.8")
    assert completion_rate(D(5), D(0)) is None
    assert deviation(D(100), D(130)) == D("0.3")
    assert deviation(D(0), D(1)) is None


@pytest.mark.parametrize(
    ("executed", "budget", "weight", "expected"),
    [
        ("76", "100", "10", "7.60"),  # Chongqing 部门整体: 76 % → 7.6 of 10
        ("95", "100", "20", "19.00"),  # 黄冈: 20 × 执行率
        ("110", "100", "10", "10.00"),  # over-execution is capped at the weight
        ("72.64", "80.10", "10", "9.07"),  # 9.0686… rounded half up
    ],
)
def test_budget_score(executed: str, budget: str, weight: str, expected: str) -> None:
    scored = budget_score(D(executed), D(budget), D(weight))
    assert scored.score == D(expected)
    assert scored.rule == "EVA-02"
    assert scored.formula.endswith(f"= {expected}")


def test_budget_rate_is_an_input() -> None:
    scored = budget_score(D("72.64"), D("80.10"), D(10))
    assert scored.inputs["rate"] == D("90.69")
    assert scored.formula.startswith(
        "预算执行：得分 = 分值 × min(全年执行数 ÷ 全年预算数, 1) = 10 × min("
    )


@pytest.mark.parametrize(
    ("weight", "target", "actual", "expected"),
    [
        ("8", "100", "80", "6.40"),  # 8 × 80/100: the "6.4 of 8 points" of the issue
        ("8", "100", "120", "8.00"),  # capped: 得分不得突破权重总额
        ("8", "0", "0", "8.00"),  # a zero target is met by any actual
        ("8", "100", "-5", "0.00"),  # negative actuals count as 0
        ("10", "3", "1", "3.33"),  # 3.333…
        ("10", "3", "2", "6.67"),  # 6.666… half up
        ("0.5", "4", "1", "0.13"),  # 0.125 → 0.13 (half up, as printed)
    ],
)
def test_positive(weight: str, target: str, actual: str, expected: str) -> None:
    scored = positive_score(D(weight), D(target), D(actual))
    assert scored.score == D(expected)
    assert scored.rule == "EVA-03"


def test_positive_formula_text() -> None:
    scored = positive_score(D(8), D(100), D(80))
    assert scored.formula == (
        "正向指标：得分 = 分值 × min(实际完成值 ÷ 年度指标值, 1) = 8 × min(80 ÷ 100, 1) = 6.40"
    )
    assert scored.inputs == {"weight": D(8), "target": D(100), "actual": D(80)}


@pytest.mark.parametrize(
    ("target", "actual", "ratio", "linear"),
    [
        ("50", "40", "10.00", "10.00"),  # met: full points either way
        ("50", "50", "10.00", "10.00"),
        ("50", "62.5", "8.00", "7.50"),  # (a) 50/62.5 = 0.8; (b) 1 − 12.5/50 = 0.75
        ("50", "60", "8.33", "8.00"),  # (a) 0.8333…; (b) 1 − 10/50
        ("50", "100", "5.00", "0.00"),  # (b) zero at exactly twice the target
        ("50", "120", "4.17", "0.00"),  # beyond 2×
        ("50", "0", "10.00", "10.00"),  # actual 0 meets a ≤ target
        ("0", "1", "0.00", "0.00"),  # a zero ceiling exceeded
    ],
)
def test_reverse_variants(target: str, actual: str, ratio: str, linear: str) -> None:
    assert reverse_ratio_score(D(10), D(target), D(actual)).score == D(ratio)
    assert reverse_linear_score(D(10), D(target), D(actual)).score == D(linear)


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [("0", "0", "5.00"), ("0", "-1", "5.00"), ("0", "1", "0.00"), ("100", "90", "4.50")],
)
def test_equal(target: str, actual: str, expected: str) -> None:
    scored = equal_score(D(5), D(target), D(actual))
    assert scored.score == D(expected)
    assert scored.rule == "EVA-05"


def test_overachievement_deduction() -> None:
    # 偏离度 (130 − 100) ÷ 100 = 30 % → 10 × 0.7
    scored = overachievement_score(D(10), D(100), D(130))
    assert scored.score == D("7.00")
    assert scored.inputs["deviation"] == D("30.00")
    assert overachievement_score(D(10), D(100), D(250)).score == D("0.00")


HUBEI = SCORING_PRESETS["hubei"].tiers


@pytest.mark.parametrize(
    ("tiers", "tier", "declared", "expected", "in_range"),
    [
        (CENTRAL_TIERS, "部分达成", "7", "7.00", True),  # 70 % is in [60, 80)
        (CENTRAL_TIERS, "部分达成", "8", "6.00", False),  # 80 % belongs to 达成: floor used
        (CENTRAL_TIERS, "部分达成", "6", "6.00", True),  # lower bound included
        (CENTRAL_TIERS, "达成", "10", "10.00", True),
        (CENTRAL_TIERS, "达成", "8", "8.00", True),  # 80 % included in 达成
        (CENTRAL_TIERS, "达成", "7.9", "10.00", False),
        (CENTRAL_TIERS, "达成", None, "10.00", True),
        (CENTRAL_TIERS, "部分达成", None, "6.00", True),
        (CENTRAL_TIERS, "未达成", None, "0.00", True),
        (CENTRAL_TIERS, "未达成", "5.99", "5.99", True),
        (HUBEI, "部分达成", "5", "5.00", True),  # Hubei: 80–50 % (含50)
        (HUBEI, "未达成", "5", "0.00", False),  # 50 % is no longer 未达成 in Hubei
    ],
)
def test_qualitative_tiers(
    tiers: dict[str, tuple[D, D]], tier: str, declared: str | None, expected: str, in_range: bool
) -> None:
    scored, ok = qualitative_score(
        D(10),
        tier,  # type: ignore[arg-type]
        tiers,  # type: ignore[arg-type]
        None if declared is None else D(declared),
    )
    assert scored.score == D(expected)
    assert ok is in_range
    assert scored.rule == "EVA-06"


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", "优"),
        ("90", "优"),
        ("89.99", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
        ("0", "差"),
    ],
)
def test_central_grade_bands(total: str, grade: str) -> None:
    assert grade_of(D(total), D(90), D(80), D(60)) == grade


def test_vendor_grade_bands_are_configurable() -> None:
    # one deployed configuration: ≥80 优 / 70–80 良 / 60–70 中
    assert grade_of(D(82), D(80), D(70), D(60)) == "优"
    assert grade_of(D(75), D(80), D(70), D(60)) == "良"


def test_round2_half_up() -> None:
    assert round2(D("2.675")) == D("2.68")
    assert round2(D("2.665")) == D("2.67")


def _indicator(level1: str, level2: str, value: str, direction: str | None = None) -> Indicator:
    return Indicator(
        level1=level1,
        level2=level2,
        category=categorize(level1, level2),
        name="指标",
        value_text=value,
        value=parse_value(value),
        direction=direction,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("value", "direction", "kind"),
    [
        ("≥95%", None, "positive"),
        ("100人", None, "positive"),
        ("≤29.25万元", None, "reverse"),
        ("5%", "reverse", "reverse"),
        ("=100%", None, "equal"),
        ("0起", None, "equal"),
        ("有效改善", None, "qualitative"),
        ("2023年12月底前", None, "qualitative"),
    ],
)
def test_kind_of(value: str, direction: str | None, kind: str) -> None:
    assert kind_of(_indicator("产出指标", "数量指标", value, direction)) == kind


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("达成年度指标", "达成"),
        ("部分达成年度指标并具有一定效果", "部分达成"),
        ("未达成年度指标且效果较差", "未达成"),
        ("基本完成", "部分达成"),
        ("有效改善", "达成"),
        ("说不清", None),
        (None, None),
    ],
)
def test_tier_of_text(text: str | None, tier: str | None) -> None:
    assert tier_of_text(text, "有效改善") == tier
