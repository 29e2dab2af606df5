"""Scanned PDFs and images, read by OCR when the optional extra ``jixiao[ocr]`` is installed.

This module is light on purpose: the PDF reader imports it for every PDF, and numpy,
onnxruntime and RapidOCR (``ocr.engine``, ``ocr.scan``) are imported only when a page
without a text layer, or an image, is actually met. Without the extra, a scan is refused
with a Chinese message naming the command that installs it.

A scanned page becomes the same tables (cells with spans, positions in PDF points) and
paragraphs as a page with a text layer (``ocr.grid`` finds the ruled grid, ``ocr.page``
places the recognised text in it), so the assembler cannot tell them apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao._exceptions import ReadError, UnsupportedFormatError
from jixiao.activity import report
from jixiao.layout import Layout

if TYPE_CHECKING:
    from jixiao.readers.ocr.scan import PdfScan
    from jixiao.readers.ocr.worker import OcrChild
    from jixiao.readers.paged.lines import LineGaps, PageParagraph
    from jixiao.readers.paged.tables import PageTable

__all__ = ["OCR_HINT", "ScanPages", "ocr_available", "read_image"]

OCR_HINT = (
    "读取扫描件和图片需要文字识别（OCR）支持：用 scripts/run 时加上 JIXIAO_OCR=1 重新运行"
    "（如 JIXIAO_OCR=1 scripts/run parse 扫描件.pdf，首次会安装约 200 MB）；"
    "自行安装的请运行 pip install jixiao[ocr]。"
)


def ocr_available() -> bool:
    """Whether ``jixiao[ocr]`` is installed with its models (nothing is loaded here: the
    engine loads in the OCR child process)."""
    try:
        from jixiao.readers.ocr import engine as ocr_engine
    except ImportError:  # numpy missing: the extra is not installed
        return False
    return ocr_engine.installed()


class ScanPages:
    """The text-less pages of one PDF, read by OCR on request (nothing loaded before)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._available: bool | None = None
        self._scan: PdfScan | None = None
        self._child: OcrChild | None = None

    def available(self) -> bool:
        if self._available is None:
            self._available = ocr_available()
        return self._available

    def blocks(self, index: int, gaps: LineGaps) -> list[PageTable | PageParagraph]:
        """Tables and paragraphs of page ``index`` (0-based), in reading order."""
        from jixiao.readers.ocr.worker import OcrChild, use_child

        if self._scan is None:
            from jixiao.readers.ocr.scan import PdfScan

            self._scan = PdfScan(self._data)
        if self._child is None:  # started on the first page that is not blank
            self._child = OcrChild()
        report(f"文字识别：第 {index + 1} 页")
        with use_child(self._child):
            return self._scan.blocks(index, gaps)

    def close(self) -> None:
        if self._scan is not None:
            self._scan.close()
            self._scan = None
        if self._child is not None:
            self._child.close()  # the recogniser's memory goes with its process
            self._child = None


def read_image(data: bytes, *, source: str) -> Layout:
    """The layout of a scanned page image (PNG, JPEG, TIFF; each TIFF frame is a page)."""
    if not ocr_available():
        raise UnsupportedFormatError(
            "这是图片文件，读取其中的文字需要文字识别（OCR），但尚未安装",
            source=source,
            hint=OCR_HINT + "也可以使用原始的 Word、PDF 文件。",
        )
    from jixiao.readers.ocr.page import ColumnMemory
    from jixiao.readers.ocr.scan import image_pages, scan_blocks
    from jixiao.readers.ocr.worker import child_per_file
    from jixiao.readers.paged.page_reader import PageReader

    reader = PageReader(source)
    columns = ColumnMemory()
    with child_per_file():  # the recogniser runs in a child that ends with this file
        for number, (gray, dpi) in enumerate(image_pages(data, source), start=1):
            report(f"文字识别：第 {number} 页")
            try:
                blocks = scan_blocks(gray, dpi, page=number, gaps=reader.gaps, columns=columns)
            except Exception as exc:  # the engine failed on this page: say which
                raise ReadError(
                    f"图片第 {number} 页文字识别失败",
                    source=source,
                    hint="请确认图片完整；也可以重新扫描后再读取。",
                ) from exc
            reader.add_scanned(blocks, number)
    if reader.pages_with_text == 0:
        raise ReadError(
            "图片中没有识别出任何文字",
            source=source,
            hint="请确认图片清晰、文字朝上，扫描分辨率不低于 150 dpi。",
        )
    return reader.finish()
