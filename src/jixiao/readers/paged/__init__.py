"""Building blocks shared by the paged readers (PDF and OCR): lines, page tables, stitching."""
