"""Reader for Word documents (DOCX): body paragraphs and tables, in order, on their true grid.

The ZIP container is checked first (``guard``: corrupt, not a DOCX, encrypted, zip bomb),
then python-docx opens the package and the body XML is walked directly (``ooxml``): a merged
一级指标 cell becomes one ``Cell`` with its rowspan, where python-docx's ``row.cells`` would
repeat it. Word's automatic list numbers are printed back into the text (``numbering``),
so ``1、…绩效目标表`` reads the same whether typed or numbered by Word.

Positions: a table cell has ``table`` (1-based table number in the body), ``row`` and ``col``
(1-based grid row and column). A DOCX has no lines, so for body paragraphs ``line`` holds the
paragraph's 1-based number among the body's paragraphs (empty ones counted, paragraphs inside
tables not), the closest thing to a line a reader of the document can find again.
Nested tables are flattened into their cell's text, one line per nested cell.
"""

from __future__ import annotations

import io

from jixiao._exceptions import FileTooLargeError, ReadError, UnsupportedFormatError
from jixiao.layout import Cell, Layout, LayoutWarning, Paragraph, Position, Table
from jixiao.readers.docx.guard import check_docx_zip
from jixiao.readers.docx.numbering import Numbering
from jixiao.readers.docx.ooxml import Element, W, iter_blocks, paragraph_text, table_grid

__all__ = ["MAX_CELLS", "read_docx"]

MAX_CELLS = 250_000
"""A department with 500 projects has about 50,000 table cells; past this, stop (each cell
costs Python objects, so this bounds time and memory that the tag count alone does not)."""

_NUMBERING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
_STYLES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


def read_docx(data: bytes, *, source: str) -> Layout:
    """The layout of a DOCX. Raises ``ReadError`` (Chinese, naming ``source``) if unreadable."""
    check_docx_zip(data, source=source)
    body, numbering, styles = _open(data, source)
    if body is None:  # a document.xml without w:body: nothing to read
        return Layout()
    return _Walker(Numbering(body, numbering, styles), source).read(body)


def _open(data: bytes, source: str) -> tuple[Element | None, Element | None, Element | None]:
    try:
        import docx
    except ImportError:
        raise UnsupportedFormatError(
            "读取 Word 文档需要 python-docx 组件，当前环境未安装",
            source=source,
            hint="请运行 pip install python-docx 后重试。",
        ) from None
    try:
        document = docx.Document(io.BytesIO(data))
        part = document.part
        related = {
            rel.reltype: rel.target_part for rel in part.rels.values() if not rel.is_external
        }
        body = document.element.body
    except Exception:  # python-docx and lxml raise many kinds; none may escape a reader
        raise ReadError(
            "无法解析该 Word 文档（文件内容已损坏或不符合 DOCX 格式）",
            source=source,
            hint="请用 Word 或 WPS 打开该文件并另存为“Word 文档（*.docx）”，再读取。",
        ) from None
    numbering = getattr(related.get(_NUMBERING_REL), "element", None)
    styles = getattr(related.get(_STYLES_REL), "element", None)
    return body, numbering, styles


class _Walker:
    def __init__(self, numbering: Numbering, source: str) -> None:
        self._numbering = numbering
        self._source = source
        self._cells = 0
        self._layout = Layout()
        self._paragraphs = 0
        self._tables = 0

    def read(self, body: Element) -> Layout:
        for block in iter_blocks(body):
            if block.tag == W + "p":
                self._paragraphs += 1
                text = self._paragraph(block).strip()
                if text:
                    self._layout.blocks.append(Paragraph(text, Position(line=self._paragraphs)))
            else:
                self._tables += 1
                self._layout.blocks.append(self._table(block, self._tables))
        if body.find(f".//{W}altChunk") is not None:
            self._layout.warnings.append(
                LayoutWarning(
                    "docx_alt_chunk",
                    "文档中嵌入了其他格式的内容（altChunk），这部分未能读取；"
                    "如有内容缺失，请在 Word 中打开后另存为 DOCX 再读取",
                )
            )
        return self._layout

    def _paragraph(self, p: Element) -> str:
        return self._numbering.marker(p) + paragraph_text(p)

    def _cell_text(self, tc: Element) -> str:
        self._cells += 1
        if self._cells > MAX_CELLS:
            raise FileTooLargeError(
                f"文档中的表格单元格过多（超过 {MAX_CELLS:,} 个），已停止读取",
                source=self._source,
                hint="绩效目标文件通常只有几千个单元格；请确认选择了正确的文件。",
            )
        lines: list[str] = []
        for block in iter_blocks(tc):
            if block.tag == W + "p":
                lines.append(self._paragraph(block))
            else:  # a nested table: its cells' texts, one after the other
                lines += [cell.text for cell in table_grid(block, self._cell_text) if cell.text]
        return "\n".join(lines).strip()

    def _table(self, tbl: Element, k: int) -> Table:
        cells = [
            Cell(
                cell.text,
                cell.row,
                cell.col,
                rowspan=cell.rowspan,
                colspan=cell.colspan,
                position=Position(table=k, row=cell.row + 1, col=cell.col + 1),
            )
            for cell in table_grid(tbl, self._cell_text)
        ]
        cells.sort(key=lambda c: (c.row, c.col))
        return Table(tuple(cells), Position(table=k))
