"""The page body in document order → paragraphs and tables of the intermediate layout.

Body text becomes one ``Paragraph`` per visual line: block elements and ``<br>`` end a line,
inline elements (``span``, ``b``, Word's ``o:p`` …) do not. What the browser prints that is
not in the text is added: numbers of ``<ol>`` items, check boxes as √/□, form fields' values,
m<sup>2</sup> as m². A ``<table>`` becomes a ``Table`` on its grid (``grid``), with ``<br>``
and block elements inside a cell kept as line breaks. A small table nested in a cell (a
资金支出计划 table inside the cell beside its label) is kept as the cell's text, one line per
nested row with its cells separated by spaces, so every figure stays readable; a larger one
is a table of its own, and the table around it either frames the page (its cells are read as
body content) or is cut around it (``nesting``).

Positions: a paragraph's ``line`` is the line of the page source where it starts (of the
HTML part, for MHTML); a table cell has ``table`` (1-based number among the page's data
tables), ``row`` (1-based ``<tr>`` number) and ``col`` (1-based grid column).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from jixiao._exceptions import FileTooLargeError
from jixiao.layout import Cell, Layout, Paragraph, Position, Table
from jixiao.readers.html.grid import cell_elements, table_grid, table_rows
from jixiao.readers.html.nesting import Nesting
from jixiao.readers.html.tree import Element
from jixiao.readers.html.whitespace import BREAK, visible_lines

__all__ = ["MAX_CELLS", "list_marker", "read_body", "replacement"]

MAX_CELLS = 250_000
"""As in the DOCX reader: a department's 500 projects have about 50,000 cells."""

_BLOCK = {
    "address",
    "article",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "legend",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}


_REPLACED = {"input", "sup"}
_SUPERSCRIPTS = {"2": "²", "3": "³"}


def replacement(el: Element) -> str | None:
    """What the page shows for an element that is not plain text, or None to read it as
    usual: a check box or radio button as √/□ (资金用途 choices), a text field as its value,
    m<sup>2</sup> as m²."""
    if el.tag == "input":
        kind = (el.get("type") or "text").lower()
        if kind in ("checkbox", "radio"):
            return "√" if el.get("checked") is not None else "□"
        return "" if kind in ("hidden", "submit", "button", "image", "reset") else el.get("value")
    if el.tag == "sup":
        return _SUPERSCRIPTS.get("".join(el.itertext()).strip())
    return None


def list_marker(el: Element) -> str:
    """The number a browser prints before an item of a numbered list (``1.``), else nothing."""
    parent = el.getparent()
    if el.tag != "li" or parent is None or parent.tag != "ol":
        return ""
    try:
        number = int(parent.get("start") or 1)
    except ValueError:
        number = 1
    for sibling in parent:
        if sibling is el:
            break
        if sibling.tag == "li":
            number += 1
    with contextlib.suppress(ValueError):
        number = int(el.get("value") or number)
    return f"{number}."


def read_body(body: Element, *, source: str) -> Layout:
    """The layout of a pruned ``<body>`` (see ``tree.parse_page``)."""
    walker = _Walker(source)
    walker.block(body)
    walker.flush()
    return walker.layout


class _Walker:
    def __init__(self, source: str) -> None:
        self.source = source
        self.layout = Layout()
        self.parts: list[str] = []
        self.line: int | None = None
        self.tables = 0
        self.cells = 0

    # -- body content -------------------------------------------------------------------

    def flush(self) -> None:
        for text in visible_lines("".join(self.parts)):
            self.layout.blocks.append(Paragraph(text, Position(line=self.line)))
        self.parts.clear()
        self.line = None

    def _text(self, text: str | None, el: Element) -> None:
        if text:
            if self.line is None and text.strip():
                self.line = el.sourceline
            self.parts.append(text)

    def block(self, el: Element) -> None:
        """The content of a block container (body, div, a layout table's cell …)."""
        self._text(el.text, el)
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            shown = replacement(child) if tag in _REPLACED else None
            if shown is not None:
                self._text(shown, child)
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag == "br":
                self.flush()
            elif tag in _BLOCK:
                self.flush()
                if tag == "pre":
                    self._pre(child)
                else:
                    self._text(list_marker(child), child)
                    self.block(child)
                self.flush()
            elif tag:
                self.inline(child)
            self._text(child.tail, child)

    def inline(self, el: Element) -> None:
        """An inline element: its text joins the current line; blocks inside still break."""
        self.block(el)

    def _pre(self, el: Element) -> None:
        for line in "".join(el.itertext()).splitlines():
            self._text(line, el)
            self.flush()

    def table(self, table: Element) -> None:
        nesting = Nesting(table)
        if nesting.kind == "layout":
            for tr in table_rows(table):
                for td in cell_elements(tr):
                    self._cell_as_body(td)
            return
        caption = table.find("caption")
        if caption is not None:
            self.block(caption)
            self.flush()
        rows = table_rows(table)
        if nesting.kind == "data":
            self._data_table(rows, 0)
            return
        first = 0  # split at each row holding a sub-table
        for r, tr in enumerate(rows):
            cells = list(cell_elements(tr))
            if any(td in nesting.hoisted for td in cells):
                self._data_table(rows[first:r], first)
                for td in cells:
                    self._cell_as_body(td)
                first = r + 1
        self._data_table(rows[first:], first)

    def _cell_as_body(self, td: Element) -> None:
        self.flush()
        self.block(td)
        self.flush()

    def _data_table(self, rows: list[Element], first_row: int) -> None:
        """One ``Table`` of ``rows`` (``first_row``: the index of the first in its table)."""
        k = self.tables + 1
        cells = [
            Cell(
                cell.text,
                cell.row,
                cell.col,
                rowspan=cell.rowspan,
                colspan=cell.colspan,
                position=Position(table=k, row=first_row + cell.source_row + 1, col=cell.col + 1),
            )
            for cell in table_grid(rows, self.cell_text)
        ]
        if any(c.text for c in cells):
            self.tables = k
            cells.sort(key=lambda c: (c.row, c.col))
            self.layout.blocks.append(Table(tuple(cells), Position(table=k)))

    # -- cell content -------------------------------------------------------------------

    def cell_text(self, td: Element) -> str:
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise FileTooLargeError(
                f"网页中的表格单元格过多（超过 {MAX_CELLS:,} 个），已停止读取",
                source=self.source,
                hint="绩效目标文件通常只有几千个单元格；请确认选择了正确的文件。",
            )
        parts: list[str] = []
        _collect_cell(td, parts, self.cell_text)
        return "\n".join(visible_lines("".join(parts)))


def _collect_cell(el: Element, parts: list[str], cell_text: Callable[[Element], str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        shown = replacement(child) if tag in _REPLACED else None
        if shown is not None:
            parts.append(shown)
        elif tag == "table":
            parts.append(BREAK)
            for tr in table_rows(child):
                texts = [cell_text(td).replace("\n", " ") for td in cell_elements(tr)]
                parts.append(" ".join(t for t in texts if t) + BREAK)
        elif tag == "br":
            parts.append(BREAK)
        elif tag == "pre":
            parts.append(BREAK + "".join(child.itertext()).replace("\n", BREAK) + BREAK)
        elif tag in _BLOCK:
            parts.append(BREAK + list_marker(child))
            _collect_cell(child, parts, cell_text)
            parts.append(BREAK)
        elif tag:
            _collect_cell(child, parts, cell_text)
        if child.tail:
            parts.append(child.tail)
