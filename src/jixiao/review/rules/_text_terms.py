"""Word lists and small helpers shared by the text rules (TXT, GOAL, CAT, IND, DUP, REL).

Not a rule module: it defines no ``Rule`` class, so the registry imports it and finds nothing.
Placeholder detection lives here because several rules must skip what TXT-01 already reports
(a placeholder name is not also "a duplicate", "unrelated" or "restated by its description").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from jixiao.model import Indicator, Project
from jixiao.model.categories import FRAMEWORK, LEVEL1, level1_code, normalize_label
from jixiao.review.textsim import ratio_at_least
from jixiao.textutil import strip_list_marker

__all__ = [
    "CATEGORY_LABELS",
    "has_placeholder_name",
    "indicator_placeholder",
    "is_category_label",
    "is_placeholder",
    "is_satisfaction_indicator",
    "is_satisfaction_name",
    "real_goals",
    "row",
    "show",
]

_EDGE = "。.；;，,：:！! "

# Whole-field texts that mean "not filled in".
EMPTY_WORDS = frozenset(
    {
        "无",
        "暂无",
        "空",
        "略",
        "待定",
        "待填",
        "待填写",
        "待补充",
        "未定",
        "未填",
        "未填写",
        "n/a",
        "na",
        "null",
        "none",
        "/",
        "／",
        "\\",
        "-",
        "－",
        "—",
        "——",
        "--",
        "_",
        "…",
        "...",
        "……",
    }
)
# Marks that are also "empty" for a 指标值 but belong to STR-08 (which reports them there).
VALUE_EMPTY_MARKS = frozenset({"/", "／", "\\", "-", "－", "—", "——", "--", "_", "空"})
# Words that are real 指标值 (重大安全事故：无) and so are never placeholders in a value cell.
VALUE_REAL_WORDS = frozenset({"无", "暂无", "略"})

# Template text left in: "目标内容1", "指标1", "XXX", "××", "请填写……", "某某".
_TEMPLATE = re.compile(
    r"^(?:(?:绩效)?目标|指标|项目)?内容\s*\d*$"
    r"|^(?:三级)?指标(?:名称)?\s*\d+$"
    r"|^(?:绩效)?目标\s*\d+$"
    r"|[xX×]{2,}"
    r"|某某"
    r"|[*]{2,}"
    r"|请(?:填写|输入|选择|录入|在此)"
    r"|在此(?:填写|输入)"
    r"|填写说明"
    r"|^(?:指标名称|指标值|绩效指标描述|指标描述|绩效目标)$"
)

CATEGORY_LABELS: frozenset[str] = frozenset(
    {
        *LEVEL1,
        *(label for code, table in FRAMEWORK.items() if code != "satisfaction" for label in table),
    }
    - {"满意度"}
)
"""一级/二级 labels (normalised, without 指标) that are not names of an indicator: 数量, 社会效益…
The satisfaction labels are left out on purpose: 服务对象满意度 is a perfectly good 三级 name."""

_LABEL_SUFFIX = re.compile(r"(?:指标|要求|目标|情况|方面)$")


def _clean(text: str) -> str:
    return "".join(strip_list_marker(unicodedata.normalize("NFKC", text)).split()).strip(_EDGE)


@lru_cache(maxsize=65536)  # names such as 服务对象满意度 recur in every project
def is_placeholder(text: str | None, *, value: bool = False) -> bool:
    """True when ``text`` is template or placeholder text: ``目标内容1``, ``XXX``, ``待定``,
    ``请填写…``, or a whole-field ``无``/``/``/``-``. With ``value=True`` (a 指标值 cell) the
    bare empty marks and ``无`` are not placeholders: STR-08 and the value rules own them."""
    if text is None:
        return False
    clean = _clean(text)
    if not clean:
        return False
    lowered = clean.lower()
    if lowered in EMPTY_WORDS:
        return not (value and (lowered in VALUE_EMPTY_MARKS or lowered in VALUE_REAL_WORDS))
    return _TEMPLATE.search(clean) is not None


@lru_cache(maxsize=65536)  # the fuzzy comparison below was most of a review's time
def is_category_label(name: str) -> bool:
    """True when a 三级 name is only a category label: ``生态效益指标``, ``社会效益``,
    ``数量要求``, ``可持续影要求`` (a typo of the label). Satisfaction labels do not count."""
    clean = _clean(name)
    core = _LABEL_SUFFIX.sub("", clean) or clean
    core = normalize_label(core)
    if core in CATEGORY_LABELS:
        return True
    return len(core) >= 4 and any(
        len(label) >= 4 and ratio_at_least(core, label, 0.85) for label in CATEGORY_LABELS
    )


def indicator_placeholder(indicator: Indicator) -> list[str]:
    """The fields of an indicator row that hold placeholder text, in report order
    (``name``, ``description``, ``value``); empty when the row is filled in."""
    fields = []
    if _placeholder_name(indicator.name):
        fields.append("name")
    if is_placeholder(indicator.description):
        fields.append("description")
    if is_placeholder(indicator.value_text, value=True):
        fields.append("value")
    return fields


def has_placeholder_name(indicator: Indicator) -> bool:
    return _placeholder_name(indicator.name)


@lru_cache(maxsize=65536)  # asked of every row by six rules: one look-up instead of two
def _placeholder_name(name: str) -> bool:
    return is_placeholder(name) or is_category_label(name)


_SATISFACTION = re.compile(r"满意(?:度|率|程度)(?:[（(][%％]?[)）])?$")


@lru_cache(maxsize=65536)  # asked of every row by several rules
def is_satisfaction_name(name: str) -> bool:
    """The name is a satisfaction measure: it ends in 满意度/满意率/满意程度 (``群众满意率``,
    ``办事群众满意度(%)``). ``满意度调查覆盖率`` measures surveys, not satisfaction."""
    return _SATISFACTION.search(_clean(name)) is not None


def is_satisfaction_indicator(indicator: Indicator) -> bool:
    """Filed under 满意度指标, or named as a satisfaction measure."""
    return level1_code(indicator.level1) == "satisfaction" or is_satisfaction_name(indicator.name)


def real_goals(project: Project) -> list[str]:
    """The project's goal sentences without placeholders (``目标内容1``) and blanks."""
    return [g for g in project.goals if g.strip() and not is_placeholder(g)]


def show(text: str | None, limit: int = 40) -> str:
    """A text for a message: whitespace collapsed, long texts cut with …"""
    clean = "".join((text or "").split())
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"


def row(index: int) -> str:
    """Human row number for messages: index 0 → 第1个指标."""
    return f"第{index + 1}个指标"
