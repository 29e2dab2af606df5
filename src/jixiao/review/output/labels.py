"""Chinese labels shared by the renderers: severities, positions in the document, source lines.

A finding's ``field`` is a path like ``indicators[3].value`` (for programs); people read
``第 4 项指标“审批业务办结率”的指标值`` instead, which is what ``describe_position`` gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from jixiao.model import Document, Project, SourceLocation
from jixiao.review.finding import Finding, Severity
from jixiao.review.merge import codes_of
from jixiao.review.registry import get_rule
from jixiao.review.report import Summary

__all__ = [
    "FIELD_LABELS",
    "SEVERITY_LABELS",
    "advice",
    "code_label",
    "common_unit",
    "describe_position",
    "describe_source",
    "document_findings",
    "field_label",
    "format_score",
    "project_findings",
    "projects_by_seq",
    "rule_name",
    "source_line",
    "summary_text",
]

SEVERITY_LABELS: dict[Severity, str] = {"error": "错误", "warning": "警告", "info": "提示"}

FIELD_LABELS: dict[str, str] = {
    # project
    "code": "项目编码",
    "name": "项目名称",
    "title": "表名",
    "unit": "单位",
    "money_unit": "金额单位",
    "budget": "预算数",
    "purpose": "资金用途",
    "spending_plan": "资金支出计划",
    "goals": "绩效目标",
    "indicators": "绩效指标",
    # indicator
    "level1": "一级指标",
    "level2": "二级指标",
    "category": "指标类别",
    "description": "指标解释",
    "value": "指标值",
    "value_text": "指标值",
    "basis": "指标值确定依据",
    # document
    "department": "部门整体绩效目标",
    "overall_goals": "总体绩效目标",
    "sub_goals": "分项绩效目标",
    "safeguards": "工作保障措施",
    "fiscal_year": "年度",
    "projects": "项目",
}
"""Model field names (the steps of a finding's ``field``) in the words of the printed table."""

_STEP = re.compile(r"([A-Za-z_]+)(?:\[(\d+)\])?")
_INDICATOR_NAME_CHARS = 24


def rule_name(code: str) -> str:
    """The rule's Chinese name, or ``""`` for a code no longer in the registry."""
    rule = get_rule(code)
    return rule.name if rule is not None else ""


def code_label(finding: Finding) -> str:
    """The rule codes a finding stands for: ``DUP-04、VAL-15、VAL-14`` when others were merged
    into it (one defect that several rules report)."""
    return "、".join(codes_of(finding))


def projects_by_seq(doc: Document) -> dict[int, Project]:
    return {project.seq: project for project in doc.projects}


def document_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings about the document as a whole (no project), in report order."""
    return [f for f in findings if f.project_seq is None]


def project_findings(findings: Iterable[Finding], seq: int) -> list[Finding]:
    return [f for f in findings if f.project_seq == seq]


def field_label(field: str) -> str:
    """``indicators[3].value`` → ``绩效指标第 4 项·指标值``; unknown steps are kept as is."""
    labels = []
    for part in field.split("."):
        match = _STEP.fullmatch(part)
        if match is None:
            return field
        label = FIELD_LABELS.get(match.group(1), match.group(1))
        if match.group(2) is not None:
            label += f"第 {int(match.group(2)) + 1} 项"
        labels.append(label)
    return "·".join(labels)


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_position(finding: Finding, project: Project | None = None) -> str:
    """Where the finding points, in Chinese: ``第 4 项指标“审批业务办结率”的指标值``.

    ``project`` is the finding's project (for the indicator's name); without it the position
    is given by number only.
    """
    field = finding.field or ""
    index = finding.indicator_index
    if index is not None:
        prefix = f"indicators[{index}]"
        rest = field[len(prefix) :].lstrip(".") if field.startswith(prefix) else ""
        where = f"第 {index + 1} 项指标"
        if project is not None and index < len(project.indicators):
            where += f"“{_shorten(project.indicators[index].name, _INDICATOR_NAME_CHARS)}”"
        return f"{where}的{field_label(rest)}" if rest else where
    if field:
        return field_label(field)
    return "整个项目" if finding.project_seq is not None else "整个文件"


def _span(first: int | None, last: int | None, unit: str) -> str | None:
    if first is None:
        return None
    if last is None or last == first:
        return f"第 {first} {unit}"
    return f"第 {first}～{last} {unit}"


def describe_source(source: SourceLocation | None) -> str:
    """The finding's place in the input file: ``第 61～66 行`` for text inputs (lines), else
    ``工作表“X” 第 3 页 表 2 第 5 行`` for paged and tabular ones; ``""`` if unknown."""
    if source is None:
        return ""
    if source.line is not None:
        return _span(source.line, source.end_line, "行") or ""
    parts = []
    if source.sheet:
        parts.append(f"工作表“{source.sheet}”")
    if source.page is not None:
        parts.append(f"第 {source.page} 页")
    if source.table is not None:
        parts.append(f"表 {source.table}")
    if source.row is not None:
        parts.append(f"第 {source.row} 行")
        if source.col is not None:
            parts.append(f"第 {source.col} 列")
    return " ".join(parts)


def source_line(source: SourceLocation | None) -> int | None:
    """The first line (text inputs) or table row the finding comes from."""
    if source is None:
        return None
    return source.line if source.line is not None else source.row


def summary_text(summary: Summary) -> str:
    """One line, e.g. ``11 个项目；错误 3 条、警告 12 条、提示 4 条（可自动修正 10 条）；
    平均得分 87.5（良）``."""
    text = (
        f"{summary.projects} 个项目；错误 {summary.errors} 条、警告 {summary.warnings} 条、"
        f"提示 {summary.infos} 条（可自动修正 {summary.fixable} 条）"
    )
    if summary.score is not None:
        text += f"；平均得分 {format_score(summary.score)}（{summary.grade}）"
    return text


def format_score(score: float) -> str:
    """``100.0`` → ``100``, ``87.5`` → ``87.5``."""
    return f"{round(score, 2):g}"


def advice(finding: Finding) -> str | None:
    """The suggestion and, if the finding carries a fix, what the fix does and whether it is
    applied automatically (``jixiao review --fix``) or needs someone to confirm it."""
    fix = finding.fix
    if fix is None:
        return finding.suggestion
    label = "可自动修正" if fix.safety == "safe" else "修改需人工确认"
    if not finding.suggestion:
        return f"{label}：{fix.title}"
    if fix.title == finding.suggestion:
        return f"{finding.suggestion}（{label}）"
    return f"{finding.suggestion}\n{label}：{fix.title}"


def common_unit(doc: Document) -> str | None:
    """The unit (单位) name all projects share, for findings about the whole document."""
    names = {project.unit.name for project in doc.projects if project.unit.name}
    return names.pop() if len(names) == 1 else None
