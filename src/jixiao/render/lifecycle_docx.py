"""自评表 / 监控表 grids (``lifecycle_grid``) → a Word file, one table per page (A4 landscape).

Each table is preceded by its title (黑体) and its period line, and ``单位：万元``; the table is
written with the same WordprocessingML helpers as the target tables (``docx_xml``), so spans
are ``w:gridSpan`` and the file opens the same in Word, WPS and LibreOffice.
"""

from __future__ import annotations

import io

from jixiao.render.docx_xml import W_NS, CellSpec, paragraph, table
from jixiao.render.lifecycle_grid import WIDTHS_MM, Grid

__all__ = ["render_grids_docx"]

_MM = 56.6929  # twips per millimetre
_WIDTHS = [round(mm * _MM * 1.2) for mm in WIDTHS_MM]
_STYLES = (
    ("JxTitle", "jixiao 标题", "黑体", 32, '<w:spacing w:after="120"/><w:jc w:val="center"/>'),
    ("JxBody", "jixiao 正文", "仿宋", 24, '<w:jc w:val="center"/>'),
    ("JxTable", "jixiao 表格", "宋体", 20, '<w:spacing w:before="0" w:after="0"/>'),
)


def render_grids_docx(grids: list[Grid]) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import parse_xml
    from docx.shared import Mm

    document = docx.Document()
    styles = document.styles.element
    for sid, name, font, size, ppr in _STYLES:
        styles.append(
            parse_xml(
                f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:customStyle="1" '
                f'w:styleId="{sid}"><w:name w:val="{name}"/><w:pPr>{ppr}</w:pPr><w:rPr>'
                f'<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
                f'w:eastAsia="{font}"/><w:sz w:val="{size}"/></w:rPr></w:style>'
            )
        )
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = section.bottom_margin = Mm(15)
    section.left_margin = section.right_margin = Mm(15)
    document.core_properties.author = "jixiao"
    document.core_properties.title = grids[0].title if grids else ""
    parts: list[str] = []
    for n, grid in enumerate(grids):
        parts.append(paragraph(grid.title, "JxTitle", page_break=n > 0))
        parts.append(paragraph(grid.subtitle, "JxBody"))
        parts.append(paragraph(f"单位：{grid.money_unit}", "JxBody", align="right"))
        rows = [
            [
                CellSpec(
                    c.text, c.span, "left" if c.role == "text" and len(c.text) > 12 else "center"
                )
                for c in cells
            ]
            for cells in grid.rows
        ]
        parts.append(table(rows, _WIDTHS, "JxTable"))
    body_xml = "".join(parts) + "<w:p/>"
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
