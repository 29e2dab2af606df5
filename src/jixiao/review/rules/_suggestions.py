"""Suggestion texts built from the row they are about, not from one fixed example.

A reviewer rewriting a labour-dispatch project's goals gains nothing from "全年办结审批业务不少于
7000件", and a 2023 document should not be told "2025年12月底前". So the examples quoted in
suggestions come from the project itself: its own quantified indicators, its name and unit, the
document's fiscal year, the unit an indicator's name implies. Where the row gives nothing to
build on, the suggestion names what to write instead of inventing figures; it never quotes a
vague value (有效改善, 逐年提高: what reviewers send back).

Not a rule module: it defines no ``Rule`` class, so the registry imports it and finds nothing.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model import Indicator, Project
from jixiao.values.render import render_value

__all__ = [
    "basis_example",
    "deadline_example",
    "goal_example",
    "goal_suggestion",
    "quantity_example",
    "timeliness_examples",
    "value_example",
    "year_text",
]

# What an indicator's name says it counts, most specific first: (word in the name, unit).
_NAME_UNITS: tuple[tuple[str, str], ...] = (
    ("人次", "人次"),
    ("户次", "户次"),
    ("场次", "场次"),
    ("课时", "课时"),
    ("学时", "学时"),
    ("公里", "公里"),
    ("平方米", "平方米"),
    ("亩", "亩"),
    ("吨", "吨"),
    ("人数", "人"),
    ("业务量", "件"),
    ("办件", "件"),
    ("审批", "件"),
    ("户数", "户"),
    ("次数", "次"),
    ("件数", "件"),
    ("案件", "件"),
    ("家数", "家"),
    ("企业", "家"),
    ("学校", "所"),
    ("村", "个"),
    ("项目", "个"),
    ("台", "台"),
    ("套", "套"),
    ("宣传", "次"),
    ("培训", "人次"),
    ("检查", "次"),
    ("印制", "份"),
    ("发放", "人"),
)
_PERCENT = frozenset({"%", "‰"})
_OP_WORDS = {
    # (operator, is a percentage) → words a goal sentence uses for it
    (">=", False): "不少于",
    (">=", True): "不低于",
    (">", False): "多于",
    (">", True): "高于",
    ("<=", False): "不超过",
    ("<=", True): "不高于",
    ("<", False): "少于",
    ("<", True): "低于",
}
_LEADING_PERIOD = re.compile(r"^(年度内|年度|全年|本年度|本年|当年)")
_UNIT_IN_NAME = re.compile(r"[（(]\s*[%‰％]\s*[）)]$")
_COUNT_NAME = re.compile(r"(数量|数|量)$")  # 印制数量, 受益人数, 办理业务量
_RATE_CATEGORIES = ("output.quality", "effect", "satisfaction")


def year_text(year: int | None) -> str:
    """``2024年`` for a document of fiscal year 2024; ``当年`` when the year is unknown."""
    return f"{year}年" if year else "当年"


def deadline_example(year: int | None, month: int = 12) -> str:
    """A completion date in the document's own year: ``2024年12月底前``."""
    return f"{year_text(year)}{month}月底前"


def timeliness_examples(year: int | None) -> str:
    """The three well-formed kinds of 时效 value, the date in the document's year."""
    return f"完成日期（如“{deadline_example(year)}”）、时限（如“≤30个工作日”）或及时率（如“≥95%”）"


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _quantified(indicator: Indicator) -> bool:
    value = indicator.value
    return (
        value.kind == "quantitative"
        and value.number is not None
        and value.unit is not None
        and value.upper is None
        and not value.anomalies
    )


def _phrase(indicator: Indicator) -> str:
    """``年度培训农民人次不少于1200人次``: the indicator's own target as words of a goal."""
    value = indicator.value
    assert value.number is not None and value.unit is not None
    percent = value.unit in _PERCENT
    word = _OP_WORDS.get((value.op or "", percent), "达到")
    name = _clean_name(indicator.name)
    if not percent:
        name = _COUNT_NAME.sub("", name) or name
    return f"{name}{word}{_number(Decimal(str(value.number)))}{value.unit}"


def goal_example(project: Project, year: int | None) -> str | None:
    """A goal sentence made of the project's own quantified targets (a count, then a rate), or
    ``None`` when the project has none to build on."""
    quantity = next(
        (
            i
            for i in project.indicators
            if i.category == "output.quantity" and _quantified(i) and i.value.unit not in _PERCENT
        ),
        None,
    )
    rate = next(
        (
            i
            for i in project.indicators
            if _quantified(i)
            and i.value.unit in _PERCENT
            and (i.category or "").startswith(_RATE_CATEGORIES)
            and _clean_name(i.name).endswith(("率", "度"))
        ),
        None,
    )
    parts = [_phrase(i) for i in (quantity, rate) if i is not None]
    if not parts:
        return None
    return f"{year_text(year)}{'，'.join(parts)}"


def goal_suggestion(project: Project, year: int | None, lead: str) -> str:
    """``lead`` (what to write) followed by an example from the project's own targets, or by
    what the example would hold when the project has no quantified target yet."""
    example = goal_example(project, year)
    if example is not None:
        return f"{lead}，如“{example}”，并与三级指标一一对应。"
    return (
        f"{lead}：{year_text(year)}本项目要完成的工作量（数量和单位）、质量标准、完成时限和"
        "预期效果，并与三级指标一一对应。"
    )


