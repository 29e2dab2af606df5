"""Every rule's messages, frozen: the findings of each rule on its own bad example (the rule's
fixture, ``Rule.bad()``) are rendered as text and compared with ``snapshots/<CODE>.txt``, as
ruff freezes each rule's diagnostics. A changed message fails here until the snapshot is
updated on purpose:

    JIXIAO_UPDATE_SNAPSHOTS=1 python -m pytest tests/review/test_rule_snapshots.py

then read the new snapshot (``git diff tests/review/snapshots``) before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jixiao.review import all_rules, review
from jixiao.review.config import ReviewConfig
from jixiao.review.finding import Finding

RULES = all_rules()
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("JIXIAO_UPDATE_SNAPSHOTS") == "1"


def _where(finding: Finding) -> str:
    parts = []
    if finding.project_seq is not None:
        parts.append(f"项目{finding.project_seq}")
    if finding.indicator_index is not None:
        parts.append(f"指标{finding.indicator_index}")
    if finding.field:
        parts.append(finding.field)
    return " ".join(parts) or "文档"


def render(findings: list[Finding]) -> str:
    lines: list[str] = []
    for finding in findings:
        lines.append(f"{finding.code} {finding.severity} @ {_where(finding)}")
        if finding.merged:
            lines.append(f"  合并：{'、'.join(m.code for m in finding.merged)}")
        lines.append(f"  {finding.message}")
        if finding.text:
            lines.append(f"  原文：{finding.text}")
        if finding.suggestion:
            lines.append(f"  建议：{finding.suggestion}")
        if finding.fix is not None:
            lines.append(f"  修正（{finding.fix.safety}）：{finding.fix.title}")
            for edit in finding.fix.edits:
                lines.append(f"    {edit.path}：{edit.old!r} → {edit.new!r}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("code", list(RULES))
def test_rule_messages_are_frozen(code: str) -> None:
    rule = RULES[code]
    config = ReviewConfig(select=[code], params={code: rule.example_params()})
    text = render(review(rule.bad(), config).findings)
    path = SNAPSHOTS / f"{code}.txt"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"no snapshot for {code}: run with JIXIAO_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


def test_no_snapshot_of_a_rule_that_is_gone() -> None:
    assert {p.stem for p in SNAPSHOTS.glob("*.txt")} == set(RULES)
