"""The front matter: document title and 第一部分 部门整体绩效目标 split into its three sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.layout import Paragraph
from jixiao.model import Department
from jixiao.textutil import LIST_MARKER, normalize_space, strip_list_marker

__all__ = ["FrontMatter", "read_front_matter"]

_SECTIONS = (
    ("overall_goals", re.compile(r"总体(?:绩效)?目标")),
    ("sub_goals", re.compile(r"分项(?:绩效)?目标")),
    ("safeguards", re.compile(r"(?:工作)?保障措施")),
)
_PART_ONE = re.compile(r"^第一部分|^部门整体绩效目标$|^第一部分\s*部门整体绩效目标$")
_PART_TWO = re.compile(r"^第二部分|^预算项目绩效目标$")
_HEADING_WINDOW = 16


@dataclass
class FrontMatter:
    title: str | None = None
    department: Department = field(default_factory=Department)


def _heading(text: str) -> tuple[str, str] | None:
    """(section, rest of the paragraph) when the paragraph opens with a section heading."""
    for section, pattern in _SECTIONS:
        found = pattern.search(text, 0, _HEADING_WINDOW)
        if found is None:
            continue
        prefix = text[: found.start()]
        if prefix and not LIST_MARKER.fullmatch(prefix) and prefix.strip("（()）一二三四五、.． "):
            continue
        rest = text[found.end() :].lstrip("：: \t")
        return section, rest
    return None


def read_front_matter(paragraphs: list[Paragraph]) -> FrontMatter:
    front = FrontMatter()
    title_parts: list[str] = []
    section: str | None = None
    items: dict[str, list[tuple[str, bool]]] = {name: [] for name, _ in _SECTIONS}
    for paragraph in paragraphs:
        text = normalize_space(paragraph.text).replace("\n", "")
        if not text:
            continue
        if _PART_TWO.match(text):
            break
        if _PART_ONE.match(text):
            section = section or "part_one"
            continue
        heading = _heading(text)
        if heading is not None:
            section, text = heading
            if not text:
                continue
        if section is None:
            title_parts.append(text)
            continue
        if section in items:
            items[section].append((text, bool(LIST_MARKER.match(text))))
    front.title = _title(title_parts)
    front.department = Department(
        **{name: _merge_items(entries) for name, entries in items.items()},
        form_lacks=[] if section is not None else ["department_goals"],
    )
    return front


_TITLE_LIKE = re.compile(r"20[0-9]{2}\s*年.*(?:预算|绩效)")
_OWNER_END = re.compile(
    r"(?:局|办公室|中心|委员会|政府|院|所|站|队|会|部|厅|处|委|馆|校|社|团|室)$"
)
_TITLE_MAX = 60
# A page's furniture, never part of a title: site banners, breadcrumbs, the publication line
# (发布时间 / 来源 / 浏览次数 / 字号), page numbers (— 1 —, 第1页 共2页).
_FURNITURE = re.compile(
    r"(?:门户网站|网站\s*$|政务网\s*$|^首页|当前位置|您的位置|[>＞»›]"
    r"|发布(?:时间|日期|机构)|信息来源|来源[：:]|浏览(?:次数|量)|访问量|点击[数率]|字号|打印|关闭"
    r"|^[-—－–\s]*[0-9]{1,4}[-—－–\s]*$|^第\s*[0-9]+\s*页|共\s*[0-9]+\s*页)"
)


def _title(parts: list[str]) -> str | None:
    """The document title from the paragraphs before the first section.

    A saved web page or a cover page puts other lines there (a site banner, breadcrumbs, a
    page number); when one paragraph reads as a title (a year and 预算/绩效), it is the title,
    with the paragraph before it when that names the unit and the title starts with the year
    (``某区人民政府办公室`` + ``2020年部门预算绩效信息``). Otherwise all parts, joined.
    """
    titles = [i for i, t in enumerate(parts) if len(t) <= _TITLE_MAX and _TITLE_LIKE.search(t)]
    if not titles:
        kept = [t for t in parts if not _FURNITURE.search(t)]
        return "".join(kept) or None
    i = titles[0]
    title = parts[i]
    if i > 0 and title.startswith("20") and _OWNER_END.search(parts[i - 1]):
        title = parts[i - 1] + title
    return title


def _merge_items(entries: list[tuple[str, bool]]) -> list[str]:
    """One item per paragraph; an unnumbered paragraph after a numbered one continues it."""
    out: list[str] = []
    seen_numbered = False
    for text, numbered in entries:
        if numbered:
            seen_numbered = True
            out.append(strip_list_marker(text))
        elif seen_numbered and out:
            out[-1] += "\n" + text
        else:
            out.append(text)
    return out
