"""DOCX: the body in order, tables on their true grid (gridSpan, vMerge), list numbers."""

from jixiao.readers.docx.reader import read_docx as read_docx
