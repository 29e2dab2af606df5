"""Monitoring (MON-01…06): budget and indicator lights against hand-worked figures."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from jixiao.lifecycle.indicator_progress import indicator_status
from jixiao.lifecycle.monitoring import MonitoringResult, monitor_document, monitor_project
from jixiao.lifecycle.progress import budget_progress, planned_percent
from jixiao.lifecycle.schemes import SchemeError, monitoring_scheme
from jixiao.model import (
    Document,
    IndicatorProgress,
    MonitoringRecord,
    SourceInfo,
    SpendingPoint,
)
from jixiao.values import parse_value
from tests.lifecycle._build import EFFECT, QUALITY, QUANTITY, indicator, training_project

PLAN = training_project().spending_plan
CENTRAL = monitoring_scheme()
SICHUAN = monitoring_scheme({"preset": "sichuan"})


@pytest.mark.parametrize(
    ("month", "expected"),
    [(3, "25"), (7, "56.25"), (12, "100"), (11, "87.5"), (6, "50")],
)
def test_planned_percent_interpolates_the_plan(month: int, expected: str) -> None:
    # 7月: 50 + (75 − 50) × (7 − 6) ÷ (10 − 6) = 56.25
    assert planned_percent(PLAN, month) == D(expected)


def test_planned_percent_edge_cases() -> None:
    one = planned_percent(PLAN, 1)
    assert one is not None and round(one, 4) == D("8.3333")  # 25 × 1/3 from 0 % in January
    assert planned_percent([], 7) is None
    partial = [SpendingPoint(month=6, percent=D(40)), SpendingPoint(month=10, percent=None)]
    assert planned_percent(partial, 8) == D(40)  # after the last known point: stays there


@pytest.mark.parametrize(
    ("executed", "time_ratio", "plan_ratio", "light"),
    [
        # 35 ÷ 58.33 (7/12) = 60.00 → yellow; 35 ÷ 56.25 = 62.22 → yellow
        ("35", "60.00", "62.22", "yellow"),
        # 30 ÷ 58.33 = 51.43 → red; 30 ÷ 56.25 = 53.33 → red
        ("30", "51.43", "53.33", "red"),
        # 50 ÷ 58.33 = 85.71; 50 ÷ 56.25 = 88.89 → green
        ("50", "85.71", "88.89", "green"),
    ],
)
def test_budget_progress_central(
    executed: str, time_ratio: str, plan_ratio: str, light: str
) -> None:
    progress = budget_progress(D(executed), D(100), 7, PLAN, CENTRAL)
    time, plan = progress.comparisons
    assert (time.basis, time.ratio) == ("序时进度", D(time_ratio))
    assert (plan.basis, plan.ratio, plan.expected) == ("资金支出计划", D(plan_ratio), D("56.25"))
    assert progress.light == light


def test_budget_progress_plan_and_time_can_disagree() -> None:
    # A back-loaded plan (10 % by June) makes 20 % spent by July fine against the plan
    # (20 ÷ 17.5 = 114.29) but red against time (20 ÷ 58.33 = 34.29).
    plan = [
        SpendingPoint(month=6, percent=D(10)),
        SpendingPoint(month=10, percent=D(40)),
        SpendingPoint(month=12, percent=D(100)),
    ]
    progress = budget_progress(D(20), D(100), 7, plan, CENTRAL)
    assert [(c.ratio, c.light) for c in progress.comparisons] == [
        (D("34.29"), "red"),
        (D("114.29"), "green"),
    ]
    assert progress.light == "red"


def test_sichuan_floors() -> None:
    # Sichuan: by the end of June at least 40 %; in July 35 % is below it
    progress = budget_progress(D(35), D(100), 7, [], SICHUAN)
    floor = progress.comparisons[-1]
    assert (floor.basis, floor.expected, floor.light) == ("支出进度下限", D(40), "red")
    assert budget_progress(D(26), D(100), 5, [], SICHUAN).comparisons[-1].light == "green"
    assert len(budget_progress(D(1), D(100), 3, [], SICHUAN).comparisons) == 1  # no floor yet


def row(key: str, achieved: str, **fields: Any) -> IndicatorProgress:
    return IndicatorProgress(
        indicator=key, achieved_text=achieved, achieved=parse_value(achieved), **fields
    )


@pytest.mark.parametrize(
    ("value", "achieved", "month", "ratio", "light"),
    [
        ("≥100人", "30人", 6, "60.00", "yellow"),  # 30 ÷ (100 × 6/12)
        ("≥100人", "25人", 6, "50.00", "red"),
        ("≥100人", "45人", 6, "90.00", "green"),
        ("≥100人", "70人", 6, "140.00", "blue"),  # ≥ 120: over-achievement
        ("≥100人", "0人", 6, "0.00", "red"),  # nothing done yet: red
        ("≥95%", "96%", 6, "101.05", "green"),  # a rate is a level: no time share
        ("≥95%", "50%", 6, "52.63", "red"),
        ("≤500元", "400元", 7, None, "green"),
        ("=100%", "90%", 7, "90.00", "green"),
    ],
)
def test_indicator_lights(
    value: str, achieved: str, month: int, ratio: str | None, light: str
) -> None:
    target = indicator("产出指标", "数量指标", "指标", value)
    status = indicator_status("k", 0, target, row("k", achieved), month, CENTRAL)
    assert status.light == light
    assert status.ratio == (None if ratio is None else D(ratio))


def test_reverse_uses_the_projected_value() -> None:
    target = indicator("产出指标", "成本指标", "人均成本", "≤500元")
    # 500 ÷ 600 = 83.33 → green; 500 ÷ 800 = 62.5 → yellow
    ok = indicator_status("k", 0, target, row("k", "300元", projected_text="600元"), 7, CENTRAL)
    assert (ok.ratio, ok.light) == (D("83.33"), "green")
    late = indicator_status("k", 0, target, row("k", "300元", projected_text="800元"), 7, CENTRAL)
    assert (late.ratio, late.light) == (D("62.50"), "yellow")


def test_zero_targets() -> None:
    accidents = indicator("产出指标", "质量指标", "安全事故", "0起")
    assert indicator_status("k", 0, accidents, row("k", "0起"), 7, CENTRAL).light == "green"
    assert indicator_status("k", 0, accidents, row("k", "1起"), 7, CENTRAL).light == "red"


@pytest.mark.parametrize(
    ("achieved", "light"),
    [("达成", "green"), ("部分达成", "yellow"), ("未达成", "red"), ("正在推进", None)],
)
def test_qualitative_lights(achieved: str, light: str | None) -> None:
    target = indicator("效益指标", "社会效益指标", "干部能力", "有效改善")
    assert indicator_status("k", 0, target, row("k", achieved), 7, CENTRAL).light == light


def monitored(
    *rows: IndicatorProgress, executed: str | None = "50", **config: Any
) -> MonitoringResult:
    record = MonitoringRecord(
        month=7, executed=None if executed is None else D(executed), indicators=list(rows)
    )
    project = training_project(monitoring=[record])
    return monitor_project(project, monitoring_scheme(config))


def codes(result: MonitoringResult) -> list[str]:
    return [f.code for f in result.findings]


CAUSED: dict[str, Any] = {"causes": ["经费保障"], "cause_text": "资金晚到", "likelihood": "有可能"}


def test_all_green() -> None:
    result = monitored(row(QUANTITY, "55人"), row(QUALITY, "96%"), row(EFFECT, "达成"))
    # budget 50 %: green; 人数 55 ÷ 58.33 = 94.29 % green; MON-04: |50 − 55| = 5 ≤ 10
    assert result.light == "green"
    assert result.findings == []
    assert [s.light for s in result.indicators] == ["green", "green", "green"]


def test_red_indicator_needs_cause_and_likelihood() -> None:
    result = monitored(row(QUANTITY, "30人"), row(QUALITY, "96%"), row(EFFECT, "达成"))
    assert codes(result) == ["MON-02", "MON-03", "MON-04"]
    mon02, mon03, mon04 = result.findings
    assert mon02.message == "指标“培训人数”进度 51.43%，红灯"
    assert mon03.severity == "error"
    assert mon03.message == "指标“培训人数”为红灯，未填写偏差原因和完成目标可能性"
    # 执行率 50 % against target progress 30 %: 20 points apart
    assert mon04.message == (
        "预算执行率 50.00% 与绩效目标完成进度 30.00% 相差 20.00 个百分点，超过 10 个百分点"
    )
    explained = monitored(row(QUANTITY, "30人", **CAUSED), row(QUALITY, "96%"), row(EFFECT, "达成"))
    assert "MON-03" not in codes(explained)


def test_qualitative_partial_is_mon05() -> None:
    result = monitored(
        row(QUANTITY, "55人"), row(QUALITY, "96%"), row(EFFECT, "部分达成", **CAUSED)
    )
    assert codes(result) == ["MON-05"]
    assert result.light == "yellow"


def test_budget_lights_are_findings() -> None:
    result = monitored(
        row(QUANTITY, "35人"), row(QUALITY, "96%"), row(EFFECT, "达成"), executed="30"
    )
    mon01 = [f for f in result.findings if f.code == "MON-01"]
    assert [f.severity for f in mon01] == ["error", "error"]
    assert mon01[0].message == "1–7月预算执行率 30.00%，落后于序时进度（58.33%）（红灯）"
    assert mon01[1].message == "1–7月预算执行率 30.00%，落后于资金支出计划（56.25%）（红灯）"
    sichuan = monitored(
        row(QUANTITY, "35人"),
        row(QUALITY, "96%"),
        row(EFFECT, "达成"),
        executed="35",
        preset="sichuan",
    )
    assert (
        "低于规定的支出进度下限 40%"
        in [f for f in sichuan.findings if f.code == "MON-01"][-1].message
    )


def test_adjusted_budget_is_the_denominator() -> None:
    record = MonitoringRecord(month=7, adjusted_budget=D(70), executed=D(35))
    result = monitor_project(training_project(monitoring=[record]))
    assert result.budget is not None
    assert result.budget.rate == D("50.00")


def test_blue_is_an_info_flag() -> None:
    result = monitored(
        row(QUANTITY, "80人"), row(QUALITY, "96%"), row(EFFECT, "达成"), executed="70"
    )
    blue = [f for f in result.findings if f.code == "MON-02"]
    assert [f.severity for f in blue] == ["info"]
    assert "超额完成（蓝灯）" in blue[0].message


def test_completeness_mon06() -> None:
    result = monitored(
        row(QUANTITY, "若干"),
        row("output.quantity:其他", "3次", name="其他"),
        executed=None,
    )
    messages = [f.message for f in result.findings if f.code == "MON-06"]
    assert messages == [
        "缺少1–7月执行数，无法判断预算执行进度",
        "监控表第 2 行的指标“其他”在绩效目标表中找不到",
        "指标“培训人数”：1–7月完成值“若干”不是数值",
        "指标“培训合格率”没有填报 1–7月完成值",
        "指标“干部能力”没有填报 1–7月完成值",
    ]


def test_the_period_is_chosen_by_month() -> None:
    july = MonitoringRecord(month=7, executed=D(50))
    october = MonitoringRecord(month=10, executed=D(90))
    project = training_project(monitoring=[october, july])
    assert monitor_project(project).month == 10  # the latest by default
    assert monitor_project(project, month=7).month == 7
    doc = Document(
        source=SourceInfo(name="x.json", format="json", sha256="0" * 64),
        projects=[project, training_project(seq=2)],
    )
    assert [r.seq for r in monitor_document(doc)] == [1]


def test_bad_monitoring_configuration() -> None:
    with pytest.raises(SchemeError, match="运行监控方案“mars”不存在"):
        monitoring_scheme({"preset": "mars"})
    with pytest.raises(SchemeError, match="indicator_red"):
        monitoring_scheme({"indicator_red": 90})
