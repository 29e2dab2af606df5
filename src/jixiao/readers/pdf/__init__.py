"""PDF with a text layer: PDFium reads the pages, pdfminer opens the file and reads the rest."""

from jixiao.readers.pdf.reader import MAX_PDF_PAGES as MAX_PDF_PAGES
from jixiao.readers.pdf.reader import read_pdf as read_pdf
