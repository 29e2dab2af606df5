"""Reader for PDFs with a text layer: ruled tables with merged cells, and paragraphs.

Pages are read one at a time and released (``page.close()``, no document-wide object cache),
so memory stays bounded for long files. pdfminer opens the file (its errors and the damage it
logs are what this reader reports) and each page is checked for damage without being
interpreted (``damage_check``); PDFium then reads the page's characters and drawn lines in
pdfminer's coordinates (``pdfium_chars``, ``pdfium_paths``), about ten times faster than
pdfminer would. pdfminer (pdfplumber's ``page.chars``) reads the page instead when it is
damaged, rotated, or its text fails the sanity gate (mostly ``(cid:…)``, U+FFFD, private-use
or not common Chinese characters: fonts without a usable encoding map); when pdfminer's own
characters fail the gate, PDFium is asked again (``pdfium``). Either way: ruled tables with
their spans (``tables``, ``table_finder``), and the rest as paragraphs without page numbers
(``paged.lines``). Across pages, a table
continued on the next page becomes one table again without its repeated header rows
(``paged.stitch``), and a paragraph broken by the page is joined again. A page without a text
layer is a scan: with ``jixiao[ocr]`` installed it is read by OCR into the same
tables and paragraphs (``ocr``), otherwise the reader says what to install.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pdfplumber
from pdfminer import pdftypes
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import LIT
from pdfplumber.page import Page
from pdfplumber.pdf import PDF

from jixiao._exceptions import JixiaoError, ReadError, UnsupportedFormatError
from jixiao.layout import Layout, LayoutWarning, Position
from jixiao.readers.ocr import ScanPages
from jixiao.readers.paged.lines import Char, drop_page_furniture, page_items, text_lines
from jixiao.readers.paged.page_reader import PageReader
from jixiao.readers.pdf.damage_check import touch_page
from jixiao.readers.pdf.pdfium import PdfiumText
from jixiao.readers.pdf.table_finder import FoundTable
from jixiao.readers.pdf.tables import build_table, find_tables, split_chars

__all__ = ["MAX_PDF_PAGES", "PdfPageReader", "read_pdf"]

MAX_PDF_PAGES = 2000
"""More pages than any 部门预算绩效信息 has; a bigger file is refused before it is parsed."""

LITERAL_PAGE = LIT("Page")
LITERAL_PAGES = LIT("Pages")
_GARBLED_SHARE = 0.3
_COMMON_SHARE = 0.6


def read_pdf(data: bytes, *, source: str) -> Layout:
    """The layout of a PDF's text layer. Raises ``ReadError`` subclasses with Chinese messages.

    pdfminer reports damage it recovers from (a stream that does not inflate, a broken cross
    reference) only as log records in English; they are caught here per page and become a
    warning naming the page, and the table of a damaged page is not continued onto the next.
    """
    reader = PdfPageReader(source)
    with _damage_log() as damage, _open(data, source) as pdf:
        if damage.take():
            reader.layout.warnings.append(_damage_warning(None))
        pdfium = PdfiumText(data)
        scans = ScanPages(data)
        fonts_seen: set[int] = set()
        try:
            previous = 0
            fast = _page_count(pdf) == pdfium.page_count()
            for number, page in _pages(pdf, source):
                if number > previous + 1:  # pages the page tree lost (a broken page object)
                    _lost_pages(reader, previous + 1, number)
                previous = number
                try:
                    if not (
                        fast and reader.add_pdfium_page(page, number, pdfium, damage, fonts_seen)
                    ):
                        reader.add_page(page, number, pdfium, scans)
                except JixiaoError:
                    raise
                except Exception:  # a library failure on one page: that page is damaged
                    damage.count += 1
                finally:
                    page.close()
                if damage.take():
                    reader.layout.warnings.append(_damage_warning(number))
                    reader.break_continuation()
            positions = _page_positions(pdf.doc)
            if positions is not None and positions[1] > previous:
                _lost_pages(reader, previous + 1, positions[1] + 1)
        finally:
            pdfium.close()
            scans.close()
    return reader.finish()


def _lost_pages(reader: PdfPageReader, first: int, end: int) -> None:
    """Pages ``first``..``end - 1`` are in the page tree but not readable pages: each is a
    damage warning, and no table continues across the gap."""
    for number in range(first, end):
        reader.layout.warnings.append(_damage_warning(number))
    reader.break_continuation()


def _page_positions(doc: PDFDocument) -> tuple[list[int], int] | None:
    """The page tree's leaves in order: the 1-based positions of those that are pages, and
    how many leaves there are (a leaf whose ``/Type`` was damaged is skipped by pdfminer, and
    the pages after it would otherwise be numbered, and continued, as if it never existed).
    ``None`` when the tree cannot be walked (pdfminer then finds pages its own way)."""
    valid: list[int] = []
    total = 0
    seen: set[int] = set()

    def walk(node: object, depth: int) -> None:
        nonlocal total
        if isinstance(node, PDFObjRef):
            if node.objid in seen:
                return
            seen.add(node.objid)
        tree = resolve1(node)
        if depth > 64 or total > MAX_PDF_PAGES:
            return
        if not isinstance(tree, dict):
            total += depth > 0  # a kid that is no longer an object: a lost page
            return
        kids = resolve1(tree.get("Kids")) if "Kids" in tree else None
        if kids is not None and resolve1(tree.get("Type")) is LITERAL_PAGES:
            for kid in kids if isinstance(kids, list) else []:
                walk(kid, depth + 1)
            return
        total += 1
        if resolve1(tree.get("Type")) is LITERAL_PAGE:
            valid.append(total)

    try:
        walk(doc.catalog["Pages"], 0)
    except Exception:
        return None
    if total > MAX_PDF_PAGES:
        return None
    return valid, total


def _damage_warning(page: int | None) -> LayoutWarning:
    where = f"第 {page} 页" if page is not None else "文件结构"
    return LayoutWarning(
        "pdf_damaged",
        f"PDF {where}已损坏（部分内容无法解压或定位），该页内容可能缺失或错位；请核对原件，"
        "或用 PDF 阅读器重新另存为 PDF 后再读取",
        Position(page=page),
    )


_DAMAGE_LOGGERS = frozenset(
    {"pdfminer.pdftypes", "pdfminer.pdfdocument", "pdfminer.pdfparser", "pdfminer.psparser"}
)


class _DamageLog(logging.Handler):
    """Counts pdfminer's warnings raised by this thread (the web app reads in several)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        # Damage is what the stream, object and xref layers report; a missing font or an
        # odd drawing operator (pdfdevice, pdfinterp) is kept off stderr but is no damage.
        if record.thread == self.thread and record.name in _DAMAGE_LOGGERS:
            self.count += 1

    def pending(self) -> bool:
        """Whether anything was logged since the last ``take``."""
        return self.count > 0

    def take(self) -> bool:
        """Whether anything was logged since the last call."""
        seen, self.count = self.count, 0
        return seen > 0


