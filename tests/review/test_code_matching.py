"""One matcher for rule codes and prefixes (``registry.code_matches``): any case, redirects and
family prefixes, the same in ``select``, ``ignore``, ``per-project-ignores`` and the CLI."""

from __future__ import annotations

from functools import cache

import pytest

from jixiao import read_path
from jixiao.model import Document
from jixiao.review import Finding, registry, review
from jixiao.review.config import ConfigError, ReviewConfig
from jixiao.review.registry import code_matches, known_pattern, select_codes
from tests.conftest import SEEDS


@cache
def _val08() -> tuple[Document, list[Finding]]:
    for path in SEEDS.values():
        doc = read_path(path)
        found = review(doc, ReviewConfig(select=["VAL-08"])).findings
        if any(f.project_code for f in found):
            return doc, found
    raise AssertionError("no seed has a VAL-08 finding on a project with a code")


@pytest.mark.parametrize("pattern", ["val-08", "VAL-08", " Val-08 ", "val", "VAL-"])
def test_per_project_ignores_match_like_select(pattern: str) -> None:
    doc, found = _val08()
    code = next(f.project_code for f in found if f.project_code)
    config = ReviewConfig.model_validate(
        {"select": ["VAL-08"], "per-project-ignores": {code: [pattern]}}
    )
    kept = review(doc, config).findings
    assert not [f for f in kept if f.project_code == code]
    assert len(kept) == len([f for f in found if f.project_code != code])


def test_the_matcher() -> None:
    assert code_matches("VAL-08", "val-08") and code_matches("VAL-08", "val")
    assert code_matches("VAL-08", "VAL-") and not code_matches("VAL-08", "VAL-0")
    assert not code_matches("VAL-08", "STR") and not code_matches("VAL-10", "VAL-1")
    assert select_codes(["val-08"], []) == ["VAL-08"]
    assert "VAL-08" not in select_codes(["val"], ["val-08"])
    assert known_pattern("str") and not known_pattern("XYZ-01")


def test_redirects(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.REDIRECTS, "OLD-01", "VAL-08")
    assert code_matches("VAL-08", "old-01") and known_pattern("old-01")
    assert registry.get_rule("old-01") is registry.all_rules()["VAL-08"]


def test_a_typo_is_an_error_not_silence() -> None:
    doc, _ = _val08()
    config = ReviewConfig.model_validate({"per-project-ignores": {"P": ["VAL-99"]}})
    with pytest.raises(ConfigError, match="VAL-99"):
        review(doc, config)


def test_the_cli_uses_the_same_matcher() -> None:
    from jixiao.cli.review import parse_codes

    assert parse_codes(["val-08,str"], "--select") == ["VAL-08", "STR"]
