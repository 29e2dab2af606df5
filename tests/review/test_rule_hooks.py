"""Rule hooks receive the project's position in ``doc.projects``: fixes point at the project
the finding is about, even when two entries are the same object (identity cannot tell them
apart), and no rule walks the document itself."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model import Document, SpendingPoint
from jixiao.review import all_rules, review
from jixiao.review.config import ReviewConfig
from jixiao.review.examples import example_document, example_project
from jixiao.review.merge import flatten

RULES = all_rules()


def _fixable(code: str) -> Document:
    """The rule's bad example, or (STR-03, whose example has blanks and so no fix) a plan
    missing only 12月底."""
    if code != "STR-03":
        return RULES[code].bad()
    plan = [
        SpendingPoint(month=month, percent=None if p is None else Decimal(p))
        for month, p in ((3, "25"), (6, "50"), (10, "80"), (12, None))
    ]
    return example_document(example_project(spending_plan=plan))


@pytest.mark.parametrize("code", ["VAL-08", "VAL-13", "CAT-01", "STR-03"])
def test_fix_paths_follow_the_position(code: str) -> None:
    doc = _fixable(code)
    project = doc.projects[0]
    doc.projects = [project, project]  # one object twice: only the position tells them apart
    config = ReviewConfig(select=[code], params={code: RULES[code].example_params()})
    findings = [f for f in flatten(review(doc, config).findings) if f.fix is not None]
    assert findings, f"{code} offers no fix on its example"
    paths = {
        edit.path.split(".", 1)[0] for f in findings if f.fix is not None for edit in f.fix.edits
    }
    assert paths == {"projects[0]", "projects[1]"}
