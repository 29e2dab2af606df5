"""Reader for plain text exported from a PDF (seed 003).

Table borders are gone: a label and its value may share a line (``预算数 29.25``) or not
(``项目编码`` / ``13022525P004RE21005`` / ``0L``), and labels themselves wrap
(``预算规模及`` / ``资金用途``). The fixed labels of the 绩效目标表 are found in the text with
any whitespace between their characters; what lies between two labels is the value. The result
is the same table of cells the DOCX export gives, so one assembler reads both.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.layout import Cell, Layout, LayoutWarning, Paragraph, Position, Table
from jixiao.readers.text.pdf_export_cut import CutSearch, PieceRow
from jixiao.readers.text.pdf_export_indicators import read_indicator_rows
from jixiao.readers.text.pdf_export_lines import (
    PdfLine,
    is_page_number,
    join_paragraphs,
    split_lines,
)
from jixiao.textutil import join_wrapped

__all__ = ["is_pdf_export", "read_pdf_export"]

PROJECT_TITLE = re.compile(r"^\s*[0-9]{1,3}\s*[、.．]\s*\S.*绩效目标表\s*$")
_MONTHS = ("3月底", "6月底", "10月底", "12月底")
_NUMBER = re.compile(r"^[-+]?[0-9][0-9,]*(?:\.[0-9]+)?$")
INDICATOR_HEADER = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")


def is_pdf_export(lines: list[str]) -> bool:
    return any(line.strip() == "项目编码" or line.strip().startswith("项目编码 ") for line in lines)


@lru_cache(maxsize=64)  # a handful of fixed labels, looked up in every project
def _label_pattern(label: str) -> re.Pattern[str]:
    parts = [re.escape(ch) if ch not in "：:" else "[：:]" for ch in label]
    return re.compile(r"\s*".join(parts))


@dataclass
class _Stream:
    """The block's lines as one string, with a map from offsets back to line numbers."""

    text: str
    starts: list[tuple[int, PdfLine]]
    offsets: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.offsets = [offset for offset, _ in self.starts]
        self.ends = [offset + len(line.text) for offset, line in self.starts]

    @classmethod
    def of(cls, lines: list[PdfLine]) -> _Stream:
        parts: list[str] = []
        starts: list[tuple[int, PdfLine]] = []
        offset = 0
        for line in lines:
            starts.append((offset, line))
            parts.append(line.text)
            offset += len(line.text) + 1
        return cls("\n".join(parts), starts)

    def find(self, label: str, start: int = 0) -> re.Match[str] | None:
        return _label_pattern(label).search(self.text, start)

    def position(
        self, start: int, end: int, table: int, row: int, col: int | None = None
    ) -> Position:
        # Lines follow one another: those ending before ``start`` and those beginning at or
        # after ``end`` are found by bisection, and the first and the last line between hold
        # the least and greatest number.
        first = bisect_left(self.ends, start)
        stop = bisect_left(self.offsets, max(start + 1, end))
        if first >= stop:
            return Position(table=table, row=row, col=col)
        starts = self.starts
        return Position(
            line=starts[first][1].number,
            end_line=starts[stop - 1][1].number,
            table=table,
            row=row,
            col=col,
        )


def read_pdf_export(text: str) -> Layout:
    lines = split_lines(text)
    layout = Layout()
    titles = [i for i, line in enumerate(lines) if PROJECT_TITLE.match(line.text)]
    head = lines[: titles[0]] if titles else lines
    for paragraph, first, last in join_paragraphs(head):
        layout.blocks.append(Paragraph(paragraph, Position(line=first, end_line=last)))
    searches: dict[PieceRow, CutSearch] = {}  # rows recur across projects
    for n, start in enumerate(titles):
        end = titles[n + 1] if n + 1 < len(titles) else len(lines)
        title = lines[start]
        layout.blocks.append(
            Paragraph(title.text, Position(line=title.number, end_line=title.number))
        )
        block = [
            line
            for line in lines[start + 1 : end]
            if not (line.page_start and is_page_number(line))
        ]
        table, warnings = _project_table(block, n + 1, searches)
        layout.blocks.append(table)
        layout.warnings += warnings
    return layout


class _TableBuilder:
    def __init__(self, stream: _Stream, table_no: int):
        self.stream = stream
        self.table_no = table_no
        self.cells: list[Cell] = []
        self.warnings: list[LayoutWarning] = []
        self.row = 0

    def add_row(self, texts: list[tuple[str, int, int]]) -> None:
        for col, (text, start, end) in enumerate(texts):
            position = self.stream.position(start, end, self.table_no, self.row + 1, col + 1)
            self.cells.append(Cell(text, self.row, col, position=position))
        self.row += 1


def _segment(stream: _Stream, start: int, end: int) -> str:
    lines = [line for line in stream.text[start:end].split("\n")]
    return join_wrapped(lines)


