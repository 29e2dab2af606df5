"""The document model as a Word file in the official layout of 部门预算绩效信息.

Layout (A4, 仿宋 body, 黑体 headings, 宋体 tables): the title, ``第一部分 部门整体绩效目标``
with its three sections, ``第二部分 预算项目绩效目标``, then per project a paragraph
``N、<name>绩效目标表`` and its table. Every project table lies on one 7-column grid::

    col:  0        1        2        3              4        5      6
    unit  | owner (0-4)                                      | 单位：万元 (5-6) |
          | 项目编码 | code (1-2)      | 项目名称       | name (4-6)               |
          | 预算规模…| 预算数   | total  | 其中：财政资金 | fiscal   | 其他资金 | other |
          | (blank)  | purpose (1-6)                                             |
          | 资金支出计划（%） (0-1) | 3月底 | 6月底  | 10月底   | 12月底 (5-6)   |
          | (blank) (0-1)     | p3     | p6             | p10      | p12 (5-6)      |
          | 绩效目标 | goals, "1、…" one paragraph each (1-6)                     |
          | 一级指标 | 二级指标 | 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据 (5-6) |

一级 and 二级 cells are merged (``w:vMerge``) over consecutive rows with the same label. The
label cells over the purpose and plan-value rows are merged visually (no border between them)
rather than with ``w:vMerge``: the assembler reads those two rows by the position of each cell
in the row, which a vertically merged first cell would shift. Amounts keep their exact digits.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.model import Document, Indicator, Project
from jixiao.render.docx_xml import W_NS, CellSpec, paragraph, table
from jixiao.textutil import LIST_MARKER

if TYPE_CHECKING:
    from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = ["render_docx"]

_MM = 56.6929  # twips per millimetre
_WIDTHS = [round(mm * _MM) for mm in (18, 22, 30, 38, 26, 18, 18)]
_SECTIONS = (
    ("（一）总体绩效目标", "overall_goals"),
    ("（二）分项绩效目标", "sub_goals"),
    ("（三）工作保障措施", "safeguards"),
)
_HEADER = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
_LATIN = "Times New Roman"
# Paragraph styles: id → (name, East Asian font, size in half-points, paragraph properties).
_STYLES = {
    "JxTitle": ("jixiao 标题", "黑体", 36, '<w:spacing w:after="240"/><w:jc w:val="center"/>'),
    "JxPart": (
        "jixiao 部分",
        "黑体",
        32,
        '<w:keepNext/><w:spacing w:before="240" w:after="240"/><w:jc w:val="center"/>'
        '<w:outlineLvl w:val="0"/>',
    ),
    "JxSection": (
        "jixiao 节",
        "黑体",
        28,
        '<w:keepNext/><w:spacing w:before="120" w:after="120"/>'
        '<w:ind w:firstLineChars="200" w:firstLine="560"/><w:outlineLvl w:val="1"/>',
    ),
    "JxBody": (
        "jixiao 正文",
        "仿宋",
        28,
        '<w:spacing w:line="360" w:lineRule="auto"/>'
        '<w:ind w:firstLineChars="200" w:firstLine="560"/><w:jc w:val="both"/>',
    ),
    "JxProject": (
        "jixiao 项目表题",
        "黑体",
        24,
        '<w:keepNext/><w:spacing w:before="360" w:after="120"/><w:jc w:val="center"/>'
        '<w:outlineLvl w:val="1"/>',
    ),
    "JxCell": ("jixiao 表格", "宋体", 21, '<w:spacing w:before="0" w:after="0"/>'),
}


def render_docx(doc: Document) -> bytes:
    """A DOCX (bytes) that reads back, through ``read_docx`` and the assembler, to ``doc``."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Mm

    document = docx.Document()
    _set_styles(document.styles.element)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(20)
    props = document.core_properties
    props.title = doc.title or ""
    props.author = "jixiao"
    props.comments = ""
    # Word always ends the body with a paragraph; a table right before sectPr is read wrongly
    # by LibreOffice (its last table turns into text when saved as .doc).
    body_xml = "".join(_body(doc)) + "<w:p/>"
    fragment = parse_xml(f'<w:body xmlns:w="{W_NS}">{body_xml}</w:body>')
    body = document.element.body
    sect_pr = body.sectPr
    for child in list(fragment):
        if sect_pr is not None:
            sect_pr.addprevious(child)
        else:
            body.append(child)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_styles(styles: BaseOxmlElement) -> None:
    """Explicit Chinese fonts everywhere: the template's theme fonts would pick Calibri."""
    from docx.oxml import parse_xml

    ns = f'xmlns:w="{W_NS}"'
    defaults = parse_xml(
        f"<w:docDefaults {ns}><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{_LATIN}" w:eastAsia="宋体" w:hAnsi="{_LATIN}" w:cs="{_LATIN}"/>'
        '<w:sz w:val="21"/><w:szCs w:val="21"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    old = styles.find(f"{{{W_NS}}}docDefaults")
    if old is not None:
        old.addprevious(defaults)
        styles.remove(old)
    else:
        styles.insert(0, defaults)
    for style_id, (name, east_asia, size, ppr) in _STYLES.items():
        styles.append(
            parse_xml(
                f'<w:style {ns} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
                f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
                f"<w:pPr>{ppr}</w:pPr><w:rPr>"
                f'<w:rFonts w:ascii="{_LATIN}" w:eastAsia="{east_asia}" w:hAnsi="{_LATIN}"'
                f' w:cs="{_LATIN}"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
                "</w:rPr></w:style>"
            )
        )


def _body(doc: Document) -> Iterator[str]:
    if doc.title:
        yield paragraph(doc.title, "JxTitle")
    yield paragraph("第一部分 部门整体绩效目标", "JxPart")
    for heading, field in _SECTIONS:
        yield paragraph(heading, "JxSection")
        for text in _item_paragraphs(getattr(doc.department, field)):
            yield paragraph(text, "JxBody")
    yield paragraph("第二部分 预算项目绩效目标", "JxPart", page_break=True)
    for project in doc.projects:
        if project.title:
            yield paragraph(project.title, "JxProject")
        yield table(_project_rows(project), _WIDTHS, "JxCell")


def _item_paragraphs(items: list[str]) -> list[str]:
    """One paragraph per item, as printed; numbered ``1、`` only when needed: the assembler
    attaches an unnumbered paragraph to the numbered one before it, so an item with
    continuation lines (or one that itself starts like a list marker) needs the numbers."""
    numbered = any("\n" in it or LIST_MARKER.match(it) for it in items)
    out: list[str] = []
    for n, item in enumerate(items, start=1):
        first, *rest = item.split("\n")
        out.append(_numbered(n, first) if numbered else first)
        out += rest
    return out


def _numbered(n: int, text: str) -> str:
    """``1、text``; a space after ``、`` when ``text`` starts with a digit, because ``1、2023年``
    does not read as a list marker (it could be a number)."""
    return f"{n}、 {text}" if text[:1].isdigit() else f"{n}、{text}"


def _amount(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _project_rows(project: Project) -> list[list[CellSpec]]:
    owner = f"{project.unit.code or ''}{project.unit.name or ''}"
    unit_row = [
        CellSpec(owner, span=5, align="left", hide=("top", "left", "right")),
        CellSpec(
            f"单位：{project.money_unit}", span=2, align="right", hide=("top", "left", "right")
        ),
    ]
    identity = [
        CellSpec("项目编码"),
        CellSpec(project.code or "", span=2),
        CellSpec("项目名称"),
        CellSpec(project.name, span=3),
    ]
    budget = project.budget
    rows = [identity, unit_row] if project.title is None else [unit_row, identity]
    # A title-less project starts at its 项目编码 row: a 单位 row first would be read as one
    # more indicator row of the project before it.
    rows += [
        [
            CellSpec("预算规模及资金用途", hide=("bottom",)),
            CellSpec("预算数"),
            CellSpec(_amount(budget.total)),
            CellSpec("其中：财政资金"),
            CellSpec(_amount(budget.fiscal)),
            CellSpec("其他资金"),
            CellSpec(_amount(budget.other)),
        ],
        [CellSpec("", hide=("top",)), CellSpec(project.purpose or "", span=6, align="left")],
    ]
    if project.spending_plan:
        percents: dict[int, Decimal | None] = {p.month: p.percent for p in project.spending_plan}
        spans = {3: 1, 6: 1, 10: 1, 12: 2}
        rows.append(
            [CellSpec("资金支出计划（%）", span=2, hide=("bottom",))]
            + [CellSpec(f"{month}月底", span=span) for month, span in spans.items()]
        )
        rows.append(
            [CellSpec("", span=2, hide=("top",))]
            + [CellSpec(_amount(percents.get(month)), span=span) for month, span in spans.items()]
        )
    goals = "\n".join(_numbered(n, goal) for n, goal in enumerate(project.goals, start=1))
    rows.append([CellSpec("绩效目标"), CellSpec(goals, span=6, align="left")])
    rows.append([CellSpec(label, span=2 if i == 5 else 1) for i, label in enumerate(_HEADER)])
    rows += _indicator_rows(project.indicators)
    return rows


def _indicator_rows(indicators: list[Indicator]) -> list[list[CellSpec]]:
    """One row per indicator; 一级/二级 merged over runs of equal labels within a 一级 run."""
    starts1 = [_starts(indicators, i, level2=False) for i in range(len(indicators))]
    starts2 = [s or _starts(indicators, i, level2=True) for i, s in enumerate(starts1)]
    rows: list[list[CellSpec]] = []
    for i, ind in enumerate(indicators):
        rows.append(
            [
                _merged(ind.level1, starts1, i),
                _merged(ind.level2, starts2, i),
                CellSpec(ind.name),
                CellSpec(ind.description or ""),
                CellSpec(ind.value_text),
                CellSpec(ind.basis or "", span=2),
            ]
        )
    return rows


def _starts(indicators: list[Indicator], i: int, *, level2: bool) -> bool:
    """Whether row ``i`` starts a new merged 一级 (or 二级) cell.

    A row whose own cells would all be empty always shows its labels: the assembler skips a
    row with nothing of its own as the blank filler rows of exported tables.
    """
    ind = indicators[i]
    if i == 0 or not (ind.name or ind.description or ind.value_text or ind.basis):
        return True
    prev = indicators[i - 1]
    return (prev.level2 != ind.level2) if level2 else (prev.level1 != ind.level1)


def _merged(text: str, starts: list[bool], i: int) -> CellSpec:
    if not starts[i]:
        return CellSpec("", merge="continue")
    runs_on = i + 1 < len(starts) and not starts[i + 1]
    return CellSpec(text, merge="restart" if runs_on else None)
