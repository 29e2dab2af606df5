"""Indicators written as sentences (family I: 绩效目标设定公示 of small towns).

``数量指标：新建道路≥2公里；★硬化村道≥5公里。`` is read as two indicators of the level-2
group it names, under the framework's level-1 label; ★ marks a core indicator. The project's
name, money and goals come from ``项目名称：…`` style sentences around them. Only sentences
whose structure is unambiguous are read; the rest stay text.
"""

from __future__ import annotations

import re

from jixiao.assemble.field_values import parse_amount, parse_unit, split_goals
from jixiao.assemble.labels import match_label, money_unit_in
from jixiao.layout import Paragraph
from jixiao.model import Budget, Indicator, Project, Unit, categorize
from jixiao.model.categories import level1_code, level1_for
from jixiao.textutil import normalize_space
from jixiao.values import parse_value

__all__ = ["read_prose_indicators"]

_LABELLED = re.compile(
    r"^\s*(?:[（(]?[0-9一二三四五六七八九十]{1,3}[)）、.．]\s*)?([^：:，。；]{2,16})[：:]\s*(.*)$",
    re.S,
)
_ITEM_SPLIT = re.compile(r"[；;。]\s*|\n")
_SPLIT_AT = re.compile(
    r"(?:[≥≤><=＞＜＝≧≦]|不低于|不少于|不高于|不超过|不大于|不小于|大于|小于|高于|低于|达到|控制在|[0-9０-９])"
)
_AMOUNT = re.compile(r"([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(万元|元)")


def read_prose_indicators(paragraphs: list[Paragraph]) -> list[Project]:
    projects: list[Project] = []
    current: dict[str, object] | None = None
    level1 = ""
    # a list of items left open (ending in ；, not 。): the next unlabelled line continues it,
    # as when a page break cuts the sentence
    open_group: tuple[str, str] | None = None
    for paragraph in paragraphs:
        for sentence in paragraph.text.split("\n"):
            found = _LABELLED.match(sentence.strip())
            if open_group is not None and current is not None and sentence.strip():
                label_text = found.group(1).strip() if found else ""
                if found is None or not (level1_code(label_text) or match_label(label_text)):
                    _add_items(current, sentence, *open_group, paragraph)
                    open_group = _still_open(sentence, open_group)
                    continue
            open_group = None
            if found is None:
                continue
            label, rest = found.group(1).strip(), found.group(2).strip()
            inner = _LABELLED.match(rest) if rest else None
            # 满意度指标 names a level-1 and (in older frameworks) a level-2: followed by a
            # level-2 label (满意度指标：服务对象满意度指标：…) or nothing, it is the level-1.
            level2_follows = inner is not None and level1_for(inner.group(1).strip()) is not None
            if level1_code(label) and (not level1_for(label) or level2_follows or not rest):
                level1 = label
                if inner is None:
                    continue
                label, rest = inner.group(1).strip(), inner.group(2).strip()
            group1 = level1_for(label)
            if group1 is not None and rest:
                if current is None:
                    current = _new()
                use1 = level1 if level1 and categorize(level1, label) else group1
                _add_items(current, rest, use1, label, paragraph)
                open_group = _still_open(rest, (use1, label))
                continue
            field = match_label(label, glued=False)
            if field is None:
                continue
            if field.field == "name":
                if current is not None and current["indicators"]:
                    projects.append(_project(current, len(projects) + 1))
                current = _new()
                current["name"] = normalize_space(rest).rstrip("。；;")
                level1 = ""
            elif current is None:
                continue
            elif field.field in ("total", "fiscal", "other") and (m := _AMOUNT.search(rest)):
                budget = current["budget"]
                assert isinstance(budget, dict)
                budget[field.field] = parse_amount(m.group(1))
                current["money_unit"] = money_unit_in(f"单位：{m.group(2)}") or "万元"
            elif field.field == "goals":
                current["goals"] = split_goals(rest)
            elif field.field == "unit":
                current["unit"] = parse_unit(rest.rstrip("。；;"))
    if current is not None and current["indicators"]:
        projects.append(_project(current, len(projects) + 1))
    return projects


def _add_items(
    current: dict[str, object], text: str, level1: str, level2: str, paragraph: Paragraph
) -> None:
    indicators = current["indicators"]
    assert isinstance(indicators, list)
    for item in _ITEM_SPLIT.split(text):
        indicator = _indicator(item, level1, level2, paragraph)
        if indicator is not None:
            indicators.append(indicator)


def _still_open(text: str, group: tuple[str, str]) -> tuple[str, str] | None:
    return group if text.rstrip().endswith(("；", ";", "，", ",")) else None


def _new() -> dict[str, object]:
    return {
        "name": "",
        "unit": Unit(),
        "budget": {},
        "goals": [],
        "indicators": [],
        "money_unit": "万元",
    }


def _indicator(item: str, level1: str, level2: str, paragraph: Paragraph) -> Indicator | None:
    text = item.strip().rstrip("，,")
    if not text:
        return None
    core = text.startswith(("★", "☆"))
    text = text.lstrip("★☆ ").strip()
    split = _SPLIT_AT.search(text)
    if split is None or split.start() == 0:
        name, value = text, ""
    else:
        name, value = text[: split.start()].strip("：: "), text[split.start() :].strip()
    return Indicator(
        level1=level1,
        level2=level2,
        category=categorize(level1, level2),
        name=name,
        value_text=value,
        value=parse_value(value),
        source=paragraph.position.to_location(),
        core=True if core else None,
    )


def _project(fields: dict[str, object], seq: int) -> Project:
    budget = fields["budget"]
    assert isinstance(budget, dict)
    unit = fields["unit"]
    assert isinstance(unit, Unit)
    return Project(
        seq=seq,
        name=str(fields["name"]),
        unit=unit,
        money_unit="元" if fields["money_unit"] == "元" else "万元",
        budget=Budget(**budget),
        goals=list(fields["goals"]),  # type: ignore[call-overload]
        indicators=list(fields["indicators"]),  # type: ignore[call-overload]
    )
