"""Entry point of the 自评表 / 监控表 renderers: a document's records as DOCX, XLSX, HTML, PDF.

The engines give the figures (scores, 执行率, total, grade); ``lifecycle_grid`` lays them out
in the official central layouts; one writer per format places the cells.
"""

from __future__ import annotations

from typing import Literal

from jixiao.lifecycle.schemes import MonitoringScheme, ScoringScheme
from jixiao.model import Document
from jixiao.render import Target
from jixiao.render.lifecycle_grid import Grid, monitoring_grids, selfeval_grids

__all__ = ["TABLE_FORMATS", "render_table"]

TABLE_FORMATS: tuple[Target, ...] = ("xlsx", "docx", "html", "pdf")


def render_table(
    doc: Document,
    kind: Literal["selfeval", "monitor"],
    to: Target,
    *,
    scoring: ScoringScheme | None = None,
    monitoring: MonitoringScheme | None = None,
    month: int | None = None,
) -> bytes:
    """The document's 自评表 (``selfeval``) or 监控表 (``monitor``) as a file of kind ``to``."""
    grids: list[Grid] = (
        selfeval_grids(doc, scoring)
        if kind == "selfeval"
        else monitoring_grids(doc, monitoring, month)
    )
    if to == "xlsx":
        from jixiao.render.lifecycle_xlsx import render_grids_xlsx

        return render_grids_xlsx(grids)
    if to == "docx":
        from jixiao.render.lifecycle_docx import render_grids_docx

        return render_grids_docx(grids)
    from jixiao.render.lifecycle_html import render_grids_html

    page = render_grids_html(grids)
    if to == "html":
        return page.encode("utf-8")
    from jixiao.render.pdf import html_to_pdf

    return html_to_pdf(page)
