"""Text copied from a web page: ``|`` rows (markdown-like), tab rows, space-separated rows or
one cell per line.

A merged cell is copied once, in its first slot; the slots it covers come out empty, as a
browser's copy does."""

from __future__ import annotations

from collections.abc import Callable

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


def build_spaces(blocks: list[Block]) -> bytes:
    """Cells separated by runs of spaces (a copy from a page laid out with spaces); the
    empty cells are lost."""
    return _build(blocks, lambda row: ["    ".join(t for t in row if t)])


def build_tab(blocks: list[Block]) -> bytes:
    return _build(blocks, lambda row: ["\t".join(row)])


def build_lines(blocks: list[Block]) -> bytes:
    """One cell per line, only the cells that carry text (a copy loses the empty ones)."""
    return _build(blocks, lambda row: [t for t in row if t])
