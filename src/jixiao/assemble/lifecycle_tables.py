"""A read 自评表 / 监控表: the kept cells of its extra columns and fields → the project's records.

The one pipeline reads a published 项目支出绩效自评表 or 绩效目标执行监控表 like a target table:
the header fields and the indicator columns the label dictionary and the column roles know as
lifecycle ones (年初预算数, 全年执行数, 实际完成值, 得分, 1—7月实际完成值, 完成目标可能性 …) are
kept as extra under their printed labels. This pass, run when a project is built, turns them
into the project's ``SelfEvaluation`` or ``MonitoringRecord`` (matched to the indicators by
their identity key) and removes them from the extras. Figures are read by their column, never
guessed: a cell holding several figures (``4000 4000 100%`` from a web export) is split by
nothing: it is a warning with its location, and the field stays empty.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from jixiao.assemble.columns import role_of
from jixiao.assemble.labels import PERIOD, LabelMatch, label_key, match_label
from jixiao.assemble.lifecycle_budget import (
    is_amount_label,
    is_total_part,
    mismatch_warning,
    split_part,
)
from jixiao.layout import Cell, LayoutWarning, Position
from jixiao.model import (
    ExtraField,
    IndicatorProgress,
    IndicatorResult,
    MonitoringRecord,
    Project,
    SelfEvaluation,
    SourceLocation,
)
from jixiao.model.identity import indicator_keys
from jixiao.model.lifecycle import CAUSES, GRADES, LIKELIHOODS, Cause, Grade, Likelihood
from jixiao.values import parse_value

__all__ = ["attach_records", "split_glued"]

# Budget-block labels (as ``label_key`` leaves them) → record field, in the order the official
# tables print them (a glued cell is split in this order).
_SELFEVAL_BUDGET = {
    "年初预算数": "initial_budget",
    "年初预算": "initial_budget",
    "全年预算数": "annual_budget",
    "调整后预算数": "annual_budget",
    "全年调整预算数": "annual_budget",
    "全年执行数": "executed",
    "预算执行数": "executed",
    "执行数": "executed",
    "分值": "budget_weight",
    "权重": "budget_weight",
    "执行率权重": "budget_weight",
    "执行率": "rate",
    "预算执行率": "rate",
    "得分": "declared_budget_score",
    "执行率得分": "declared_budget_score",
}
_MONITOR_BUDGET = {
    "年初预算数": "initial_budget",
    "年初预算": "initial_budget",
    "调整预算数": "change",
    "调整后预算数": "adjusted_budget",
    "全年调整预算数": "adjusted_budget",
    "执行数": "executed",
    "预算执行数": "executed",
    "执行率": "rate",
    "全年预计执行数": "projected_executed",
}
_TEXTS = {
    "实际完成情况": "goal_outcome",
    "全年目标实际完成情况": "goal_outcome",
    "目标完成情况": "goal_outcome",
    "目标执行总体情况": "goal_progress",
    "评价结论": "conclusion",
    "自评结论": "conclusion",
    "存在问题": "problems",
    "存在的问题": "problems",
    "改进措施": "improvements",
    "整改措施": "improvements",
}
_TOTALS = {"总分", "自评总分", "自评得分"}
_GRADE_LABELS = {"自评等级", "评价等级"}
_FIGURE = re.compile(r"^[-+]?[0-9][0-9,，]*(?:\.[0-9]+)?%?$")
_MONITOR_ROLES = {"achieved", "projected", "likelihood"}
_SELFEVAL_ROLES = {"actual", "score"}


def _key(label: str) -> tuple[str, int | None]:
    """The label without a monitoring period, and the period's last month (``1—7月执行数``)."""
    key = label_key(label)
    period = PERIOD.match(key)
    if period is None:
        return key, None
    return key[period.end() :], int(period.group(1))


