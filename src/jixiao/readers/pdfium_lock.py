"""One lock for every PDFium call in the process.

PDFium is not thread-safe, not even for different documents (pypdfium2's documentation:
calls made at the same time from two threads crash or corrupt the process), and the
workbench reads uploads in several threads. Every use of PDFium in jixiao (the PDF reader's
pages, the OCR reader's page images) holds this lock; a page is read in a few milliseconds,
so threads wait little, and work other than PDFium's runs in parallel.
"""

from __future__ import annotations

import threading

__all__ = ["PDFIUM_LOCK"]

PDFIUM_LOCK = threading.RLock()