def _name_unit(indicator: Indicator) -> str | None:
    value = indicator.value
    if value.unit and value.unit not in _PERCENT:
        return value.unit
    for word, unit in _NAME_UNITS:
        if word in indicator.name:
            return unit
    return None


def quantity_example(indicator: Indicator) -> str:
    """A quantity target in the unit the indicator counts: ``“≥（计划数）人次”``."""
    unit = _name_unit(indicator)
    return f"“≥（计划数）{unit}”" if unit else "“≥（计划数）+计量单位”"


_RATE_EXAMPLES = {
    "output.quality": "“≥98%”",
    "effect": "“≥25%”或“比上年下降10%”",
    "satisfaction": "“≥90%”",
}


def value_example(indicator: Indicator, year: int | None) -> str:
    """A well-formed value for the indicator's category and name, to quote in a suggestion:
    never a vague grade and never a year other than the document's."""
    category = indicator.category or ""
    if category == "output.quantity":
        return quantity_example(indicator)
    if category == "output.timeliness":
        return f"“{deadline_example(year)}”或“≤30个工作日”"
    if category in ("output.cost", "cost") or category.startswith("cost."):
        return "“≤（成本控制数）万元”"
    for key in (category, category.split(".", 1)[0]):
        if key in _RATE_EXAMPLES:
            return _RATE_EXAMPLES[key]
    return "“≥95%”"


def basis_example(indicator: Indicator, unit_name: str | None, year: int | None) -> str:
    """A worked 指标值确定依据 for one row, naming where its value comes from: the plan of the
    unit and year, and the previous year's result to compare."""
    # the row's value is quoted only when it is well formed: an example must not repeat a
    # value another rule reports (a bare "≥95" without its unit)
    target = f"确定为{render_value(indicator.value)}" if _well_formed(indicator) else "确定"
    who = unit_name or "本单位"
    previous = f"{year - 1}年" if year else "上年"
    return (
        f"“计划标准：依据{who}{year_text(year)}工作计划{target}”，"
        f"或“历史标准：参照{previous}实际完成情况确定”"
    )


def _well_formed(indicator: Indicator) -> bool:
    value = indicator.value
    return value.kind == "quantitative" and value.unit is not None and not value.anomalies


def _clean_name(name: str) -> str:
    """The indicator's name without a printed unit (``结案率(%)``) or a leading period word."""
    name = _UNIT_IN_NAME.sub("", name.strip())
    return _LEADING_PERIOD.sub("", name) or name


def description_example(indicator: Indicator, year: int | None) -> str:
    """A worked 绩效指标描述 for the row: how a rate is computed, how a count is counted."""
    name = _clean_name(indicator.name) or "该指标"
    if name.endswith("满意度"):
        return "“通过问卷调查，表示满意和基本满意的人数占调查总人数的比例”"
    if name.endswith("率"):
        return f"“{name}＝达到要求的数量÷应完成的总数×100%”"
    unit = indicator.value.unit
    if _COUNT_NAME.search(name) or (unit is not None and unit not in _PERCENT):
        return f"“{year_text(year)}内{name}的累计数，以工作台账统计为准”"
    return "“该指标衡量的内容、统计范围和数据来源（如以工作台账、验收报告为准）”"


_PROJECT_SUFFIX = re.compile(r"(专项经费|专项资金|工作经费|经费|资金|补助|项目|专项)+$")
_MEASURES = {
    "output.quantity": "完成数量",
    "output.quality": "验收合格率",
    "output.timeliness": "按时完成率",
    "output.cost": "成本控制数",
    "cost": "成本控制数",
    "satisfaction": "服务对象满意度",
}


def measure_name_example(project: Project, indicator: Indicator) -> str:
    """A 三级指标 name that says what is measured, from the project's own work:
    ``普法宣传完成数量`` for a row under 数量指标 of the 普法宣传经费 project."""
    core = _PROJECT_SUFFIX.sub("", project.name.strip()) or project.name.strip()
    category = indicator.category or ""
    for key in (category, category.split(".", 1)[0]):
        if key in _MEASURES:
            return f"“{core}{_MEASURES[key]}”" if key != "satisfaction" else f"“{_MEASURES[key]}”"
    return f"“{core}”带来的具体变化（如受益人数、达标比例）"


def basis_suggestion(lead: str, project: Project, index: int, year: int | None) -> str:
    """``lead`` followed by a worked 指标值确定依据 for row ``index`` of ``project``."""
    indicator = project.indicators[index]
    example = basis_example(indicator, project.unit.name, year)
    return (
        f"{lead}，如“{indicator.name.strip() or '该指标'}”可写{example}；"
        "引用行业标准的写明标准名称。"
    )


def is_count_name(name: str) -> bool:
    """``印制宣传册数量``, ``培训人次``: a name that counts something."""
    cleaned = _clean_name(name)
    return bool(_COUNT_NAME.search(cleaned)) or cleaned.endswith(("人次", "户次", "场次"))


def with_unit_example(indicator: Indicator) -> str:
    """The row's own bare number with the unit its name implies (``“≥11件”``), or what to add."""
    unit = _name_unit(indicator)
    if unit is None:
        return "写明数量的单位（如件、人次、场次、个）"
    shown = render_value(indicator.value.model_copy(update={"unit": unit, "anomalies": []}))
    return f"如“{shown}”"
