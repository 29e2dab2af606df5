"""Pages of other provinces around their tables: a unit line above them, titles in
traditional characters, pages with no title but their site's furniture, a 指标值 printed over
two columns, free text in a table's first row. Each is read by what it says, never guessed."""

from __future__ import annotations

import pytest

from jixiao import read_bytes
from tests.assemble._layouts import Row, read, table


def _rows(name: str, *, traditional: bool = False) -> list[Row]:
    if traditional:
        return [
            ["項目名稱", name, None, None],
            ["一級指標", "二級指標", "三級指標", "指標值"],
            ["產出指標", "數量指標", "養護里程", "≥20公里"],
            [None, "質量指標", "驗收合格率", "100%"],
        ]
    return [
        ["项目名称", name, None, None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥20公里"],
        [None, "质量指标", "验收合格率", "100%"],
    ]


# -- titles -------------------------------------------------------------------------------


@pytest.mark.parametrize("traditional", [False, True])
def test_numbered_titles_open_projects_in_either_script(traditional: bool) -> None:
    """``1、某項目績效目標表`` is a project's title as ``1、某项目绩效目标表`` is: neither is the
    document's title, and the （2024年度） under it is the project's year."""
    first, second = (
        ("鄉村道路養護", "農村公廁改造") if traditional else ("乡村道路养护", "农村公厕改造")
    )
    suffix = "項目績效目標表" if traditional else "项目绩效目标表"
    doc = read(
        f"1、{first}{suffix}",
        "（2024年度）",
        table(_rows(first, traditional=traditional)),
        f"2、{second}{suffix}",
        "（2024年度）",
        table(_rows(second, traditional=traditional), number=2),
    )
    assert [p.name for p in doc.projects] == [first, second]
    assert [len(p.indicators) for p in doc.projects] == [2, 2]
    assert doc.title is None
    assert doc.fiscal_year == 2024
    assert doc.warnings == []


def test_traditional_form_title_is_a_title() -> None:
    doc = read(
        "項目支出績效目標申報表", "（2024年度）", table(_rows("鄉村道路養護", traditional=True))
    )
    assert doc.title == "項目支出績效目標申報表（2024年度）"
    assert [p.name for p in doc.projects] == ["鄉村道路養護"]
    assert doc.projects[0].indicators[0].level1 == "產出指標"  # printed text kept


@pytest.mark.parametrize(
    "furniture",
    [
        [
            "某县人民政府门户网站",
            "首页 > 信息公开 > 财政资金",
            "发布时间：2024-01-05  来源：县财政局",
        ],
        ["当前位置：首页 » 政务公开", "浏览次数：128", "— 1 —"],
        ["第1页 共2页", "字号：大 中 小  打印  关闭"],
    ],
)
def test_a_page_without_a_title_has_none(furniture: list[str]) -> None:
    doc = read(*furniture, table(_rows("乡村道路养护")))
    assert doc.title is None
    assert [p.name for p in doc.projects] == ["乡村道路养护"]


def test_a_plain_line_without_furniture_is_still_the_title() -> None:
    doc = read("首页 > 信息公开", "某县交通运输局", "绩效目标公开", table(_rows("乡村道路养护")))
    assert doc.title == "某县交通运输局绩效目标公开"


# -- the unit line above the table ----------------------------------------------------------


def test_unit_line_above_the_tables_gives_every_project_its_unit() -> None:
    doc = read(
        "2024年项目支出绩效目标表",
        "填报单位：某县交通运输局（盖章）    填报日期：2024年1月10日    金额单位：万元",
        table(_rows("乡村道路养护")),
        table(_rows("农村公路养护"), number=2),
    )
    assert [p.unit.name for p in doc.projects] == ["某县交通运输局", "某县交通运输局"]
    first = doc.projects[0]
    assert [(e.label, e.text) for e in first.extra] == [("填报日期", "2024年1月10日")]
    assert first.money_unit == "万元"
    assert doc.warnings == []


def test_a_project_printing_its_own_unit_keeps_it() -> None:
    own = _rows("农村公路养护")
    own.insert(1, ["实施单位", "某县公路管理站", None, None])
    doc = read(
        "填报单位：某县交通运输局",
        table(_rows("乡村道路养护")),
        table(own, number=2),
    )
    assert [p.unit.name for p in doc.projects] == ["某县交通运输局", "某县公路管理站"]


@pytest.mark.parametrize("label", ["编制单位", "部门名称", "申报单位"])
def test_unit_line_labels(label: str) -> None:
    doc = read(f"{label}：某县交通运输局", table(_rows("乡村道路养护")))
    assert doc.projects[0].unit.name == "某县交通运输局"


def test_a_date_line_alone_is_not_a_unit_line() -> None:
    doc = read("填报日期：2024年1月10日", table(_rows("乡村道路养护")))
    assert doc.projects[0].unit.name is None


@pytest.mark.parametrize("form", ["html", "txt"])
def test_unit_line_in_a_saved_page_and_copied_text(form: str) -> None:
    line = "填报单位：某县交通运输局    填报日期：2024年1月10日    金额单位：万元"
    rows = [
        ["项目名称", "乡村道路养护", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥20公里"],
        ["", "质量指标", "验收合格率", "100%"],
    ]
    if form == "html":
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        data = (
            f'<html><head><meta charset="utf-8"></head><body><h2>项目支出绩效目标表</h2>'
            f"<p>{line.replace('    ', '&emsp;&emsp;')}</p><table>{body}</table></body></html>"
        ).encode()
    else:
        text = (
            "项目支出绩效目标表\n"
            + line
            + "\n"
            + "\n".join("| " + " | ".join(r) + " |" for r in rows)
        )
        data = text.encode()
    doc = read_bytes(data, name=f"page.{form}")
    (project,) = doc.projects
    assert project.unit.name == "某县交通运输局"
    assert ("填报日期", "2024年1月10日") in [(e.label, e.text) for e in project.extra]
    assert [i.value_text for i in project.indicators] == ["≥20公里", "100%"]


# -- 指标值 over two columns ----------------------------------------------------------------


def test_value_title_over_two_columns_joins_the_cells() -> None:
    doc = read(
        table(
            [
                ["项目名称", "乡村道路养护", None, None, None, None],
                ["一级指标", "二级指标", "三级指标", "指标值", None, "备注"],
                ["产出指标", "数量指标", "养护里程", "≥20", "公里", ""],
                [None, "质量指标", "验收合格率", "100", "%", "抽检"],
                [None, "时效指标", "完成时间", "2024年11月底前", None, ""],
            ]
        )
    )
    (project,) = doc.projects
    assert [i.value_text for i in project.indicators] == ["≥20公里", "100%", "2024年11月底前"]
    assert project.indicators[0].value.unit == "公里"
    assert project.indicators[1].basis == "抽检"
    assert not [w for w in doc.warnings if w.code == "columns_unrecognised"]


def test_value_title_over_two_columns_after_a_copy_lost_the_merge() -> None:
    text = "\n".join(
        "| " + " | ".join(r) + " |"
        for r in [
            ["项目名称", "乡村道路养护", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值", "", "备注"],
            ["产出指标", "数量指标", "养护里程", "≥20", "公里", ""],
            ["", "质量指标", "验收合格率", "100", "%", "抽检"],
        ]
    )
    doc = read_bytes(text.encode(), name="copied.txt")
    assert [i.value_text for i in doc.projects[0].indicators] == ["≥20公里", "100%"]


# -- free text in the first row ---------------------------------------------------------------


@pytest.mark.parametrize("owner", ["某县交通运输局", "某县第一中学", "某县疾病预防控制中心"])
def test_an_organisation_alone_in_the_first_row_is_the_unit(owner: str) -> None:
    doc = read(table([[owner, None, None, None], *_rows("乡村道路养护")]))
    assert doc.projects[0].unit.name == owner


def test_a_note_alone_in_the_first_row_is_kept_but_not_the_unit() -> None:
    doc = read(table([["以下内容据实填写", None, None, None], *_rows("乡村道路养护")]))
    project = doc.projects[0]
    assert project.unit.name is None
    assert "以下内容据实填写" in [e.text for e in project.extra]
