"""The template families of templates.md read through the one assembler, from layouts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao import NotAPerformanceDocumentError
from jixiao.model import Budget, ExtraField, Unit
from tests.assemble._layouts import read, table

B_HEADER = [
    ["项目名称", "农村饮水安全巩固提升", None, None, None, None, None, None],
    [
        "主管部门及代码",
        "[512001]某县水务局",
        None,
        "实施单位",
        "512001-某县农村供水站",
        None,
        None,
        None,
    ],
    ["项目资金（万元）", "中期资金总额：", "900.00", None, "年度资金总额：", "320.00", None, None],
    [None, "其中：财政拨款", "800.00", None, "其中：财政拨款", "300.00", None, None],
    [None, "其他资金", "100.00", None, "其他资金", "20.00", None, None],
    ["总体目标", "中期目标", None, None, "年度目标", None, None, None],
    [
        None,
        "目标1：三年内解决2万人饮水问题。",
        None,
        None,
        "1.新建供水管网40公里；2.受益人口0.8万人。",
        None,
        None,
        None,
    ],
]
B_INDICATORS = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
    [
        None,
        "产出指标",
        "数量指标",
        "新建管网长度",
        "≥120公里",
        "数量指标",
        "新建管网长度",
        "≥40公里",
    ],
    [None, None, "时效指标", "完工时间", "2026年底前", "时效指标", "完工时间", "2024年11月底前"],
    [
        None,
        "效益指标",
        "社会效益指标",
        "受益人口",
        "≥2万人",
        "社会效益指标",
        "受益人口",
        "≥0.8万人",
    ],
    [
        None,
        "满意度指标",
        "服务对象满意度指标",
        "受益群众满意度",
        "≥90%",
        "服务对象满意度指标",
        "受益群众满意度",
        "≥92%",
    ],
]


def test_family_b_without_code_reads_header_money_goals_and_blocks() -> None:
    doc = read("项目支出绩效目标申报表", "（2024年度）", table(B_HEADER + B_INDICATORS))
    assert doc.fiscal_year == 2024
    (project,) = doc.projects
    assert project.code is None
    assert project.name == "农村饮水安全巩固提升"
    assert project.unit == Unit(code="512001", name="某县农村供水站")
    assert project.budget == Budget(
        total=Decimal("320.00"), fiscal=Decimal("300.00"), other=Decimal("20.00")
    )
    assert project.mid_term_budget == Budget(
        total=Decimal("900.00"), fiscal=Decimal("800.00"), other=Decimal("100.00")
    )
    assert project.goals == ["新建供水管网40公里；", "受益人口0.8万人。"]
    assert project.mid_term_goals == ["三年内解决2万人饮水问题。"]
    assert ExtraField(label="主管部门及代码", text="[512001]某县水务局") in project.extra
    names = [(i.level1, i.level2, i.name, i.value_text) for i in project.indicators]
    assert names == [
        ("产出指标", "数量指标", "新建管网长度", "≥40公里"),
        ("产出指标", "时效指标", "完工时间", "2024年11月底前"),
        ("效益指标", "社会效益指标", "受益人口", "≥0.8万人"),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥92%"),
    ]
    mid = project.indicators[0].mid_term
    assert mid is not None and (mid.name, mid.value_text) == ("新建管网长度", "≥120公里")
    assert mid.value.number == Decimal("120")
    assert doc.warnings == []


def test_family_b_two_tables_are_two_projects_never_merged() -> None:
    second = [list(r) for r in B_HEADER]
    second[0][1] = "小型水库除险加固"
    doc = read(
        "项目支出绩效目标申报表",
        table(B_HEADER + B_INDICATORS, number=1),
        "项目支出绩效目标申报表",
        table(second + B_INDICATORS, number=2),
    )
    assert [p.name for p in doc.projects] == ["农村饮水安全巩固提升", "小型水库除险加固"]
    assert [len(p.indicators) for p in doc.projects] == [4, 4]


def test_header_rows_of_the_next_project_in_the_same_table_start_it() -> None:
    """No title paragraph, no code: the next 项目名称 row after indicators starts a project."""
    second = [list(r) for r in B_HEADER]
    second[0][1] = "小型水库除险加固"
    doc = read(table(B_HEADER + B_INDICATORS + second + B_INDICATORS))
    assert [p.name for p in doc.projects] == ["农村饮水安全巩固提升", "小型水库除险加固"]
    for project in doc.projects:
        assert all(
            i.name in {"新建管网长度", "完工时间", "受益人口", "受益群众满意度"}
            for i in project.indicators
        )


def test_family_e_split_value_columns_weights_directions() -> None:
    rows = [
        ["单位：万元"],
        ["项目名称", "基层卫生人才培训", None, None, None, None, None, None, None],
        ["年度绩效目标", "培训乡村医生300人次", None, None, None, None, None, None, None],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "计算符号",
            "指标值",
            "计量单位",
            "分值",
            "指标方向性",
            "是否核心指标",
        ],
        ["产出指标", "数量指标（必填）", "培训人次", "≥", "300", "人次", "30", "正向", "是"],
        [None, "成本指标", "人均培训成本", "≤", "800", "元", "20", "反向", "否"],
        ["效益指标", "社会效益指标", "基层诊疗水平", "定性", "有所提升", "", "30", "", ""],
        ["满意度指标", "服务对象满意度指标", "学员满意度", "大于等于", "90", "%", "20", "正向", ""],
    ]
    (project,) = read(table(rows)).projects
    got = [
        (
            i.level2,
            i.value_text,
            i.value.op,
            i.value.number,
            i.value.unit,
            i.weight,
            i.direction,
            i.core,
        )
        for i in project.indicators
    ]
    assert got == [
        (
            "数量指标（必填）",
            "≥300人次",
            ">=",
            Decimal("300"),
            "人次",
            Decimal("30"),
            "positive",
            True,
        ),
        ("成本指标", "≤800元", "<=", Decimal("800"), "元", Decimal("20"), "reverse", False),
        ("社会效益指标", "有所提升", None, None, None, Decimal("30"), None, None),
        (
            "服务对象满意度指标",
            "大于等于90%",
            ">=",
            Decimal("90"),
            "%",
            Decimal("20"),
            "positive",
            None,
        ),
    ]
    first = project.indicators[0]
    assert first.category == "output.quantity"
    assert first.value_parts is not None
    assert (first.value_parts.operator, first.value_parts.value, first.value_parts.unit) == (
        "≥",
        "300",
        "人次",
    )


def test_family_f_flat_list_filled_down_yuan() -> None:
    rows = [
        ["金额单位：元"],
        [
            "单位名称",
            "项目名称",
            "预算数",
            "年度目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
        ],
        [
            "[610301]某镇人民政府",
            "人居环境整治",
            "1,200,000.00",
            "整治村庄12个",
            "产出指标",
            "数量指标",
            "整治村庄数",
            "12个",
        ],
        ["", "", "", "", "", "质量指标", "验收合格率", "100%"],
        ["", "", "", "", "满意度指标", "服务对象满意度指标", "村民满意度", "≥90%"],
        [
            "",
            "农村公路养护",
            "356,000.50",
            "养护公路50公里",
            "产出指标",
            "数量指标",
            "养护里程",
            "50公里",
        ],
        [
            "[610302]另一镇人民政府",
            "人居环境整治",
            "800,000.00",
            "整治村庄8个",
            "产出指标",
            "数量指标",
            "整治村庄数",
            "8个",
        ],
    ]
    doc = read(table(rows))
    got = [
        (p.unit.code, p.name, p.money_unit, p.budget.total, p.goals, len(p.indicators))
        for p in doc.projects
    ]
    assert got == [
        ("610301", "人居环境整治", "元", Decimal("1200000.00"), ["整治村庄12个"], 3),
        ("610301", "农村公路养护", "元", Decimal("356000.50"), ["养护公路50公里"], 1),
        ("610302", "人居环境整治", "元", Decimal("800000.00"), ["整治村庄8个"], 1),
    ]
    assert [p.seq for p in doc.projects] == [1, 2, 3]
    assert doc.projects[0].indicators[1].level1 == "产出指标"  # inherited from the row above


def test_family_g_department_wide_table() -> None:
    rows = [
        ["部门（单位）名称", "219001-某县市场监督管理局", None, None, None, None],
        ["部门职能概述", "负责全县市场综合监督管理。", None, None, None, None],
        ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", None, None],
        [None, None, None, "总额", "财政拨款", "其他资金"],
        [None, "食品安全抽检", "完成抽检1200批次", "150.00", "150.00", "0.00"],
        [None, "特种设备检验", "检验电梯800台", "80.00", "60.00", "20.00"],
        ["金额合计", None, None, "230.00", "210.00", "20.00"],
        ["年度总体目标", "1.完成抽检1200批次；2.电梯检验率100%。", None, None, None, None],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", None],
        [None, "产出指标", "数量指标", "食品抽检批次", "≥1200批次", None],
        [None, "满意度指标", "服务对象满意度指标", "企业满意度", "≥90%", None],
    ]
    doc = read(table(rows))
    assert doc.projects == []
    dept = doc.department
    assert dept.unit == Unit(code="219001", name="某县市场监督管理局")
    assert dept.functions == "负责全县市场综合监督管理。"
    assert [(t.name, t.content, t.budget.total, t.budget.fiscal) for t in dept.tasks] == [
        ("食品安全抽检", "完成抽检1200批次", Decimal("150.00"), Decimal("150.00")),
        ("特种设备检验", "检验电梯800台", Decimal("80.00"), Decimal("60.00")),
    ]
    assert dept.budget == Budget(
        total=Decimal("230.00"), fiscal=Decimal("210.00"), other=Decimal("20.00")
    )
    assert dept.overall_goals == ["完成抽检1200批次；", "电梯检验率100%。"]
    assert [(i.name, i.value_text) for i in dept.indicators] == [
        ("食品抽检批次", "≥1200批次"),
        ("企业满意度", "≥90%"),
    ]


def test_family_i_prose_notice() -> None:
    doc = read(
        "某镇2024年项目绩效目标设定公示",
        "项目名称：村内道路硬化工程",
        "预算资金：85.50万元",
        "绩效目标：完成村内道路硬化，方便群众出行。",
        "数量指标：新建道路≥2公里；★硬化村道≥5公里。",
        "时效指标：完工时间2024年10月底前。",
        "满意度指标：群众满意度≥90%。",
    )
    (project,) = doc.projects
    assert project.name == "村内道路硬化工程"
    assert project.budget.total == Decimal("85.50")
    got = [(i.level1, i.level2, i.name, i.value_text, i.core) for i in project.indicators]
    assert got == [
        ("产出指标", "数量指标", "新建道路", "≥2公里", None),
        ("产出指标", "数量指标", "硬化村道", "≥5公里", True),
        ("产出指标", "时效指标", "完工时间", "2024年10月底前", None),
        ("满意度指标", "满意度指标", "群众满意度", "≥90%", None),
    ]


def test_traditional_labels_are_matched_and_printed_text_kept() -> None:
    rows = [
        ["項目名稱", "鄉村道路養護"],
        ["年度績效目標", "養護道路50公里"],
        ["一級指標", "二級指標", "三級指標", "指標值"],
        ["產出指標", "數量指標", "養護里程", "≥50公里"],
    ]
    (project,) = read(table(rows)).projects
    assert project.name == "鄉村道路養護"
    assert project.goals == ["養護道路50公里"]
    (indicator,) = project.indicators
    assert (indicator.level1, indicator.category, indicator.value.number) == (
        "產出指標",
        "output.quantity",
        Decimal("50"),
    )


def test_row_broken_across_pages_is_joined() -> None:
    rows = [
        ["项目名称", "校舍维修", None, None, None],
        ["绩效目标", "1.维修校舍2000平方米；2.消除安全隐患。", None, None, None],
        [None, "3.改善办学条件。", None, None, None],  # the goal cell continues on page 2
        ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
        ["产出指标", "数量指标", "维修面积", "≥2000平方米", "依据校舍安全"],
        [None, None, "", "", "排查报告确定"],  # the rest of the basis, top of page 3
        [None, "质量指标", "验收合格率", "100%", "行业标准"],
    ]
    doc = read(table(rows, pages=[1, 1, 2, 2, 2, 3, 3]))
    (project,) = doc.projects
    assert project.goals == ["维修校舍2000平方米；", "消除安全隐患。", "改善办学条件。"]
    assert [(i.name, i.basis) for i in project.indicators] == [
        ("维修面积", "依据校舍安全排查报告确定"),
        ("验收合格率", "行业标准"),
    ]


def test_unknown_columns_are_kept_with_a_warning() -> None:
    rows = [
        ["项目名称", "图书采购"],
        ["一级指标", "二级指标", "三级指标", "指标值", "采购方式"],
        ["产出指标", "数量指标", "采购册数", "≥5000册", "公开招标"],
    ]
    doc = read(table(rows))
    (indicator,) = doc.projects[0].indicators
    (extra,) = indicator.extra
    assert (extra.label, extra.text) == ("采购方式", "公开招标")
    assert extra.source is not None and (extra.source.table, extra.source.row) == (1, 3)
    assert [w.code for w in doc.warnings] == ["columns_unrecognised"]
    assert "采购方式" in doc.warnings[0].message


def test_nothing_found_says_what_was_seen() -> None:
    rows = [["姓名", "职务"], ["张三", "科长"]]
    with pytest.raises(NotAPerformanceDocumentError) as caught:
        read(table(rows), table(rows, number=2), table(rows, number=3))
    assert "找到 3 个表格，但没有一个含一级/二级/三级指标栏目" in str(caught.value)


def test_table_title_after_the_document_title_is_not_glued_to_it() -> None:
    rows = [
        ["项目名称", "乡村道路养护"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥50公里"],
    ]
    doc = read("某县2024年部门预算", "一、乡村道路养护绩效目标申报表", table(rows))
    assert doc.title == "某县2024年部门预算"
    assert doc.projects[0].title == "一、乡村道路养护绩效目标申报表"