_decompress_corrupted = pdftypes.decompress_corrupted


def _reporting_decompress(data: bytes) -> bytes:
    """pdfminer calls this only for a stream that does not inflate; when it fails too, the
    stream silently becomes empty (a page without text). Log it, so it is counted."""
    logging.getLogger("pdfminer.pdftypes").warning("corrupted Flate stream")
    return _decompress_corrupted(data)


pdftypes.decompress_corrupted = _reporting_decompress


@contextmanager
def _damage_log() -> Iterator[_DamageLog]:
    logger = logging.getLogger("pdfminer")
    handler = _DamageLog()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False  # no English on the user's stderr
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


@contextmanager
def _open(data: bytes, source: str) -> Iterator[PDF]:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise _open_error(data, exc, source) from None
    try:
        pdf.doc.caching = False  # do not keep every parsed object of the file alive
        yield pdf
    finally:
        pdf.flush_cache()  # not pdf.close(): it would build every page object first


def _open_error(data: bytes, exc: Exception, source: str) -> ReadError:
    reason = " ".join(f"{type(exc).__name__} {exc}".split()).lower()
    if "password" in reason or "encrypt" in reason or b"/Encrypt" in data:
        return UnsupportedFormatError(
            "PDF 文件已加密（设置了打开密码或不支持的加密方式），无法读取",
            source=source,
            hint="请在 PDF 阅读器中输入密码后“另存为”不加密的 PDF，或向发文单位索取未加密的文件。",
        )
    return ReadError(
        "PDF 文件已损坏或格式有误，无法打开",
        source=source,
        hint="请确认文件下载完整；也可用 PDF 阅读器打开后重新另存为 PDF。",
    )


def _page_count(pdf: PDF) -> int:
    try:
        return int(resolve1(resolve1(pdf.doc.catalog["Pages"]).get("Count", 0)))
    except Exception:
        return 0


def _pages(pdf: PDF, source: str) -> Iterator[tuple[int, Page]]:
    """Pages one at a time (``pdf.pages`` would build them all up front)."""
    doc: PDFDocument = pdf.doc
    count = _page_count(pdf)
    if count > MAX_PDF_PAGES:
        raise ReadError(
            f"PDF 共 {count} 页，超过上限 {MAX_PDF_PAGES} 页，未读取",
            source=source,
            hint="绩效目标文件通常只有几十页；请确认选择了正确的文件，或拆分后分别读取。",
        )
    pages = PDFPage.create_pages(doc)
    positions = _page_positions(doc)
    valid = positions[0] if positions is not None else []
    index = number = 0
    while True:
        index += 1
        # the page's place in the page tree, when the tree was walked and agrees so far
        number = valid[index - 1] if index <= len(valid) else number + 1
        try:
            page = Page(pdf, next(pages), page_number=number, initial_doctop=0)
        except StopIteration:
            return
        except Exception:
            raise ReadError(
                f"PDF 第 {number} 页的页面结构有误，无法读取",
                source=source,
                hint="文件可能已损坏；请尝试用 PDF 阅读器重新另存为 PDF 后再读取。",
            ) from None
        if number > MAX_PDF_PAGES:
            raise ReadError(f"PDF 超过 {MAX_PDF_PAGES} 页，未读取", source=source)
        yield number, page