def _project_table(
    block: list[PdfLine], table_no: int, searches: dict[PieceRow, CutSearch]
) -> tuple[Table, list[LayoutWarning]]:
    stream = _Stream.of(block)
    out = _TableBuilder(stream, table_no)
    text = stream.text
    labels = {
        name: stream.find(name)
        for name in (
            "单位：",
            "项目编码",
            "项目名称",
            "预算规模及资金用途",
            "资金支出计划（%）",
            "绩效目标",
        )
    }
    header = stream.find("一级指标")
    code, name, money = labels["项目编码"], labels["项目名称"], labels["预算规模及资金用途"]
    plan, goals = labels["资金支出计划（%）"], labels["绩效目标"]
    unit = labels["单位："]
    if unit is not None:
        line_start = text.rfind("\n", 0, unit.start()) + 1
        line_end = text.find("\n", unit.end())
        line_end = len(text) if line_end < 0 else line_end
        owner = (text[line_start : unit.start()].strip(), line_start, unit.start())
        out.add_row([owner, (text[unit.start() : line_end].strip(), unit.start(), line_end)])
    if code is not None:
        code_end = name.start() if name is not None else text.find("\n", code.end())
        row = [("项目编码", code.start(), code.end())]
        row.append(("".join(text[code.end() : code_end].split()), code.end(), code_end))
        if name is not None:
            name_end = money.start() if money is not None else len(text)
            row += [("项目名称", name.start(), name.end())]
            row += [(_segment(stream, name.end(), name_end), name.end(), name_end)]
        out.add_row(row)
    if money is not None:
        _money_rows(stream, out, money.end(), plan.start() if plan is not None else len(text))
    if plan is not None:
        plan_end = goals.start() if goals is not None else len(text)
        _plan_rows(stream, out, plan.start(), plan.end(), plan_end)
    if goals is not None:
        goals_end = header.start() if header is not None else len(text)
        out.add_row(
            [
                ("绩效目标", goals.start(), goals.end()),
                (_segment(stream, goals.end(), goals_end), goals.end(), goals_end),
            ]
        )
    if header is not None:
        header_end = stream.find("指标值确定依据", header.end())
        body_start = header_end.end() if header_end is not None else header.end()
        out.add_row([(label, header.start(), body_start) for label in INDICATOR_HEADER])
        body = [line for offset, line in stream.starts if offset >= body_start]
        for indicator in read_indicator_rows(body, searches):
            first = indicator.lines[0].number if indicator.lines else None
            last = indicator.lines[-1].number if indicator.lines else None
            for col, value in enumerate([indicator.level1, indicator.level2, *indicator.cells]):
                position = Position(
                    line=first, end_line=last, table=table_no, row=out.row + 1, col=col + 1
                )
                out.cells.append(Cell(value, out.row, col, position=position))
            out.row += 1
    first_line = block[0].number if block else None
    last_line = block[-1].number if block else None
    table = Table(tuple(out.cells), Position(line=first_line, end_line=last_line, table=table_no))
    return table, out.warnings


def _money_rows(stream: _Stream, out: _TableBuilder, start: int, end: int) -> None:
    """预算数 N 其中：财政资金 N 其他资金 [N] then the 资金用途 text up to the spending plan."""
    text = stream.text
    row: list[tuple[str, int, int]] = [("预算规模及资金用途", start, start)]
    cursor = start
    for label in ("预算数", "其中：财政资金", "其他资金"):
        found = stream.find(label, cursor)
        if found is None or found.start() >= end:
            continue
        row.append((label, found.start(), found.end()))
        after = text[found.end() : end].split()
        value = after[0] if after and _NUMBER.match(after[0]) else ""
        value_end = found.end()
        if value:
            value_end = text.index(value, found.end()) + len(value)
        row.append((value, found.end(), value_end))
        cursor = value_end
    out.add_row(row)
    purpose = _segment(stream, cursor, end)
    if purpose:
        out.add_row([("", cursor, cursor), (purpose, cursor, end)])


def _plan_rows(stream: _Stream, out: _TableBuilder, label_start: int, start: int, end: int) -> None:
    text = stream.text
    cursor = start
    header: list[tuple[str, int, int]] = [("资金支出计划（%）", label_start, start)]
    for month in _MONTHS:
        found = stream.find(month, cursor)
        if found is None or found.start() >= end:
            break
        header.append((month, found.start(), found.end()))
        cursor = found.end()
    out.add_row(header)
    values = text[cursor:end].split()
    slots = len(header) - 1
    if 0 < len(values) < slots:
        # Blank cells leave no trace in the text, so which month a lone value belongs to is
        # unknown; plans fill up towards the year end, so align right and say so.
        out.warnings.append(
            LayoutWarning(
                "spending_plan_ambiguous",
                f"资金支出计划只读到 {len(values)} 个数值（应有 {slots} 个），"
                "已按靠后的月份对齐，请核对原件",
                stream.position(cursor, end, out.table_no, out.row + 1),
            )
        )
    padded = ([""] * (slots - len(values)) + values)[-slots:] if slots else []
    out.add_row([("", cursor, cursor)] + [(value, cursor, end) for value in padded])
