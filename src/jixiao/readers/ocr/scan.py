"""Scanned pages read by OCR: render (PDF) or decode (image), straighten, find the grid,
recognise the text.

One page at a time, so memory does not grow with the page count: a PDF page is rendered with
PDFium at 200 dpi in grayscale (a huge page at less, so that no page has more than
``MAX_PIXELS``) and released after use; an image file gives one page per frame (multi-page
TIFF). Images are taken as A4 pages: their resolution follows from their size, since the dpi
stored in a file is often missing or wrong.
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
import pypdfium2 as pdfium  # type: ignore[import-untyped]
from PIL import Image, ImageFile, ImageOps

from jixiao._exceptions import ReadError
from jixiao.readers.ocr.grid import binarize, find_grids
from jixiao.readers.ocr.page import ColumnMemory, page_blocks
from jixiao.readers.ocr.skew import straighten
from jixiao.readers.ocr.worker import recognise
from jixiao.readers.paged.lines import LineGaps, PageParagraph
from jixiao.readers.paged.tables import PageTable
from jixiao.readers.pdfium_lock import PDFIUM_LOCK

__all__ = [
    "A4_LONG_INCH",
    "BLANK_SHARE",
    "MAX_IMAGE_PAGES",
    "MAX_IMAGE_PIXELS",
    "MAX_PIXELS",
    "OCR_DPI",
    "PdfScan",
    "image_pages",
    "scan_blocks",
]

OCR_DPI = 200.0
BLANK_SHARE = 0.0005
"""A page with fewer dark pixels than this share holds no text worth reading (one short line
of 10 pt characters on an A4 page at 200 dpi is about 0.1 %)."""
MAX_PIXELS = 16_000_000  # A2 at 200 dpi; bigger pages are read at a lower resolution
MAX_IMAGE_PIXELS = 100_000_000  # a bigger image is refused before it is decoded
MAX_IMAGE_PAGES = 500
A4_LONG_INCH = 11.69

Gray = npt.NDArray[np.uint8]


def scan_blocks(
    gray: Gray, dpi: float, *, page: int, gaps: LineGaps, columns: ColumnMemory
) -> list[PageTable | PageParagraph]:
    """Tables and paragraphs of one page image (grayscale, ``dpi`` pixels per inch); a
    page scanned askew is turned straight first."""
    dark = binarize(gray)
    if np.count_nonzero(dark) < dark.size * BLANK_SHARE:
        return []  # a blank page: the recogniser would cost seconds and memory for nothing
    gray, angle = straighten(gray, dark)
    if angle:
        dark = binarize(gray)
    grids = find_grids(dark, dpi)
    boxes = recognise(gray)
    return page_blocks(boxes, grids, dark, page=page, dpi=dpi, gaps=gaps, columns=columns)


class PdfScan:
    """Pages of one PDF read by OCR; PDFium opens the file on the first one asked for."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._doc: Any = None
        self._columns = ColumnMemory()

    def blocks(self, index: int, gaps: LineGaps) -> list[PageTable | PageParagraph]:
        """Page ``index`` (0-based) read by OCR."""
        gray, dpi = self.render(index)
        return scan_blocks(gray, dpi, page=index + 1, gaps=gaps, columns=self._columns)

    def render(self, index: int) -> tuple[Gray, float]:
        with PDFIUM_LOCK:  # PDFium is not thread-safe
            return self._render(index)

    def _render(self, index: int) -> tuple[Gray, float]:
        if self._doc is None:
            self._doc = pdfium.PdfDocument(self._data)
        page = self._doc[index]
        try:
            width, height = page.get_size()
            dpi = OCR_DPI
            if width * height * (dpi / 72) ** 2 > MAX_PIXELS:
                dpi = 72 * math.sqrt(MAX_PIXELS / (width * height))
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            try:
                gray: Gray = np.array(bitmap.to_numpy(), dtype=np.uint8, copy=True)
            finally:
                bitmap.close()
        finally:
            page.close()
        if gray.ndim == 3:
            gray = np.ascontiguousarray(gray[:, :, 0])
        return gray, dpi

    def close(self) -> None:
        with PDFIUM_LOCK:
            if self._doc is not None:
                self._doc.close()
                self._doc = None


def _damaged(source: str) -> ReadError:
    return ReadError(
        "图片文件已损坏或格式不受支持，无法读取",
        source=source,
        hint="请确认文件完整；支持 PNG、JPEG 和 TIFF 图片，也可以把扫描件保存为 PDF 后读取。",
    )


def _too_large(size: str, source: str) -> ReadError:
    return ReadError(
        f"图片过大（{size}），未读取",
        source=source,
        hint="请以 200–300 dpi 重新扫描，或把扫描件保存为 PDF 后读取。",
    )


def image_pages(data: bytes, source: str) -> Iterator[tuple[Gray, float]]:
    """Each frame of an image file as a grayscale page and its resolution (dpi)."""
    try:
        with warnings.catch_warnings():  # the size is checked below, with a Chinese message
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            frames = int(getattr(image, "n_frames", 1))
    except Image.DecompressionBombError:
        # Pillow refuses before saying the size: name the limit, not a made-up size.
        raise _too_large(f"超过 {MAX_IMAGE_PIXELS / 1e6:.0f} 百万像素", source) from None
    except Exception:
        raise _damaged(source) from None
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_large(f"{width}×{height} 像素", source)
    if frames > MAX_IMAGE_PAGES:
        raise ReadError(f"图片共 {frames} 页，超过上限 {MAX_IMAGE_PAGES} 页，未读取", source=source)
    with image:
        for index in range(frames):
            try:
                image.seek(index)
                if image.size[0] * image.size[1] > MAX_IMAGE_PIXELS:
                    raise _damaged(source)
                with _strict_decoding():
                    frame = ImageOps.exif_transpose(image).convert("L")
            except ReadError:
                raise
            except Exception:
                raise _damaged(source) from None
            yield _fit(frame)


@contextlib.contextmanager
def _strict_decoding() -> Iterator[None]:
    """A truncated image is an error, not a page with its lower part blank. (WeasyPrint turns
    Pillow's ``LOAD_TRUNCATED_IMAGES`` on for the whole process when it is imported.)"""
    previous = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _fit(frame: Image.Image) -> tuple[Gray, float]:
    """The frame as an A4 page: its dpi from its long side, at most ``MAX_PIXELS``."""
    width, height = frame.size
    dpi = max(width, height) / A4_LONG_INCH
    if width * height > MAX_PIXELS:
        ratio = math.sqrt(MAX_PIXELS / (width * height))
        size = (max(int(width * ratio), 1), max(int(height * ratio), 1))
        frame = frame.resize(size, Image.Resampling.LANCZOS)
        dpi *= ratio
    return np.asarray(frame, dtype=np.uint8).copy(), dpi
