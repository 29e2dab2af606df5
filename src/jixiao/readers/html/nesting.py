"""Tables inside tables: which nested table is a table of its own, and which outer table only
frames the page.

A small table nested in a cell (a 资金支出计划 of two rows inside the cell beside its label, a
key/value pair) is part of that cell: the walker keeps it as the cell's text. A nested table
with at least 3 rows and 3 columns, or at least as many cells as the table around it, is a
table of its own (an indicator table nested in the 绩效指标 cell of a 申报表): it is *hoisted*.
Around a hoisted table, the outer table either

- frames the page (a portal's layout table: a cell holds the hoisted table *and* other text,
  the article's title and paragraphs; or its own text is mostly links, a banner and a menu),
  and its cells are read as body content; or
- is a data table with a sub-table: it is cut at the row holding the sub-table, so the rows
  above, the sub-table and the rows below are read as tables in that order.
"""

from __future__ import annotations

from jixiao.readers.html.grid import cell_elements, table_rows
from jixiao.readers.html.tree import Element

__all__ = ["Nesting", "hoisted_tables"]

_MIN_ROWS = 3
_MIN_COLS = 3


def _shape(table: Element) -> tuple[int, int, int]:
    """(rows, widest row in cells, cells) of a table's own rows (spans not expanded)."""
    widths = [sum(1 for _ in cell_elements(tr)) for tr in table_rows(table)]
    return len(widths), max(widths, default=0), sum(widths)


def _owner_cell(table: Element) -> Element | None:
    for ancestor in table.iterancestors("td", "th"):
        return ancestor
    return None


def hoisted_tables(table: Element) -> dict[Element, list[Element]]:
    """The cells of ``table`` holding a nested table of its own, with those tables."""
    own = _shape(table)[2]
    out: dict[Element, list[Element]] = {}
    for tr in table_rows(table):
        for td in cell_elements(tr):
            for nested in td.iter("table"):
                if _owner_cell(nested) is not td:
                    continue  # inside a deeper table: that one decides
                rows, cols, cells = _shape(nested)
                if (rows >= _MIN_ROWS and cols >= _MIN_COLS) or cells >= own:
                    out.setdefault(td, []).append(nested)
    return out


class Nesting:
    """How the walker reads one ``<table>``: ``"data"``, ``"layout"`` or ``"split"``."""

    def __init__(self, table: Element) -> None:
        self.hoisted = hoisted_tables(table)
        if not self.hoisted:
            self.kind = "data"
        elif any(_text_outside(td, tables) for td, tables in self.hoisted.items()):
            self.kind = "layout"
        else:
            hoisted = {t for tables in self.hoisted.values() for t in tables}
            linked, plain = _text_lengths(table, hoisted, in_link=False)
            self.kind = "layout" if linked >= plain else "split"


def _text_outside(td: Element, tables: list[Element]) -> bool:
    """Whether the cell shows text besides its hoisted tables."""
    return _shows_text(td, set(tables))


def _shows_text(el: Element, hoisted: set[Element]) -> bool:
    if el.text and el.text.strip():
        return True
    for child in el:
        if child not in hoisted and isinstance(child.tag, str) and _shows_text(child, hoisted):
            return True
        if child.tail and child.tail.strip():
            return True
    return False


def _text_lengths(el: Element, hoisted: set[Element], *, in_link: bool) -> tuple[int, int]:
    """(characters inside links, characters outside) of the text around the hoisted tables:
    a menu or banner is mostly links, a data table's labels are not."""
    linked = plain = 0
    here = in_link or el.tag == "a"

    def add(text: str | None, link: bool) -> None:
        nonlocal linked, plain
        size = len(text.strip()) if text else 0
        if link:
            linked += size
        else:
            plain += size

    add(el.text, here)
    for child in el:
        if child not in hoisted and isinstance(child.tag, str):
            a, b = _text_lengths(child, hoisted, in_link=here)
            linked, plain = linked + a, plain + b
        add(child.tail, here)
    return linked, plain
