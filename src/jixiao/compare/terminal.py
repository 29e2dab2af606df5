"""The diff in the terminal: rich tables with Chinese headings (``jixiao diff``)."""

from __future__ import annotations

from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jixiao.compare.result import BudgetChange, DocumentDiff, DocumentRef, ProjectDiff

__all__ = ["budget_text", "document_label", "render_text"]

_CHANGE_STYLES = {"raised": "green", "lowered": "red", "unchanged": "", "incomparable": "yellow"}


def document_label(doc: DocumentRef) -> str:
    year = f"{doc.fiscal_year} 年" if doc.fiscal_year else "年度未识别"
    return f"{doc.title or doc.name}（{year}）"


def _amount(value: Decimal | None) -> str:
    return "—" if value is None else format(value.normalize(), "f")


def budget_text(budget: BudgetChange) -> str:
    """``72.64 → 87.17 万元（+14.53，+20.0%）``, or ``10 万元（不变）``."""
    if budget.delta == 0:
        return f"{_amount(budget.new)} {budget.money_unit}（不变）"
    text = f"{_amount(budget.old)} → {_amount(budget.new)} {budget.money_unit}"
    if budget.delta is not None:
        sign = "+" if budget.delta > 0 else ""
        text += f"（{sign}{_amount(budget.delta)}"
        if budget.percent is not None:
            text += f"，{'+' if budget.percent > 0 else ''}{budget.percent:.1f}%"
        text += "）"
    return text


def _cell(text: str, style: str = "") -> Text:
    return Text(text, style=style)


def _projects_table(diff: DocumentDiff) -> Table:
    table = Table(title="项目对照", show_lines=False, title_justify="left")
    for header in ("上年项目", "本年项目", "匹配依据", "预算变化", "指标变化", "提示"):
        table.add_column(header)
    for p in diff.projects:
        counts = [
            f"{label} {n}"
            for label, n in (
                ("提高", sum(i.change == "raised" for i in p.indicators)),
                ("降低", sum(i.change == "lowered" for i in p.indicators)),
                ("无法比较", sum(i.change == "incomparable" for i in p.indicators)),
                ("新增", len(p.indicators_added)),
                ("删除", len(p.indicators_dropped)),
            )
            if n
        ]
        table.add_row(
            _cell(f"{p.old.seq}. {p.old.name}"),
            _cell(f"{p.new.seq}. {p.new.name}"),
            _cell(p.match_reason),
            _cell(budget_text(p.budget)),
            _cell("、".join(counts) or "无变化"),
            _cell(str(len(p.flags)) if p.flags else "", "red" if p.flags else ""),
        )
    return table


def _project_details(p: ProjectDiff, console: Console) -> None:
    changed = [i for i in p.indicators if i.change != "unchanged"]
    if not (changed or p.indicators_added or p.indicators_dropped or p.goals.changed):
        return
    title = f"项目“{p.new.name}”的变化" if p.new.seq else f"{p.new.name}的变化"
    table = Table(title=title, title_justify="left")
    for header in ("变化", "指标", "上年", "本年", "说明"):
        table.add_column(header)
    for i in changed:
        table.add_row(
            _cell(i.change_label, _CHANGE_STYLES[i.change]),
            _cell(f"{i.new.level2} / {i.new.name}"),
            _cell(i.old.value_text),
            _cell(i.new.value_text),
            _cell(f"{i.reason}；{i.match_reason}"),
        )
    for ind in p.indicators_added:
        table.add_row(
            _cell("新增指标", "cyan"), _cell(f"{ind.level2} / {ind.name}"), "", ind.value_text, ""
        )
    for ind in p.indicators_dropped:
        table.add_row(
            _cell("删除指标", "magenta"),
            _cell(f"{ind.level2} / {ind.name}"),
            ind.value_text,
            "",
            "",
        )
    for goal in p.goals.added:
        table.add_row(_cell("新增目标", "cyan"), "绩效目标", "", _cell(goal), "")
    for goal in p.goals.removed:
        table.add_row(_cell("删除目标", "magenta"), "绩效目标", _cell(goal), "", "")
    console.print(table)


def render_text(diff: DocumentDiff, console: Console) -> None:
    s = diff.summary
    console.print(
        Text(f"上年：{document_label(diff.old)}\n本年：{document_label(diff.new)}", style="bold")
    )
    console.print(
        Text(
            f"匹配项目 {s.matched} 个，新增 {s.added} 个，取消 {s.dropped} 个；"
            f"指标目标提高 {s.raised} 项、降低 {s.lowered} 项、不变 {s.unchanged} 项、"
            f"无法比较 {s.incomparable} 项；新增指标 {s.indicators_added} 项、"
            f"删除指标 {s.indicators_dropped} 项；提示 {s.flags} 条。"
        )
    )
    if diff.department is not None:
        console.print(
            Text(f"{diff.department.new.name}：预算 {budget_text(diff.department.budget)}")
        )
        _project_details(diff.department, console)
    if diff.projects:
        console.print(_projects_table(diff))
    for title, refs in (("新增项目", diff.projects_added), ("取消项目", diff.projects_dropped)):
        if refs:
            table = Table(title=title, title_justify="left")
            for header in ("序号", "项目编码", "项目名称"):
                table.add_column(header)
            for ref in refs:
                table.add_row(str(ref.seq), ref.code or "", ref.name)
            console.print(table)
    for p in diff.projects:
        _project_details(p, console)
    if diff.flags:
        table = Table(title="提示", title_justify="left")
        for header in ("级别", "问题", "项目", "说明"):
            table.add_column(header)
        for flag in diff.flags:
            table.add_row(
                _cell(flag.severity_label, "yellow"),
                _cell(flag.title),
                _cell(f"{flag.project_seq}. {flag.project}" if flag.project_seq else flag.project),
                _cell(flag.message),
            )
        console.print(table)
    else:
        console.print(Text("没有发现目标值低于上年或预算与产出不匹配的情况。", style="green"))
