"""A family × form table of the fields read back right: ``python -m tests.templates.matrix -v``.

Each cell is ``passed/checked`` fields (``*`` when some differ), ``refused`` (jixiao said it
could not read the file) or ``crash`` (an exception); ``-v`` lists the differences under the
table, ``--forms docx,pdf`` and ``--families A,B`` narrow it."""

from __future__ import annotations

import argparse

from jixiao._exceptions import JixiaoError
from tests.templates._read import read_fixture
from tests.templates.builders import PAGED_FORMS, WEB_AND_TEXT_FORMS
from tests.templates.compare import compare
from tests.templates.layouts import FAMILIES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--forms", default=",".join(PAGED_FORMS + WEB_AND_TEXT_FORMS))
    parser.add_argument("--families", default=",".join(FAMILIES))
    args = parser.parse_args(argv)
    forms = args.forms.split(",")
    families = args.families.split(",")
    details: list[str] = []
    print("family  " + "".join(f"{f:>12}" for f in forms))
    failed = 0
    for family in families:
        cells: list[str] = []
        for form in forms:
            try:
                result = compare(family, read_fixture(family, form))
            except JixiaoError as exc:  # refused with a message for the user
                cells.append(f"{'refused':>12}")
                details.append(f"[{family} × {form}] {exc}")
                failed += 1
                continue
            except Exception as exc:  # a crash is one cell of the table, not the end of it
                cells.append(f"{'crash':>12}")
                details.append(f"[{family} × {form}] {type(exc).__name__}: {exc}")
                failed += 1
                continue
            mark = "" if not result.differences else "*"
            cells.append(f"{mark}{result.passed}/{result.checked}".rjust(12))
            if result.differences:
                failed += 1
                details += [f"[{family} × {form}] {d}" for d in result.differences]
        print(f"{family:<8}" + "".join(cells))
    print(f"\n{failed} of {len(families) * len(forms)} family × form cells with differences")
    if args.verbose:
        print("\n".join(details))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
