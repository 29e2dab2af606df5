"""The indicator framework: printed 一级/二级 labels → stable category codes.

Labels vary (with or without 指标, 效果 for 效益, 环境效益 for 生态效益…); the model keeps the
label as printed and adds a code such as ``output.quantity`` or ``effect.social``. Both template
generations are covered: 成本 as a 二级 under 产出 (88号 era) and as a 一级 of its own (101号).
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.textutil import to_simplified

__all__ = ["FRAMEWORK", "LEVEL1", "categorize", "level1_code", "level1_for", "normalize_label"]

LEVEL1: dict[str, str] = {
    "产出": "output",
    "效益": "effect",
    "效果": "effect",
    "满意度": "satisfaction",
    "成本": "cost",
}

# level-1 code → {normalised level-2 label → level-2 code}
FRAMEWORK: dict[str, dict[str, str]] = {
    "output": {"数量": "quantity", "质量": "quality", "时效": "timeliness", "成本": "cost"},
    "effect": {
        "经济效益": "economic",
        "社会效益": "social",
        "生态效益": "ecological",
        "环境效益": "ecological",
        "生态环境效益": "ecological",
        "可持续影响": "sustainability",
        "经济效果": "economic",
        "社会效果": "social",
        "生态效果": "ecological",
    },
    "satisfaction": {
        "服务对象满意度": "beneficiary",
        "社会公众或服务对象满意度": "beneficiary",
        "社会公众满意度": "beneficiary",
        "满意度": "beneficiary",
    },
    "cost": {
        "经济成本": "economic",
        "社会成本": "social",
        "生态环境成本": "ecological",
        "生态成本": "ecological",
        "环境成本": "ecological",
    },
}

_SPACE = re.compile(r"\s+")
_SUFFIX_NOTE = re.compile(r"[（(][^（）()]{1,12}[）)]$")  # 数量指标（必填硬性指标）


@lru_cache(maxsize=4096)
def normalize_label(label: str) -> str:
    """Drop whitespace and the generic suffixes 指标/类 (``社会效益指标`` → ``社会效益``)."""
    text = _SPACE.sub("", to_simplified(label))
    text = _SUFFIX_NOTE.sub("", text)
    for suffix in ("指标", "类"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    return text


def level1_code(label: str) -> str | None:
    return LEVEL1.get(normalize_label(label))


def categorize(level1: str, level2: str) -> str | None:
    """``output.quantity`` etc., or None when either label is not in the framework."""
    code1 = level1_code(level1)
    if code1 is None:
        return None
    code2 = FRAMEWORK[code1].get(normalize_label(level2))
    return None if code2 is None else f"{code1}.{code2}"


_LEVEL1_LABELS = {"output": "产出指标", "effect": "效益指标", "satisfaction": "满意度指标"}


def level1_for(level2: str) -> str | None:
    """The framework's level-1 label for a level-2 label printed without one (prose notices,
    rows whose level-1 cell is missing): ``数量指标`` → ``产出指标``."""
    key = normalize_label(level2)
    for code1 in ("output", "effect", "satisfaction"):
        if key in FRAMEWORK[code1]:
            return _LEVEL1_LABELS[code1]
    if key in FRAMEWORK["cost"]:
        return "成本指标"
    return None
