"""The one registry of rules: code → rule class. Codes are stable and never reused."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from jixiao.review.rule import Rule

__all__ = ["REDIRECTS", "all_rules", "code_matches", "get_rule", "known_pattern", "select_codes"]

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


def _normal(pattern: str) -> str:
    wanted = pattern.strip().upper()
    return REDIRECTS.get(wanted, wanted)


def code_matches(code: str, pattern: str) -> bool:
    """Does rule ``code`` match ``pattern``: the code itself in any case (``val-08``), an old
    code redirected to it, or a family prefix (``VAL``, ``VAL-``)? The one matcher used by
    ``select``, ``ignore``, ``per-project-ignores`` and the command line."""
    wanted = _normal(pattern)
    return code == wanted or code.startswith(wanted.rstrip("-") + "-")


def known_pattern(pattern: str) -> bool:
    """Does ``pattern`` match at least one rule (a typo never silently does nothing)?"""
    return any(code_matches(code, pattern) for code in all_rules())


def get_rule(code: str) -> type[Rule] | None:
    return all_rules().get(_normal(code))


def select_codes(select: list[str] | None, ignore: list[str]) -> list[str]:
    """Codes after ``select``/``ignore``; an entry matches as ``code_matches`` says."""

    def matches(code: str, patterns: list[str]) -> bool:
        return any(code_matches(code, p) for p in patterns)

    codes = list(all_rules())
    if select:
        codes = [c for c in codes if matches(c, select)]
    return [c for c in codes if not matches(c, ignore)] if ignore else codes
