"""The indicator part of a table copied as one cell per line: a 指标值 header followed by its
parts, a flat list's project cells shifted by merged cells, rows opening at a level-1 or
level-2 label, and cells made of lines. Used by ``cell_lines``."""

from __future__ import annotations

from jixiao.assemble.columns import role_of
from jixiao.assemble.vocabulary import is_level1, is_level2
from jixiao.readers.text.cell_fields import TextLine, amount
from jixiao.readers.text.grid_builder import TextCell

__all__ = ["joined_cell", "line_cell", "opens_levels", "project_cells_shifted", "split_value"]


def split_value(titles: list[str]) -> tuple[int, int] | None:
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


def project_cells_shifted(roles: list[str | None], cells: list[TextCell | None]) -> bool:
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


def opens_levels(lines: list[TextLine], p: int, n: int) -> bool:
    """Whether ``lines[p]`` is a level-1 label followed by a level-2 one, or a level-2 label:
    the indicator part of a row whose leading (project) cells were merged from above."""
    text = lines[p].text
    if is_level1(text) and p + 1 < n and is_level2(lines[p + 1].text, text):
        return True
    return is_level2(text)


def line_cell(line: TextLine) -> TextCell:
    return TextCell(line.text, line.number, line.number)


def joined_cell(lines: list[TextLine]) -> TextCell:
    filled = [line for line in lines if line.text]
    if not filled:
        return TextCell("")
    return TextCell("\n".join(x.text for x in filled), filled[0].number, filled[-1].number)
