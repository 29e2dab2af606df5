"""PDF rendering cost per project, against DOCX rendering (the baseline), and where it goes.

Run by hand (never by the test suite)::

    python benchmarks/bench_render.py                    # the four seeds, 5 interleaved rounds
    python benchmarks/bench_render.py --copies 8         # each seed's projects repeated 8 times
    python benchmarks/bench_render.py --no-weasyprint    # skip the (slow) WeasyPrint renderer

On one core, each round renders every seed document to DOCX (``render_docx``, the baseline),
to PDF with the direct writer (``render_pdf``, the default) and to PDF with WeasyPrint
(``render_pdf(engine="weasyprint")``, the renderer before it), CPU time. The direct writer is
then split into its phases, timed the same way: the layout (wrapping, measuring, pages), the
font subset alone (HarfBuzz), and writing the file (content streams, subset, compression).
Figures are milliseconds per project from the median round, and the ratio to DOCX.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from functools import partial

from _seeds import seed_files  # benchmarks/ is on sys.path when run
from _timing import pin_to_one_core  # benchmarks/ is on sys.path when run

from jixiao import read_bytes
from jixiao.model import Document
from jixiao.render.docx import render_docx
from jixiao.render.fonts import choose_pdf_font, font_file
from jixiao.render.pdf import render_pdf
from jixiao.render.pdf_document import lay_out
from jixiao.render.pdf_font import load_font
from jixiao.render.pdf_text import Measure
from jixiao.render.pdf_write import used_glyphs, write_pdf


def _documents(copies: int) -> list[Document]:
    out: list[Document] = []
    for name, text in seed_files():
        doc = read_bytes(text, name=name)
        doc.projects = [p for _ in range(copies) for p in doc.projects]
        out.append(doc)
    return out


def _phases(doc: Document, measure: Measure, times: dict[str, float]) -> None:
    clock = time.process_time
    start = clock()
    pages = lay_out(doc, measure)
    glyphs = used_glyphs(pages, measure.font)
    laid_out = clock()
    measure.font.subset(set(glyphs.values()))
    subset = clock()
    write_pdf(pages, measure.font, glyphs, name="bench", title="bench")
    written = clock()
    times["layout"] += laid_out - start
    times["font subset alone"] += subset - laid_out
    times["write (with subset)"] += written - subset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--no-weasyprint", action="store_true", help="skip the WeasyPrint path")
    args = parser.parse_args()
    pinned = pin_to_one_core()
    docs = _documents(args.copies)
    projects = sum(len(d.projects) for d in docs)
    tools: dict[str, Callable[[Document], object]] = {
        "docx (baseline)": render_docx,
        "pdf, direct": render_pdf,
    }
    if not args.no_weasyprint:
        tools["pdf, WeasyPrint"] = partial(render_pdf, engine="weasyprint")
    font = choose_pdf_font()
    located = font_file(font) if font is not None else None
    assert located is not None, "no CJK font file found"
    measure = Measure(load_font(*located))
    for doc in docs:  # warm-up (fonts, imports)
        for fn in tools.values():
            fn(doc)
    results: dict[str, list[float]] = {label: [] for label in tools}
    phases: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for label, fn in tools.items():
            start = time.process_time()
            for doc in docs:
                fn(doc)
            results[label].append(time.process_time() - start)
        split = {"layout": 0.0, "font subset alone": 0.0, "write (with subset)": 0.0}
        for doc in docs:
            _phases(doc, measure, split)
        for label, seconds in split.items():
            phases.setdefault(label, []).append(seconds)
    print(f"Python {platform.python_version()} on {platform.machine()}, {pinned}")
    print(f"font: {located[0]} (face {located[1]})")
    print(f"{len(docs)} documents, {projects} projects; median of {args.rounds} rounds, CPU\n")
    base = statistics.median(results["docx (baseline)"])
    print(f"{'work':28} {'ms/project':>11} {'vs docx':>9}")
    for label, times in results.items():
        seconds = statistics.median(times)
        print(f"{label:28} {1000 * seconds / projects:11.2f} {seconds / base:8.2f}x")
    for label, times in phases.items():
        seconds = statistics.median(times)
        print(f"  direct: {label:19} {1000 * seconds / projects:11.2f} {seconds / base:8.2f}x")
    if "pdf, WeasyPrint" in results:
        ratio = statistics.median(results["pdf, WeasyPrint"]) / statistics.median(
            results["pdf, direct"]
        )
        print(f"\ndirect writer vs WeasyPrint: {ratio:.1f}x faster")


if __name__ == "__main__":
    main()
