"""Terminal and JSON reports of the monitoring and scoring engines (Chinese, for users)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter
from rich.console import Console
from rich.table import Table
from rich.text import Text

from jixiao.lifecycle.formulas import round2
from jixiao.lifecycle.monitoring import MonitoringResult
from jixiao.lifecycle.schemes import LIGHT_LABELS, Light
from jixiao.lifecycle.scoring import UnitScore
from jixiao.review.finding import Finding

__all__ = ["monitoring_json", "render_monitoring", "render_scores", "scores_json"]

_STYLE: dict[Light, str] = {"red": "red", "yellow": "yellow", "green": "green", "blue": "blue"}
_SEVERITY = {"error": ("错误", "red"), "warning": ("警告", "yellow"), "info": ("提示", "cyan")}


def _light(light: Light | None) -> Text:
    if light is None:
        return Text("—")
    return Text(f"● {LIGHT_LABELS[light]}", style=_STYLE[light])


def _title(seq: int | None, code: str | None, name: str) -> str:
    head = name if seq is None else f"{seq}、{name}"
    return head + (f"（{code}）" if code else "")


def _findings(console: Console, findings: list[Finding]) -> None:
    for f in findings:
        label, style = _SEVERITY[f.severity]
        line = Text(f"  [{label}] {f.code} ", style=style)
        line.append(f.message, style="")
        console.print(line)
        if f.text:
            console.print(Text(f"      {f.text}", style="dim"))


def render_monitoring(results: list[MonitoringResult], console: Console) -> None:
    if not results:
        console.print("文档中没有运行监控记录。")
        return
    for r in results:
        head = Text(f"{_title(r.seq, r.code, r.name)}  1–{r.month}月运行监控  总体：", style="bold")
        head.append_text(_light(r.light))
        console.print(head)
        if r.budget is not None:
            console.print(
                f"  预算执行：执行数 {r.budget.executed} / 预算数 {r.budget.budget}，"
                f"执行率 {r.budget.rate}%"
            )
            for c in r.budget.comparisons:
                line = Text(f"    {c.basis}：")
                line.append_text(_light(c.light))
                line.append(f"  {c.formula}", style="dim")
                console.print(line)
        table = Table(show_lines=False, pad_edge=False)
        for column in ("指标", "信号灯", "进度", "计算"):
            table.add_column(column)
        for s in r.indicators:
            table.add_row(
                s.name, _light(s.light), "" if s.ratio is None else f"{s.ratio}%", s.formula
            )
        console.print(table)
        _findings(console, r.findings)
        console.print()


def render_scores(scores: list[UnitScore], console: Console) -> None:
    if not scores:
        console.print("文档中没有绩效自评记录。")
        return
    for s in scores:
        console.print(
            Text(
                f"{_title(s.seq, s.code, s.name)}  自评得分 {s.total} 分  等级：{s.grade}",
                style="bold",
            )
        )
        table = Table(pad_edge=False)
        for column in ("指标", "分值", "得分", "填报得分", "计算"):
            table.add_column(column)
        weight = s.budget.inputs.get("weight")
        table.add_row(
            "预算执行",
            "" if weight is None else str(weight),
            str(s.budget.score),
            "",
            s.budget.formula,
        )
        for row in s.rows:
            table.add_row(
                row.name,
                str(round2(row.weight)) if row.applicable else "不适用",
                str(row.scored.score),
                "" if row.declared_score is None else str(row.declared_score),
                row.scored.formula,
            )
        console.print(table)
        if s.rescaled:
            console.print(f"  适用指标得分合计 {s.raw_total} 分，按百分制折算为 {s.total} 分")
        _findings(console, s.findings)
        console.print()


_MONITORING = TypeAdapter(list[MonitoringResult])
_SCORES = TypeAdapter(list[UnitScore])


def _json(kind: str, results: Any) -> str:
    return json.dumps({"kind": kind, "results": results}, ensure_ascii=False, indent=2) + "\n"


def monitoring_json(results: list[MonitoringResult]) -> str:
    return _json("monitor", _MONITORING.dump_python(results, mode="json"))


def scores_json(scores: list[UnitScore]) -> str:
    return _json("selfeval", _SCORES.dump_python(scores, mode="json"))
