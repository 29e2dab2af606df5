"""Rule hooks receive the project's position in ``doc.projects``: fixes point at the project
the finding is about, even when two entries are the same object (identity cannot tell them
apart), and no rule walks the document itself."""

from __future__ import annotations

import pytest

from jixiao.review import all_rules, review
from jixiao.review.config import ReviewConfig
from jixiao.review.merge import flatten

RULES = all_rules()


@pytest.mark.parametrize("code", ["VAL-08", "VAL-13", "CAT-01", "STR-03"])
def test_fix_paths_follow_the_position(code: str) -> None:
    doc = RULES[code].bad()
    project = doc.projects[0]
    doc.projects = [project, project]  # one object twice: only the position tells them apart
    config = ReviewConfig(select=[code], params={code: RULES[code].example_params()})
    findings = [f for f in flatten(review(doc, config).findings) if f.fix is not None]
    assert findings, f"{code} offers no fix on its bad example"
    paths = {
        edit.path.split(".", 1)[0] for f in findings if f.fix is not None for edit in f.fix.edits
    }
    assert paths == {"projects[0]", "projects[1]"}
