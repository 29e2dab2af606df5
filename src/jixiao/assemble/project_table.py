"""Reading one 绩效目标表 from table rows, by the labels in its cells, not by fixed positions.

Rows arrive in order from one or more tables (a DOCX may split the header block and the
indicator table). Header fields are found by the label dictionary (``labels``) wherever they
sit: the value to the right of its label, or below it when the labels form a row of their
own, or glued into the label's cell (``项目名称：乡村道路``). Money labels under a 中期 or 年度
total belong to that column's budget. The indicator rows are read by column roles
(``columns``, ``indicator_rows``); the spending plan is read by ``spending_plan`` and the
result built by ``project_result`` (both mixed into ``ProjectBuilder``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.assemble.columns import Columns, inferred_columns, role_of
from jixiao.assemble.department_records import is_department_budget_label
from jixiao.assemble.field_values import (
    UNIT_OWNER,
    continue_goals,
    names_organisation,
    parse_amount,
    parse_unit,
    split_goals,
)
from jixiao.assemble.indicator_rows import IndicatorRows, one_line
from jixiao.assemble.labels import LabelMatch, is_table_title, match_label, money_unit_in
from jixiao.assemble.lifecycle_budget import BudgetRows, source_columns
from jixiao.assemble.lifecycle_tables import drop_row_names, split_glued
from jixiao.assemble.project_header import footer_row, header_of
from jixiao.assemble.project_result import ProjectResult
from jixiao.assemble.spending_plan import SpendingPlanCells
from jixiao.layout import Cell, LayoutWarning, Paragraph
from jixiao.model import ExtraField, Unit
from jixiao.textutil import join_wrapped, normalize_space

__all__ = [
    "MONTH",
    "ProjectBuilder",
    "continue_goals",
    "parse_amount",
    "parse_unit",
    "split_goals",
]

MONTH = re.compile(r"^(3|6|10|12)月(?:底|末)?$")
_YEAR_ONLY = re.compile(r"[（(]?\s*(20[0-9]{2})\s*年度?\s*[）)]?")
_SUMMARY_ROW = {"合计", "总计", "小计", "总分", "自评总分"}
_GROUPS = {"money_group", "goals_group", "indicators_group"}
# Fields whose label, met again, means the next project's header has begun.
_IDENTITY = {"code", "name"}
_MONEY = {"total": "total", "fiscal": "fiscal", "other": "other"}


@dataclass
class ProjectBuilder(SpendingPlanCells, ProjectResult):
    """Collects one project's rows; ``build()`` turns them into a ``Project``."""

    seq: int
    title: str | None = None
    first_line: int | None = None
    last_line: int | None = None
    first_page: int | None = None  # paged formats (PDF) and spreadsheets: where the table starts
    sheet: str | None = None
    unit: Unit = field(default_factory=Unit)
    money_unit: str = "万元"
    code: str | None = None
    name: str | None = None
    budget: dict[str, Decimal | None] = field(default_factory=dict)
    mid_budget: dict[str, Decimal | None] = field(default_factory=dict)
    purpose: str | None = None
    plan: dict[int, Decimal | None] = field(default_factory=dict)
    goals: list[str] = field(default_factory=list)
    mid_goals: list[str] = field(default_factory=list)
    extra: list[ExtraField] = field(default_factory=list)
    warnings: list[LayoutWarning] = field(default_factory=list)
    columns: Columns | None = None
    rows: IndicatorRows | None = None
    header_width: int = 0
    department: str | None = None
    year: int | None = None  # the budget year the table prints (（2024年度）, 预算年度)
    unit_labelled: bool = False
    department_wide: bool = False  # a 部门整体 自评表 / 监控表 (its title, 部门预算)
    department_named: bool = False  # 部门名称 printed where a project table has 项目名称
    printed: set[str] = field(default_factory=set)  # header fields whose label was met
    _state: str = "start"
    _months: dict[int, int] = field(default_factory=dict)
    _below: dict[int, LabelMatch] = field(default_factory=dict)
    _money_context: dict[int, str] = field(default_factory=dict)
    _last_field: str | None = None
    _touched: bool = False
    _above: list[Cell] | None = None  # the previous row, for two-row headers
    budget_rows: BudgetRows = field(default_factory=BudgetRows)  # 自评表 source rows
    _current: list[Cell] | None = None

    # -- state the assembler asks about (more in ``ProjectResult``) -----------------------

    def starts_next(self, row: list[Cell]) -> bool:
        """Whether this row opens the next project's header (a name or code met again, or a
        header row after the indicators)."""
        matches = [m for cell in row if (m := match_label(cell.text)) is not None]
        fields = {m.field for m in matches}
        if fields & _IDENTITY and (
            ("code" in fields and self.code is not None)
            or ("name" in fields and self.name is not None)
        ):
            return True
        if self.is_finished() and self._title_row(row):
            return True
        if self.department_named and self.is_finished() and fields & {"name", "dept_name"}:
            return True  # a project's table after the department's
        if not self.is_finished() or self._state != "indicators":
            return any(money_unit_in(c.text) for c in row) and self.is_finished()
        return self.is_header_row(row) and not footer_row(row)

    def year_under_title(self, text: str) -> bool:
        """A paragraph ``（2024年度）`` right under this project's title: taken as its year."""
        found = _YEAR_ONLY.fullmatch(text.strip())
        if found is None or self.title is None or not self.is_empty() or not text.strip():
            return False
        self.year = int(found.group(1))
        return True

    @staticmethod
    def _title_row(row: list[Cell]) -> bool:
        """A row holding only the table's title (项目支出绩效目标表 printed inside the table)."""
        texts = [c.text for c in row if c.text.strip()]
        return len(texts) == 1 and is_table_title(texts[0])

    def is_header_row(self, row: list[Cell]) -> bool:
        """A row of header fields (not an indicator): its first filled cell is a field label or
        a money unit (单位：万元)."""
        first = next((c for c in row if c.text.strip()), None)
        if first is None:
            return False
        if money_unit_in(first.text) and len(first.text.strip()) < 20:
            return True
        found = match_label(first.text, glued=False)
        if found is not None:
            return found.field not in ("other", "purpose", "year") and (
                "".join(first.text.split()) not in _SUMMARY_ROW
            )
        glued = match_label(first.text)
        return glued is not None and glued.field in _IDENTITY | {"unit", "department"}

    # -- rows ---------------------------------------------------------------------------

    def add_row(self, row: list[Cell], grid_row: list[Cell | None], r: int) -> None:
        self._touch(row)
        if self._state == "indicators" and self.columns is not None:
            if self._is_repeated_header(row, grid_row, r) or self._summary_row(row):
                return
            if not self.is_header_row(row):
                assert self.rows is not None
                self.rows.add(grid_row, r, self.header_width)
                return
            self._state = "fields"
        texts = [cell.text for cell in row]
        if not any(t.strip() for t in texts) and self._state != "plan_values":
            return  # a blank row between blocks (spreadsheets keep them)
        if self.columns is None or self._state != "indicators":
            found = self._header(row, grid_row, r)
            if found is not None:
                self.set_columns(found, row)
                return
        if self.columns is None and (guess := self._inferred(row)) is not None:
            self.set_columns(guess, row)
            self._warn(
                "indicator_header_missing",
                "指标表没有表头（一级指标、二级指标……），已按各列内容推断栏目，请核对",
                row[0].position,
            )
            assert self.rows is not None
            self.rows.add(grid_row, r, 0)
            return
        if any("划" in t and "资金支出计划" in "".join(t.split()) for t in texts):
            self._months = {
                cell.col: int(m.group(1))
                for cell in row
                if (m := MONTH.match("".join(cell.text.split())))
            }
            if self._months or not self._plan_in_cells(row):
                self._state = "plan_values"
            return
        if self._state == "plan_values":
            self._plan_values(grid_row, r)
            self._state = "after_plan"
            return
        self.budget_rows.part_row(row)  # 其中：财政拨款 … under 年度资金总额 (checked only)
        if self._below and (split := source_columns(self._below, row)) is not None:
            self._below = split  # 财政拨款 | 其他资金 under 年初预算数 … (Sichuan)
            return
        if self._below and self._fill_below(grid_row, r):
            return
        if self._continuation(row, grid_row, r):
            return
        self._field_row(row)

    def set_state_indicators(self) -> None:
        self._state = "indicators"
        self._touched = True

    def set_columns(self, columns: Columns, row: list[Cell]) -> None:
        if self.columns is None or self.rows is None:
            self.columns = columns
            self.rows = IndicatorRows(columns)
        else:  # a header again (a table continued): the new roles, the levels carried over
            self.columns = columns
            self.rows.columns = columns
        self.header_width = sum(cell.colspan for cell in row)
        self._state = "indicators"
        self._below.clear()

    def _header(self, row: list[Cell], grid_row: list[Cell | None], r: int) -> Columns | None:
        return header_of(row, grid_row, r, self._above)

    @staticmethod
    def _inferred(row: list[Cell]) -> Columns | None:
        return inferred_columns([(c.col, c.colspan, c.text) for c in row])

    def _is_repeated_header(self, row: list[Cell], grid_row: list[Cell | None], r: int) -> bool:
        """The header again (a table continued on a new page or in a new table)."""
        found = self._header(row, grid_row, r)
        if found is None:
            return False
        assert self.columns is not None
        if found.roles != self.columns.roles:
            self.set_columns(found, row)
        return True

    def _summary_row(self, row: list[Cell]) -> bool:
        first = next((c for c in row if c.text.strip()), None)
        if first is None or "".join(first.text.split()) not in _SUMMARY_ROW:
            return False
        rest = " ".join(one_line(c.text) for c in row if c is not first and c.text.strip())
        self.extra.append(ExtraField(label=one_line(first.text), text=rest))
        return True

    def _touch(self, row: list[Cell]) -> None:
        first_line, last_line = self.first_line, self.last_line
        for cell in row:
            for n in (cell.position.line, cell.position.end_line):
                if n:
                    if not first_line or n < first_line:
                        first_line = n
                    if not last_line or n > last_line:
                        last_line = n
        self.first_line, self.last_line = first_line, last_line
        if not self._touched and any(cell.text.strip() for cell in row):
            self._touched = True
        if not self.first_page:  # the first page any cell names
            for cell in row:
                self.first_page = self.first_page or cell.position.page
                if self.first_page:
                    break
        if not self.sheet:
            for cell in row:
                self.sheet = self.sheet or cell.position.sheet
                if self.sheet:
                    break
        if self._state != "indicators" and not self.department_wide:
            self.department_wide = any(is_department_budget_label(c.text) for c in row)
        self._above, self._current = self._current, row

    # -- header fields --------------------------------------------------------------------

    def _field_row(self, row: list[Cell]) -> None:
        """Label → value pairs of a header row: value to the right, glued, or below."""
        unlabelled: list[Cell] = []
        row_fields: list[str] = []
        money_unit_row = False
        i = 0
        while i < len(row):
            cell = row[i]
            text = cell.text
            unit = money_unit_in(text)
            match = match_label(text)
            if unit and (match is None or match.field in ("unit", "money_group")):
                self.money_unit = unit
                money_unit_row = True
                if match is not None and match.field == "money_group":
                    row_fields.append(match.field)
                i += 1
                continue
            if match is None:
                # a column title (一级指标 merged over a two-row header) is not content
                if text.strip() and role_of(text) is None:
                    unlabelled.append(cell)
                i += 1
                continue
            row_fields.append(match.field)
            if match.rest:
                self._set(match, match.rest, cell)
                i += 1
                continue
            nxt = row[i + 1] if i + 1 < len(row) else None
            if nxt is not None and not nxt.text.strip():
                # a label over two columns, copied as label + blank: the value is further on
                later = next((c for c in row[i + 2 :] if c.text.strip()), None)
                if later is not None and self._is_value_cell(later):
                    i = row.index(later) - 1
                    nxt = later
            if nxt is not None and self._is_value_cell(nxt):
                self._set(match, nxt.text, cell)
                if not nxt.text.strip():  # blank here: the value may stand below the label
                    self._below[cell.col] = match
                i += 2
                continue
            if match.field in _GROUPS:
                i += 1
                continue
            self._below[cell.col] = match
            i += 1
        if unlabelled:
            self._unlabelled(unlabelled, row_fields, money_unit_row=money_unit_row)
        if row_fields:
            self._last_field = row_fields[0]
        if any(f in ("total", "mid_total") for f in row_fields) or "money_group" in row_fields:
            self._state = "after_money"
        elif row_fields:
            self._state = "fields"

    @staticmethod
    def _is_value_cell(cell: Cell) -> bool:
        if money_unit_in(cell.text) and len(cell.text.strip()) < 12:
            return False
        return match_label(cell.text, glued=False) is None and role_of(cell.text) is None

    @staticmethod
    def _fits(match: LabelMatch, cell: Cell) -> bool:
        """A value found below a money label must be an amount."""
        if match.field not in ("total", "fiscal", "other", "mid_total"):
            return True
        try:
            parse_amount(cell.text)
        except ValueError:
            return False
        return True

    def _fill_below(self, grid_row: list[Cell | None], r: int) -> bool:
        """Values under a row of labels (``年度资金总额 | 财政拨款`` over ``100 | 80``)."""
        below = {
            col: cell
            for col in self._below
            if col < len(grid_row)
            and (cell := grid_row[col]) is not None
            and cell.row == r
            and cell.col == col
            and cell.text.strip()
        }
        below = drop_row_names(self._below, below)  # 年度资金总额 under 资金来源 (自评表)
        below = split_glued(self._below, below)  # 4000 4000 100% from a web export
        if not below or any(
            not self._is_value_cell(c) or not self._fits(self._below[col], c)
            for col, c in below.items()
        ):
            self._below.clear()
            return False
        self.budget_rows.totals_row(self._below, below)
        for col, cell in below.items():
            self._set(self._below[col], cell.text, cell)
        self._last_field = next(iter(self._below.values())).field
        # A sub-table of kept fields (成本构成 | 测算依据 over several rows) goes on under its
        # labels; a row of ordinary fields has one value each.
        if any(m.field != "extra" for m in self._below.values()):
            self._below.clear()
        return True

    def set_field(self, field_name: str, value: str, cell: Cell, label: str = "") -> None:
        """A header field found outside the table (a paragraph above it)."""
        self._touched = True
        self._set(LabelMatch(field_name, label or field_name, value), value, cell)

    def default_unit(self, text: str) -> None:
        """The unit printed once above the tables, for a project that names none itself."""
        if self.unit == Unit():
            self.unit = parse_unit(text)

    def value_below_from(self, paragraph: Paragraph) -> bool:
        """A table row holding one label alone (立项依据) and its value printed as the
        paragraph after the table (a copy that split the table at the wide value line)."""
        last = self._current
        if self.columns is not None or len(self._below) != 1 or last is None:
            return False
        filled = [c for c in last if c.text.strip()]
        text = paragraph.text.strip()
        if len(filled) != 1 or filled[0].col not in self._below or not text:
            return False
        if match_label(text, glued=False) is not None or money_unit_in(text):
            return False
        match = self._below.pop(filled[0].col)
        self.set_labelled(match, text, Cell(text, 0, 0, position=paragraph.position))
        return True

    def set_labelled(self, match: LabelMatch, value: str, cell: Cell) -> None:
        """A header field whose label and value were printed on lines of their own."""
        self._touched = True
        self._set(match, value, cell)

    def _set(self, match: LabelMatch, value: str, cell: Cell) -> None:
        kind = match.field
        text = value.strip()
        self.printed.add(kind)
        if kind in ("total", "mid_total"):
            self._money_context[cell.col] = "mid" if kind == "mid_total" else "annual"
        if kind in ("total", "fiscal", "other", "mid_total"):
            context = self._context(cell.col)
            target = self.mid_budget if kind == "mid_total" or context == "mid" else self.budget
            slot = "total" if kind == "mid_total" else _MONEY[kind]
            if slot in target and target[slot] is not None and target is self.budget:
                self.extra.append(ExtraField(label=match.label, text=text))
                return
            target[slot] = self._amount(cell, text, match.label)
            return
        if kind == "code":
            self.code = "".join(text.split()) or None
        elif kind == "name":
            self.name = normalize_space(join_wrapped(text.split("\n"))) or None
        elif kind == "unit":
            self.unit = parse_unit(text)
            self.unit_labelled = True
        elif kind == "dept_name":
            self.unit = parse_unit(text)
            self.unit_labelled = True
            self.department_named = True
        elif kind == "department":
            self.department = text
            self.extra.append(ExtraField(label=one_line(match.label), text=one_line(text)))
        elif kind == "goals":
            self.goals = split_goals(text)
        elif kind == "mid_goals":
            self.mid_goals = split_goals(text)
        elif kind == "purpose":
            self.purpose = normalize_space(join_wrapped(text.split("\n"))) or None
        elif kind == "year":
            if found := _YEAR_ONLY.search(text):
                self.year = int(found.group(1))
            return
        elif text or kind == "extra":
            label = one_line(match.label)
            blank = next((e for e in self.extra if e.label == label and not e.text), None)
            if blank is not None and text:  # the value found below a label kept blank
                self.extra.remove(blank)
            source = cell.position.to_location() if kind == "lifecycle" else None
            self.extra.append(ExtraField(label=label, text=one_line(text), source=source))

    def _context(self, col: int) -> str | None:
        """The 中期/年度 total whose label stands in this column, or the nearest to its left."""
        left = [c for c in self._money_context if c <= col]
        return self._money_context[max(left)] if left else None

    def _unlabelled(
        self, cells: list[Cell], row_fields: list[str], *, money_unit_row: bool
    ) -> None:
        """Cells without a label: the unit in a 单位：万元 row, else kept as extra text."""
        for cell in cells:
            text = one_line(cell.text)
            if not text:
                continue
            year = _YEAR_ONLY.fullmatch(text)
            if year is not None:  # （2024年度） under the title, never a unit code
                self.year = int(year.group(1))
                self.title = self.title or text
                continue
            if money_unit_row and not row_fields and not self.unit_labelled:
                self.unit = parse_unit(cell.text)
                continue
            unit_free = not row_fields and not self.unit_labelled and self.unit == Unit()
            if unit_free and self._state == "start" and UNIT_OWNER.match(text):
                self.unit = parse_unit(cell.text)
                continue
            if "绩效目标" in text and text.endswith("表"):
                self.title = self.title or text
                continue
            owner = parse_unit(cell.text)
            named = owner.name is not None and names_organisation(owner.name)
            if not row_fields and self._state == "start" and self.unit == Unit() and named:
                self.unit = owner  # 某县交通运输局 alone in the first row
                continue
            self.extra.append(ExtraField(label="", text=text, source=cell.position.to_location()))

    def _continuation(self, row: list[Cell], grid_row: list[Cell | None], r: int) -> bool:
        """A row whose label cell is empty or merged from above continues the field above:
        the 资金用途 under 预算规模及资金用途, more goal items after a page break."""
        first = grid_row[0] if grid_row else None
        empty_label = first is None or first.row != r or not first.text.strip()
        if not empty_label:
            return False
        if any(match_label(c.text, glued=False) for c in row):
            return False
        text = join_wrapped([cell.text for cell in row if cell.text.strip()])
        if self._last_field in ("money_group", "total", "fiscal", "other") or (
            self._state == "after_money"
        ):
            self.purpose = normalize_space(text) or None
            self._state = "after_purpose"
            self._last_field = "purpose"
            return True
        if self._last_field == "goals":
            self.goals = continue_goals(self.goals, text)
            return True
        if self._last_field == "mid_goals":
            self.mid_goals = continue_goals(self.mid_goals, text)
            return True
        return False
