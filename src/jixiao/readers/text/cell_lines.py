"""Tables copied from a web page as one cell per line (what some browsers give for an HTML
table): the rows are gone, only the order of the cells is left.

The rows are rebuilt from what the cells say, using the assembler's dictionaries
(``assemble.vocabulary``): an indicator header is a run of header labels (一级指标 / 二级指标 /
三级指标 / 指标值 …), which gives the number of columns; each following row takes that many
lines, except that a row may leave out the 一级/二级 cells merged over several rows, which is
seen from the framework (a line is a level-1 cell when it is 产出指标/效益指标/… followed by a
level-2 label, a level-2 cell when the framework knows it). Above the header, a label line is
followed by its value (项目名称 / 乡村道路), a run of labels by a run of values (资金支出计划 /
3月底 … / 25% …), and a group label (总体目标, 项目资金（万元）) stands alone. When the lines do
not fit a table's rows (a cell with a line break, a cell left out), a warning says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.assemble.columns import role_of
from jixiao.assemble.vocabulary import (
    GROUP_FIELDS,
    MONEY_FIELDS,
    CellLabel,
    cell_label,
    fits_column,
    is_header_run,
    is_level1,
    is_level2,
    is_money_unit_line,
    is_table_title,
)
from jixiao.layout import Block, LayoutWarning, Paragraph, Position
from jixiao.readers.text.cell_fields import (
    Held,
    TextLine,
    amount,
    couple,
    flush,
    leaves,
    numbered_items_joined,
    row_width,
)
from jixiao.readers.text.grid_builder import GridBuilder, TextCell

__all__ = ["TextLine", "read_cell_lines"]

_NOTE = re.compile(r"^\s*(?:注|说明|备注|填表说明)\s*[0-9一二三四五六七八九十]*\s*[：:]")
_VALUE_LIKE = re.compile(r"^\s*[（(]?\s*(?:[≥≤><=＞＜＝]|[0-9]+(?:\.[0-9]+)?\s*[%％]?$)")


_MAX_UNKNOWN_TITLES = 3  # column titles no dictionary knows, after the known ones


def _label(line: TextLine) -> CellLabel | None:
    return cell_label(line.text) if line.text else None


def _is_group(line: TextLine) -> bool:
    found = _label(line)
    return found is not None and found.field in GROUP_FIELDS and found.role is None


@dataclass
class _Reader:
    lines: list[TextLine]
    table_no: int
    blocks: list[Block] = field(default_factory=list)
    warnings: list[LayoutWarning] = field(default_factory=list)
    tables: int = 0

    # -- regions ----------------------------------------------------------------------------

    def read(self) -> None:
        p = 0
        n = len(self.lines)
        while p < n:
            found = self._next_header(p)
            if found is None:
                break
            h, h_end = found
            start = self._fields_start(p, h)
            self._paragraphs(p, start)
            self.table_no += 1
            self.tables += 1
            grid = GridBuilder(self.table_no)
            self._fields(grid, start, h)
            p = self._indicators(grid, h, h_end)
            self.blocks.append(grid.table())
        self._paragraphs(p, n)

    def _next_header(self, p: int) -> tuple[int, int] | None:
        """The next indicator header run at or after ``p``: (start, end)."""
        n = len(self.lines)
        i = p
        while i < n:
            j = i
            while j < n and _is_group(self.lines[j]):
                j += 1
            k = j
            # block titles (中期绩效指标 / 年度绩效指标) may stand among the column titles
            while (
                k < n
                and (lab := _label(self.lines[k])) is not None
                and (lab.role is not None or (k > j and _is_group(self.lines[k])))
            ):
                k += 1
            titles = [x.text for x in self.lines[j:k] if not _is_group(x)]
            if len(titles) >= 2 and is_header_run(titles):
                return i, self._value_parts_end(titles, k) or self._unknown_titles_end(titles, k)
            i = max(i + 1, k if k > j else i + 1)
        return None

    def _value_parts_end(self, titles: list[str], k: int) -> int | None:
        """The end of a two-row header whose second row is the parts of its 指标值 (指标值
        over 符号 | 数值 | 单位), or None: the run of known titles stops at a part no
        dictionary knows (数值), so the parts are taken up to the first row's first line."""
        found = _split_value(titles)
        if found is None:
            return None
        _v, o = found
        lines = self.lines
        n = len(lines)
        m = k - (len(titles) - o)  # the first part
        parts = 0
        while m < n and parts < 3 and not _opens_levels(lines, m, n):
            text = lines[m].text
            if not text or len(text) > 6 or _VALUE_LIKE.match(text):
                break
            if (found_label := _label(lines[m])) is not None and found_label.role is None:
                break
            m += 1
            parts += 1
        return m if parts >= 2 and m < n and _opens_levels(lines, m, n) else None

    def _unknown_titles_end(self, titles: list[str], k: int) -> int:
        """The end of the header when column titles no dictionary knows (数据来源) follow the
        known ones: a header opening with 一级指标 is followed by a row opening with a level-1
        label, so short lines before that one are titles too (the assembler keeps their
        column as extra text and warns ``columns_unrecognised``)."""
        if role_of(titles[0]) != "level1":
            return k
        lines = self.lines
        n = len(lines)
        m = k
        while m < n and m - k < _MAX_UNKNOWN_TITLES:
            text = lines[m].text
            if not text or _opens_levels(lines, m, n):
                break
            if len(text) > 12 or _label(lines[m]) is not None or _VALUE_LIKE.match(text):
                return k
            m += 1
        return m if m < n and _opens_levels(lines, m, n) else k

    def _fields_start(self, p: int, h: int) -> int:
        """Where the header fields above an indicator header begin: the first label after the
        last title line (a title is a paragraph, not a cell)."""
        s = p
        for i in range(p, h):
            if is_table_title(self.lines[i].text):
                s = i + 1
        for i in range(s, h):
            line = self.lines[i]
            if is_money_unit_line(line.text) and i > s and self._owner(self.lines[i - 1]):
                return i - 1  # the unit's name printed left of 单位：万元
            if _label(line) is not None or is_money_unit_line(line.text):
                return i
        return h

    @staticmethod
    def _owner(line: TextLine) -> bool:
        return bool(line.text) and len(line.text) <= 40 and _label(line) is None

    def _paragraphs(self, start: int, end: int) -> None:
        for line in self.lines[start:end]:
            if line.text:
                position = Position(line=line.number, end_line=line.number)
                self.blocks.append(Paragraph(line.text, position))

    # -- header fields ----------------------------------------------------------------------

    def _fields(self, grid: GridBuilder, start: int, end: int) -> None:
        lines = self.lines
        width: int | None = None  # the width of the last block of several rows (task lists)
        held: Held | None = None  # a money label and amount that may share its row
        p = start
        while p < end:
            line = lines[p]
            if not line.text:
                p += 1
                continue
            if is_money_unit_line(line.text) or _is_group(line) or _label(line) is None:
                flush(grid, held)
                held = None
                if p + 1 < end and _label(line) is None and is_money_unit_line(lines[p + 1].text):
                    grid.add_row([_cell(line), _cell(lines[p + 1])])  # unit | 单位：万元
                    p += 2
                    continue
                if _label(line) is None and not is_money_unit_line(line.text):
                    q = max(p + 1, self._values_end(p, end))  # a value without a label
                    grid.add_row([TextCell(""), _joined(lines[p:q])])
                    p = q
                else:
                    grid.add_row([_cell(line)])
                    p += 1
                continue
            q = p
            while q < end:
                if not lines[q].text:  # a blank line inside a header of several rows
                    nxt = next((k for k in range(q, end) if lines[k].text), end)
                    if q - p < 2 or nxt >= end or _label(lines[nxt]) is None:
                        break
                    q = nxt
                if _label(lines[q]) is None:
                    break
                if q > p and (_is_group(lines[q]) or is_money_unit_line(lines[q].text)):
                    break
                q += 1
            labels = [line for line in lines[p:q] if line.text]
            v_end = self._values_end(q, end)
            values = lines[q:v_end]
            p = v_end
            if len(labels) == 1:
                held = self._pair(grid, labels[0], values, width, held)
                continue
            flush(grid, held)
            held = None
            width = self._label_run(grid, labels, values) or width
        flush(grid, held)

    def _values_end(self, q: int, end: int) -> int:
        lines = self.lines
        while q < end and not (
            lines[q].text and (_label(lines[q]) is not None or is_money_unit_line(lines[q].text))
        ):
            q += 1
        return q

    def _pair(
        self,
        grid: GridBuilder,
        label: TextLine,
        values: list[TextLine],
        width: int | None,
        held: Held | None,
    ) -> Held | None:
        """One label and the lines after it. A money label takes one amount (a 中期 and a 年度
        amount of the same kind share a row, as printed); more amounts stand under the columns
        of the task list above; text after an amount is a row of its own (资金用途)."""
        found = _label(label)
        kind = found.field if found is not None else None
        if kind not in MONEY_FIELDS:
            flush(grid, held)
            grid.add_row([_cell(label), _joined(values)])
            return None
        assert kind is not None
        first = values[0] if values else TextLine("", label.number)
        rest = [v for v in values[1:] if v.text]
        if first.text and not amount(first.text):  # its empty cell left out by the copy
            rest = [first, *rest]
            first = TextLine("", label.number)
        if rest and all(amount(v.text) for v in rest) and width and len(rest) + 1 < width:
            flush(grid, held)
            cells: list[TextCell | None] = [_cell(label)]
            cells += [TextCell("")] * (width - len(rest) - 2)
            cells += [_cell(v) for v in [first, *rest]]
            grid.add_row(cells)
            return None
        if held is not None and not held.coupled and couple(held.kind, kind):
            held.cells += [_cell(label), _cell(first)]
            held.coupled = True
        else:
            flush(grid, held)
            held = Held(kind, [_cell(label), _cell(first)])
        if rest:
            flush(grid, held)
            grid.add_row([TextCell(""), _joined(rest)])
            return None
        return held

    def _label_run(
        self, grid: GridBuilder, labels: list[TextLine], values: list[TextLine]
    ) -> int | None:
        """Labels side by side with their values below: one row of values, right-aligned under
        the labels (a leading label such as 资金支出计划 has none), or several rows of a list
        (任务名称 / 主要内容 / 预算金额 …) when there are more values than labels."""
        while values and not values[-1].text:
            values = values[:-1]
        while values and not values[0].text:  # a blank line ending the row of labels
            values = values[1:]
        if len(values) > len(labels):
            values = numbered_items_joined(values)
        if len(values) > len(labels) and row_width(labels, values) is None:
            filled = [v for v in values if v.text]  # blank lines between rows, not cells
            if len(filled) <= len(labels) or row_width(labels, filled) is not None:
                values = filled
        if len(values) <= len(labels):
            grid.add_row([_cell(x) for x in labels])
            if values:
                pad: list[TextCell | None] = [TextCell("")] * (len(labels) - len(values))
                grid.add_row(pad + [_cell(v) for v in values])
            return None
        width = row_width(labels, values)
        if width is None:
            grid.add_row([_cell(x) for x in labels])
            grid.add_row([_cell(v) for v in values[: len(labels)]])
            grid.add_row([TextCell(""), _joined(values[len(labels) :])])
            self._warn("单元格数目与栏目数不符，多出的内容已单独成行", values[len(labels)])
            return None
        heads = leaves(labels, width)
        grid.add_row([_cell(x) for x in heads])
        for k in range(0, len(values), width):
            grid.add_row([_cell(v) for v in values[k : k + width]])
        return width

    # -- indicator rows ---------------------------------------------------------------------

    def _indicators(self, grid: GridBuilder, h: int, h_end: int) -> int:
        lines = self.lines
        groups = 0
        while _is_group(lines[h + groups]):
            groups += 1
        columns = [x for x in lines[h + groups : h_end] if not _is_group(x)]
        blocks = [x for x in lines[h + groups : h_end] if _is_group(x)]
        roles = [role_of(x.text) for x in columns]
        split = None if blocks else _split_value([x.text for x in columns])
        if split is not None:  # 指标值 over its parts: two header rows, the parts in line
            v, o = split
            first, parts = columns[:o], columns[o:]
            top: list[TextCell | None] = [_cell(x) for x in first]
            top[v] = TextCell(first[v].text, first[v].number, first[v].number, len(parts))
            grid.add_row(top)
            under: list[TextCell | None] = [None] * v + [_cell(x) for x in parts]
            grid.add_row(under + [None] * (len(first) - v - 1))
            columns = first[:v] + parts + first[v + 1 :]
            roles = [role_of(x.text) for x in columns]
            roles = [
                r if r is not None or not (v <= k < v + len(parts)) else "value"
                for k, r in enumerate(roles)
            ]
        elif blocks:  # a two-row header: the block titles over the blocks' first columns
            starts = [k for k, role in enumerate(roles) if role == "level2"] or [0]
            row: list[TextCell | None] = [_cell(x) for x in lines[h : h + groups]]
            slots: list[TextCell | None] = [TextCell("") for _ in roles]
            for title, start in zip(blocks, starts, strict=False):
                slots[start] = _cell(title)
            grid.add_row(row + slots)
            grid.add_row([None] * groups + [_cell(x) for x in columns])
        else:
            grid.add_row([_cell(x) for x in lines[h:h_end]])
        p = h_end
        n = len(lines)
        level1 = ""
        problem: TextLine | None = None
        first_row = True
        while True:
            while p < n and not lines[p].text:
                p += 1
            if p >= n or self._ends_body(lines[p]):
                break
            row_start = lines[p]
            cells: list[TextCell | None] = []
            new_level1 = False  # a level-1 cell opens this row: its level-2 cells are printed
            for ci, role in enumerate(roles):
                if p >= n or (ci > 0 and lines[p].text and self._ends_body(lines[p])):
                    problem = problem or row_start
                    break
                text = lines[p].text
                if role is not None and role.startswith("p_") and _opens_levels(lines, p, n):
                    cells.append(None)  # a flat list's project cells, merged over its rows
                    continue
                if role == "level1":
                    nxt = roles[ci + 1] if ci + 1 < len(roles) else None
                    follows = p + 1 < n and is_level2(lines[p + 1].text, text)
                    # 成本指标 / 满意度指标 are level-2 labels too: a level-1 only when a
                    # level-2 label follows; a level-1 that is nothing else opens its group
                    # even when its level-2 label is not in the framework.
                    plain = not is_level2(text, level1)
                    if is_level1(text) and (nxt != "level2" or follows or plain):
                        cells.append(_cell(lines[p]))
                        level1 = text
                        new_level1 = True
                        p += 1
                    else:
                        cells.append(None)
                        if first_row:
                            problem = problem or row_start
                    continue
                if role == "level2":
                    if is_level2(text, level1) or (new_level1 and text):
                        cells.append(_cell(lines[p]))
                        p += 1
                    else:
                        cells.append(None)
                        if first_row:
                            problem = problem or row_start
                    continue
                nxt_role = roles[ci + 1] if ci + 1 < len(roles) else None
                if (
                    text
                    and role is not None
                    and nxt_role is not None
                    and fits_column(role, text) is False
                    and fits_column(nxt_role, text)
                ):
                    cells.append(TextCell(""))  # an empty cell left out by the copy
                    continue
                if text and role is not None and fits_column(role, text) is False:
                    problem = problem or lines[p]  # 正向 under 权重: cells out of step
                after_value = "value" in roles[:ci] or "operator" in roles[:ci]
                if (
                    after_value
                    and "name" not in roles[ci:]
                    and role in ("basis", "description", "scoring", None)
                    and p + 1 < n
                    and _VALUE_LIKE.match(lines[p + 1].text)
                    and not _VALUE_LIKE.match(text)
                ):
                    break  # a name followed by its value: the next row, this one's last empty
                if role != "name" and _opens_levels(lines, p, n):
                    # The next row: this one's last cells were empty and left out. A row
                    # without its value is not that but cells out of step: said below.
                    if any(r in ("value", "operator") for r in roles[ci:]):
                        problem = problem or row_start
                    break
                if text and (
                    is_level1(text)
                    or (role not in ("name", "description") and is_level2(text))
                    or (role == "name" and _VALUE_LIKE.match(text))
                ):
                    problem = problem or lines[p]
                cells.append(_cell(lines[p]))
                p += 1
            if _project_cells_shifted(roles, cells):
                problem = problem or row_start
            grid.add_row(cells, start_col=groups)
            for col in range(groups):
                grid.extend_span(col)
            first_row = False
        if problem is not None:
            self._warn(
                "按“每行一个单元格”拼回指标表的行时，单元格与栏目对不上"
                "（可能有单元格内换行或缺少单元格），以下指标可能错位，请核对原件",
                problem,
            )
        return p

    @staticmethod
    def _ends_body(line: TextLine) -> bool:
        """A line that cannot begin an indicator row: a title, a note, a header-field label."""
        if is_table_title(line.text) or _NOTE.match(line.text) or is_money_unit_line(line.text):
            return True
        found = _label(line)
        return found is not None and not is_level1(line.text) and not is_level2(line.text)

    def _warn(self, message: str, line: TextLine) -> None:
        position = Position(line=line.number, end_line=line.number, table=self.table_no)
        self.warnings.append(LayoutWarning("cell_lines_ambiguous", message, position))


