"""Word lists and small helpers shared by the indicator-value rules (VAL-xx).

Not a rule module: it defines no ``Rule`` class, so the registry imports it and finds nothing.
The lists are the defaults of the rules' parameters; each rule documents the ones it uses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from jixiao.model import Document, Indicator, IndicatorValue, Project, categorize
from jixiao.review.examples import example_document, example_indicators, example_project
from jixiao.review.finding import Finding, Fix, Severity
from jixiao.review.rule import Rule
from jixiao.values import parse_value

__all__ = [
    "DEFAULT_GRADES",
    "MONEY_UNITS",
    "RATIO_EXEMPT_SUFFIXES",
    "TREND_ADVERBS",
    "TREND_VERBS",
    "cost_amount",
    "document_with",
    "grade_key",
    "indicator_label",
    "is_cost",
    "is_grade",
    "is_money_unit",
    "is_ratio_name",
    "is_recurring_deadline",
    "is_satisfaction",
    "is_trend_phrase",
    "name_core",
    "same_meaning",
    "show",
    "value_field",
    "value_finding",
]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Qualitative grades and descriptive standards that real documents use as 指标值: a direction
# word with an optional degree (有效改善, 逐年提高, 进一步提升…), completion and compliance
# words (完成, 达标, 合格, 达到预期…), yes/no, and the usual grade scales (优/良/中/差…).
_DEGREES = _words("有效 明显 显著 持续 稳步 逐年 逐步 进一步 不断 大幅 大幅度 有所 较大 全面 积极")
_DIRECTIONS = _words(
    "提高 提升 改善 增强 增加 增长 优化 完善 促进 降低 减少 下降 加强 推进 改进 好转 扩大 缩短"
)
_STANDALONE = _words(
    "完成 全部完成 按时完成 按期完成 如期完成 及时完成 顺利完成 圆满完成 基本完成 已完成"
    " 达标 全部达标 基本达标 合格 全部合格 验收合格 通过验收 达到预期 达到预期目标 实现预期目标"
    " 符合要求 符合标准 符合规定 符合预期 是 否 有 无 零 优 良 中 差 优秀 良好 较好 好 一般"
    " 较差 优良 高 较高 中等 低 较低 满意 基本满意 比较满意 非常满意 显著 较显著 明显 有效"
    " 正常 正常运行 正常运转 运行正常 稳定运行 安全运行 正常使用 稳定 保持稳定 基本稳定 及时"
    " 准确 规范 安全 长期 中长期 长期有效 持续有效 长期稳定 持续发挥作用 无事故 零事故 无投诉"
)
DEFAULT_GRADES: tuple[str, ...] = tuple(
    dict.fromkeys([*_STANDALONE, *_DIRECTIONS, *(d + v for d in _DEGREES for v in _DIRECTIONS)])
)
"""Recognised qualitative grades (the default of VAL-01 ``grades``)."""

TREND_ADVERBS = _words(
    "有效 明显 逐年 逐步 不断 进一步 稳步 持续 显著 大幅 得到 有所 全面 切实 较大"
)
TREND_VERBS = _words("提升 提高 改善 增强 保障 加强 好转 增加 减少 降低 下降 优化 巩固 发挥")
"""The defaults of VAL-19: a degree word and a direction word make a trend phrase (有效提升)."""


_RECURRING = re.compile(
    r"^每(?:个)?(?:工作日|周|旬|月|季度|季|半年|年)(?:末月|末|初|第?[一二三四0-9]+个?月)?"
    r"(?:[0-9一二三四五六七八九十]{1,3}(?:日|号|个工作日)|底|末)?(?:前|内|之前|以内)$"
)


def is_recurring_deadline(text: str | None) -> bool:
    """``每月10日前``, ``每季度末月20日前``, ``每年6月底前``: a deadline that recurs."""
    return text is not None and _RECURRING.match("".join(text.split())) is not None


def is_trend_phrase(
    text: str, adverbs: Sequence[str] = TREND_ADVERBS, verbs: Sequence[str] = TREND_VERBS
) -> bool:
    """``有效提升``, ``逐年提高了``: a trend, which no year-end figure can be checked against."""
    compact = _TREND_FILLER.sub("", text)
    return _trend_pattern(tuple(adverbs), tuple(verbs)).fullmatch(compact) is not None


_TREND_FILLER = re.compile(r"[\s，。；、,.;]+")


@cache  # built once per word list, not escaped and joined again for every value
def _trend_pattern(adverbs: tuple[str, ...], verbs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        f"(?:{'|'.join(map(re.escape, adverbs))})了?(?:{'|'.join(map(re.escape, verbs))})"
    )


_EDGE_PUNCTUATION = "。.；;，,！!、 "
_SPACE = re.compile(r"\s+")


def grade_key(text: str) -> str:
    """The form grades are compared in: no whitespace, no punctuation at the ends."""
    return "".join(text.split()).strip(_EDGE_PUNCTUATION)


def is_grade(text: str | None, grades: tuple[str, ...] | list[str] = DEFAULT_GRADES) -> bool:
    if text is None:
        return False
    # The default list's keys are built once; hashing its 200 words on every call cost more
    # than the look-up itself.
    keys = _DEFAULT_GRADE_KEYS if grades is DEFAULT_GRADES else _grade_keys(tuple(grades))
    return grade_key(text) in keys


@cache
def _grade_keys(grades: tuple[str, ...]) -> frozenset[str]:
    return frozenset(grade_key(grade) for grade in grades)


_DEFAULT_GRADE_KEYS = _grade_keys(DEFAULT_GRADES)


# Money units and their size in 元 (exact).
MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "百万元": Decimal(1000000),
    "亿元": Decimal(100000000),
}


def is_money_unit(unit: str | None) -> bool:
    """元, 万元, … and per-unit amounts (元/人, 万元/公里): the amount before any ``/``."""
    return unit is not None and unit.split("/", 1)[0] in MONEY_UNITS


def is_cost(category: str | None) -> bool:
    """A 成本指标: 二级 成本 under 产出 (88号 era) or a 一级 成本 (101号)."""
    return category is not None and (category == "output.cost" or category.startswith("cost."))


def is_satisfaction(category: str | None) -> bool:
    return category is not None and category.startswith("satisfaction.")


_UNIT_NOTE = re.compile(r"[（(]\s*[%％‰]\s*[)）]$")


def name_core(name: str) -> str:
    """The indicator name without whitespace and a trailing unit note (``结案率(%)``)."""
    core = "".join(name.split())
    return _UNIT_NOTE.sub("", core) if core.endswith((")", "）")) else core


# Names ending in 率/度 that are not ratios (or not percentages): 进度 is a schedule, 年度 a year,
# 频率 a frequency, 效率 often a count per time, 温度 a measurement…
RATIO_EXEMPT_SUFFIXES: tuple[str, ...] = _words(
    "进度 年度 季度 制度 力度 温度 长度 宽度 高度 深度 厚度 强度 精度 额度 程度 速度 密度 浓度"
    " 亮度 硬度 湿度 坡度 跨度 难度 维度 幅度 尺度 热度 频率 效率 功率 速率 汇率"
)


def is_ratio_name(name: str, exempt: tuple[str, ...] | list[str] = RATIO_EXEMPT_SUFFIXES) -> bool:
    """A name that announces a ratio: 完成率, 满意度, 比率… (not 进度, 频率…)."""
    core = name_core(name)
    return core.endswith(("率", "度")) and not core.endswith(tuple(exempt))


def value_field(index: int) -> str:
    return f"indicators[{index}].value"


def value_finding(
    rule: Rule,
    project: Project,
    index: int,
    indicator: Indicator,
    message: str,
    *,
    suggestion: str,
    fix: Fix | None = None,
    severity: Severity | None = None,
) -> Finding:
    """``rule``'s finding on the 指标值 of row ``index``: reported at ``indicators[i].value``
    with the value as printed."""
    return rule.finding(
        message,
        project=project,
        indicator_index=index,
        field=value_field(index),
        text=indicator.value_text,
        suggestion=suggestion,
        fix=fix,
        severity=severity,
    )


def show(text: str) -> str:
    """A printed value for a message: line breaks shown as ↵, other runs of spaces kept short."""
    stripped = text.strip()
    if len(stripped.split()) <= 1:
        return stripped  # no space inside (most values): nothing to replace
    return _SPACE.sub(
        lambda run: "↵" if "\n" in run.group() or "\r" in run.group() else " ", stripped
    )


def document_with(index: int, value: str | None = None, **changes: Any) -> Document:
    """The baseline example document with indicator ``index`` changed (the bad examples)."""
    indicators = example_indicators()
    update: dict[str, Any] = dict(changes)
    if value is not None:
        update["value_text"] = value
        update["value"] = parse_value(value)
    if "level1" in update or "level2" in update:
        old = indicators[index]
        update["category"] = categorize(
            update.get("level1", old.level1), update.get("level2", old.level2)
        )
    indicators[index] = indicators[index].model_copy(update=update)
    return example_document(example_project(indicators=indicators))


def same_meaning(a: IndicatorValue, b: IndicatorValue) -> bool:
    """Equal in every field but the anomalies (and the printed date phrase, for dates)."""
    skip = {"anomalies", "text"} if a.date is not None else {"anomalies"}
    return a.model_dump(exclude=skip) == b.model_dump(exclude=skip)


def indicator_label(indicator: Indicator) -> str:
    """How a message names the indicator: ``数量指标“年度办理审批业务量”``."""
    level2 = "".join(indicator.level2.split())
    if level2 and not level2.endswith("指标"):
        level2 += "指标"
    return f"{level2 or '指标'}“{''.join(indicator.name.split())}”"


def cost_amount(indicator: Indicator, money_unit: str) -> Decimal | None:
    """A 成本 value as an amount in the project's money unit (exact), or None if not money.

    The upper bound of a range counts; per-unit amounts (元/人) are not totals and give None.
    """
    value = indicator.value
    if not is_cost(indicator.category) or value.kind != "quantitative" or value.number is None:
        return None
    factor = MONEY_UNITS.get(value.unit or "")
    if factor is None:
        return None
    amount = value.upper if value.upper is not None else value.number
    return amount * factor / MONEY_UNITS[money_unit]
