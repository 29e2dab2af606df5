"""The audit log in the user's words: ``项目1.indicators[1].value_text`` becomes “项目 1 的第
2 个指标“服务对象满意度”的指标值”, derived fields (the parsed value, its anomalies, the
category) are left out because the text they come from is shown, and long values are cut."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from jixiao.store.models import AuditRow, DocumentRow

__all__ = ["ChangeLine", "describe_path", "readable_changes"]

PROJECT_FIELDS = {
    "seq": "序号",
    "title": "表名",
    "code": "项目编码",
    "name": "项目名称",
    "money_unit": "金额单位",
    "budget.total": "资金总额",
    "budget.fiscal": "财政拨款",
    "budget.other": "其他资金",
    "purpose": "项目概况",
    "goals": "年度绩效目标",
    "spending_plan": "资金支出计划",
    "indicators": "绩效指标",
    "mid_term_goals": "中期目标",
}
INDICATOR_FIELDS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "value_text": "指标值",
    "basis": "指标值说明",
    "description": "指标解释",
    "weight": "权重",
    "direction": "指标方向",
}
DOCUMENT_FIELDS = {
    "title": "标题",
    "fiscal_year": "年度",
    "overall_goals": "部门整体目标",
    "sub_goals": "分目标",
    "safeguards": "保障措施",
    "status": "状态",
    "comment": "意见",
    "source_name": "文件",
    "projects": "项目数",
    "project": "项目",
    "unit": "单位",
    "document": "文档",
}
_DERIVED = re.compile(
    r"\.(?:value|value_parts|category|source|extra|core|scoring|mid_term)(?:\.|\[|$)"
)
"""Indicator fields computed from the ones shown (the parsed value of 指标值, …)."""
_PROJECT = re.compile(r"^项目(\d+)\.(.+)$")
_INDICATOR = re.compile(r"^indicators\[(\d+)\]\.(.+)$")
_ITEM = re.compile(r"^(\w+)\[(\d+)\]$")
MAX_VALUE_CHARS = 80


@dataclass(frozen=True)
class ChangeLine:
    """One change as shown: what changed, and its value before and after."""

    what: str
    old: str
    new: str


def _show(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        text = "（空）"
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        text = f"{len(value)} 项"
    elif isinstance(value, list):
        text = "；".join(_show(v) for v in value)
    elif isinstance(value, dict):
        text = "；".join(f"{k}：{_show(v)}" for k, v in value.items())
    else:
        text = str(value)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def _indicator_names(row: DocumentRow | None) -> dict[tuple[int, int], str]:
    if row is None:
        return {}
    return {
        (project.seq, i): ind.name
        for project in row.projects
        for i, ind in enumerate(project.indicators)
    }


def describe_path(path: str, names: dict[tuple[int, int], str] | None = None) -> str | None:
    """What ``path`` names, in words; ``None`` for a derived field not worth showing."""
    names = names or {}
    project = _PROJECT.match(path)
    if project:
        seq, rest = int(project.group(1)), project.group(2)
        indicator = _INDICATOR.match(rest)
        if indicator:
            index, field = int(indicator.group(1)), indicator.group(2)
            if _DERIVED.search("." + field):
                return None
            name = names.get((seq, index))
            label = INDICATOR_FIELDS.get(field, field)
            quoted = f"“{name}”" if name else ""
            return f"项目 {seq} 的第 {index + 1} 个指标{quoted}的{label}"
        if rest.startswith("indicators["):
            return None
        item = _ITEM.match(rest)
        if item and item.group(1) in PROJECT_FIELDS:
            return f"项目 {seq} 的{PROJECT_FIELDS[item.group(1)]}第 {int(item.group(2)) + 1} 条"
        if rest.startswith("spending_plan"):
            return f"项目 {seq} 的资金支出计划"
        if rest.startswith("extensions") or rest.startswith("source"):
            return None
        return f"项目 {seq} 的{PROJECT_FIELDS.get(rest, rest)}"
    item = _ITEM.match(path)
    if item and item.group(1) in DOCUMENT_FIELDS:
        return f"{DOCUMENT_FIELDS[item.group(1)]}第 {int(item.group(2)) + 1} 条"
    return DOCUMENT_FIELDS.get(path, path)


def readable_changes(entry: AuditRow, document: DocumentRow | None = None) -> list[ChangeLine]:
    """The entry's changes in words, in the order they were recorded (indicator names from
    ``document`` as it is now)."""
    names = _indicator_names(document)
    lines = []
    for path, change in _items((entry.diff or {}).items()):
        what = describe_path(path, names)
        if what is None or not isinstance(change, dict):
            continue
        lines.append(ChangeLine(what, _show(change.get("old")), _show(change.get("new"))))
    return lines


def _items(changes: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, Any]]:
    """The changes, a list of texts that grew or shrank (a goal added) said item by item
    (“保障措施第 10 条：（空）→ 严格预算执行监控”) rather than as the whole list twice."""
    for path, change in changes:
        old = change.get("old") if isinstance(change, dict) else None
        new = change.get("new") if isinstance(change, dict) else None
        if not (isinstance(old, list) and isinstance(new, list)) or not _texts(old + new):
            yield path, change
            continue
        if len(old) == len(new):
            yield path, change
            continue
        for i, text in enumerate(old):
            if text not in new:
                yield f"{path}[{i}]", {"old": text, "new": None}
        for i, text in enumerate(new):
            if text not in old:
                yield f"{path}[{i}]", {"old": None, "new": text}


def _texts(values: list[Any]) -> bool:
    return all(isinstance(v, str) for v in values)
