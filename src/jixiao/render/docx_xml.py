"""WordprocessingML snippets for the DOCX renderer: escaped runs, paragraphs, cells, tables.

Tables are written as XML text and parsed once, which is many times faster than python-docx's
cell-by-cell API and gives direct control over ``w:gridSpan``/``w:vMerge`` and borders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

__all__ = ["W_NS", "CellSpec", "paragraph", "table"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Characters XML 1.0 cannot hold (control characters); they would make the file unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _run(text: str) -> str:
    parts = []
    for n, line in enumerate(_NOT_XML.sub("", text).split("\n")):
        if n:
            parts.append("<w:br/>")
        for m, piece in enumerate(line.split("\t")):
            if m:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{''.join(parts)}</w:r>" if parts else ""


def paragraph(text: str, style: str, *, align: str | None = None, page_break: bool = False) -> str:
    """One ``w:p``; a ``\\n`` in ``text`` becomes a line break inside the paragraph."""
    brk = "<w:pageBreakBefore/>" if page_break else ""
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{brk}{jc}</w:pPr>{_run(text)}</w:p>'


@dataclass(frozen=True)
class CellSpec:
    """One ``w:tc``: text (``\\n`` starts a new paragraph) over ``span`` grid columns.

    ``merge`` is ``"restart"``/``"continue"`` for a vertical merge; ``hide`` names the borders
    to leave out (``"top"``, ``"bottom"``, ``"left"``, ``"right"``).
    """

    text: str
    span: int = 1
    align: str = "center"
    merge: str | None = None
    hide: tuple[str, ...] = ()


def _cell(spec: CellSpec, width: int, style: str) -> str:
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if spec.span > 1:
        props.append(f'<w:gridSpan w:val="{spec.span}"/>')
    if spec.merge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif spec.merge == "continue":
        props.append("<w:vMerge/>")
    if spec.hide:
        sides = "".join(
            f'<w:{side} w:val="nil"/>'
            for side in ("top", "left", "bottom", "right")
            if side in spec.hide
        )
        props.append(f"<w:tcBorders>{sides}</w:tcBorders>")
    props.append('<w:vAlign w:val="center"/>')
    lines = [""] if spec.merge == "continue" else spec.text.split("\n")
    body = "".join(paragraph(line, style, align=spec.align) for line in lines)
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{body}</w:tc>"


_BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def table(rows: list[list[CellSpec]], widths: list[int], style: str) -> str:
    """A bordered, fixed-layout ``w:tbl`` on the grid ``widths`` (twips)."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{_BORDERS}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        "</w:tblCellMar>"
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    ]
    for row in rows:
        out.append("<w:tr>")
        col = 0
        for spec in row:
            out.append(_cell(spec, sum(widths[col : col + spec.span]), style))
            col += spec.span
        if col != len(widths):
            raise ValueError(f"row covers {col} grid columns, not {len(widths)}")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
