"""Text reading of the PDF-export seed (003) against the Word-export seeds (000–002).

Run by hand (never by the test suite)::

    python benchmarks/bench_text_export.py              # 30 rounds, a few seconds
    python benchmarks/bench_text_export.py --rounds 100

One core (pinned where the OS allows it), CPU time, after a warm-up. Each round reads every
seed once with ``jixiao.read_bytes`` (seeds interleaved), and also only its layout
(``read_text_layout``: the text reader without the assembler and the model). The baseline is
the median of seeds 000–002 in the same run; the table gives milliseconds per document and the
ratio seed 003 / baseline. ``--cold`` clears the reader's own caches (piece widths, value
costs, character widths) before every read, so that no work is carried over from the round
before.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import statistics
import sys
import time

from _seeds import seed_files  # benchmarks/ is on sys.path when run
from _timing import pin_to_one_core  # benchmarks/ is on sys.path when run

import jixiao
from jixiao import read_bytes
from jixiao.readers.text.decode import decode_text
from jixiao.readers.text.reader import read_text_layout


def _clear_reader_caches() -> None:
    # By name, so that the same script also measures revisions without pdf_export_cut.
    for module_name in ("pdf_export_cut", "pdf_export_indicators"):
        try:
            module = importlib.import_module(f"jixiao.readers.text.{module_name}")
        except ImportError:
            continue
        for name in ("_piece_width", "_value_cost", "_is_quantitative", "_quantity_cost"):
            cached = getattr(module, name, None)
            if hasattr(cached, "cache_clear"):
                cached.cache_clear()
    textutil = importlib.import_module("jixiao.textutil")
    getattr(textutil, "_CHAR_WIDTHS", {}).clear()  # display_width's table per character


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--cold", action="store_true", help="clear the reader's caches first")
    args = parser.parse_args(argv)
    pinning = pin_to_one_core()
    seeds = seed_files()
    texts = {name: decode_text(data, source=name) for name, data in seeds}
    clock = time.process_time
    full: dict[str, list[float]] = {name: [] for name, _ in seeds}
    layout: dict[str, list[float]] = {name: [] for name, _ in seeds}
    for round_number in range(args.rounds + 3):
        for name, data in seeds:
            if args.cold:
                _clear_reader_caches()
            start = clock()
            read_bytes(data, name=name)
            middle = clock()
            read_text_layout(texts[name], source=name)
            end = clock()
            if round_number >= 3:  # the first rounds warm up imports and caches
                full[name].append(middle - start)
                layout[name].append(end - middle)

    print(f"jixiao {jixiao.__version__}, Python {platform.python_version()} ({sys.platform}),")
    print(f"{platform.processor() or platform.machine()}, {pinning}")
    cold = ", cold caches" if args.cold else ""
    print(f"{args.rounds} interleaved rounds, median CPU time{cold}\n")
    header = f"{'seed':<28} {'read_bytes ms':>14} {'layout ms':>10}"
    print(header)
    print("-" * len(header))
    medians = {}
    for name, _ in seeds:
        medians[name] = (statistics.median(full[name]), statistics.median(layout[name]))
        print(f"{name:<28} {medians[name][0] * 1e3:>14.1f} {medians[name][1] * 1e3:>10.1f}")
    print("-" * len(header))
    pdf_export = [name for name, _ in seeds if name.startswith("003")]
    others = [name for name, _ in seeds if not name.startswith("003")]
    if pdf_export and others:
        base_full = statistics.median(medians[name][0] for name in others)
        base_layout = statistics.median(medians[name][1] for name in others)
        seed = medians[pdf_export[0]]
        label = "baseline (median of 000–002)"
        print(f"{label:<28} {base_full * 1e3:>14.1f} {base_layout * 1e3:>10.1f}")
        print(
            f"ratio 003 / baseline: read_bytes {seed[0] / base_full:.2f}x, "
            f"layout {seed[1] / base_layout:.2f}x"
        )


if __name__ == "__main__":
    main()
