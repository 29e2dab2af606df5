"""The 自评表 and the 监控表 as format-neutral grids, in the official central layouts.

The DOCX, XLSX and HTML writers (``lifecycle_docx``, ``lifecycle_xlsx``, ``lifecycle_html``)
only place these cells; what a table holds, in which order, and how its figures are printed
(2 decimals, 分值/得分, 执行率, 总分, 自评等级) is decided once, here. Both tables lie on a
10-column grid; a cell spans columns but never rows, so each row reads back on its own::

    自评表  col 0      1       2       3        4         5         6     7     8-9
            项目名称 | name (1-9)
            主管部门 | owner (1-4)                        | 实施单位 | unit (6-9)
            项目资金（万元） | (1-2) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 |
                     得分 (8-9)
            (blank)  | 年度资金总额 (1-2) | figures …
            年度总体目标 | 预期目标 (1-4)                   | 实际完成情况 (5-9)
            (blank)  | goals (1-4)                         | outcome (5-9)
            绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
                     偏差原因分析及改进措施 (8-9)
            总分 (0-5) | 100.00 | total | 自评等级：优 (7-9)

    监控表  col 0 … 3 as above; 预算执行情况（万元） | 资金来源 (1-2) | 年初预算数 | 调整后预算数 |
            1—7月执行数 | 1—7月执行率 | 全年预计执行数 (7-9); indicators: 一级 | 二级 | 三级 |
            年度指标值 | 1—7月实际完成值 | 全年预计完成值 | 偏差原因分析 | 完成目标可能性 | 备注
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from jixiao.lifecycle.formulas import round2
from jixiao.lifecycle.monitoring import MonitoringResult, monitor_document
from jixiao.lifecycle.schemes import MonitoringScheme, ScoringScheme
from jixiao.lifecycle.scoring import UnitScore, score_document
from jixiao.model import Document, Indicator
from jixiao.model.identity import indicator_keys
from jixiao.model.lifecycle import MonitoringRecord, SelfEvaluation

__all__ = [
    "COLUMNS",
    "Cell",
    "Grid",
    "TableKind",
    "amount_text",
    "monitoring_grids",
    "percent_text",
    "points_text",
    "selfeval_grids",
]

TableKind = Literal["selfeval", "monitor"]
COLUMNS = 10
WIDTHS_MM = (20, 18, 20, 28, 22, 22, 16, 16, 20, 20)
SELFEVAL_TITLE = "项目支出绩效自评表"
DEPARTMENT_SELFEVAL_TITLE = "部门整体支出绩效自评表"
MONITOR_TITLE = "项目支出绩效目标执行监控表"
DEPARTMENT_MONITOR_TITLE = "部门整体支出绩效目标执行监控表"
NOT_APPLICABLE = "不适用"
CAUSE_SEPARATOR = "："


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell over ``span`` grid columns; ``number`` is the figure behind a printed one."""

    text: str
    span: int = 1
    role: Literal["label", "text", "figure"] = "text"
    number: Decimal | None = None
    number_format: str = "0.00"


@dataclass(slots=True)
class Grid:
    """One printed table: its title lines and its rows (each row covers ``COLUMNS``)."""

    kind: TableKind
    title: str
    subtitle: str
    name: str
    money_unit: str
    rows: list[list[Cell]] = field(default_factory=list)


