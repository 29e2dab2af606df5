"""The monitoring (绩效运行监控, 双监控) engine: MON-01…06.

``monitor_project`` reads a project's target table and one ``MonitoringRecord`` (the one of the
month asked for, else the latest) and gives the budget light, a light per indicator and
ordinary findings:

- MON-01: budget progress against elapsed time, the table's own 资金支出计划 and a
  province's floors (red: error, yellow: warning);
- MON-02: quantitative indicator progress, red or yellow (warning); blue = over-achieved (info);
- MON-03: a red or yellow indicator names 偏差原因 (the official five) and 完成目标可能性 (error);
- MON-04: budget and target progress further apart than the scheme's points (warning);
- MON-05: a qualitative indicator's written status is not 达成 (warning);
- MON-06: the record is complete: 执行数, a value for every target indicator, no row naming an
  unknown indicator (warning).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.lifecycle.findings import Subject
from jixiao.lifecycle.formulas import fmt, round2
from jixiao.lifecycle.indicator_progress import IndicatorStatus, indicator_status, is_level
from jixiao.lifecycle.progress import BudgetProgress, budget_progress, worst
from jixiao.lifecycle.schemes import LIGHT_LABELS, Light, MonitoringScheme, monitoring_scheme
from jixiao.model.document import Budget, Document, Indicator, Project, SpendingPoint
from jixiao.model.identity import indicator_keys
from jixiao.model.lifecycle import IndicatorProgress, MonitoringRecord
from jixiao.review.finding import Finding

__all__ = ["MonitoringResult", "monitor_document", "monitor_project", "monitor_record"]


@dataclass(frozen=True, slots=True, kw_only=True)
class MonitoringResult:
    seq: int | None
    code: str | None
    name: str
    scheme: str
    month: int
    budget: BudgetProgress | None
    indicators: list[IndicatorStatus]
    light: Light
    findings: list[Finding]


def monitor_document(
    doc: Document, scheme: MonitoringScheme | None = None, month: int | None = None
) -> list[MonitoringResult]:
    """Results for the department (when it has a record) and every project that has one."""
    scheme = scheme or monitoring_scheme()
    out: list[MonitoringResult] = []
    dept = doc.department
    if dept.monitoring:
        subject = Subject(None, dept.unit.code if dept.unit else None, "部门整体")
        record = _record(dept.monitoring, month)
        out.append(monitor_record(subject, dept.indicators, dept.budget, [], record, scheme))
    for project in doc.projects:
        if project.monitoring:
            out.append(monitor_project(project, scheme, month))
    return out


def monitor_project(
    project: Project, scheme: MonitoringScheme | None = None, month: int | None = None
) -> MonitoringResult:
    if not project.monitoring:
        raise ValueError("project has no monitoring record")
    subject = Subject(project.seq, project.code, project.name)
    return monitor_record(
        subject,
        project.indicators,
        project.budget,
        project.spending_plan,
        _record(project.monitoring, month),
        scheme or monitoring_scheme(),
    )


def _record(records: list[MonitoringRecord], month: int | None) -> MonitoringRecord:
    if month is not None:
        for record in records:
            if record.month == month:
                return record
    return max(records, key=lambda r: r.month)


def monitor_record(
    subject: Subject,
    indicators: list[Indicator],
    budget: Budget | None,
    plan: list[SpendingPoint],
    record: MonitoringRecord,
    scheme: MonitoringScheme,
) -> MonitoringResult:
    findings: list[Finding] = []
    month = record.month
    progress = _budget(subject, budget, plan, record, scheme, findings)
    keys = indicator_keys(indicators)
    rows: dict[str, tuple[int, IndicatorProgress]] = {}
    for position, row in enumerate(record.indicators):
        if row.indicator in keys:
            rows[row.indicator] = (position, row)
        else:
            findings.append(
                subject.finding(
                    "MON-06",
                    "warning",
                    "完整性",
                    f"监控表第 {position + 1} 行的指标“{row.name or row.indicator}”"
                    "在绩效目标表中找不到",
                    field=f"monitoring[{month}].indicators[{position}]",
                    suggestion="请核对指标名称和所属一级、二级指标是否与绩效目标表一致。",
                )
            )
    statuses = []
    for index, (key, indicator) in enumerate(zip(keys, indicators, strict=True)):
        found = rows.get(key)
        status = indicator_status(
            key, index, indicator, None if found is None else found[1], month, scheme
        )
        statuses.append(status)
        _indicator_findings(subject, status, found, month, findings)
    _divergence(subject, progress, statuses, indicators, scheme, findings)
    lights = [s.light for s in statuses if s.light is not None]
    if progress is not None:
        lights.append(progress.light)
    return MonitoringResult(
        seq=subject.seq,
        code=subject.code,
        name=subject.name,
        scheme=scheme.name,
        month=month,
        budget=progress,
        indicators=statuses,
        light=worst(lights),
        findings=findings,
    )


def _budget(
    subject: Subject,
    budget: Budget | None,
    plan: list[SpendingPoint],
    record: MonitoringRecord,
    scheme: MonitoringScheme,
    findings: list[Finding],
) -> BudgetProgress | None:
    month = record.month
    total = record.adjusted_budget
    if total is None and budget is not None:
        total = budget.total
    if record.executed is None or total is None or total <= 0:
        missing = f"1–{month}月执行数" if record.executed is None else "预算数"
        findings.append(
            subject.finding(
                "MON-06",
                "warning",
                "完整性",
                f"缺少{missing}，无法判断预算执行进度",
                field=f"monitoring[{month}].executed",
            )
        )
        return None
    progress = budget_progress(record.executed, total, month, plan, scheme)
    for comparison in progress.comparisons:
        if comparison.light not in ("red", "yellow"):
            continue
        findings.append(
            subject.finding(
                "MON-01",
                "error" if comparison.light == "red" else "warning",
                "适当性",
                f"1–{month}月预算执行率 {progress.rate}%，"
                f"{_against(comparison.basis, comparison.expected)}"
                f"（{LIGHT_LABELS[comparison.light]}）",
                field=f"monitoring[{month}].executed",
                text=comparison.formula,
                suggestion="请分析支出进度偏慢的原因，加快预算执行或按程序调整预算。",
            )
        )
    return progress


def _against(basis: str, expected: Decimal) -> str:
    if basis == "支出进度下限":
        return f"低于规定的支出进度下限 {fmt(expected)}%"
    return f"落后于{basis}（{fmt(expected)}%）"


def _indicator_findings(
    subject: Subject,
    status: IndicatorStatus,
    found: tuple[int, IndicatorProgress] | None,
    month: int,
    findings: list[Finding],
) -> None:
    if status.light is None:
        findings.append(
            subject.finding(
                "MON-06",
                "warning",
                "完整性",
                f"指标“{status.name}”"
                + (f"没有填报 1–{month}月完成值" if found is None else f"：{status.formula}"),
                indicator_index=status.index,
                field=f"monitoring[{month}].indicators",
            )
        )
        return
    assert found is not None
    position, row = found
    field = f"monitoring[{month}].indicators[{position}]"
    if status.light == "blue":
        findings.append(
            subject.finding(
                "MON-02",
                "info",
                "适当性",
                f"指标“{status.name}”进度 {status.ratio}%，超额完成（蓝灯），年度指标值可能偏低",
                indicator_index=status.index,
                field=field,
                text=status.formula,
            )
        )
        return
    if status.light == "green":
        return
    qualitative = status.kind == "qualitative"
    findings.append(
        subject.finding(
            "MON-05" if qualitative else "MON-02",
            "warning",
            "适当性",
            f"指标“{status.name}”"
            + ("" if qualitative else f"进度 {status.ratio}%，")
            + f"{LIGHT_LABELS[status.light]}",
            indicator_index=status.index,
            field=field,
            text=status.formula,
        )
    )
    missing = [
        label
        for label, empty in (
            ("偏差原因", not row.causes),
            ("完成目标可能性", row.likelihood is None),
        )
        if empty
    ]
    if missing:
        findings.append(
            subject.finding(
                "MON-03",
                "error",
                "完整性",
                f"指标“{status.name}”为{LIGHT_LABELS[status.light]}，未填写{'和'.join(missing)}",
                indicator_index=status.index,
                field=field,
                suggestion="偏差原因从经费保障、制度保障、人员保障、硬件条件保障、其他中选择并说明；"
                "完成目标可能性填确定能、有可能或完全不可能。",
            )
        )


def _divergence(
    subject: Subject,
    progress: BudgetProgress | None,
    statuses: list[IndicatorStatus],
    indicators: list[Indicator],
    scheme: MonitoringScheme,
    findings: list[Finding],
) -> None:
    """MON-04: the budget's 执行率 against the mean progress of the cumulative positive
    indicators (counts and amounts: levels such as rates are not progress)."""
    if progress is None or scheme.divergence_points is None:
        return
    shares = [
        s.progress
        for s, ind in zip(statuses, indicators, strict=True)
        if s.kind == "positive" and s.progress is not None and not is_level(ind)
    ]
    if not shares:
        return
    target = round2(sum(shares, Decimal(0)) / len(shares))
    gap = abs(progress.rate - target)
    if gap > scheme.divergence_points:
        findings.append(
            subject.finding(
                "MON-04",
                "warning",
                "一致性",
                f"预算执行率 {progress.rate}% 与绩效目标完成进度 {target}% 相差 {gap} 个百分点，"
                f"超过 {fmt(scheme.divergence_points)} 个百分点",
                field=f"monitoring[{progress.month}]",
                suggestion="请核实支出与产出是否匹配：花钱快而产出慢，或产出快而花钱慢，都需说明原因。",
            )
        )
