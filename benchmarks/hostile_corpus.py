"""Run the hostile corpus at scale (by hand; the suite runs a bounded slice) and count the
verdicts per format: ok, clear error, internal error, silent change.

    python benchmarks/hostile_corpus.py [--per-mutation N] [--formats txt,docx,...] [--seed S]

Every input is rebuilt from its label (see ``tests/hostile/corpus.py``); the labels of the
internal errors and silent changes are printed so each one reproduces. Target: 0 and 0.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.hostile

from tests.hostile.corpus import FORMATS, generate, judge


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-mutation", type=int, default=100)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    totals: Counter[str] = Counter()
    bad: list[tuple[str, str, str]] = []
    for fmt in args.formats.split(","):
        counts: Counter[str] = Counter()
        started = time.perf_counter()
        for item in generate(fmt, args.per_mutation, seed=args.seed):
            verdict, detail = judge(fmt, item)
            counts[verdict] += 1
            if verdict in ("internal_error", "silent_change"):
                bad.append((item.label, verdict, detail))
        totals += counts
        elapsed = time.perf_counter() - started
        print(
            f"{fmt:5} inputs {sum(counts.values()):6}  ok {counts['ok']:6}  "
            f"clear error {counts['clear_error']:6}  internal error {counts['internal_error']:4}  "
            f"silent change {counts['silent_change']:4}  ({elapsed:.0f} s)",
            flush=True,
        )
    print(
        f"all   inputs {sum(totals.values()):6}  ok {totals['ok']:6}  "
        f"clear error {totals['clear_error']:6}  internal error {totals['internal_error']:4}  "
        f"silent change {totals['silent_change']:4}"
    )
    for label, verdict, detail in bad:
        print(f"{verdict:15} {label}: {detail}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
