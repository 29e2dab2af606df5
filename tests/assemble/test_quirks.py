"""Quirks met building the template-family fixtures (tests/templates), one small layout each."""

from __future__ import annotations

from tests.assemble._layouts import read, table

HEADER = [
    ["项目名称", "乡村道路养护", None, None, None],
    ["年度绩效目标", "养护道路120公里", None, None, None],
]


def test_two_row_header_with_level1_merged_down_reads_level1() -> None:
    rows = [
        *HEADER,
        ["一级指标", "中期绩效指标", None, "年度绩效指标", None],
        [None, "三级指标", "指标值", "三级指标", "指标值"],
        ["产出指标", "养护里程", "≥360公里", "养护里程", "≥120公里"],
        ["满意度指标", "群众满意度", "≥90%", "群众满意度", "≥92%"],
    ]
    (project,) = read(table(rows)).projects
    got = [(i.level1, i.name, i.value_text) for i in project.indicators]
    assert got == [("产出指标", "养护里程", "≥120公里"), ("满意度指标", "群众满意度", "≥92%")]
    mid = project.indicators[0].mid_term
    assert mid is not None and mid.value_text == "≥360公里"


def test_name_cell_broken_across_a_page_continues_the_indicator() -> None:
    rows = [
        *HEADER,
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        ["产出指标", "数量指标", "单家卫生院设", "≤28万元", ""],
        ["", "", "备购置成本", "", ""],  # the rest of the name, top of the next page
        ["", "质量指标", "验收合格率", "100%", ""],
    ]
    (project,) = read(table(rows, pages=[1, 1, 1, 1, 2, 2])).projects
    got = [(i.level2, i.name, i.value_text) for i in project.indicators]
    assert got == [
        ("数量指标", "单家卫生院设备购置成本", "≤28万元"),
        ("质量指标", "验收合格率", "100%"),
    ]


def test_a_new_indicator_at_the_top_of_a_page_is_not_joined() -> None:
    rows = [
        *HEADER,
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        ["产出指标", "数量指标", "养护里程", "≥120公里", ""],
        ["", "", "维修桥涵", "=6个", ""],  # cut merged level cells, but a value of its own
    ]
    (project,) = read(table(rows, pages=[1, 1, 1, 1, 2])).projects
    assert [i.name for i in project.indicators] == ["养护里程", "维修桥涵"]
    assert project.indicators[1].level2 == "数量指标"
