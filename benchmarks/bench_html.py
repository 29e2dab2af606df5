"""HTML throughput: the saved-web-page reader against the text reader on the same content.

Run by hand (never by the test suite)::

    python benchmarks/bench_html.py               # ~15-25 s
    python benchmarks/bench_html.py --repeat 30   # fixed number of rounds

One core: the process is pinned to a single CPU where the OS allows it. The four bundled
example documents are read once (text reader) and written as portal pages by the tests' page
writer (``tests/formats/_html_pages.py``: merged cells, ``&nbsp;``, ``<p>`` in cells, navigation,
scripts and footer); then every round, per seed:

- **text**: ``read_bytes`` on the seed's text file (decoding, text reader, assembler, model);
- **html**: ``read_bytes`` on the page (sniffing, charset, lxml parse, furniture removal, the
  walk and grid, the same assembler and model);
- **parse**: lxml's bare ``etree.fromstring`` of the page with its HTML parser, i.e. the least
  any lxml based reader has to do.

Figures are medians over the rounds; ratio = html time / text time (and html / parse).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import lxml
import lxml.etree
from _seeds import seed_files  # benchmarks/ is on sys.path when run
from _timing import pin_to_one_core, time_rounds  # benchmarks/ is on sys.path when run

import jixiao
from jixiao import Document, read_bytes

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' page writer
from tests.formats._html_pages import hebei_page

TARGET_SECONDS = 6.0  # per measured part
WARMUP_ROUNDS = 3


@dataclass
class Seed:
    name: str
    text: bytes
    page: bytes


def load_seeds() -> list[Seed]:
    seeds = []
    for name, data in seed_files():
        doc = read_bytes(data, name=name)
        page = hebei_page(doc, furniture=True).encode("utf-8")
        seeds.append(Seed(name[:3], data, page))
    return seeds


def text(seed: Seed) -> Document:
    return read_bytes(seed.text, name=f"{seed.name}.txt")


def html(seed: Seed) -> Document:
    return read_bytes(seed.page, name=f"{seed.name}.html")


_PARSER = lxml.etree.HTMLParser(encoding="utf-8")


def parse(seed: Seed) -> object:
    return lxml.etree.fromstring(seed.page, parser=_PARSER)


def calibrate(seeds: list[Seed], target: float) -> int:
    """Rounds so that the slowest part takes about ``target`` seconds (after a warm-up)."""
    slowest = 0.0
    for work in (text, html, parse):
        time_rounds(seeds, work, WARMUP_ROUNDS)
        sample = time_rounds(seeds, work, 2)
        slowest = max(slowest, sum(statistics.median(t) for t in sample.values()))
    return max(5, round(target / slowest))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, help="rounds (default: about --seconds per part)")
    parser.add_argument("--seconds", type=float, default=TARGET_SECONDS)
    args = parser.parse_args(argv)

    pinning = pin_to_one_core()
    seeds = load_seeds()
    for seed in seeds:  # the same content both ways, or the comparison means nothing
        a, b = text(seed), html(seed)
        assert [p.name for p in a.projects] == [p.name for p in b.projects], seed.name
    rounds = args.repeat or calibrate(seeds, args.seconds)
    if args.repeat:
        for work in (text, html, parse):
            time_rounds(seeds, work, WARMUP_ROUNDS)

    wall = time.perf_counter()
    t_text = time_rounds(seeds, text, rounds)
    t_html = time_rounds(seeds, html, rounds)
    t_parse = time_rounds(seeds, parse, rounds)
    wall = time.perf_counter() - wall

    print(f"jixiao {jixiao.__version__}, lxml {lxml.__version__},", end=" ")
    print(f"Python {platform.python_version()} ({sys.platform}),")
    print(f"{platform.processor() or platform.machine()}, {pinning}")
    print(f"{len(seeds)} seeds x {rounds} rounds after {WARMUP_ROUNDS} warm-up rounds,")
    print(f"medians per document; {wall:.1f} s measured\n")

    header = (
        f"{'seed':<10} {'text KB':>8} {'text ms':>8} {'page KB':>8} {'html ms':>8}"
        f" {'parse ms':>9} {'html/text':>10} {'html/parse':>11}"
    )
    print(header)
    print("-" * len(header))
    sums = [0.0, 0.0, 0.0]
    sizes = [0, 0]
    for seed in seeds:
        medians = [statistics.median(t[seed.name]) for t in (t_text, t_html, t_parse)]
        sums = [a + b for a, b in zip(sums, medians, strict=True)]
        sizes = [sizes[0] + len(seed.text), sizes[1] + len(seed.page)]
        print(_line(seed.name, len(seed.text), len(seed.page), medians))
    print("-" * len(header))
    n = len(seeds)
    print(_line("all four", sizes[0] // n, sizes[1] // n, [s / n for s in sums]))
    print("\ntext = read_bytes(seed text); html = read_bytes(page);")
    print("parse = lxml.etree.fromstring(page, HTMLParser); ratios of median times.")


def _line(name: str, text_size: int, page_size: int, medians: list[float]) -> str:
    text_t, html_t, parse_t = medians
    return (
        f"{name:<10} {text_size / 1024:>8.1f} {text_t * 1e3:>8.2f} {page_size / 1024:>8.1f}"
        f" {html_t * 1e3:>8.2f} {parse_t * 1e3:>9.2f} {html_t / text_t:>9.2f}x"
        f" {html_t / parse_t:>10.1f}x"
    )


if __name__ == "__main__":
    main()
