"""Readers: one subpackage per input form, each turning bytes into the one intermediate layout.

``detect`` sniffs the form from the bytes. ``text`` (plain text and text exported from Word or
PDF), ``docx``, ``xlsx`` (XLSX and XLS), ``pdf`` (PDF with a text layer), ``ocr`` (scanned
PDF pages and images) and ``office`` (DOC/WPS/ET through LibreOffice) are the forms; ``paged``
holds the building blocks the PDF and OCR readers share (lines, page tables, stitching across
page breaks). Every reader returns a ``jixiao.layout.Layout``; the assembler does the rest.
"""
