"""Page by page into one layout: tables and paragraphs continued across page breaks.

Shared by the PDF reader (pages with a text layer) and the OCR reader (scanned pages and
images), so both produce the same layout and the assembler cannot tell them apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao._exceptions import ReadError, UnsupportedFormatError
from jixiao.layout import Layout, LayoutWarning, Paragraph, Position
from jixiao.readers.paged.lines import LineGaps, PageParagraph
from jixiao.readers.paged.stitch import continues, stitch, without_repeated_header
from jixiao.readers.paged.tables import PageTable

__all__ = ["PageReader"]


@dataclass
class PageReader:
    """Collects blocks page by page; the last block stays open, since the next page may
    continue it (a table cut by the break, or a paragraph). The PDF reader feeds it pages with
    a text layer (``PdfPageReader``), the OCR reader scanned pages and images."""

    source: str
    layout: Layout = field(default_factory=Layout)
    gaps: LineGaps = field(default_factory=LineGaps)
    pending: PageTable | PageParagraph | None = None
    pending_page: int = 0  # the page the pending block was last extended on
    pending_first: int = 0  # the page it starts on
    pages_with_text: int = 0
    pages_scanned: int = 0
    pages_garbled: int = 0
    pages_ocr: list[int] = field(default_factory=list)

    def add_blocks(self, blocks: list[PageTable | PageParagraph], number: int) -> None:
        """A page's tables and paragraphs in reading order."""
        for n, block in enumerate(blocks):
            self._item(block, number, first=n == 0)

    def add_scanned(self, blocks: list[PageTable | PageParagraph], number: int) -> None:
        """A page read by OCR (``ocr``): its tables and paragraphs in reading order."""
        self.pages_ocr.append(number)
        if blocks:
            self.pages_with_text += 1
        self.add_blocks(blocks, number)

    def _item(self, item: PageTable | PageParagraph, page: int, *, first: bool) -> None:
        pending = self.pending
        carried = first and pending is not None and self.pending_page == page - 1
        if (
            carried
            and isinstance(pending, PageTable)
            and isinstance(item, PageTable)
            and continues(pending, item)
        ):  # a table cut by the page break
            rest = without_repeated_header(item, pending)
            if rest.table.cells:
                self.pending = stitch(pending, rest)
            self.pending_page = page
            return
        if (
            carried
            and isinstance(pending, PageParagraph)
            and isinstance(item, PageParagraph)
            and pending.ends_full
            and not item.starts_item
            and not item.starts_indented
        ):  # a paragraph cut by the page break
            self.pending = PageParagraph(
                pending.lines + item.lines,
                item.ends_full,
                pending.starts_item,
                pending.starts_indented,
            )
            self.pending_page = page
            return
        self._flush()
        self.pending, self.pending_page, self.pending_first = item, page, page

    def break_continuation(self) -> None:
        """The page just read is damaged: end its last block here, so the next page's first
        table is never taken for its continuation (a project merged into its neighbour)."""
        self._flush()

    def _flush(self) -> None:
        pending, self.pending = self.pending, None
        if isinstance(pending, PageTable):
            self.layout.blocks.append(pending.table)
        elif pending is not None:
            position = Position(page=self.pending_first, bbox=pending.bbox())
            self.layout.blocks.append(Paragraph(pending.text(), position))

    def _warn(self, code: str, message: str, position: Position) -> None:
        self.layout.warnings.append(LayoutWarning(code, message, position))

    def finish(self) -> Layout:
        self._flush()
        if self.pages_ocr:
            pages = "、".join(str(n) for n in self.pages_ocr[:5])
            more = "等" if len(self.pages_ocr) > 5 else ""
            self._warn(
                "ocr_used",
                f"第 {pages} 页{more}是扫描图像，已用文字识别（OCR）读取；"
                "识别出的文字可能有误，请对照原件核对",
                Position(page=self.pages_ocr[0]),
            )
        if self.pages_with_text == 0:
            if self.pages_ocr:
                raise ReadError(
                    "这是扫描件 PDF，但文字识别（OCR）没有识别出任何文字",
                    source=self.source,
                    hint="请确认扫描清晰、页面方向正确（文字朝上），分辨率不低于 150 dpi。",
                )
            if self.pages_scanned:
                raise UnsupportedFormatError(
                    "这是扫描件 PDF（页面只有图片，没有文字层），无法直接读取",
                    source=self.source,
                    hint="读取扫描件需要文字识别（OCR）支持：用 scripts/run 时加上 JIXIAO_OCR=1 "
                    "重新运行，自行安装的请运行 pip install jixiao[ocr]；"
                    "或使用原始的 Word、PDF 文件。",
                )
            raise ReadError(
                "PDF 中没有任何文字", source=self.source, hint="请确认文件内容是否完整。"
            )
        if self.pages_garbled == self.pages_with_text:
            raise UnsupportedFormatError(
                "PDF 的文字层无法解码（字体缺少编码映射，读出的是乱码）",
                source=self.source,
                hint="请使用原始的 Word 文件；或安装 OCR 支持（JIXIAO_OCR=1 scripts/run，"
                "或 pip install jixiao[ocr]）后按扫描件读取。",
            )
        return self.layout
