"""PDF parse throughput: jixiao's full PDF parse against bare table extractors, same PDFs.

Run by hand (never by the test suite)::

    python benchmarks/bench_pdf.py                                  # jixiao + pdfplumber
    python benchmarks/bench_pdf.py --camelot-python /path/to/python  # + camelot (own venv)
    python benchmarks/bench_pdf.py --rounds 10

The four bundled example documents are rendered to PDF once (``jixiao.render.pdf``), then,
on one core, each round parses every PDF with each tool in turn (rounds interleave the tools,
so a busy machine slows them alike; CPU time of this process):

- **jixiao**: ``read_pdf`` + ``assemble``: tables with spans, paragraphs, header rows and
  page breaks, the document model with parsed indicator values;
- **pdfplumber**: ``page.extract_tables()`` on every page (default settings), the bare
  ruled-table extraction jixiao's reader used to build on (target: jixiao ≥ 3× faster);
- **pypdfium2 text**: ``get_textpage().get_text_range()`` on every page, the bare text
  extraction: the floor no reader of the text layer can go below (target: jixiao within 4×);
- **camelot** (optional): ``camelot.read_pdf(path, pages="all", flavor="lattice")``. camelot
  pulls in OpenCV, pandas and numpy, so it is kept out of the project's environment: give the
  interpreter of a virtualenv where ``pip install camelot-py`` was run. It is timed inside
  that process (start-up and imports excluded) on the same PDF files, in the same run.

Figures are pages per second from the median round (CPU seconds); ratios are against jixiao.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import platform
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium  # type: ignore[import-untyped]
from _seeds import seed_files  # benchmarks/ is on sys.path when run
from _timing import pin_to_one_core  # benchmarks/ is on sys.path when run

from jixiao import read_bytes
from jixiao.assemble import assemble
from jixiao.model import SourceInfo
from jixiao.readers.pdf import read_pdf
from jixiao.render.pdf import render_pdf

_CAMELOT_CHILD = r"""
import json, statistics, sys, time, warnings
warnings.simplefilter("ignore")
import camelot
paths, rounds = sys.argv[1:-1], int(sys.argv[-1])
for path in paths:  # warm-up
    camelot.read_pdf(path, pages="all", flavor="lattice")
times, tables = [], 0
for _ in range(rounds):
    start = time.perf_counter()
    tables = sum(len(camelot.read_pdf(p, pages="all", flavor="lattice")) for p in paths)
    times.append(time.perf_counter() - start)
print(json.dumps({"times": times, "tables": tables, "version": camelot.__version__}))
"""


@dataclass
class Pdf:
    name: str
    data: bytes
    pages: int
    path: Path


def render_corpus(folder: Path) -> list[Pdf]:
    out: list[Pdf] = []
    for name, text in seed_files():
        doc = read_bytes(text, name=name)
        data = render_pdf(doc)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
        path = folder / (name[:-4] + ".pdf")
        path.write_bytes(data)
        out.append(Pdf(name[:3], data, pages, path))
    return out


def jixiao_parse(pdf: Pdf) -> int:
    layout = read_pdf(pdf.data, source=pdf.name)
    info = SourceInfo(name=pdf.name, format="pdf", sha256=hashlib.sha256(pdf.data).hexdigest())
    return len(assemble(layout, info).projects)


def pdfplumber_tables(pdf: Pdf) -> int:
    with pdfplumber.open(io.BytesIO(pdf.data)) as doc:
        return sum(len(page.extract_tables()) for page in doc.pages)


def pdfium_text(pdf: Pdf) -> int:
    doc = pdfium.PdfDocument(pdf.data)
    try:
        chars = 0
        for page in doc:
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return chars
    finally:
        doc.close()


def time_rounds(
    tools: dict[str, Callable[[Pdf], int]], corpus: list[Pdf], rounds: int
) -> dict[str, list[float]]:
    """CPU seconds per round and tool; each round runs every tool once over the corpus."""
    for fn in tools.values():  # warm-up
        for pdf in corpus:
            fn(pdf)
    times: dict[str, list[float]] = {label: [] for label in tools}
    for _ in range(rounds):
        for label, fn in tools.items():
            start = time.process_time()
            for pdf in corpus:
                fn(pdf)
            times[label].append(time.process_time() - start)
    return times


def camelot_rounds(python: str, corpus: list[Pdf], rounds: int) -> dict[str, object]:
    args = [python, "-c", _CAMELOT_CHILD, *(str(p.path) for p in corpus), str(rounds)]
    out = subprocess.run(args, capture_output=True, text=True, timeout=1800, check=False)
    if out.returncode != 0:
        raise SystemExit(f"camelot failed:\n{out.stderr[-2000:]}")
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--camelot-python", help="python of a venv with camelot-py installed")
    args = parser.parse_args()
    pinned = pin_to_one_core()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = render_corpus(Path(tmp))
        pages = sum(p.pages for p in corpus)
        results: dict[str, float] = {}
        notes: dict[str, str] = {}
        tools = {
            "jixiao read_pdf + assemble": jixiao_parse,
            "pdfplumber extract_tables": pdfplumber_tables,
            "pypdfium2 text (floor)": pdfium_text,
        }
        for label, times in time_rounds(tools, corpus, args.rounds).items():
            results[label] = statistics.median(times)
        if args.camelot_python:
            camelot = camelot_rounds(args.camelot_python, corpus, args.rounds)
            label = "camelot lattice"
            results[label] = statistics.median(camelot["times"])  # type: ignore[arg-type]
            notes[label] = f"camelot {camelot['version']}, {camelot['tables']} tables"
        else:
            notes["camelot lattice"] = "not run (give --camelot-python)"
    print(f"Python {platform.python_version()} on {platform.machine()}, {pinned}")
    print(
        f"{len(corpus)} PDFs, {pages} pages ({', '.join(f'{p.name}: {p.pages}' for p in corpus)})"
    )
    print(f"median of {args.rounds} interleaved rounds, CPU time\n")
    base = results["jixiao read_pdf + assemble"]
    print(f"{'tool':30} {'s/round':>9} {'pages/s':>9} {'time vs jixiao':>15}")
    for label, seconds in results.items():
        print(f"{label:30} {seconds:9.3f} {pages / seconds:9.1f} {seconds / base:14.2f}x")
    for label, note in notes.items():
        print(f"  {label}: {note}")
    plumber, floor = results["pdfplumber extract_tables"], results["pypdfium2 text (floor)"]
    print(f"\njixiao is {plumber / base:.2f}x pdfplumber's speed (target >= 3)")
    print(f"jixiao takes {base / floor:.2f}x the text floor's time (target <= 4)")


if __name__ == "__main__":
    main()
