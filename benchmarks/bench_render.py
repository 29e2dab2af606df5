"""PDF rendering cost per project, against DOCX rendering (the baseline), and where it goes.

Run by hand (never by the test suite)::

    python benchmarks/bench_render.py              # the four seeds, 5 interleaved rounds
    python benchmarks/bench_render.py --copies 8   # each seed's projects repeated 8 times

On one core, each round renders every seed document to DOCX (``render_docx``) and to PDF
(``render_pdf``), CPU time; the PDF is then split into its phases, timed the same way: the
HTML page (``render_html``), WeasyPrint's parsing, CSS cascade and layout
(``HTML(...).render()``), and painting plus writing the file (``write_pdf``). Figures are
milliseconds per project from the median round.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable

from _seeds import seed_files  # benchmarks/ is on sys.path when run
from _timing import pin_to_one_core  # benchmarks/ is on sys.path when run

from jixiao import read_bytes
from jixiao.model import Document
from jixiao.render.docx import render_docx
from jixiao.render.fonts import choose_pdf_font
from jixiao.render.html import render_html
from jixiao.render.pdf import _with_font, render_pdf


def _documents(copies: int) -> list[Document]:
    out: list[Document] = []
    for name, text in seed_files():
        doc = read_bytes(text, name=name)
        doc.projects = [p for _ in range(copies) for p in doc.projects]
        out.append(doc)
    return out


def _phases(doc: Document, times: dict[str, float]) -> None:
    import weasyprint  # type: ignore[import-untyped]
    from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

    font = choose_pdf_font()
    assert font is not None
    clock = time.process_time
    start = clock()
    html = _with_font(render_html(doc), font)
    built = clock()
    rendered = weasyprint.HTML(string=html).render(font_config=FontConfiguration())
    laid_out = clock()
    rendered.write_pdf()
    written = clock()
    times["html page"] += built - start
    times["cascade + layout"] += laid_out - built
    times["paint + write"] += written - laid_out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    pinned = pin_to_one_core()
    docs = _documents(args.copies)
    projects = sum(len(d.projects) for d in docs)
    tools: dict[str, Callable[[Document], object]] = {
        "docx (baseline)": render_docx,
        "pdf": render_pdf,
    }
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
        split = {"html page": 0.0, "cascade + layout": 0.0, "paint + write": 0.0}
        for doc in docs:
            _phases(doc, split)
        for label, seconds in split.items():
            phases.setdefault(label, []).append(seconds)
    print(f"Python {platform.python_version()} on {platform.machine()}, {pinned}")
    print(f"{len(docs)} documents, {projects} projects; median of {args.rounds} rounds, CPU\n")
    base = statistics.median(results["docx (baseline)"])
    print(f"{'work':24} {'ms/project':>11} {'vs docx':>9}")
    for label, times in results.items():
        seconds = statistics.median(times)
        print(f"{label:24} {1000 * seconds / projects:11.1f} {seconds / base:8.1f}x")
    for label, times in phases.items():
        seconds = statistics.median(times)
        print(f"  pdf: {label:17} {1000 * seconds / projects:11.1f} {seconds / base:8.1f}x")


if __name__ == "__main__":
    main()
