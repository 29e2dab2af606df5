"""Whether a project table's row is an indicator header, and its column roles: one- and
two-row headers, titles merged down from the row above, and the parts of a 指标值 printed over
several columns. Used by ``project_table``."""

from __future__ import annotations

from jixiao.assemble.columns import KEY_ROLES, Columns, header_columns, part_title, role_of
from jixiao.assemble.labels import match_label
from jixiao.layout import Cell

__all__ = ["footer_row", "header_of"]


def footer_row(row: list[Cell]) -> bool:
    """A 自评表's footer (评价结论, 存在问题, 改进措施) under the indicators: this project's."""
    first = next((c for c in row if c.text.strip()), None)
    found = None if first is None else match_label(first.text, glued=False)
    return found is not None and found.field == "lifecycle"


def _may_be_header(
    row: list[Cell], grid_row: list[Cell | None], r: int, above_row: list[Cell] | None
) -> bool:
    """Whether a cell of the row, merged into it from above or of the row above titles a
    column a header needs: ``header_columns`` finds no header without one. Asked of every
    row, so plain loops."""
    for cell in row:
        if role_of(cell.text) in KEY_ROLES:
            return True
    for merged in grid_row:
        if merged is not None and merged.row != r and role_of(merged.text) in KEY_ROLES:
            return True
    if above_row is not None:
        for cell in above_row:
            if role_of(cell.text) in KEY_ROLES:
                return True
    return False


def header_of(
    row: list[Cell], grid_row: list[Cell | None], r: int, above_row: list[Cell] | None
) -> Columns | None:
    """The row's column roles if it is a header. In a two-row header, a column title merged
    down from the row above (一级指标 over both rows) belongs to this row too; so does one
    printed only in the row above, over a blank cell (the merge lost in a copy), when this
    row is itself a row of column titles."""
    if not _may_be_header(row, grid_row, r, above_row):
        return None
    above = None if above_row is None else [(c.col, c.colspan, c.text) for c in above_row]
    cells = [(c.col, c.colspan, c.text) for c in row]
    filled = {col for c in row if c.text.strip() for col in range(c.col, c.col + c.colspan)}
    candidates = [c for c in grid_row if c is not None and c.row != r]
    if above_row is not None and sum(1 for c in row if role_of(c.text)) >= 2:
        candidates += above_row
    for cell in candidates:
        span = range(cell.col, cell.col + cell.colspan)
        if role_of(cell.text) is None or any(col in filled for col in span):
            continue
        filled.update(span)
        cells.append((cell.col, cell.colspan, cell.text))
    found = header_columns(sorted(cells), above)
    if found is not None and found.unknown and above_row is not None:
        # titles no dictionary knows under a 指标值 over several columns are its parts
        parts = {
            c.col: (c.text, part) for c in row if (part := part_title(c.col, c.text, above_row))
        }
        cells = [
            (col, span, parts[col][1] if col in parts and parts[col][0] == text else text)
            for col, span, text in cells
        ]
        found = header_columns(sorted(cells), above)
    return found
