"""A two-row 指标值 header: 指标值 printed over its parts (符号 | 数值 | 单位, or 计算符号 |
目标值 | 计量单位 …), in every form. The parts under 指标值 are one value split in three
columns: the reader joins them into the 指标值 the grammar parses and keeps what was printed
(operator, figure, unit) as they were. Copied text loses the merge of 指标值 over its parts
(``|``/tab rows leave empty slots, space-aligned columns a wide gap, one cell per line no
trace at all), so each form is read back field by field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao import Document, read_bytes
from tests.templates.builders import (
    docx_builder,
    html_builder,
    pdf_builder,
    text_builder,
    xlsx_builder,
)
from tests.templates.layouts import UP, Block, Grid, Para, Row

# (level1, level2, name, operator, figure, unit, description)
_PROJECTS = {
    "乡村道路硬化工程": (
        "某县交通运输局",
        "180.00",
        "完成村内道路硬化12公里，改善群众出行条件。",
        [
            ("产出指标", "数量指标", "道路硬化长度", "≥", "12", "公里", "年度完成硬化里程"),
            ("产出指标", "质量指标", "工程验收合格率", "=", "100", "%", "验收合格的比例"),
            ("产出指标", "时效指标", "建设工期", "≤", "10", "个月", "开工至完工月数"),
            ("效益指标", "社会效益指标", "受益群众人数", "≥", "3500", "人", "沿线受益人口"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "问卷调查"),
        ],
    ),
    "农村公厕改造": (
        "某县农业农村局",
        "64.50",
        "改造农村公厕30座，提升人居环境。",
        [
            ("产出指标", "数量指标", "改造公厕数量", "=", "30", "座", "年度改造数量"),
            ("成本指标", "经济成本指标", "单座改造成本", "≤", "2.15", "万元", "平均成本"),
            ("效益指标", "生态效益指标", "粪污处理率", "≥", "85", "%", "粪污无害化处理"),
            ("满意度指标", "服务对象满意度指标", "村民满意度", "≥", "92", "%", "入户调查"),
        ],
    ),
}

_PARTS = {
    "符号": ("符号", "数值", "单位"),
    "计算符号": ("计算符号", "目标值", "计量单位"),
    "性质": ("指标性质", "值", "度量单位"),
}


def _blocks(parts: tuple[str, str, str]) -> list[Block]:
    blocks: list[Block] = [Para("2025年项目支出绩效目标表", heading=True)]
    for name, (unit, total, goal, indicators) in _PROJECTS.items():
        rows: list[Row] = [
            ["项目名称", name, None, None, None, None, None],
            ["实施单位", unit, None, None, "年度资金总额（万元）", total, None],
            ["年度绩效目标", goal, None, None, None, None, None],
            ["一级指标", "二级指标", "三级指标", "指标值", None, None, "指标解释"],
            [UP, UP, UP, *parts, UP],
        ]
        prev1 = ""
        for l1, l2, ind, op, figure, u, desc in indicators:
            rows.append([None if l1 == prev1 else l1, l2, ind, op, figure, u, desc])
            prev1 = l1
        blocks.append(Grid(rows, widths=[2, 2, 3, 1, 1, 1, 3]))
        blocks.append(Para(""))
    return blocks


_FORMS = {
    "docx": ("docx", docx_builder.build),
    "xlsx": ("xlsx", xlsx_builder.build),
    "pdf": ("pdf", pdf_builder.build),
    "html": ("html", html_builder.build),
    "mhtml": ("mhtml", html_builder.build_mhtml),
    "text-pipe": ("txt", text_builder.build_pipe),
    "text-tab": ("txt", text_builder.build_tab),
    "text-spaces": ("txt", text_builder.build_spaces),
    "text-lines": ("txt", text_builder.build_lines),
}


def _read(form: str, parts: tuple[str, str, str]) -> Document:
    ext, writer = _FORMS[form]
    return read_bytes(writer(_blocks(parts)), name=f"split_value.{ext}")


def _check(doc: Document) -> list[str]:
    """Every difference between the fixture and the model, as ``项目/指标.field`` lines."""
    out: list[str] = []
    if [p.name for p in doc.projects] != list(_PROJECTS):
        return [f"projects: {[p.name for p in doc.projects]}"]
    for project, (unit, total, _goal, indicators) in zip(
        doc.projects, _PROJECTS.values(), strict=True
    ):
        if project.unit.name != unit:
            out.append(f"{project.name}.unit: {project.unit.name!r}")
        if project.budget.total != Decimal(total):
            out.append(f"{project.name}.total: {project.budget.total!r}")
        if len(project.indicators) != len(indicators):
            out.append(f"{project.name}.indicators: {len(project.indicators)}")
            continue
        for got, (l1, l2, name, op, figure, u, desc) in zip(
            project.indicators, indicators, strict=True
        ):
            want = {
                "level1": l1,
                "level2": l2,
                "name": name,
                "value_text": f"{op}{figure}{u}",
                "value_parts": (op, figure, u),
                "description": desc,
                "number": Decimal(figure),
            }
            have = {
                "level1": got.level1,
                "level2": got.level2,
                "name": got.name,
                "value_text": got.value_text,
                "value_parts": None
                if got.value_parts is None
                else (got.value_parts.operator, got.value_parts.value, got.value_parts.unit),
                "description": got.description,
                "number": got.value.number if got.value is not None else None,
            }
            out += [
                f"{project.name}/{name}.{k}: expected {want[k]!r}, got {have[k]!r}"
                for k in want
                if want[k] != have[k]
            ]
    return out


@pytest.mark.parametrize("form", list(_FORMS))
def test_value_parts_under_one_title(form: str) -> None:
    doc = _read(form, _PARTS["符号"])
    assert _check(doc) == []
    assert not [
        w for w in doc.warnings if w.code in ("columns_unrecognised", "cell_lines_ambiguous")
    ]


@pytest.mark.parametrize("variant", ["计算符号", "性质"])
@pytest.mark.parametrize("form", ["docx", "html", "text-pipe", "text-lines"])
def test_label_variants_of_the_parts(form: str, variant: str) -> None:
    doc = _read(form, _PARTS[variant])
    assert _check(doc) == []