def _figure(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").replace("，", "").rstrip("%")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


class _Reader:
    def __init__(self, project: Project, warnings: list[LayoutWarning]) -> None:
        self.project = project
        self.warnings = warnings

    def warn(self, label: str, text: str, field: ExtraField) -> None:
        position = _position(field.source)
        self.warnings.append(
            LayoutWarning(
                "lifecycle_cell_unreadable",
                f"项目“{self.project.name}”的“{label}”栏“{text}”无法按栏目读出数字，已留空；"
                "请核对原件",
                position,
            )
        )

    def figures(self, fields: list[ExtraField], labels: dict[str, str]) -> dict[str, Decimal]:
        """Budget-block figures by field, each from the cell under its own label; a cell
        holding anything but one figure (``4000 4000 100%`` glued by a web export) is a
        warning with its location, never split by guess. Figures split by source
        (``年初预算数（财政拨款）``) add up to the field, or are checked against its 合计."""
        out: dict[str, Decimal] = {}
        totals: dict[str, ExtraField] = {}
        parts: dict[str, tuple[Decimal, str]] = {}
        for entry in fields:
            base, part = split_part(entry.label)
            name = labels.get(_key(base)[0])
            text = entry.text.strip()
            if name is None or not text:
                continue
            value = _figure(text) if _FIGURE.match(text) else None
            if value is None:
                self.warn(entry.label, text, entry)
            elif part is not None and not is_total_part(part):
                if is_amount_label(base):
                    was = parts.get(name, (Decimal(0), base))[0]
                    parts[name] = (was + value, base)
            elif name not in out:
                out[name] = value
                totals[name] = entry
        for name, (summed, base) in parts.items():
            if name not in out:
                out[name] = summed
            elif out[name] != summed and split_part(totals[name].label)[1] is not None:
                where = totals[name].source
                self.warnings.append(mismatch_warning(base, out[name], summed, _position(where)))
        return out


def _position(location: SourceLocation | None) -> Position:
    if location is None:
        return Position()
    return Position(
        page=location.page,
        row=location.row,
        col=location.col,
        sheet=location.sheet,
        line=location.line,
    )


def split_glued(labels: dict[int, LabelMatch], below: dict[int, Cell]) -> dict[int, Cell]:
    """Values under a row of budget labels, with a cell that a web export glued together
    (``4000 4000 100%`` under 年初预算数 | 全年预算数 | 执行率) split over its own column and the
    next ones, when those are empty and exactly as many as the extra figures; otherwise the
    cell is left whole (and read as unreadable, with its location)."""
    if not any(m.field == "lifecycle" for m in labels.values()):
        return below
    cols = sorted(labels)
    out = dict(below)
    for i, col in enumerate(cols):
        cell = below.get(col)
        tokens = [] if cell is None else cell.text.split()
        if cell is None or len(tokens) < 2 or not all(_FIGURE.match(t) for t in tokens):
            continue
        following = cols[i + 1 : i + len(tokens)]
        if len(following) != len(tokens) - 1 or any(c in below for c in following):
            continue
        for target, token in zip([col, *following], tokens, strict=True):
            out[target] = replace(cell, text=token, col=target)
    return out


def _texts(fields: list[ExtraField]) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in fields:
        name = _TEXTS.get(label_key(e.label))
        if name and e.text.strip() and name not in out:
            out[name] = e.text.strip()
    return out


def _total_and_grade(fields: list[ExtraField]) -> tuple[Decimal | None, Grade | None]:
    total: Decimal | None = None
    grade: Grade | None = None
    for e in fields:
        key = label_key(e.label)
        text = e.text
        if key in _TOTALS:
            figures = [f for t in text.split() if _FIGURE.match(t) and (f := _figure(t))]
            total = figures[-1] if figures else None  # 总分 | 100 | 84.5: the score is last
        if key in _TOTALS or key in _GRADE_LABELS:
            after = text.split("等级")[-1] if "等级" in text else text
            letters = [c for c in after if c in GRADES]
            if letters and (key in _GRADE_LABELS or "等级" in text or after.strip() in GRADES):
                grade = letters[-1]
    return total, grade


def _causes(text: str) -> tuple[list[Cause], str | None]:
    """``经费保障、其他：资金下达较晚`` → the official causes named and the free text."""
    head, sep, tail = text.partition("：")
    names = [n.strip() for n in re.split(r"[、，,；;/ ]+", head) if n.strip()]
    chosen: list[Cause] = [n for n in names if n in CAUSES]
    if sep and chosen and len(chosen) == len(names):
        return chosen, tail.strip() or None
    if not sep and chosen and len(chosen) == len(names):
        return chosen, None
    return [], text.strip() or None


def _text_of(row: dict[str, ExtraField], role: str) -> str | None:
    return row[role].text.strip() or None if role in row else None


def _joined(*texts: str | None) -> str | None:
    """备注 and 拟采取的措施 (or 原因 and 措施) in one field, as the table printed them."""
    return "；".join(t for t in texts if t) or None


def _cause_classes(reader: _Reader, cell: ExtraField) -> list[Cause]:
    """原因分类 (Jilin): official causes separated by 、; anything else is a located warning."""
    names = [n.strip() for n in re.split(r"[、，,；;/ ]+", cell.text) if n.strip()]
    chosen: list[Cause] = [n for n in names if n in CAUSES]
    if len(chosen) != len(names):
        reader.warn(cell.label, cell.text, cell)
    return chosen


def _likelihood(text: str) -> Likelihood | None:
    compact = "".join(text.split())
    codes = {"1": "确定能", "2": "有可能", "3": "完全不可能"}
    compact = codes.get(compact, compact)
    return compact if compact in LIKELIHOODS else None


def attach_records(project: Project, warnings: list[LayoutWarning]) -> Project:
    """The project with the records its kept lifecycle cells describe (unchanged if none)."""
    rows = [
        {role: e for e in ind.extra if (role := role_of(e.label)) is not None}
        for ind in project.indicators
    ]
    roles = {r for row in rows for r in row}
    kept = [e for e in project.extra if match_lifecycle(e)]
    if not roles & (_MONITOR_ROLES | _SELFEVAL_ROLES):
        return project
    reader = _Reader(project, warnings)
    monitor = bool(roles & _MONITOR_ROLES)
    keys = indicator_keys(project.indicators)
    indicators = [
        ind.model_copy(update={"extra": [e for e in ind.extra if role_of(e.label) is None]})
        for ind in project.indicators
    ]
    rest = [e for e in project.extra if not match_lifecycle(e)]
    texts = _texts(kept)
    update: dict[str, object] = {"indicators": indicators, "extra": rest}
    if monitor:
        update["indicators"] = [i.model_copy(update={"basis": None}) for i in indicators]
        update["monitoring"] = [_monitoring(reader, kept, texts, keys, project, rows)]
    else:
        evaluation = _evaluation(reader, kept, texts, keys, project, rows)
        update["self_evaluation"] = evaluation
        if project.budget.total is None and evaluation.annual_budget is not None:
            # 全年预算数 split by source (Sichuan): their sum is the year's money, as it is
            # where the table prints it whole
            update["budget"] = project.budget.model_copy(update={"total": evaluation.annual_budget})
    return project.model_copy(update=update)


def match_lifecycle(field: ExtraField) -> bool:
    key, _month = _key(field.label)
    return (
        key in _SELFEVAL_BUDGET
        or key in _MONITOR_BUDGET
        or key in _TEXTS
        or key in _TOTALS
        or key in _GRADE_LABELS
    )


def _evaluation(
    reader: _Reader,
    kept: list[ExtraField],
    texts: dict[str, str],
    keys: list[str],
    project: Project,
    rows: list[dict[str, ExtraField]],
) -> SelfEvaluation:
    figures = reader.figures(kept, _SELFEVAL_BUDGET)
    if "annual_budget" not in figures and project.budget.total is not None:
        figures["annual_budget"] = project.budget.total
    total, grade = _total_and_grade(kept)
    results = []
    for key, indicator, row in zip(keys, project.indicators, rows, strict=True):
        actual = row["actual"].text if "actual" in row else None
        score_text = row["score"].text if "score" in row else None
        score = _figure(score_text) if score_text else None
        if score_text and score is None and score_text != "不适用":
            reader.warn(row["score"].label, score_text, row["score"])
        results.append(
            IndicatorResult(
                indicator=key,
                name=indicator.name,
                weight=indicator.weight,
                actual_text=actual,
                actual=parse_value(actual) if actual else None,
                applicable=score_text != "不适用",
                declared_score=score,
                analysis=_joined(_text_of(row, "analysis"), _text_of(row, "measures")),
                source=indicator.source,
            )
        )
    fields = {k: v for k, v in figures.items() if k != "rate"}
    return SelfEvaluation(
        **fields,
        goal_outcome=texts.get("goal_outcome"),
        indicators=results,
        declared_total=total,
        declared_grade=grade,
        conclusion=texts.get("conclusion"),
        problems=texts.get("problems"),
        improvements=texts.get("improvements"),
    )


def _monitoring(
    reader: _Reader,
    kept: list[ExtraField],
    texts: dict[str, str],
    keys: list[str],
    project: Project,
    rows: list[dict[str, ExtraField]],
) -> MonitoringRecord:
    figures = reader.figures(kept, _MONITOR_BUDGET)
    months = [m for e in kept if (m := _key(e.label)[1])]
    months += [m for row in rows for e in row.values() if (m := _key(e.label)[1])]
    progress = []
    for key, indicator, row in zip(keys, project.indicators, rows, strict=True):
        achieved = row["achieved"].text if "achieved" in row else None
        projected = row["projected"].text if "projected" in row else None
        causes, cause_text = _causes(row["analysis"].text) if "analysis" in row else ([], None)
        if "cause_class" in row:  # Jilin: 原因分类 in its own column
            causes = _cause_classes(reader, row["cause_class"]) or causes
        likelihood = None
        if "likelihood" in row:
            likelihood = _likelihood(row["likelihood"].text)
            if likelihood is None:
                reader.warn(row["likelihood"].label, row["likelihood"].text, row["likelihood"])
        if not (
            achieved or projected or causes or cause_text or likelihood or indicator.basis
        ) and ("measures" not in row):
            continue
        progress.append(
            IndicatorProgress(
                indicator=key,
                name=indicator.name,
                achieved_text=achieved,
                achieved=parse_value(achieved) if achieved else None,
                projected_text=projected,
                projected=parse_value(projected) if projected else None,
                causes=causes,
                cause_text=cause_text,
                likelihood=likelihood,
                remark=_joined(indicator.basis, _text_of(row, "measures")),
                source=indicator.source,
            )
        )
    if project.budget.total is None and "initial_budget" in figures:
        project.budget = project.budget.model_copy(update={"total": figures["initial_budget"]})
    adjusted = figures.get("adjusted_budget")
    if adjusted is not None and adjusted == project.budget.total:
        adjusted = None  # 调整后预算数 only where the budget changed
    return MonitoringRecord(
        month=months[0] if months else 12,
        adjusted_budget=adjusted,
        executed=figures.get("executed"),
        projected_executed=figures.get("projected_executed"),
        goal_progress=texts.get("goal_progress"),
        indicators=progress,
    )


def drop_row_names(labels: dict[int, LabelMatch], below: dict[int, Cell]) -> dict[int, Cell]:
    """The cells under a row of labels without a row name (年度资金总额) under a kept title
    (资金来源), when the rest of the row sits under the 自评表's own columns (年初预算数 |
    全年执行数 …). Under other labels (项目负责人 | 联系电话) such a row is the next header row,
    not values, and is left whole (the caller then refuses it)."""
    names = {
        col
        for col, cell in below.items()
        if labels[col].field == "extra" and match_label(cell.text, glued=False)
    }
    rest = [col for col in below if col not in names]
    if names and rest and all(labels[col].field == "lifecycle" for col in rest):
        return {col: cell for col, cell in below.items() if col not in names}
    return below
