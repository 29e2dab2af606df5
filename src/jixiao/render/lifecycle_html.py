"""自评表 / 监控表 grids (``lifecycle_grid``) → one self-contained, printable HTML page.

Inline CSS only (A4 landscape when printed, one table per page); spans are ``colspan``. The
page is also the input of the PDF path (``render_grids_pdf``), like the target tables'.
"""

from __future__ import annotations

from html import escape

from jixiao import __version__
from jixiao.render.lifecycle_grid import WIDTHS_MM, Grid

__all__ = ["render_grids_html"]

_CSS = """
body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; margin: 1.5em; }
@page { size: A4 landscape; margin: 12mm; }
section { page-break-after: always; }
section:last-child { page-break-after: auto; }
h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; text-align: center;
     font-size: 18pt; margin: 0 0 .2em; }
p.period { text-align: center; margin: 0; }
p.unit { text-align: right; margin: 0 0 .3em; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10pt; }
td { border: 1px solid #000; padding: 2px 4px; text-align: center; vertical-align: middle;
     white-space: pre-wrap; word-break: break-all; }
td.label { background: #f2f2f2; font-weight: bold; }
td.long { text-align: left; }
"""


def render_grids_html(grids: list[Grid]) -> str:
    title = grids[0].title if grids else "绩效自评表"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f'<meta name="generator" content="jixiao {escape(__version__)}">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
    ]
    total = sum(WIDTHS_MM)
    cols = "".join(f'<col style="width:{mm / total * 100:.2f}%">' for mm in WIDTHS_MM)
    for grid in grids:
        parts.append(f"<section><h1>{escape(grid.title)}</h1>")
        parts.append(f'<p class="period">{escape(grid.subtitle)}</p>')
        parts.append(f'<p class="unit">单位：{escape(grid.money_unit)}</p>')
        parts.append(f"<table><colgroup>{cols}</colgroup>")
        for cells in grid.rows:
            tds = []
            for c in cells:
                classes = ["label"] if c.role == "label" else []
                if c.role == "text" and len(c.text) > 12:
                    classes.append("long")
                attrs = f' colspan="{c.span}"' if c.span > 1 else ""
                if classes:
                    attrs += f' class="{" ".join(classes)}"'
                tds.append(f"<td{attrs}>{escape(c.text)}</td>")
            parts.append(f"<tr>{''.join(tds)}</tr>")
        parts.append("</table></section>")
    parts.append("</body></html>")
    return "\n".join(parts)