def amount_text(value: Decimal | None) -> str:
    """An amount with at least 2 decimals, its exact digits kept (``100.00``, ``12.345``)."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." not in text:
        return f"{text}.00"
    decimals = len(text) - text.index(".") - 1
    return text + "0" * max(0, 2 - decimals)


def points_text(value: Decimal | None) -> str:
    """分值/得分 as the official tables print them: 2 decimals."""
    return "" if value is None else format(round2(value), "f")


def percent_text(value: Decimal | None) -> str:
    return "" if value is None else f"{round2(value):f}%"


def _label(text: str, span: int = 1) -> Cell:
    return Cell(text, span, "label")


def _text(text: str | None, span: int = 1) -> Cell:
    return Cell(text or "", span)


def _amount(value: Decimal | None, span: int = 1) -> Cell:
    return Cell(amount_text(value), span, "figure", value, "0.00")


def _points(value: Decimal | None, span: int = 1) -> Cell:
    shown = None if value is None else round2(value)
    return Cell(points_text(value), span, "figure", shown, "0.00")


def _percent(value: Decimal | None, span: int = 1) -> Cell:
    shown = None if value is None else round2(value)
    return Cell(percent_text(value), span, "figure", shown, '0.00"%"')


def _rate(executed: Decimal | None, budget: Decimal | None) -> Decimal | None:
    if executed is None or budget is None or budget <= 0:
        return None
    return round2(executed / budget * 100)


def _head(grid: Grid, name: str, owner: str | None, unit: str | None) -> None:
    grid.rows.append([_label("项目名称"), _text(name, 9)])
    grid.rows.append([_label("主管部门"), _text(owner, 4), _label("实施单位"), _text(unit, 4)])


def _goals(grid: Grid, left: str, right: str, goals: list[str], outcome: str | None) -> None:
    grid.rows.append([_label("年度总体目标"), _label(left, 4), _label(right, 5)])
    grid.rows.append([_text(""), _text("\n".join(goals), 4), _text(outcome, 5)])


def _subject(doc: Document, seq: int | None) -> tuple[str, str | None, list[Indicator], list[str]]:
    """Name, 实施单位, indicators and goals of a project (``seq``) or the department."""
    if seq is None:
        dept = doc.department
        unit = dept.unit.name if dept.unit else None
        return unit or "部门整体", unit, dept.indicators, dept.overall_goals
    project = next(p for p in doc.projects if p.seq == seq)
    return project.name, project.unit.name, project.indicators, project.goals


def _owner(doc: Document) -> str | None:
    return doc.department.unit.name if doc.department.unit else None


def _evaluation(doc: Document, seq: int | None) -> SelfEvaluation:
    if seq is None:
        evaluation = doc.department.self_evaluation
    else:
        evaluation = next(p for p in doc.projects if p.seq == seq).self_evaluation
    if evaluation is None:  # score_document only scores subjects that have one
        raise ValueError("subject has no self-evaluation")
    return evaluation


def _year(doc: Document) -> str:
    return f"{doc.fiscal_year}年度" if doc.fiscal_year else "年度"


def selfeval_grids(doc: Document, scheme: ScoringScheme | None = None) -> list[Grid]:
    """One 自评表 per subject that carries a self-evaluation (department first)."""
    return [_selfeval(doc, score) for score in score_document(doc, scheme)]


def _selfeval(doc: Document, score: UnitScore) -> Grid:
    name, unit, indicators, goals = _subject(doc, score.seq)
    evaluation = _evaluation(doc, score.seq)
    department = score.seq is None
    grid = Grid(
        "selfeval",
        DEPARTMENT_SELFEVAL_TITLE if department else SELFEVAL_TITLE,
        f"（{_year(doc)}）",
        name,
        (doc.department.money_unit if department else None) or "万元",
    )
    _head(grid, name, _owner(doc), unit)
    budget = score.budget
    rate = budget.inputs.get("rate")
    grid.rows.append(
        [
            _label(f"{'部门预算' if department else '项目资金'}（{grid.money_unit}）"),
            _label("", 2),
            _label("年初预算数"),
            _label("全年预算数"),
            _label("全年执行数"),
            _label("分值"),
            _label("执行率"),
            _label("得分", 2),
        ]
    )
    weight = budget.inputs.get("weight")
    if weight is None:
        weight = evaluation.budget_weight
    grid.rows.append(
        [
            _text(""),
            _label("年度资金总额", 2),
            _amount(evaluation.initial_budget),
            _amount(evaluation.annual_budget),
            _amount(evaluation.executed),
            _points(weight),
            _percent(rate),
            _points(budget.score, 2),
        ]
    )
    _goals(grid, "预期目标", "实际完成情况", goals, evaluation.goal_outcome)
    grid.rows.append(
        [
            _label("绩效指标"),
            _label("一级指标"),
            _label("二级指标"),
            _label("三级指标"),
            _label("年度指标值"),
            _label("实际完成值"),
            _label("分值"),
            _label("得分"),
            _label("偏差原因分析及改进措施", 2),
        ]
    )
    results = {r.indicator: r for r in evaluation.indicators}
    for row, indicator in zip(score.rows, indicators, strict=True):
        result = results.get(row.key)
        scored: Cell = _points(row.scored.score) if row.applicable else _text(NOT_APPLICABLE)
        grid.rows.append(
            [
                _text(""),
                _text(indicator.level1),
                _text(indicator.level2),
                _text(indicator.name),
                _text(indicator.value_text),
                _text(result.actual_text if result else None),
                _points(row.weight),
                scored,
                _text(result.analysis if result else None, 2),
            ]
        )
    grid.rows.append(
        [
            _label("总分", 6),
            _points(Decimal(100)),
            _points(score.total),
            _label(f"自评等级：{score.grade}", 2),
        ]
    )
    for label, text in (
        ("评价结论", evaluation.conclusion),
        ("存在问题", evaluation.problems),
        ("改进措施", evaluation.improvements),
    ):
        if text:
            grid.rows.append([_label(label), _text(text, 9)])
    return grid


def monitoring_grids(
    doc: Document, scheme: MonitoringScheme | None = None, month: int | None = None
) -> list[Grid]:
    """One 监控表 per subject that carries a monitoring record (department first)."""
    return [_monitor(doc, result) for result in monitor_document(doc, scheme, month)]


def _record(doc: Document, seq: int | None, month: int) -> MonitoringRecord:
    records = (
        doc.department.monitoring
        if seq is None
        else next(p for p in doc.projects if p.seq == seq).monitoring
    )
    return next(r for r in records if r.month == month)


def _monitor(doc: Document, result: MonitoringResult) -> Grid:
    name, unit, indicators, goals = _subject(doc, result.seq)
    record = _record(doc, result.seq, result.month)
    department = result.seq is None
    months = f"1—{record.month}月"
    grid = Grid(
        "monitor",
        DEPARTMENT_MONITOR_TITLE if department else MONITOR_TITLE,
        f"（{doc.fiscal_year or ''}{'年' if doc.fiscal_year else ''}{months}）",
        name,
        (doc.department.money_unit if department else None) or "万元",
    )
    _head(grid, name, _owner(doc), unit)
    if department:
        total = doc.department.budget.total if doc.department.budget else None
    else:
        total = next(p for p in doc.projects if p.seq == result.seq).budget.total
    budget = record.adjusted_budget if record.adjusted_budget is not None else total
    grid.rows.append(
        [
            _label(f"预算执行情况（{grid.money_unit}）"),
            _label("资金来源", 2),
            _label("年初预算数"),
            _label("调整后预算数"),
            _label(f"{months}执行数"),
            _label(f"{months}执行率"),
            _label("全年预计执行数", 3),
        ]
    )
    grid.rows.append(
        [
            _text(""),
            _label("年度资金总额", 2),
            _amount(total),
            _amount(budget),
            _amount(record.executed),
            _percent(_rate(record.executed, budget)),
            _amount(record.projected_executed, 3),
        ]
    )
    _goals(grid, "年度绩效目标", "目标执行总体情况", goals, record.goal_progress)
    grid.rows.append(
        [
            _label("绩效指标"),
            _label("一级指标"),
            _label("二级指标"),
            _label("三级指标"),
            _label("年度指标值"),
            _label(f"{months}实际完成值"),
            _label("全年预计完成值"),
            _label("偏差原因分析"),
            _label("完成目标可能性"),
            _label("备注"),
        ]
    )
    progress = {p.indicator: p for p in record.indicators}
    for key, indicator in zip(indicator_keys(indicators), indicators, strict=True):
        p = progress.get(key)
        cause = ""
        if p is not None:
            cause = "、".join(p.causes)
            if p.cause_text:
                cause = f"{cause}{CAUSE_SEPARATOR}{p.cause_text}" if cause else p.cause_text
        grid.rows.append(
            [
                _text(""),
                _text(indicator.level1),
                _text(indicator.level2),
                _text(indicator.name),
                _text(indicator.value_text),
                _text(p.achieved_text if p else None),
                _text(p.projected_text if p else None),
                _text(cause),
                _text(p.likelihood if p else None),
                _text(p.remark if p else None),
            ]
        )
    return grid
