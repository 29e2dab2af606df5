"""The review as text for a terminal (or a plain file): grouped by document, then project.

Everything taken from a document (names, quoted text, messages that quote it) is printed as
``rich.text.Text``, never parsed as rich markup: ``[bold]`` in a project name stays literal.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

from jixiao.model import Document, Project
from jixiao.review.finding import Finding
from jixiao.review.output.labels import (
    SEVERITY_LABELS,
    advice,
    code_label,
    describe_position,
    describe_source,
    document_findings,
    format_score,
    project_findings,
    projects_by_seq,
    summary_text,
)
from jixiao.review.report import ProjectGrade, Report, Summary

__all__ = ["GRADE_STYLES", "SEVERITY_STYLES", "render_text"]

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "blue"}
GRADE_STYLES = {"优": "bold green", "良": "green", "中": "yellow", "差": "bold red"}


def _title(doc: Document) -> Text:
    text = Text("审核报告：", style="bold")
    text.append(doc.source.name, style="bold")
    if doc.title:
        text.append(f"　{doc.title}")
    if doc.fiscal_year is not None:
        text.append(f"　{doc.fiscal_year} 年度")
    return text


def _finding_body(finding: Finding, project: Project | None) -> Text:
    body = Text()
    body.append(code_label(finding), style="bold")
    body.append(f"　{describe_position(finding, project)}", style="cyan")
    where = describe_source(finding.source)
    if where:
        body.append(f"　{where}", style="dim")
    body.append("\n")
    body.append(finding.message)
    if finding.text:
        body.append("\n原文：", style="dim")
        body.append(finding.text)
    text = advice(finding)
    if text:
        body.append("\n建议：", style="dim")
        body.append(text, style="green" if finding.fix and finding.fix.safety == "safe" else "")
    return body


def _trimmed(line: list[Segment]) -> list[Segment]:
    """A rendered line without trailing whitespace (rich keeps the space it wrapped at)."""
    line = list(line)
    while line and not line[-1].control and not line[-1].text.rstrip():
        line.pop()
    if line and not line[-1].control:
        last = line[-1]
        line[-1] = Segment(last.text.rstrip(), last.style)
    return line


class _Trim:
    """Render ``renderable`` and drop trailing whitespace from every line, so reports written
    to files or pipes have none."""

    def __init__(self, renderable: Text) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in console.render_lines(self.renderable, options, pad=False):
            yield from _trimmed(line)
            yield Segment.line()


class _Hanging:
    """``label`` then ``body`` wrapped with a hanging indent (without padding lines to the
    full width, and without trailing whitespace)."""

    def __init__(self, label: Text, body: Text, indent: int) -> None:
        self.label = label
        self.body = body
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        body_width = max(options.max_width - self.indent, 20)
        lines = console.render_lines(self.body, options.update_width(body_width), pad=False)
        label = self.label.copy()
        label.append(" " * max(self.indent - cell_len(label.plain), 1))
        first = list(console.render(label, options))[:-1]  # without its line break
        blank = Segment(" " * self.indent)
        for number, line in enumerate(lines):
            yield from first if number == 0 else [blank]
            yield from _trimmed(line)
            yield Segment.line()


def _print_findings(console: Console, findings: list[Finding], project: Project | None) -> None:
    for number, finding in enumerate(findings):
        if number:
            console.print()
        label = Text("  ")
        label.append(SEVERITY_LABELS[finding.severity], style=SEVERITY_STYLES[finding.severity])
        console.print(_Hanging(label, _finding_body(finding, project), indent=7))


def _project_heading(grade: ProjectGrade, project: Project | None, count: int) -> Text:
    text = Text(f"{grade.seq}. ", style="bold")
    if grade.code:
        text.append(f"{grade.code}　", style="bold")
    text.append(grade.name or "（无项目名称）", style="bold")
    if project is not None and project.unit.name:
        text.append(f"　{project.unit.name}", style="dim")
    text.append("　得分 ")
    text.append(format_score(grade.score), style="bold")
    text.append("（")
    text.append(grade.grade, style=GRADE_STYLES[grade.grade])
    text.append("）")
    if count == 0:
        text.append("　未发现问题", style="green")
    return text


def _summary_line(summary: Summary, label: str = "小结：") -> Text:
    return Text(label + summary_text(summary), style="bold")


def render_document(doc: Document, report: Report, console: Console) -> None:
    """One document's review: its own findings first, then each project with its findings."""
    console.print(_Trim(_title(doc)))
    console.print()
    own = document_findings(report.findings)
    if own:
        console.print(Text(f"文件整体（{len(own)} 条）", style="bold"))
        _print_findings(console, own, None)
        console.print()
    projects = projects_by_seq(doc)
    for grade in report.projects:
        project = projects.get(grade.seq)
        findings = project_findings(report.findings, grade.seq)
        console.print(_Trim(_project_heading(grade, project, len(findings))))
        _print_findings(console, findings, project)
        console.print()
    console.print(_Trim(_summary_line(report.summary)))


def render_text(results: Sequence[tuple[Document, Report]], console: Console) -> None:
    """Print the review of each document; for several documents, a line of totals at the end."""
    for number, (doc, report) in enumerate(results):
        if number:
            console.print()
            console.rule(style="dim")
            console.print()
        render_document(doc, report, console)
    if len(results) > 1:
        reports = [report for _, report in results]
        projects = sum(r.summary.projects for r in reports)
        line = (
            f"总计：{len(reports)} 份文件，{projects} 个项目；"
            f"错误 {sum(r.summary.errors for r in reports)} 条、"
            f"警告 {sum(r.summary.warnings for r in reports)} 条、"
            f"提示 {sum(r.summary.infos for r in reports)} 条"
            f"（可自动修正 {sum(r.summary.fixable for r in reports)} 条）"
        )
        scores = [p.score for r in reports for p in r.projects]
        if scores:
            line += f"；平均得分 {format_score(sum(scores) / len(scores))}"
        console.print()
        console.print(_Trim(Text(line, style="bold")))