def garbled_share(chars: list[Char]) -> float:
    """Share of characters pdfminer could not map: ``(cid:N)``, U+FFFD, private use area."""
    if not chars:
        return 0.0
    bad = 0
    for char in chars:
        text = char["text"]
        if text.startswith("(cid:") or "\ufffd" in text or any(_private(ch) for ch in text):
            bad += 1
    return bad / len(chars)


def looks_chinese(chars: list[Char]) -> bool:
    """Whether non-ASCII text is mostly common Simplified Chinese (GB2312). A font without an
    encoding map read as raw glyph numbers gives code points scattered over all of Unicode."""
    wide = [c["text"] for c in chars if c["text"] and ord(c["text"][0]) > 0x7F]
    wide = [t for t in wide if not t.isspace()]
    if not wide:
        return True
    common = 0
    for text in wide:
        try:
            text.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common / len(wide) >= _COMMON_SHARE


def _private(ch: str) -> bool:
    code = ord(ch)
    return 0xE000 <= code <= 0xF8FF or code >= 0xF0000


class PdfPageReader(PageReader):
    """The page reader fed with pdfplumber pages: text sanity gate, ruled tables, lines."""

    def add_pdfium_page(
        self,
        page: Page,
        number: int,
        pdfium: PdfiumText,
        damage: _DamageLog,
        fonts_seen: set[int],
    ) -> bool:
        """Read the page with PDFium; False (nothing read) when pdfminer must read it: damage
        found (``damage_check``), a page PDFium cannot match, or text it cannot decode."""
        try:
            touch_page(page.page_obj, fonts_seen)
        except Exception:
            return False
        if damage.pending():
            return False
        read = pdfium.page(number - 1, tuple(float(v) for v in page.mediabox))  # type: ignore[arg-type]
        if read is None or not read.chars:
            return False
        if garbled_share(read.chars) > _GARBLED_SHARE or not looks_chinese(read.chars):
            return False
        drawing = read.drawing
        found = find_tables(drawing.lines, drawing.rects, drawing.curves)
        self._add_text(read.chars, found, number, float(page.width), float(page.height))
        return True

    def add_page(self, page: Page, number: int, pdfium: PdfiumText, scans: ScanPages) -> None:
        """Read the page with pdfminer (pdfplumber's ``page.chars`` and drawn objects)."""
        chars: list[Char] = list(page.chars)
        if chars and garbled_share(chars) > _GARBLED_SHARE:
            chars = self._reread(number, pdfium, chars)
        if not chars:
            if page.images and scans.available():
                self.add_scanned(scans.blocks(number - 1, self.gaps), number)
            elif page.images:
                self.pages_scanned += 1
                self._warn(
                    "pdf_page_no_text",
                    f"第 {number} 页没有文字层（可能是扫描页），已跳过",
                    Position(page=number),
                )
            return
        found = find_tables(page.lines, page.rects, page.curves)
        self._add_text(chars, found, number, float(page.width), float(page.height))

    def _add_text(
        self, chars: list[Char], found: list[FoundTable], number: int, width: float, height: float
    ) -> None:
        """A page with a text layer: its tables, then its lines as paragraphs."""
        self.pages_with_text += 1
        boxes = [
            (float(x0), float(top), float(x1), float(bottom))
            for x0, top, x1, bottom in (t.bbox for t in found)
        ]
        table_chars, free = split_chars(chars, boxes)
        tables = [
            build_table(t, cs, number, k)
            for k, (t, cs) in enumerate(zip(found, table_chars, strict=True), start=1)
        ]
        lines = drop_page_furniture(text_lines(free), height)
        edges = [(top, x0, x1) for x0, top, x1, _ in boxes]
        items = page_items(lines, edges, width, self.gaps)
        for n, item in enumerate(items):
            self._item(tables[item] if isinstance(item, int) else item, number, first=n == 0)

    def _reread(self, number: int, pdfium: PdfiumText, chars: list[Char]) -> list[Char]:
        again = pdfium.chars(number - 1)
        if again and garbled_share(again) <= _GARBLED_SHARE and looks_chinese(again):
            return again
        self.pages_garbled += 1
        self._warn(
            "pdf_text_garbled",
            f"第 {number} 页的文字无法正确解码（字体缺少编码映射），读出的内容可能有误",
            Position(page=number),
        )
        return chars
