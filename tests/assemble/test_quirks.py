"""Quirks met building the template-family fixtures (tests/templates), one small layout each."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.layout import Cell, Table
from jixiao.model import ExtraField
from jixiao.values import parse_value
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


def test_title_rows_inside_the_table_start_the_next_project_and_give_the_year() -> None:
    def project(name: str, number: int) -> Table:
        return table(
            [
                ["项目支出绩效目标表", None, None, None],
                ["（2024年度）", None, None, None],
                ["项目名称", None, name, None],  # the label spans two columns
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "体检人数", "≥3.2万人"],
            ],
            number=number,
        )

    doc = read(project("老年人健康管理服务", 1), project("基层医疗卫生机构能力建设", 2))
    assert doc.fiscal_year == 2024
    assert [p.name for p in doc.projects] == ["老年人健康管理服务", "基层医疗卫生机构能力建设"]
    assert [len(p.indicators) for p in doc.projects] == [1, 1]
    assert doc.projects[0].unit.code is None  # （2024年度） is not a unit code


def test_unit_and_money_unit_on_one_line_above_the_table() -> None:
    doc = read(
        "财政项目支出绩效目标批复表",
        "填报单位：[610001]某县交通运输局\u3000\u3000\u3000\u3000金额单位：元",
        table(
            [
                *HEADER,
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "养护里程", "≥380公里"],
            ]
        ),
    )
    (project,) = doc.projects
    assert (project.unit.code, project.unit.name) == ("610001", "某县交通运输局")
    assert project.money_unit == "元"


def test_a_label_on_its_own_line_takes_the_next_line_as_its_value() -> None:
    doc = read(
        table([["专项资金名称", "农村人居环境整治"], ["实施单位", "某县农业农村局"]], number=1),
        "立项依据",
        "《农村人居环境整治提升五年行动方案》",
        table(
            [
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "改厕数量", "≥3000户"],
            ],
            number=2,
        ),
    )
    (project,) = doc.projects
    assert (
        ExtraField(label="立项依据", text="《农村人居环境整治提升五年行动方案》") in project.extra
    )
    assert len(project.indicators) == 1


def test_prose_unit_and_level1_before_a_level2_that_shares_its_name() -> None:
    doc = read(
        "项目名称：村内道路硬化工程",
        "实施单位：某镇人民政府",
        "数量指标：★新建道路≥2公里；硬化村道≥5公里。",
        "满意度指标：服务对象满意度指标：群众满意度≥90%。",
    )
    (project,) = doc.projects
    assert project.unit.name == "某镇人民政府"
    last = project.indicators[-1]
    assert (last.level1, last.level2, last.name, last.value_text) == (
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        "≥90%",
    )
    assert project.indicators[0].core is True


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("≥1200批次", "1200", "批次"),
        ("≥2.4萬人", "2.4", "萬人"),
        ("≤88萬元", "88", "萬元"),
        ("=6個", "6", "個"),
    ],
)
def test_value_units_compound_and_traditional(text: str, number: str, unit: str) -> None:
    value = parse_value(text)
    assert (value.number, value.unit, value.anomalies) == (Decimal(number), unit, [])


def test_level1_printed_in_both_blocks_side_by_side() -> None:
    rows = [
        *HEADER,
        ["实施期绩效指标", None, None, "本年度绩效指标", None, None],
        ["一级指标", "三级指标", "指标值及单位", "一级指标", "三级指标", "指标值及单位"],
        ["产出指标", "养护里程", "≥360公里", "产出指标", "养护里程", "≥120公里"],
        ["满意度指标", "群众满意度", "≥90%", "满意度指标", "群众满意度", "≥92%"],
    ]
    (project,) = read(table(rows)).projects
    got = [(i.level1, i.name, i.value_text) for i in project.indicators]
    assert got == [("产出指标", "养护里程", "≥120公里"), ("满意度指标", "群众满意度", "≥92%")]
    mids = [i.mid_term and i.mid_term.value_text for i in project.indicators]
    assert mids == ["≥360公里", "≥90%"]


def test_mid_term_cells_broken_across_a_page_are_joined() -> None:
    rows = [
        *HEADER,
        ["一级指标", "三级指标", "指标值", "三级指标", "指标值"],
        ["效益指标", "受益", "≥2万人", "受益人口", "≥0.8万人"],
        ["", "人口", "", "", ""],
    ]
    (project,) = read(table(rows, pages=[1, 1, 1, 1, 2])).projects
    (indicator,) = project.indicators
    assert indicator.mid_term is not None
    assert (indicator.mid_term.name, indicator.mid_term.value_text) == ("受益人口", "≥2万人")


def test_block_titles_over_a_two_row_header_are_not_kept_as_loose_text() -> None:
    rows = [
        *HEADER,
        ["实施期绩效指标", None, "本年度绩效指标", None, None],
        ["三级指标", "指标值", "一级指标", "三级指标", "指标值"],
        ["养护里程", "≥360公里", "产出指标", "养护里程", "≥120公里"],
    ]
    (project,) = read(table(rows)).projects
    assert [e for e in project.extra if not e.label] == []
    assert project.indicators[0].mid_term is not None


def test_a_sub_table_under_a_row_of_labels_keeps_every_row_under_its_label() -> None:
    rows = [
        *HEADER,
        ["成本构成", "测算依据", None, None, None],
        ["户厕改造补助", "3000户×1500元", None, None, None],
        ["垃圾收运设备", "按采购价测算", None, None, None],
        ["一级指标", "二级指标", "三级指标", "指标值", None],
        ["产出指标", "数量指标", "改厕数量", "≥3000户", None],
    ]
    (project,) = read(table(rows)).projects
    assert [(e.label, e.text) for e in project.extra] == [
        ("成本构成", "户厕改造补助"),
        ("测算依据", "3000户×1500元"),
        ("成本构成", "垃圾收运设备"),
        ("测算依据", "按采购价测算"),
    ]
    assert len(project.indicators) == 1


def test_money_by_source_is_kept_as_printed_not_taken_for_the_purpose() -> None:
    rows = [
        ["项目名称", "农村公路养护", None, None],
        ["项目资金", "年度资金总额", "1,250,000.00", None],
        [None, "1.中央", "500,000.00", None],
        [None, "2.市级", "700,000.00", None],
        [None, "4.其他资金", "50,000.00", None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥380公里"],
    ]
    (project,) = read("金额单位：元", table(rows)).projects
    assert project.purpose is None
    assert (project.budget.total, project.budget.fiscal, project.budget.other) == (
        Decimal("1250000.00"),
        None,
        Decimal("50000.00"),
    )
    assert [(e.label, e.text) for e in project.extra] == [
        ("1.中央", "500,000.00"),
        ("2.市级", "700,000.00"),
    ]


def test_a_goal_sentence_cut_by_a_page_break_is_joined_back() -> None:
    rows = [
        ["项目名称", "校舍维修改造", None, None],
        ["绩效目标", "1、完成12所农村学校校舍维", None, None],
        ["", "修改造，消除校舍安全隐患。\n2、资金按时拨付。", None, None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "维修学校数量", "=12所"],
    ]
    (project,) = read(table(rows, pages=[1, 1, 2, 2, 2])).projects
    assert project.goals == ["完成12所农村学校校舍维修改造，消除校舍安全隐患。", "资金按时拨付。"]


def test_a_numbered_goal_after_a_page_break_stays_its_own_item() -> None:
    rows = [
        ["项目名称", "校舍维修改造", None, None],
        ["绩效目标", "1、完成12所农村学校校舍维修改造", None, None],
        ["", "2、资金按时拨付。", None, None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "维修学校数量", "=12所"],
    ]
    (project,) = read(table(rows, pages=[1, 1, 2, 2, 2])).projects
    assert project.goals == ["完成12所农村学校校舍维修改造", "资金按时拨付。"]


def test_a_prose_list_of_indicators_cut_by_a_page_break_goes_on() -> None:
    doc = read(
        "项目名称：村内道路硬化工程",
        "数量指标：★新建道路≥2公里；",
        "硬化村道≥5公里。",  # the rest of the sentence, on the next page
        "质量指标：工程验收合格率100%。",
    )
    (project,) = doc.projects
    got = [(i.level2, i.name, i.value_text) for i in project.indicators]
    assert got == [
        ("数量指标", "新建道路", "≥2公里"),
        ("数量指标", "硬化村道", "≥5公里"),
        ("质量指标", "工程验收合格率", "100%"),
    ]


def test_a_copied_two_row_header_takes_the_title_above_a_blank_cell() -> None:
    """Copied text keeps no merges: 一级指标 stands in the row above, over a blank cell."""
    rows = [
        *HEADER,
        ["一级指标", "中期绩效指标", "", "年度绩效指标", ""],
        ["", "三级指标", "指标值", "三级指标", "指标值"],
        ["产出指标", "养护里程", "≥360公里", "养护里程", "≥120公里"],
        ["满意度指标", "群众满意度", "≥90%", "群众满意度", "≥92%"],
    ]
    (project,) = read(table(rows)).projects
    assert [i.level1 for i in project.indicators] == ["产出指标", "满意度指标"]


def test_a_label_over_two_columns_copied_as_label_and_blank() -> None:
    rows = [
        ["项目名称", "", "基层医疗卫生机构能力建设", "", ""],
        ["主管部门", "", "某市卫生健康委员会", "实施单位", "某市卫生健康委员会"],
        ["年度绩效目标", "", "配备基本诊疗设备。", "", ""],
        ["预算数", "", "其他资金", "60.00", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", ""],
        ["产出指标", "数量指标", "配备设备卫生院数量", "=20家", ""],
    ]
    (project,) = read(table(rows)).projects
    assert project.name == "基层医疗卫生机构能力建设"
    assert project.goals == ["配备基本诊疗设备。"]
    assert (project.budget.total, project.budget.other) == (None, Decimal("60.00"))
    assert [e for e in project.extra if not e.label] == []


def test_a_unit_line_between_the_project_title_and_its_table() -> None:
    doc = read(
        "1、学前教育幼儿资助资金绩效目标表",
        "130821某县教育和体育局",
        "（2024年度）",
        table(
            [
                *HEADER,
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "资助人次", "≥864人次"],
            ]
        ),
    )
    (project,) = doc.projects
    assert (project.unit.code, project.unit.name) == ("130821", "某县教育和体育局")


def test_a_last_row_without_its_blank_trailing_note_is_not_a_cut() -> None:
    """Copied text drops a blank 备注 at the end of a row; the project is still complete."""
    rows = [
        *HEADER,
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        ["产出指标", "数量指标", "养护里程", "≥380公里"],
    ]
    doc = read(table(rows))
    (project,) = doc.projects
    assert doc.warnings == []
    assert [i.name for i in project.indicators] == ["养护里程"]


def test_a_last_row_cut_before_its_value_is_still_incomplete() -> None:
    first = [
        *HEADER,
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥380公里"],
    ]
    texts = [
        ["项目名称", "城乡客运补贴"],
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        ["产出指标", "数量指标", "补贴线路"],  # the file ends here: no value cell at all
    ]
    cut = Table(tuple(Cell(t, r, c) for r, row in enumerate(texts) for c, t in enumerate(row)))
    doc = read(table(first, number=1), cut)
    assert [p.name for p in doc.projects] == ["乡村道路养护"]
    assert [w.code for w in doc.warnings] == ["project_incomplete"]


def test_a_lone_label_ending_a_table_takes_the_paragraph_after_it() -> None:
    """A copy split the table at the wide value line: 立项依据 ends one table, its value is a
    paragraph, the rest of the table follows."""
    doc = read(
        table([["专项资金名称", "农村人居环境整治"], ["立项依据", ""]], number=1),
        "《农村人居环境整治提升五年行动方案》",
        table(
            [
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "改厕数量", "≥3000户"],
            ],
            number=2,
        ),
    )
    (project,) = doc.projects
    assert [(e.label, e.text) for e in project.extra] == [
        ("立项依据", "《农村人居环境整治提升五年行动方案》")
    ]
    assert len(project.indicators) == 1


def test_a_note_row_under_the_indicators_is_a_warning_not_an_indicator() -> None:
    """``备注 | 无`` after the last indicator (as many web pages print it) was read as an
    indicator with an empty name; it is kept as a warning with its text."""
    from jixiao.reading import read_bytes
    from tests.templates.builders import build

    data, _ = build("B", "html")
    page = data.decode("utf-8")
    end = page.find("</table>")
    noted = page[:end] + "<tr><td>备注</td><td colspan='4'>无</td></tr>" + page[end:]
    plain = read_bytes(data, name="b.html")
    doc = read_bytes(noted.encode("utf-8"), name="b.html")
    assert [p.indicators for p in doc.projects] == [p.indicators for p in plain.projects]
    notes = [w for w in doc.warnings if w.code == "table_note"]
    assert [w.message for w in notes] == [
        "指标表下方的“备注：无”是备注说明，不是绩效指标，未作为指标读取"
    ]
    assert not [w for w in doc.warnings if w.code == "project_incomplete"]
