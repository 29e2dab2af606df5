"""Page layout of the direct PDF writer: blocks of text and bordered tables on A4 pages.

The geometry is the one ``templates/document.html`` gives WeasyPrint: A4, margins 18/15/20 mm,
line height 1.5, tables with collapsed 0.75pt borders, 3pt/4pt padding, text at the top of
every cell. Tables break between rows (never inside one, nor inside a group kept together),
repeat their header row on every page, and a merged (rowspan) cell cut by a page break is
drawn on both pages, its text on the first: the break moves up when that part would be too
short for the text. Margins collapse, and are dropped at the top of a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.render.pdf_text import Measure

__all__ = ["Cell", "Flow", "Page", "Row", "Table"]

MM = 72 / 25.4
PAGE_WIDTH = 210 * MM
PAGE_HEIGHT = 297 * MM
LEFT = 15 * MM
TOP = 18 * MM
BOTTOM_MARGIN = 20 * MM
BOTTOM = PAGE_HEIGHT - BOTTOM_MARGIN
WIDTH = PAGE_WIDTH - 2 * LEFT
LINE_HEIGHT = 1.5
BORDER = 0.75
PAD_X, PAD_Y = 4.0, 3.0
TABLE_SIZE = 10.5
_EPSILON = 0.01


@dataclass
class Page:
    """What one page shows: text lines (x, baseline from the top, size, text, bold) and
    stroked rectangles (x, top, width, height)."""

    texts: list[tuple[float, float, float, str, bool]] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)


@dataclass
class Cell:
    text: str
    col: int
    span: int = 1
    rows: int = 1
    align: str = "left"  # "left", "center" or "right"
    lines: list[str] = field(default_factory=list)


@dataclass
class Row:
    cells: list[Cell]
    height: float = 0.0


@dataclass
class Table:
    """Column widths (fractions of the text width), an optional header row repeated on every
    page, and the body as units: groups of rows that stay on one page."""

    columns: list[float]
    units: list[list[Row]]
    header: Row | None = None


class Flow:
    """Places blocks top to bottom, page after page."""

    def __init__(self, measure: Measure) -> None:
        self.measure = measure
        self.pages: list[Page] = [Page()]
        self.y = TOP
        self._margin = 0.0  # the pending (collapsed) bottom margin of the block above
        self._truncate = False  # margins are dropped after a page break (not on page 1)
        self._fresh = True  # nothing placed on this page yet: moving on would not help

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = TOP
        self._margin = 0.0
        self._truncate = True
        self._fresh = True

    def top(self, margin: float) -> float:
        """Where a block with top margin ``margin`` starts (margins collapse; none at the top
        of a page after a break)."""
        return self.y if self._truncate else self.y + max(self._margin, margin)

    def _baseline(self, size: float) -> float:
        """Baseline offset from the top of a line box: the font's ascent plus half-leading."""
        font = self.measure.font
        content = (font.ascent - font.descent) * size / 1000.0
        return (size * LINE_HEIGHT - content) / 2 + font.ascent * size / 1000.0

    def block(
        self,
        text: str,
        size: float,
        *,
        margins: tuple[float, float],
        bold: bool = False,
        center: bool = False,
        keep_with: float = 0.0,
    ) -> None:
        """A paragraph or heading. It breaks across pages between lines, leaving at least two
        on each page (CSS orphans and widows); ``keep_with`` is the height the next block needs
        on the same page (a heading is not left alone at the bottom of a page)."""
        lines = self.measure.wrap(text, WIDTH, size)
        step = size * LINE_HEIGHT
        base = self._baseline(size)
        y = self.top(margins[0])
        if not self._fresh and y + step + keep_with > BOTTOM + _EPSILON:
            self.new_page()
            y = TOP
        i = 0
        while i < len(lines):
            room = int((BOTTOM - y + _EPSILON) // step)
            left = len(lines) - i
            take = left if left <= room else room
            if take < left and left - take < 2:
                take = left - 2  # widows: two lines go to the next page
            if take < min(2, left) and not self._fresh:
                self.new_page()  # orphans: fewer than two lines would stay here
                y = TOP
                continue
            take = max(take, 1)
            for line in lines[i : i + take]:
                x = LEFT
                if center:
                    x += (WIDTH - self.measure.width(line, size)) / 2
                self.page.texts.append((x, y + base, size, line, bold))
                y += step
            i += take
            self._fresh = self._truncate = False
            if i < len(lines):
                self.new_page()
                y = TOP
        self.y = y
        self._margin = margins[1]
        self._truncate = False

    def lines(self, text: str, size: float) -> int:
        """How many lines ``text`` takes across the text width."""
        return len(self.measure.wrap(text, WIDTH, size))

    def prepare(self, table: Table) -> None:
        """Wrap every cell and size every row (a rowspan cell's extra height goes to its last
        row)."""
        widths = [f * (WIDTH - BORDER) for f in table.columns]
        rows = [row for unit in table.units for row in unit]
        if table.header is not None:
            rows.insert(0, table.header)
        step = TABLE_SIZE * LINE_HEIGHT
        for row in rows:
            height = 0.0
            for cell in row.cells:
                inner = sum(widths[cell.col : cell.col + cell.span]) - 2 * PAD_X - BORDER
                cell.lines = self.measure.wrap(cell.text, inner, TABLE_SIZE) if cell.text else []
                needed = len(cell.lines) * step + 2 * PAD_Y + BORDER
                if cell.rows == 1:
                    height = max(height, needed)
            row.height = max(height, 2 * PAD_Y + BORDER)
        for n, row in enumerate(rows):
            for cell in row.cells:
                if cell.rows > 1:
                    needed = len(cell.lines) * step + 2 * PAD_Y + BORDER
                    last = min(n + cell.rows, len(rows)) - 1
                    covered = sum(r.height for r in rows[n : last + 1])
                    if covered < needed:
                        rows[last].height += needed - covered
        header = table.header.height if table.header is not None else 0.0
        _split_oversized(table, BOTTOM - TOP - header - BORDER)

    def table(self, table: Table, margin_top: float) -> None:
        """Place a prepared table, breaking it across pages between units. Its rules are inset
        by half a border from the box (collapsed borders, as WeasyPrint draws them)."""
        inner = WIDTH - BORDER
        xs = [LEFT + BORDER / 2]
        for fraction in table.columns:
            xs.append(xs[-1] + fraction * inner)
        header_height = table.header.height if table.header is not None else 0.0
        rows = [row for unit in table.units for row in unit]
        starts: list[int] = []  # index of each unit's first row
        count = 0
        for unit_rows in table.units:
            starts.append(count)
            count += len(unit_rows)
        top = self.top(margin_top)
        first_height = header_height + sum(r.height for r in table.units[0]) if rows else 0
        if not self._fresh and top + first_height + BORDER / 2 > BOTTOM + _EPSILON:
            self.new_page()
            top = TOP
        fragment_first = 0  # first row of the fragment on this page
        y = top + BORDER / 2 + header_height
        fragments: list[tuple[int, int, float]] = []  # (first row, end row, box top)
        for unit, first in enumerate(starts):
            height = sum(r.height for r in table.units[unit])
            if y + height > BOTTOM + _EPSILON and first > fragment_first:  # rule inside
                cut = _label_safe_cut(rows, first, fragment_first, starts)
                fragments.append((fragment_first, cut, top))
                self.new_page()
                top = TOP
                fragment_first = cut
                y = top + BORDER / 2 + header_height + sum(r.height for r in rows[cut:first])
            y += height
        fragments.append((fragment_first, len(rows), top))
        spans = [(n, cell) for n, row in enumerate(rows) for cell in row.cells if cell.rows > 1]
        for number, (first, end, frag_top) in enumerate(fragments):
            page = self.pages[len(self.pages) - len(fragments) + number]
            y = frag_top + BORDER / 2
            if table.header is not None:
                self._draw_rows(page, [table.header], 0, 1, y, xs, [])
                y += header_height
            continuing = [(n, cell) for n, cell in spans if n < first < n + cell.rows]
            y = self._draw_rows(page, rows, first, end, y, xs, continuing)
        self.y = y + BORDER / 2
        self._margin = 0.0
        self._fresh = self._truncate = False

    def _draw_rows(
        self,
        page: Page,
        rows: list[Row],
        first: int,
        end: int,
        y: float,
        xs: list[float],
        continuing: list[tuple[int, Cell]],
    ) -> float:
        """Draw rows ``first:end``; the ``continuing`` rowspan cells (with their first row),
        begun above ``first``, are drawn again over the rows they still cover, empty."""
        tops = [y]
        for row in rows[first:end]:
            tops.append(tops[-1] + row.height)
        base = self._baseline(TABLE_SIZE)
        step = TABLE_SIZE * LINE_HEIGHT
        placed = [(n, cell, False) for n, cell in continuing]
        placed += [(n, cell, True) for n in range(first, end) for cell in rows[n].cells]
        for n, cell, own in placed:
            start = n if own else first
            last = min(n + cell.rows, end)
            x0, x1 = xs[cell.col], xs[cell.col + cell.span]
            top, bottom = tops[start - first], tops[last - first]
            page.boxes.append((x0, top, x1 - x0, bottom - top))
            if not own:
                continue
            inner = x1 - x0 - 2 * PAD_X - BORDER
            line_top = top + BORDER / 2 + PAD_Y
            for line in cell.lines:
                x = x0 + BORDER / 2 + PAD_X
                if cell.align != "left":
                    room = inner - self.measure.width(line, TABLE_SIZE)
                    x += room / 2 if cell.align == "center" else room
                page.texts.append((x, line_top + base, TABLE_SIZE, line, False))
                line_top += step
        return tops[-1]


def _label_safe_cut(rows: list[Row], cut: int, floor: int, starts: list[int]) -> int:
    """Where the page breaks: before row ``cut``, or earlier so that every rowspan cell cut by
    the break keeps room for its text on this page (never before ``floor``)."""
    step = TABLE_SIZE * LINE_HEIGHT
    changed = True
    while changed and cut > floor:
        changed = False
        for n in range(floor, cut):
            for cell in rows[n].cells:
                if cell.rows > 1 and n + cell.rows > cut:
                    needed = len(cell.lines) * step + 2 * PAD_Y + BORDER
                    if sum(r.height for r in rows[n:cut]) < needed and n > floor:
                        cut = max(s for s in starts if s <= n)
                        changed = True
                        break
            if changed:
                break
    return cut


def _split_oversized(table: Table, room: float) -> None:
    """Units taller than an empty page (``room``) are split: a group into its rows, and a row
    into pieces of as many lines as fit, drawn as rows of their own (a rule across the cut).
    Rows otherwise never break; this only keeps a very long 资金用途 or 绩效目标 from running
    off the page."""
    units: list[list[Row]] = []
    for unit in table.units:
        if sum(row.height for row in unit) <= room + _EPSILON:
            units.append(unit)
        else:
            units.extend([row] for row in unit)
    step = TABLE_SIZE * LINE_HEIGHT
    fit = max(1, int((room - 2 * PAD_Y - BORDER + _EPSILON) // step))
    out: list[list[Row]] = []
    for unit in units:
        row = unit[0]
        if len(unit) > 1 or row.height <= room + _EPSILON:
            out.append(unit)
            continue
        count = max((-(-len(c.lines) // fit) for c in row.cells if c.rows == 1), default=1)
        pieces = [Row([]) for _ in range(count)]
        for cell in row.cells:
            if cell.rows > 1:  # a merged cell starting here covers every piece
                cell.rows += count - 1
                pieces[0].cells.append(cell)
                continue
            for n, piece in enumerate(pieces):
                lines = cell.lines[n * fit : (n + 1) * fit]
                part = Cell("\n".join(lines), cell.col, cell.span, 1, cell.align, lines)
                piece.cells.append(part)
        for above in out:  # merged cells begun above and covering this row grow too
            for earlier in above:
                for cell in earlier.cells:
                    if cell.rows > 1 and _covers(out, earlier, cell, row):
                        cell.rows += count - 1
        for piece in pieces:
            tallest = max((len(c.lines) for c in piece.cells if c.rows == 1), default=0)
            piece.height = tallest * step + 2 * PAD_Y + BORDER
        out.extend([piece] for piece in pieces)
    table.units = out


def _covers(units: list[list[Row]], start: Row, cell: Cell, row: Row) -> bool:
    """Whether ``cell`` (in row ``start``) reaches the row that follows ``units``."""
    rows = [r for unit in units for r in unit]
    return next(n for n, r in enumerate(rows) if r is start) + cell.rows > len(rows)
