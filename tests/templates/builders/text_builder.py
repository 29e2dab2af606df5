"""Text copied from a web page: ``|`` rows (markdown-like), tab rows, space-aligned columns or
one cell per line.

A merged cell is copied once, in its first slot; the slots it covers come out empty, as a
browser's copy does."""

from __future__ import annotations

from collections.abc import Callable
from unicodedata import east_asian_width

from tests.templates.layouts import Block, Grid, Para

__all__ = ["build_lines", "build_pipe", "build_spaces", "build_tab"]


def _rows(grid: Grid) -> list[list[str]]:
    out = [[""] * grid.width for _ in grid.rows]
    for cell in grid.cells():
        out[cell.row][cell.col] = " ".join(cell.text.split("\n"))
    return out


def _build(blocks: list[Block], row_text: Callable[[list[str]], list[str]]) -> bytes:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            lines.append(block.text)
            continue
        for row in _rows(block):
            lines += row_text(row)
        lines.append("")
    return ("\n".join(lines) + "\n").encode("utf-8")


def build_pipe(blocks: list[Block]) -> bytes:
    """Markdown-like: a separator line under each table's first row."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            lines.append(block.text)
            continue
        rows = _rows(block)
        for n, row in enumerate(rows):
            lines.append("| " + " | ".join(row) + " |")
            if n == 0:
                lines.append("|" + "|".join(" --- " for _ in row) + "|")
        lines.append("")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _width(text: str) -> int:
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def build_spaces(blocks: list[Block]) -> bytes:
    """Columns aligned with spaces (text laid out as printed, as a layout-preserving export
    or a fixed-width copy gives it): every column padded to its widest cell, blanks kept as
    spaces."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            lines.append(block.text)
            continue
        rows = _rows(block)
        widths = [max(_width(row[c]) for row in rows) for c in range(block.width)]
        for row in rows:
            cells = [t + " " * (widths[c] - _width(t)) for c, t in enumerate(row)]
            lines.append("   ".join(cells).rstrip())
        lines.append("")
    return ("\n".join(lines) + "\n").encode("utf-8")


def build_tab(blocks: list[Block]) -> bytes:
    return _build(blocks, lambda row: ["\t".join(row)])


def build_lines(blocks: list[Block]) -> bytes:
    """One cell per line, only the cells that carry text (a copy loses the empty ones)."""
    return _build(blocks, lambda row: [t for t in row if t])
