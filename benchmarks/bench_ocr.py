"""OCR throughput: reading scanned PDFs (``jixiao[ocr]``) against rendering their pages alone.

Run by hand (never by the test suite)::

    python benchmarks/bench_ocr.py              # one round over the four seeds (~2 min)
    python benchmarks/bench_ocr.py --rounds 3

The four bundled example documents are rendered to PDF (``jixiao.render.pdf``), and every
page is rasterised at 200 dpi into an image-only PDF, the "scanned copy" (JPEG inside, as
scanners write). Each round then reads every scanned copy with:

- **jixiao OCR**: ``read_pdf`` + ``assemble``: each page rendered by PDFium, its ruled grid
  found, its text recognised by RapidOCR (onnxruntime, the models in the wheel), cells and
  paragraphs rebuilt, tables stitched over pages, the document model built;
- **baseline**: ``pypdfium2`` rendering every page at 200 dpi in grayscale to a numpy array,
  the first thing the OCR path does and the least any OCR reader has to do.

Not pinned to one core: onnxruntime runs one thread per physical core, which is how the
reader runs. Figures are pages per second of the median round; the ratio is OCR time over
baseline time. A breakdown of one extra round shows where the time goes.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import io
import os
import platform
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pypdfium2 as pdfium
from _seeds import seed_files  # benchmarks/ is on sys.path when run

from jixiao import read_bytes
from jixiao.assemble import assemble
from jixiao.model import SourceInfo
from jixiao.readers.ocr import scan as ocr_scan
from jixiao.readers.ocr.engine import engine
from jixiao.readers.pdf import read_pdf
from jixiao.render.pdf import render_pdf

DPI = 200


@dataclass
class Scan:
    name: str
    data: bytes
    pages: int


def scanned_corpus() -> list[Scan]:
    out: list[Scan] = []
    for name, text in seed_files():
        text_pdf = render_pdf(read_bytes(text, name=name))
        doc = pdfium.PdfDocument(text_pdf)
        images = [doc[i].render(scale=DPI / 72, grayscale=True).to_pil() for i in range(len(doc))]
        doc.close()
        buffer = io.BytesIO()
        images[0].save(
            buffer, format="PDF", save_all=True, append_images=images[1:], resolution=DPI
        )
        out.append(Scan(name[:3], buffer.getvalue(), len(images)))
    return out


def ocr_read(scan: Scan) -> int:
    layout = read_pdf(scan.data, source=scan.name)
    info = SourceInfo(name=scan.name, format="pdf", sha256=hashlib.sha256(scan.data).hexdigest())
    return len(assemble(layout, info).projects)


def render_only(scan: Scan) -> int:
    doc = pdfium.PdfDocument(scan.data)
    try:
        for i in range(len(doc)):
            page = doc[i]
            bitmap = page.render(scale=DPI / 72, grayscale=True)
            np.array(bitmap.to_numpy(), copy=True)
            bitmap.close()
            page.close()
        return len(doc)
    finally:
        doc.close()


def time_rounds(fn: Callable[[Scan], int], corpus: list[Scan], rounds: int) -> list[float]:
    times: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        for scan in corpus:
            fn(scan)
        times.append(time.perf_counter() - start)
    return times


@contextmanager
def stage_timer() -> Iterator[dict[str, float]]:
    """Time spent in each stage of the OCR path, by wrapping the functions it calls."""
    spent: dict[str, float] = defaultdict(float)
    patched: list[tuple[Any, str, Any]] = []

    def wrap(owner: Any, attr: str, label: str) -> None:
        original = getattr(owner, attr)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - start

        patched.append((owner, attr, original))
        setattr(owner, attr, timed)

    wrap(ocr_scan.PdfScan, "render", "render page (PDFium)")
    wrap(ocr_scan, "straighten", "find skew (numpy)")
    wrap(ocr_scan, "find_grids", "find ruled grid (numpy)")
    wrap(ocr_scan, "recognise", "recognise text (RapidOCR)")
    wrap(ocr_scan, "page_blocks", "cells and paragraphs")
    try:
        yield spent
    finally:
        for owner, attr, original in reversed(patched):
            setattr(owner, attr, original)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    corpus = scanned_corpus()
    pages = sum(s.pages for s in corpus)
    engine()  # load the models once, outside the timings
    ocr_read(corpus[0])  # warm-up (onnxruntime allocates on the first pages)
    results = {
        "jixiao OCR read_pdf + assemble": statistics.median(
            time_rounds(ocr_read, corpus, args.rounds)
        ),
        "pypdfium2 render 200 dpi": statistics.median(
            time_rounds(render_only, corpus, max(args.rounds, 3))
        ),
    }
    with stage_timer() as spent:
        start = time.perf_counter()
        for scan in corpus:
            ocr_read(scan)
        total = time.perf_counter() - start
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {cores} CPUs available, "
        f"rapidocr {importlib.metadata.version('rapidocr')}, "
        f"onnxruntime {importlib.metadata.version('onnxruntime')}"
    )
    print(f"{len(corpus)} scanned PDFs, {pages} A4 pages at {DPI} dpi")
    print(f"median of {args.rounds} round(s)\n")
    base = results["pypdfium2 render 200 dpi"]
    print(f"{'tool':32} {'s/round':>9} {'pages/s':>9} {'s/page':>8} {'vs render':>10}")
    for label, seconds in results.items():
        print(
            f"{label:32} {seconds:9.2f} {pages / seconds:9.2f} "
            f"{seconds / pages:8.3f} {seconds / base:9.1f}x"
        )
    print(f"\nwhere the OCR time goes (one more round, {total:.1f} s):")
    for label, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {label:28} {seconds:7.2f} s  {100 * seconds / total:5.1f}%")
    rest = total - sum(spent.values())
    print(f"  {'pdfplumber, stitching, model':28} {rest:7.2f} s  {100 * rest / total:5.1f}%")


if __name__ == "__main__":
    main()
