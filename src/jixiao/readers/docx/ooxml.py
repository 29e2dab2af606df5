"""WordprocessingML walking shared by the DOCX reader: block order, paragraph text, table grids.

python-docx's ``row.cells`` repeats a merged cell in every grid slot it covers, and
``Paragraph.text`` drops content controls and fields, so the reader walks the XML itself:

- blocks (paragraphs, tables) in body order, looking through content controls (``w:sdt``),
  custom XML and tracked insertions; tracked deletions and moved-away text are skipped;
- paragraph text from ``w:t`` (plus ``w:tab`` → tab, ``w:br``/``w:cr`` → ``\\n``, ``w:sym`` in
  the Symbol font → the Unicode sign, e.g. ≥), without drawings, text boxes or field codes;
- the true table grid from ``w:tc``: ``w:gridBefore`` offsets a row, ``w:gridSpan`` is the
  colspan, ``w:vMerge`` restart/continue builds the rowspan (legacy ``w:hMerge`` too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MAX_COLS", "GridCell", "W", "iter_blocks", "paragraph_text", "table_grid"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

Element = Any
"""An lxml element (lxml ships no type stubs)."""

MAX_COLS = 64
"""Word allows 63 grid columns; a hostile ``gridSpan`` must not make ``Table.grid()`` huge."""

_P, _TBL, _TR, _TC = W + "p", W + "tbl", W + "tr", W + "tc"
# Containers whose children are read as if they stood in the parent.
_CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo"}
# Subtrees with no visible text of the paragraph: properties, deletions, drawings, text
# boxes, field instructions, and the fallback copy of alternate content.
_SKIP = {
    W + "pPr",
    W + "rPr",
    W + "tblPr",
    W + "trPr",
    W + "tcPr",
    W + "sdtPr",
    W + "sdtEndPr",
    W + "del",
    W + "moveFrom",
    W + "drawing",
    W + "pict",
    W + "object",
    W + "instrText",
    W + "delText",
    W + "footnoteReference",
    W + "endnoteReference",
    W + "rt",  # ruby (phonetic guide) text above the base characters
    _MC + "Fallback",
}
# The Symbol font's private-use code points (U+F0xx) for the signs these documents use.
_SYMBOL = {
    0x3C: "<",
    0x3D: "=",
    0x3E: ">",
    0x25: "%",
    0xA3: "≤",
    0xB3: "≥",
    0xB1: "±",
    0xB4: "×",
    0xB8: "÷",
    0xB9: "≠",
    0xBB: "≈",
    0xB0: "°",
}


def iter_blocks(parent: Element) -> Iterator[Element]:
    """The ``w:p`` and ``w:tbl`` children of a body or cell, through content controls."""
    for child in parent:
        tag = child.tag
        if tag in (_P, _TBL):
            yield child
        elif tag in _CONTAINERS:
            yield from iter_blocks(child)


def paragraph_text(p: Element) -> str:
    """The visible text of one ``w:p`` (hard line breaks as ``\\n``), not stripped."""
    parts: list[str] = []
    _collect(p, parts)
    return "".join(parts)


_T, _TAB, _BR, _CR, _HYPHEN, _SYM = (
    W + t for t in ("t", "tab", "br", "cr", "noBreakHyphen", "sym")
)
_BR_TYPE = W + "type"


def _collect(el: Element, parts: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue  # comments and processing instructions have non-string tags
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _BR:
            if child.get(_BR_TYPE) in (None, "textWrapping"):  # not a page or column break
                parts.append("\n")
        elif tag == _CR:
            parts.append("\n")
        elif tag == _HYPHEN:
            parts.append("-")
        elif tag == _SYM:
            parts.append(_symbol(child))
        else:
            _collect(child, parts)


def _symbol(sym: Element) -> str:
    try:
        code = int(sym.get(W + "char") or "", 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:
        return (
            _SYMBOL.get(code - 0xF000, "")
            if "symbol" in (sym.get(W + "font") or "").lower()
            else ""
        )
    return chr(code) if 0x20 <= code < 0xD800 else ""


@dataclass
class GridCell:
    """One cell on the table grid (0-based); ``parts`` are its texts, continuation cells' too."""

    row: int
    col: int
    colspan: int
    rowspan: int = 1
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.parts if p).strip()


def table_grid(tbl: Element, cell_text: Callable[[Element], str]) -> list[GridCell]:
    """Cells of one ``w:tbl`` on its true grid: each merged area is one ``GridCell``."""
    cells: list[GridCell] = []
    above: dict[int, GridCell] = {}  # grid column → the cell covering it in the previous row
    for r, tr in enumerate(_children(tbl, _TR)):
        col = min(max(0, _int_val(tr.find(f"{W}trPr/{W}gridBefore"), 0)), MAX_COLS - 1)
        here: dict[int, GridCell] = {}
        last: GridCell | None = None
        for tc in _children(tr, _TC):
            text = cell_text(tc)
            if col >= MAX_COLS and last is not None:
                last.parts.append(text)  # past the widest grid Word allows: keep the text
                continue
            props = tc.find(W + "tcPr")
            span = min(max(1, _int_val(_find(props, "gridSpan"), 1)), MAX_COLS - col)
            if _merge_val(_find(props, "hMerge")) == "continue" and last is not None:
                last.colspan += span  # legacy horizontal merge widens the cell on the left
                last.parts.append(text)
            elif _merge_val(_find(props, "vMerge")) == "continue" and col in above:
                last = above[col]
                last.rowspan = r - last.row + 1
                last.parts.append(text)
            else:
                last = GridCell(r, col, span, parts=[text])
                cells.append(last)
            for c in range(col, col + span):
                here[c] = last
            col += span
        above = {c: cell for c, cell in here.items() if cell.col == c}
    return cells


def _children(parent: Element, tag: str) -> Iterator[Element]:
    """``tag`` children of ``parent``, also when wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(child, tag)


def _find(props: Element | None, name: str) -> Element | None:
    return None if props is None else props.find(W + name)


def _merge_val(el: Element | None) -> str | None:
    """``restart`` or ``continue`` (a bare ``<w:vMerge/>`` means continue), else None."""
    if el is None:
        return None
    return "restart" if el.get(W + "val") == "restart" else "continue"


def _int_val(el: Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W + "val") or default)
    except ValueError:
        return default
