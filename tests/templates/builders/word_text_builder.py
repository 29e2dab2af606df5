"""Text saved from Word (the export the seeds 000–002 come in): every table cell on a line of
its own led by one tab, a cell's further paragraphs on lines without a tab, a blank line after
each row. A cell merged across columns is printed once; a cell merged down prints an empty
cell in the rows it covers. Paragraphs between tables are plain lines."""

from __future__ import annotations

from tests.templates.layouts import Block, Para

__all__ = ["build"]


def build(blocks: list[Block]) -> bytes:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            if block.text:
                lines.append(block.text)
            continue
        cells = block.cells()
        for r in range(len(block.rows)):
            c = 0
            while c < block.width:
                owner = next(
                    x
                    for x in cells
                    if x.row <= r < x.row + x.rowspan and x.col <= c < x.col + x.colspan
                )
                first, *rest = (owner.text if owner.row == r else "").split("\n")
                lines += ["\t" + first, *rest]
                c = owner.col + owner.colspan
            lines.append("")
    return ("\n".join(lines) + "\n").encode("utf-8")
