"""The document title among other lines before the first section (site banners, breadcrumbs
of a saved web page, a cover page's lines): a title-like paragraph wins."""

from __future__ import annotations

from tests.assemble._layouts import read, table

INDICATORS = table(
    [
        ["项目名称", "乡村道路养护", None, None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "≥20公里"],
    ]
)


def test_banner_and_breadcrumbs_are_not_glued_into_the_title() -> None:
    doc = read(
        "某区人民政府门户网站 2019年改版",
        "首页 > 信息公开 > 财政预决算",
        "某县交通运输局2024年部门预算绩效目标",
        "发布时间：2023年12月30日",
        INDICATORS,
    )
    assert doc.title == "某县交通运输局2024年部门预算绩效目标"
    assert doc.fiscal_year == 2024


def test_unit_line_before_a_year_title_is_part_of_it() -> None:
    doc = read("首页", "某县交通运输局", "2024年部门预算绩效信息", INDICATORS)
    assert doc.title == "某县交通运输局2024年部门预算绩效信息"
    assert doc.fiscal_year == 2024


def test_without_a_title_like_line_the_lines_are_kept() -> None:
    doc = read("某县交通运输局", "绩效目标公开", INDICATORS)
    assert doc.title == "某县交通运输局绩效目标公开"


def test_a_furniture_table_above_does_not_swallow_the_front_matter() -> None:
    """A saved page's table-based site header (or a table a script wrote) before the title:
    no project has been read yet, so the title and 第一部分 still are the front matter."""
    doc = read(
        table([["网站首页", "信息公开", "互动交流"]]),
        "某县交通运输局2024年部门预算绩效信息",
        "第一部分 部门整体绩效目标",
        "（一）总体绩效目标：",
        "完成全县农村公路养护。",
        "第二部分 预算项目绩效目标",
        INDICATORS,
    )
    assert doc.title == "某县交通运输局2024年部门预算绩效信息"
    assert doc.fiscal_year == 2024
    assert doc.department.overall_goals == ["完成全县农村公路养护。"]
    (project,) = doc.projects
    assert project.name == "乡村道路养护"