def _split_value(titles: list[str]) -> tuple[int, int] | None:
    """(index of 指标值, index of its first part) when the titles are a first header row
    followed by the parts of its 指标值 (符号 / 计算符号 / 指标性质 first): an operator title
    after the value one, with at most two more titles after it."""
    roles = [role_of(t) for t in titles]
    if "value" not in roles or "operator" in roles[: roles.index("value")]:
        return None
    v = roles.index("value")
    o = next((k for k in range(v + 1, len(roles)) if roles[k] == "operator"), None)
    if o is None or len(titles) - o > 3:
        return None
    return v, o


def _project_cells_shifted(roles: list[str | None], cells: list[TextCell | None]) -> bool:
    """A flat list's project cells (单位名称 / 项目名称 / 预算数 …) merged over several rows are
    the leading ones (a unit spans its projects): the cells a row does print are the last of
    them, so they are moved right in place. True when they then still do not fit (an amount
    column holding text)."""
    slots = [k for k, role in enumerate(roles) if role and role.startswith("p_") and k < len(cells)]
    kept = [cells[k] for k in slots if cells[k] is not None]
    if not kept or len(kept) == len(slots):
        return False
    for k, cell in zip(slots, [None] * (len(slots) - len(kept)) + kept, strict=True):
        cells[k] = cell
    return any(
        roles[k] in ("p_total", "p_fiscal", "p_other")
        and (cell := cells[k]) is not None
        and cell.text
        and not amount(cell.text)
        for k in slots
    )


def _opens_levels(lines: list[TextLine], p: int, n: int) -> bool:
    """Whether ``lines[p]`` is a level-1 label followed by a level-2 one, or a level-2 label:
    the indicator part of a row whose leading (project) cells were merged from above."""
    text = lines[p].text
    if is_level1(text) and p + 1 < n and is_level2(lines[p + 1].text, text):
        return True
    return is_level2(text)


def _cell(line: TextLine) -> TextCell:
    return TextCell(line.text, line.number, line.number)


def _joined(lines: list[TextLine]) -> TextCell:
    filled = [line for line in lines if line.text]
    if not filled:
        return TextCell("")
    return TextCell("\n".join(x.text for x in filled), filled[0].number, filled[-1].number)


def read_cell_lines(
    lines: list[TextLine], table_no: int
) -> tuple[list[Block], list[LayoutWarning], int]:
    """Paragraphs and the tables rebuilt from one-cell-per-line text: (blocks, warnings,
    number of tables)."""
    reader = _Reader(lines, table_no)
    reader.read()
    return reader.blocks, reader.warnings, reader.tables
