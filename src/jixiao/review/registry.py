"""The one registry of rules: code → rule class. Codes are stable and never reused."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from jixiao.review.rule import Rule

__all__ = ["REDIRECTS", "all_rules", "get_rule", "select_codes"]

REDIRECTS: dict[str, str] = {}
"""Old code → new code, for rules that were renamed (a code is never reused)."""


@cache
def all_rules() -> dict[str, type[Rule]]:
    """Every rule in ``jixiao.review.rules``, keyed and sorted by code."""
    import jixiao.review.rules as package

    found: dict[str, type[Rule]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Rule)
                and value.__module__ == module.__name__
                and "code" in vars(value)
            ):
                if value.code in found:
                    raise RuntimeError(f"duplicate rule code {value.code}")
                found[value.code] = value
    return dict(sorted(found.items(), key=lambda item: _sort_key(item[0])))


def _sort_key(code: str) -> tuple[str, int]:
    prefix, _, number = code.partition("-")
    return prefix, int(number) if number.isdigit() else 0


def get_rule(code: str) -> type[Rule] | None:
    code = REDIRECTS.get(code.upper(), code.upper())
    return all_rules().get(code)


def select_codes(select: list[str] | None, ignore: list[str]) -> list[str]:
    """Codes after ``select``/``ignore``; an entry matches a code or a prefix (``VAL``)."""

    def matches(code: str, patterns: list[str]) -> bool:
        return any(
            code == p.upper() or code.startswith(p.upper().rstrip("-") + "-") for p in patterns
        )

    codes = list(all_rules())
    if select:
        codes = [c for c in codes if matches(c, select)]
    return [c for c in codes if not matches(c, ignore)]
