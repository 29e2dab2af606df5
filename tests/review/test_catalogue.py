"""Every rule in the registry: complete metadata and docs, and its own bad and good example."""

from __future__ import annotations

import re

import pytest

from jixiao.review import all_rules, review
from jixiao.review.config import ReviewConfig
from jixiao.review.examples import example_document
from jixiao.review.finding import DIMENSIONS
from jixiao.review.rule import DOC_SECTIONS, Rule

RULES = all_rules()
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_catalogue_is_not_empty() -> None:
    assert len(RULES) >= 1


@pytest.mark.parametrize("code", list(RULES))
def test_metadata_and_docs(code: str) -> None:
    rule = RULES[code]
    assert re.fullmatch(r"[A-Z]{2,4}-\d{2}", rule.code)
    assert CJK.search(rule.name)
    assert rule.dimension in DIMENSIONS
    assert rule.severity in ("error", "warning", "info")
    assert rule.source
    doc = rule.doc()
    missing = [section for section in DOC_SECTIONS if section not in doc]
    assert not missing, f"{code} docstring lacks {missing}"
    assert "反例" in doc and "正例" in doc


def _only(code: str) -> ReviewConfig:
    return ReviewConfig(select=[code], params={code: RULES[code].example_params()})


@pytest.mark.parametrize("code", list(RULES))
def test_bad_example_is_reported(code: str) -> None:
    rule: type[Rule] = RULES[code]
    report = review(rule.bad(), _only(code))
    assert report.findings, f"{code} says nothing on its own bad example"
    for finding in report.findings:
        assert finding.code == code
        assert CJK.search(finding.message)
        assert finding.severity == rule.severity


@pytest.mark.parametrize("code", list(RULES))
def test_good_example_is_clean(code: str) -> None:
    report = review(RULES[code].good(), _only(code))
    assert report.findings == []


def test_baseline_example_passes_every_rule() -> None:
    report = review(example_document())
    assert [(f.code, f.message) for f in report.findings] == []
    assert report.projects[0].score == 100
    assert report.projects[0].grade == "优"
