"""Tables copied as text (``|`` rows, tab rows, space-aligned columns, one cell per line) for the
template families of templates.md, read through the text reader and the one assembler and
compared field by field with the content the fixtures were built from (``_text_tables``)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import opencc
import pytest

from jixiao import Document, NotAPerformanceDocumentError, read_bytes
from tests.formats._text_tables import (
    FAMILIES,
    FAMILY_A,
    FAMILY_B,
    FLAT_PROJECTS,
    FLAT_ROWS,
    FORMS,
    RENDER,
    Family,
    Proj,
    amount,
    cell_lines,
    document_text,
    pipe_rows,
)

_MARKER = re.compile(r"^\s*[0-9]{1,2}[.、．]\s*")
_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")


def _read(text: str, name: str = "复制的表格.txt") -> Document:
    return read_bytes(text.encode("utf-8"), name=name)


def _goals(goals: tuple[str, ...], convert: object = str) -> list[str]:
    return [_MARKER.sub("", g) for g in goals]


def _check_project(got: object, want: Proj, convert: opencc.OpenCC | None = None) -> None:
    def c(text: str) -> str:
        return convert.convert(text) if convert is not None else text

    from jixiao.model import Project

    assert isinstance(got, Project)
    assert got.name == c(want.name)
    assert got.code == want.code
    assert (got.budget.total, got.budget.fiscal, got.budget.other) == (
        amount(want.total),
        amount(want.fiscal),
        amount(want.other),
    )
    if want.mid is not None:
        assert got.mid_term_budget is not None
        assert (
            got.mid_term_budget.total,
            got.mid_term_budget.fiscal,
            got.mid_term_budget.other,
        ) == tuple(amount(x) for x in want.mid)
        assert got.mid_term_goals == [c(g) for g in _goals(want.mid_goals)]
    assert got.goals == [c(g) for g in _goals(want.goals)]
    if want.purpose:
        assert got.purpose == c(want.purpose)
    if any(want.plan):
        assert [str(p.percent) for p in got.spending_plan] == [x.rstrip("%") for x in want.plan]
    indicators = [(i.level1, i.level2, i.name, i.value_text) for i in got.indicators]
    assert indicators == [
        (c(i.level1), c(i.level2), c(i.name), c(i.value)) for i in want.indicators
    ]
    for ind, expected in zip(got.indicators, want.indicators, strict=True):
        if expected.mid is not None:
            assert ind.mid_term is not None
            assert (ind.mid_term.name, ind.mid_term.value_text) == tuple(c(x) for x in expected.mid)
        assert ind.category is not None  # every level-1/level-2 pair was recognised


def _check(doc: Document, family: Family) -> None:
    assert [w.code for w in doc.warnings] == []
    if family.department:
        dept = family.department
        assert doc.projects == []
        unit = doc.department.unit
        assert unit is not None and (unit.code, unit.name) == dept["unit"]
        tasks = [
            (t.name, t.content, t.budget.total, t.budget.fiscal, t.budget.other)
            for t in doc.department.tasks
        ]
        assert tasks == [
            (n, content, Decimal(a), Decimal(b), Decimal(o))
            for n, content, a, b, o in dept["tasks"]  # type: ignore[attr-defined]
        ]
        budget = doc.department.budget
        assert budget is not None
        assert (budget.total, budget.fiscal, budget.other) == tuple(
            Decimal(x)
            for x in dept["budget"]  # type: ignore[attr-defined]
        )
        assert doc.department.overall_goals == dept["goals"]
        got = [(i.level1, i.level2, i.name, i.value_text) for i in doc.department.indicators]
        assert got == [
            (i.level1, i.level2, i.name, i.value)
            for i in dept["indicators"]  # type: ignore[attr-defined]
        ]
        return
    assert len(doc.projects) == len(family.projects)
    for got, want in zip(doc.projects, family.projects, strict=True):
        _check_project(got, want)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("key", sorted(FAMILIES))
def test_family_in_every_text_form(key: str, form: str) -> None:
    family = FAMILIES[key]
    doc = _read(document_text(family, form))
    _check(doc, family)


@pytest.mark.parametrize("key", sorted(FAMILIES))
def test_family_one_cell_per_line_with_blank_lines_between_rows(key: str) -> None:
    family = FAMILIES[key]
    doc = _read(document_text(family, "cell_lines_row_gaps"))
    _check(doc, family)


@pytest.mark.parametrize("key", sorted(set(FAMILIES) - {"A"}))
def test_family_in_word_plain_text_export(key: str) -> None:
    """Not one of the four copied forms, but how Word saves a table as text: the other families,
    with or without 项目编码, go through the reader of the Hebei Word exports (family A is that
    reader's own case, covered by the seeds)."""
    family = FAMILIES[key]
    doc = _read(document_text(family, "word_cells"))
    _check(doc, family)


@pytest.mark.parametrize("form", FORMS)
def test_traditional_characters_are_read_and_kept(form: str) -> None:
    text = document_text(FAMILY_B, form, convert=_S2T.convert)
    assert "項目名稱" in text
    doc = _read(text)
    assert [w.code for w in doc.warnings] == []
    assert len(doc.projects) == 2
    for got, want in zip(doc.projects, FAMILY_B.projects, strict=True):
        _check_project(got, want, convert=_S2T)


def test_pipe_rows_without_outer_pipes_and_empty_cells_keep_columns() -> None:
    project = FAMILY_A.projects[0]
    lines = ["1、乡村道路养护经费绩效目标表", *pipe_rows(FAMILY_A.rows(project), outer=False)]
    doc = _read("\n".join(lines) + "\n")
    (got,) = doc.projects
    _check_project(got, project)
    assert got.budget.other is None  # the empty 其他资金 cell stayed a cell
    assert got.spending_plan[0].percent == Decimal("25")


def test_tab_cells_with_line_breaks_are_read_from_quotes() -> None:
    text = (
        "项目名称\t校舍维修\n"
        '年度绩效目标\t"1.维修校舍2000平方米；\n2.消除""安全隐患""。"\n'
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t维修面积\t≥2000平方米\n"
        "\t质量指标\t验收合格率\t100%\n"
    )
    (project,) = _read(text).projects
    assert project.goals == ["维修校舍2000平方米；", '消除"安全隐患"。']
    assert [(i.level1, i.level2, i.name) for i in project.indicators] == [
        ("产出指标", "数量指标", "维修面积"),
        ("产出指标", "质量指标", "验收合格率"),
    ]
    assert project.indicators[1].source is not None
    assert project.indicators[1].source.line == 6  # the quoted goals take lines 2-3


def test_cell_lines_line_break_inside_a_cell_is_warned_not_silent() -> None:
    """One cell per line cannot show a line break inside a cell: the description below spans
    two lines, so every cell after it shifts. That is ambiguous; it must be said."""
    family = FAMILY_A
    project = family.projects[0]
    rows = family.rows(project)
    header = next(k for k, r in enumerate(rows) if r[0] == "一级指标")
    first = list(rows[header + 1])
    first[3] = "按实际养护的\n道路里程统计"
    rows[header + 1] = first
    text = "1、乡村道路养护经费绩效目标表\n" + "\n".join(cell_lines(rows)) + "\n"
    doc = _read(text)
    codes = [w.code for w in doc.warnings]
    assert "cell_lines_ambiguous" in codes
    warning = next(w for w in doc.warnings if w.code == "cell_lines_ambiguous")
    assert "请核对原件" in warning.message
    assert warning.source is not None and warning.source.line is not None


def test_cell_lines_rows_leaving_out_merged_levels() -> None:
    """产出指标 merged over three rows, 数量指标 over two: the rows are rebuilt from the
    framework; 成本指标 under 产出指标 is a level-2 label, not a new level-1."""
    lines = [
        "项目名称",
        "图书采购",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "产出指标",
        "数量指标",
        "采购册数",
        "≥5000册",
        "采购种类",
        "≥800种",
        "成本指标",
        "平均单价",
        "≤40元",
        "满意度指标",
        "服务对象满意度指标",
        "读者满意度",
        "≥90%",
    ]
    doc = _read("\n".join(lines) + "\n")
    (project,) = doc.projects
    assert [(i.level1, i.level2, i.name, i.value_text) for i in project.indicators] == [
        ("产出指标", "数量指标", "采购册数", "≥5000册"),
        ("产出指标", "数量指标", "采购种类", "≥800种"),
        ("产出指标", "成本指标", "平均单价", "≤40元"),
        ("满意度指标", "服务对象满意度指标", "读者满意度", "≥90%"),
    ]
    assert doc.warnings == []


def test_text_that_is_not_a_table_stays_paragraphs() -> None:
    text = "关于做好绩效目标编制工作的通知\n各单位：\n请按要求填报。\n"
    with pytest.raises(NotAPerformanceDocumentError) as caught:
        _read(text)
    assert "文件中没有表格（共 3 段文字）" in str(caught.value)


def test_tables_without_indicators_say_what_was_seen() -> None:
    text = "| 姓名 | 职务 |\n|---|---|\n| 张三 | 科长 |\n\n姓名\t职务\n李四\t科员\n"
    with pytest.raises(NotAPerformanceDocumentError) as caught:
        _read(text)
    assert "找到 2 个表格，但没有一个含一级/二级/三级指标栏目" in str(caught.value)


def test_cli_parses_a_pipe_table_file(tmp_path: Path) -> None:
    path = tmp_path / "网页复制.txt"
    path.write_text(document_text(FAMILY_B, "pipe"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "jixiao", "parse", str(path)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8")
    data = json.loads(result.stdout.decode("utf-8"))
    assert [p["name"] for p in data["projects"]] == [p.name for p in FAMILY_B.projects]
    assert Decimal(str(data["projects"][0]["budget"]["total"])) == Decimal("320.00")
    first = data["projects"][0]["indicators"][0]
    assert (first["level1"], first["name"], first["value_text"]) == (
        "产出指标",
        "新建管网长度",
        "≥40公里",
    )


@pytest.mark.parametrize("form", ["pipe", "tab", "aligned"])
def test_family_f_flat_list_in_row_forms(form: str) -> None:
    doc = _read("\n".join(RENDER[form](FLAT_ROWS)) + "\n")
    got = [(p.unit.code, p.name, p.budget.total, len(p.indicators)) for p in doc.projects]
    assert got == FLAT_PROJECTS
    assert all(p.money_unit == "元" for p in doc.projects)
    assert doc.warnings == []


def test_family_f_flat_list_one_cell_per_line_rebuilds_merged_project_cells() -> None:
    """Rows leave out the unit and project cells merged over them; the cells a row does print
    are the last ones (农村公路养护 under the same unit), as in the original's rowspans."""
    doc = _read("\n".join(cell_lines(FLAT_ROWS)) + "\n")
    got = [(p.unit.code, p.name, p.budget.total, len(p.indicators)) for p in doc.projects]
    assert got == FLAT_PROJECTS
    assert [(i.level1, i.level2, i.name) for i in doc.projects[0].indicators] == [
        ("产出指标", "数量指标", "整治村庄数"),
        ("产出指标", "质量指标", "验收合格率"),
        ("满意度指标", "服务对象满意度指标", "村民满意度"),
    ]
    assert doc.warnings == []


def test_family_f_one_cell_per_line_that_does_not_fit_is_warned() -> None:
    """A project row whose 预算数 cell was left out (empty in the original, dropped by the
    copy): the goal lands in the amount column. That cannot be resolved; it is said."""
    rows = [list(r) for r in FLAT_ROWS]
    rows[5] = [None, "农村公路养护", None, "养护公路50公里", *rows[5][4:]]
    doc = _read("\n".join(cell_lines(rows)) + "\n")
    assert "cell_lines_ambiguous" in [w.code for w in doc.warnings]


def test_cell_lines_empty_money_cell_left_out_keeps_the_purpose() -> None:
    """Some browsers drop an empty cell entirely: 其他资金 is then followed by the 资金用途
    text, which is not an amount and so is not taken for one."""
    lines = cell_lines(FAMILY_A.rows(FAMILY_A.projects[0]))
    k = lines.index("其他资金")
    assert lines[k + 1] == ""
    del lines[k + 1]
    doc = _read("1、乡村道路养护经费绩效目标表\n" + "\n".join(lines) + "\n")
    (project,) = doc.projects
    assert project.budget.other is None
    assert project.purpose == "用于乡村道路日常养护"
    assert doc.warnings == []


def test_aligned_columns_with_cells_wrapped_onto_the_next_line() -> None:
    """A PDF export keeps long cells wrapped: a line with nothing in the level and name
    columns continues the row above, column by column."""
    widths = [12, 22, 16, 26, 14]

    def line(*cells: str) -> str:
        out = ""
        for cell, width in zip(cells, widths, strict=False):
            shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in cell)
            out += cell + " " * (width - shown)
        return out.rstrip()

    text = "\n".join(
        [
            line("项目名称", "校舍维修"),
            line("绩效目标", "维修校舍2000平方米。"),
            line("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"),
            line("产出指标", "数量指标", "维修面积", "按实际维修的", "≥2000平方"),
            line("", "", "", "校舍面积统计", "米"),
            line("", "质量指标", "验收合格率", "验收合格的比例", "100%"),
            line("满意度指标", "服务对象满意", "师生满意度", "问卷调查", "≥90%"),
            line("", "度指标"),
        ]
    )
    doc = _read(text + "\n")
    (project,) = doc.projects
    got = [(i.level1, i.level2, i.name, i.description, i.value_text) for i in project.indicators]
    assert got == [
        ("产出指标", "数量指标", "维修面积", "按实际维修的校舍面积统计", "≥2000平方米"),
        ("产出指标", "质量指标", "验收合格率", "验收合格的比例", "100%"),
        ("满意度指标", "服务对象满意度指标", "师生满意度", "问卷调查", "≥90%"),
    ]
    assert doc.warnings == []


def test_hebei_pdf_export_with_a_stray_double_space_keeps_its_reader() -> None:
    seed = Path(jixiao_examples(), "003_a8ba5af9fb959666.txt").read_text(encoding="utf-8")
    expected = _read(seed, name="seed.txt")
    changed = seed.replace("单位：万元", "  单位：万元", 1).replace("绩效目标 ", "绩效目标  ", 1)
    assert changed != seed
    doc = _read(changed, name="seed.txt")
    assert [(p.name, p.code, len(p.indicators)) for p in doc.projects] == [
        (p.name, p.code, len(p.indicators)) for p in expected.projects
    ]


def jixiao_examples() -> Path:
    return Path(__file__).resolve().parents[2] / "src" / "jixiao" / "examples"


def test_cell_lines_level2_labels_outside_the_framework_after_a_level1() -> None:
    """A level-1 cell opens its group, so the line after it is the group's level-2 cell even
    when the framework does not know the label (产出数量, 效益情况)."""
    lines = [
        "项目名称",
        "河道保洁",
        "一级指标",
        "二级指标",
        "三级指标",
        "指标值",
        "产出指标",
        "产出数量",
        "保洁河道长度",
        "≥30公里",
        "保洁频次",
        "每周2次",
        "效益指标",
        "效益情况",
        "河道水质",
        "持续改善",
    ]
    doc = _read("\n".join(lines) + "\n")
    (project,) = doc.projects
    assert [(i.level1, i.level2, i.name, i.value_text) for i in project.indicators] == [
        ("产出指标", "产出数量", "保洁河道长度", "≥30公里"),
        ("产出指标", "产出数量", "保洁频次", "每周2次"),
        ("效益指标", "效益情况", "河道水质", "持续改善"),
    ]
    assert [w.code for w in doc.warnings] == []


def test_tab_rows_copied_by_a_browser_keep_unquoted_line_breaks_in_their_cell() -> None:
    """A browser copies a cell's line break as is (no quotes): the tab-less line continues the
    cell above; a tab-less line that is a label is a row of its own."""
    text = (
        "单位：万元\n"
        "项目名称\t河道保洁\n"
        "年度绩效目标\t1.保洁河道30公里；\n"
        "2.水质持续改善。\n"
        "绩效指标\n"
        "一级指标\t二级指标\t三级指标\t指标值\t备注\n"
        "产出指标\t数量指标\t保洁河道长度\t≥30公里\t\n"
        "效益指标\t生态效益指标\t河道水质\t持续改善\t依据河长制\n"
        "考核办法\n"
        "满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t\n"
    )
    doc = _read(text)
    (project,) = doc.projects
    assert project.goals == ["保洁河道30公里；", "水质持续改善。"]
    assert project.indicators[1].basis == "依据河长制考核办法"
    assert [(i.level1, i.name, i.value_text) for i in project.indicators] == [
        ("产出指标", "保洁河道长度", "≥30公里"),
        ("效益指标", "河道水质", "持续改善"),
        ("满意度指标", "群众满意度", "≥90%"),
    ]
    assert doc.warnings == []


def test_one_cell_per_line_indented_by_tabs_is_not_taken_for_a_word_export() -> None:
    """Every cell led by a tab but no blank line between rows: one cell per line, indented."""
    text = document_text(FAMILY_B, "cell_lines")
    indented = "\n".join("\t" + line if line.strip() else line for line in text.split("\n"))
    doc = _read(indented)
    assert [w.code for w in doc.warnings] == []
    for got, want in zip(doc.projects, FAMILY_B.projects, strict=True):
        _check_project(got, want)
