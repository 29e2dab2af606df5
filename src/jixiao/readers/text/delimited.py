"""Rows whose cells are marked by a character: ``|`` (markdown-like text copied from web pages
and chat tools) and tabs (a table copied from a browser or Excel).

Empty cells are kept as empty cells, so the columns stay aligned; markdown separator rows
(``|---|:---:|``) are dropped. Excel quotes a cell that holds line breaks (``"1.…\\n2.…"``,
with ``""`` for a quote inside), so a tab row may run over several lines.
"""

from __future__ import annotations

import re

__all__ = ["MAX_QUOTED_LINES", "has_outer_pipes", "is_pipe_separator", "pipe_cells", "tab_record"]

_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_SEPARATOR_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
MAX_QUOTED_LINES = 60
"""A quoted tab cell that does not close within this many lines was not quoted."""


def has_outer_pipes(lines: list[str]) -> bool:
    """Whether a table's rows are written with leading pipes (``| a | b |``): decided for the
    table, since a row without them whose first cell is empty also starts with a pipe."""
    led = sum(1 for line in lines if line.strip().startswith("|"))
    return led * 2 > len(lines)


def pipe_cells(line: str, *, outer: bool = True) -> list[str] | None:
    """The cells of a ``|`` row, or None. With ``outer`` the leading and trailing pipes are
    the row's edges, not cell separators."""
    stripped = line.strip()
    if "|" not in stripped:
        return None
    if outer and stripped.startswith("|"):
        stripped = stripped[1:]
    if outer and stripped.endswith("|") and not stripped.endswith("\\|"):
        stripped = stripped[:-1]
    parts = _PIPE_SPLIT.split(stripped)
    return [_BR.sub("\n", part.replace("\\|", "|")).strip() for part in parts]


def is_pipe_separator(cells: list[str]) -> bool:
    """``|---|:---:|``: the markdown line under the header, not a row."""
    return any(cells) and all(not c or _SEPARATOR_CELL.match(c) for c in cells)


def tab_record(lines: list[str], i: int) -> tuple[list[str], int]:
    """The cells of the tab row starting at ``lines[i]`` and the index of the line after it."""
    cells: list[str] = []
    line = lines[i]
    pos = 0
    while True:
        if line.startswith('"', pos):
            quoted = _quoted(lines, i, pos + 1)
            if quoted is not None:
                text, i, pos = quoted
                line = lines[i]
                tab = line.find("\t", pos)
                cells.append(text + (line[pos:] if tab < 0 else line[pos:tab]))
                if tab < 0:
                    return cells, i + 1
                pos = tab + 1
                continue
        tab = line.find("\t", pos)
        if tab < 0:
            cells.append(line[pos:])
            return cells, i + 1
        cells.append(line[pos:tab])
        pos = tab + 1


def _quoted(lines: list[str], i: int, pos: int) -> tuple[str, int, int] | None:
    """A quoted cell from ``lines[i][pos:]``: (text, line index, position after the closing
    quote), or None when no closing quote follows (the quote is then just a character)."""
    parts: list[str] = []
    start = i
    line = lines[i]
    while True:
        q = line.find('"', pos)
        if q < 0:
            parts.append(line[pos:] + "\n")
            i += 1
            if i >= len(lines) or i - start > MAX_QUOTED_LINES:
                return None
            line, pos = lines[i], 0
            continue
        if line.startswith('"', q + 1):
            parts.append(line[pos : q + 1])
            pos = q + 2
            continue
        after = q + 1
        if after < len(line) and line[after] != "\t":
            return None  # "quoted" text followed by more text: not an Excel quote
        parts.append(line[pos:q])
        return "".join(parts), i, after
