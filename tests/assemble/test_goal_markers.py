"""Goal sentences lose their list markers, including a 、 marker followed by a figure
(``2、65岁及以上…``), while a decimal point stays part of the number (``1.5万``)."""

from __future__ import annotations

import pytest

from jixiao.assemble.project_table import split_goals
from jixiao.textutil import strip_list_marker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2、65岁及以上老年人健康管理率达到65%以上", "65岁及以上老年人健康管理率达到65%以上"),
        ("1、保障村级组织运转", "保障村级组织运转"),
        ("（3）完成检测300批次", "完成检测300批次"),
        ("1.5万亩农田完成建设", "1.5万亩农田完成建设"),
        ("2)2024年底前完工", "2)2024年底前完工"),
    ],
)
def test_strip_list_marker(text: str, expected: str) -> None:
    assert strip_list_marker(text) == expected


def test_inline_numbered_goals_split_before_a_figure() -> None:
    text = "1、建档率达到90%以上；2、65岁及以上老年人健康管理率达到65%以上"
    assert split_goals(text) == ["建档率达到90%以上；", "65岁及以上老年人健康管理率达到65%以上"]
