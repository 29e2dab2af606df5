"""Every family as text saved from Word (one tab-led cell per line, a blank line per row), read
back field by field. The rows are rebuilt by width, and only the indicator header gives the
width: a full row of header fields (预算数 | 72.64 | 其中：财政资金 | 72.64) is as wide as it
is, so the short row after it (其他资金 | 20.00) stays a row of its own and keeps its amount;
a row of a label and amounts narrower than the amounts above it (金额合计 | 320.00 | …) puts
them under the last columns.

F2 is left out: its blank project cells are merged sideways with the next one in the fixture,
so the export prints seven cells for an eight-column row, which no reader can place."""

from __future__ import annotations

import pytest

from jixiao import read_bytes
from tests.templates.builders import word_text_builder
from tests.templates.compare import compare
from tests.templates.layouts import FAMILIES, blocks_for


@pytest.mark.slow
@pytest.mark.parametrize("family", [f for f in FAMILIES if f != "F2"])
def test_family_read_back_from_word_text(family: str) -> None:
    doc = read_bytes(word_text_builder.build(blocks_for(family)), name=f"{family}.txt")
    result = compare(family, doc)
    assert result.checked > 50
    assert not result.differences, f"{family} × word text:\n{result.report()}"


def test_other_funds_after_a_full_money_row_keep_their_amount() -> None:
    rows = [
        ["项目名称", "乡村道路养护"],
        ["预算数（万元）", "72.64", "其中：财政资金", "52.64"],
        ["其他资金", "20.00"],
        ["年度绩效目标", "完成道路养护20公里。"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥20公里"],
        ["", "质量指标", "验收合格率", "100%"],
    ]
    text = "\n".join("\n".join("\t" + c for c in row) + "\n" for row in rows)
    doc = read_bytes(text.encode(), name="word.txt")
    (project,) = doc.projects
    budget = project.budget
    assert (str(budget.total), str(budget.fiscal), str(budget.other)) == ("72.64", "52.64", "20.00")
    assert project.goals == ["完成道路养护20公里。"]
    assert [i.name for i in project.indicators] == ["养护里程", "验收合格率"]
