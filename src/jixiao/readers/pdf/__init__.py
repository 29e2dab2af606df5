"""PDF with a text layer (pdfplumber for ruled tables, PDFium when fonts can't be decoded)."""

from jixiao.readers.pdf.reader import MAX_PDF_PAGES as MAX_PDF_PAGES
from jixiao.readers.pdf.reader import read_pdf as read_pdf
