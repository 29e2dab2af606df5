"""Merged cells that ``|`` and tab rows print as empty cells, put back where the labels say so.

A copied table keeps every grid slot but not which ones were merged. Two cases are clear from
the assembler's dictionaries: a header-field label followed by empty slots and then its value
(``项目名称 |  | 乡村道路``: the label spans two columns), and a column title of a two-row
indicator header with an empty slot under it (``一级指标`` over both header rows). Every other
empty slot stays an empty cell.
"""

from __future__ import annotations

from jixiao.assemble.vocabulary import cell_label
from jixiao.readers.text.grid_builder import TextCell

__all__ = ["restore_spans"]


def restore_spans(rows: list[list[TextCell]]) -> list[list[TextCell | None]]:
    out: list[list[TextCell | None]] = []
    previous: list[TextCell] | None = None
    for row in rows:
        merged = _label_spans(row)
        if previous is not None and _is_header(row):
            merged = _titles_merged_down(previous, row, merged)
        out.append(merged)
        previous = row
    return out


def _role(text: str) -> str | None:
    found = cell_label(text) if text else None
    return found.role if found is not None else None


def _is_header(row: list[TextCell]) -> bool:
    return sum(1 for c in row if _role(c.text) is not None) >= 2


def _label_spans(row: list[TextCell]) -> list[TextCell | None]:
    out: list[TextCell | None] = []
    k = 0
    while k < len(row):
        cell = row[k]
        found = cell_label(cell.text) if cell.text else None
        j = k + 1
        while j < len(row) and not row[j].text:
            j += 1
        value = row[j].text if j < len(row) else ""
        spans = found is not None and found.field is not None and j > k + 1
        if spans and value and cell_label(value) is None:
            out.append(TextCell(cell.text, cell.first, cell.last, colspan=j - k))
            k = j
            continue
        out.append(cell)
        k += 1
    return out


def _titles_merged_down(
    above: list[TextCell], row: list[TextCell], merged: list[TextCell | None]
) -> list[TextCell | None]:
    """Empty slots of a header row under a column title of the row above are that title."""
    if len(merged) != len(row):  # spans changed the slots: leave the row as it is
        return merged
    out = list(merged)
    for k, cell in enumerate(row):
        if not cell.text and k < len(above) and _role(above[k].text) is not None:
            out[k] = None
    return out
