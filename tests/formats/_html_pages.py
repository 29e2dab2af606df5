"""Saved web pages written for the HTML reader's tests (not by jixiao's renderer).

``hebei_page`` writes a document model the way a county portal publishes a 部门预算绩效信息:
front matter as paragraphs, each project as a title, a unit line and one table whose 一级/二级
cells are merged with ``rowspan`` and whose header cells use ``colspan`` (the unit line and
单位：万元 as the table's first row, as the Word original has them). ``mhtml`` wraps a
page as browsers ("Saved by Blink") and Word save it. The markup is written the way portals
and Word write it: ``&nbsp;`` in empty cells, ``<p>`` inside cells, attributes unquoted.
"""

from __future__ import annotations

import base64
import html
import quopri
from collections.abc import Iterable
from decimal import Decimal

from jixiao.model import Document, Indicator, Project

NAV = """<div class="top-nav"><a href="/">首页</a> | <a href="/xxgk">信息公开</a></div>
<nav><ul><li>互动交流</li><li>2019年财政预算</li></ul></nav>
<div class="breadcrumb">当前位置：首页 &gt; 信息公开 &gt; 2018年部门预算</div>
<script>document.write("<table><tr><td>一级指标</td></tr></table>");</script>
<style>td { border: 1px solid #000 }</style>"""
FOOTER = """<footer><p>主办单位：某区人民政府办公室　版权所有 2017年</p></footer>
<div id="copyright">网站标识码 1303040001</div>"""


def esc(text: str) -> str:
    """Text as markup; its line breaks as ``<br>``."""
    return "<br>\n".join(html.escape(line, quote=False) for line in text.split("\n"))


def cell(text: str | None, *, rowspan: int = 1, colspan: int = 1, tag: str = "td") -> str:
    attrs = (f" rowspan={rowspan}" if rowspan > 1 else "") + (
        f" colspan={colspan}" if colspan > 1 else ""
    )
    body = esc(text) if text else "&nbsp;"
    return f"<{tag}{attrs}><p class=MsoNormal>{body}</p></{tag}>"


def page(body: str, *, charset: str | None = "utf-8", title: str = "部门预算绩效信息") -> str:
    meta = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if charset
        else ""
    )
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\n'
        f"<html><head>{meta}<title>{esc(title)}</title></head>\n<body>\n{body}\n</body></html>\n"
    )


def _amount(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _goal_lines(goals: Iterable[str]) -> str:
    return "\n".join(f"{n}、{g}" for n, g in enumerate(goals, 1))


def _runs(values: list[str]) -> list[int]:
    """For merged cells: at each start of a run of equal values, its length; 0 inside."""
    out = [0] * len(values)
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            out[start] = i - start
            start = i
    return out


def indicator_rows(indicators: list[Indicator]) -> list[str]:
    rows = [
        "<tr>"
        + "".join(
            cell(h, tag="th")
            for h in ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值")
        )
        + cell("指标值确定依据", colspan=2, tag="th")
        + "</tr>"
    ]
    level1 = _runs([i.level1 for i in indicators])
    level2 = _runs([f"{i.level1}/{i.level2}" for i in indicators])
    for n, ind in enumerate(indicators):
        tds = []
        if level1[n]:
            tds.append(cell(ind.level1, rowspan=level1[n]))
        if level2[n]:
            tds.append(cell(ind.level2, rowspan=level2[n]))
        tds += [cell(ind.name), cell(ind.description), cell(ind.value_text)]
        tds.append(cell(ind.basis, colspan=2))
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return rows


def project_table(project: Project, *, nested_plan: bool = False) -> str:
    b = project.budget
    plan = {p.month: p.percent for p in project.spending_plan}
    owner = f"{project.unit.code or ''}{project.unit.name or ''}"
    rows = [
        f"<tr>{cell(owner, colspan=5)}"
        f"<td colspan=2 align=right>单位：{project.money_unit}</td></tr>",
        "<tr>"
        + cell("项目编码")
        + cell(project.code)
        + cell("项目名称")
        + cell(project.name, colspan=4)
        + "</tr>",
        "<tr>"
        + cell("预算规模及资金用途", rowspan=2)
        + cell("预算数")
        + cell(_amount(b.total))
        + cell("其中：财政资金")
        + cell(_amount(b.fiscal))
        + cell("其他资金")
        + cell(_amount(b.other))
        + "</tr>",
        "<tr>" + cell(project.purpose, colspan=6) + "</tr>",
    ]
    months = (3, 6, 10, 12)
    if nested_plan:
        inner = (
            "<table border=1><tr>"
            + "".join(cell(f"{m}月底") for m in months)
            + "</tr><tr>"
            + "".join(cell(f"{_amount(plan.get(m))}%") for m in months)
            + "</tr></table>"
        )
        rows.append("<tr>" + cell("资金支出计划") + f"<td colspan=6>{inner}</td></tr>")
    else:
        rows += [
            "<tr>"
            + cell("资金支出计划（%）", rowspan=2)
            + "".join(cell(f"{m}月底", colspan=3 if m == 12 else 1) for m in months)
            + "</tr>",
            "<tr>"
            + "".join(cell(_amount(plan.get(m)), colspan=3 if m == 12 else 1) for m in months)
            + "</tr>",
        ]
    rows.append("<tr>" + cell("绩效目标") + cell(_goal_lines(project.goals), colspan=6) + "</tr>")
    rows += indicator_rows(project.indicators)
    return "<table border=1 cellspacing=0>\n" + "\n".join(rows) + "\n</table>"


def hebei_body(doc: Document, *, nested_plan: bool = False) -> str:
    """The document's body as a portal page shows it (paragraphs, then one table a project)."""
    out: list[str] = []
    if doc.title:
        out.append(f"<h1 align=center>{esc(doc.title)}</h1>")
    dept = doc.department
    if dept.overall_goals or dept.sub_goals or dept.safeguards:
        out.append("<p><b>第一部分&nbsp;部门整体绩效目标</b></p>")
        out.append("<p>（一）总体绩效目标：</p>")
        out += [f"<p>&nbsp;&nbsp;{esc(g)}</p>" for g in dept.overall_goals]
        out.append("<p>（二）分项绩效目标：</p>")
        out += [f"<p>{n}、{esc(g)}</p>" for n, g in enumerate(dept.sub_goals, 1)]
        out.append("<p>（三）工作保障措施：</p>")
        out += [f"<p>{esc(g)}</p>" for g in dept.safeguards]
    out.append("<p>第二部分&nbsp;&nbsp;预算项目绩效目标</p>")
    for project in doc.projects:
        if project.title:
            out.append(f'<p style="text-align:center"><b>{esc(project.title)}</b></p>')
        out.append(project_table(project, nested_plan=nested_plan))
    return "\n".join(out)


def hebei_page(
    doc: Document, *, charset: str = "utf-8", furniture: bool = False, nested_plan: bool = False
) -> str:
    body = hebei_body(doc, nested_plan=nested_plan)
    if furniture:
        body = f'{NAV}\n<div class="content">\n{body}\n</div>\n{FOOTER}'
    return page(body, charset=charset)


def mhtml(text: str, *, encoding: str = "quoted-printable", charset: str | None = None) -> bytes:
    """An MHTML archive of ``text`` (the page) and an image, as a browser or Word saves it.

    ``charset``: the page part's declared charset (Word writes one; Chrome does not, the
    page's own meta says it), also the encoding of its bytes (UTF-8 when None)."""
    raw = text.encode({"gb2312": "gbk"}.get(charset or "", charset or "utf-8"))  # as browsers
    if encoding == "quoted-printable":
        body = quopri.encodestring(raw).decode("ascii")
    else:
        body = base64.encodebytes(raw).decode("ascii")
    boundary = "----MultipartBoundary--Jx7dQ2o1hAbc----"
    content_type = "text/html" + (f'; charset="{charset}"' if charset else "")
    image = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + bytes(40)).decode("ascii")
    parts = [
        "From: <Saved by Blink>",
        "Snapshot-Content-Location: http://www.example.gov.cn/xxgk/2020/yusuan.html",
        "Subject: =?utf-8?Q?=E9=83=A8=E9=97=A8=E9=A2=84=E7=AE=97?=",
        "Date: Thu, 4 Jun 2020 10:12:00 +0800",
        "MIME-Version: 1.0",
        "Content-Type: multipart/related;",
        '\ttype="text/html";',
        f'\tboundary="{boundary}"',
        "",
        "",
        f"--{boundary}",
        f"Content-Type: {content_type}",
        "Content-ID: <frame-1@mhtml.blink>",
        f"Content-Transfer-Encoding: {encoding}",
        "Content-Location: http://www.example.gov.cn/xxgk/2020/yusuan.html",
        "",
        body,
        f"--{boundary}",
        "Content-Type: image/png",
        "Content-Transfer-Encoding: base64",
        "Content-Location: http://www.example.gov.cn/images/logo.png",
        "",
        image,
        f"--{boundary}--",
        "",
    ]
    return "\r\n".join(parts).encode("ascii")


Row = list[str | None]
"""Texts of one table row; ``None``: covered by the cell to the left or above (merged)."""


def grid_table(rows: list[Row], *, attrs: str = "border=1") -> str:
    """A table from rows of texts, merged slots (``None``) written as rowspan/colspan: a
    ``None`` joins the cell to its left in the same row, else the cell above."""
    width = max(len(r) for r in rows)
    padded = [list(r) + [""] * (width - len(r)) for r in rows]
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    spans: dict[tuple[int, int], list[int]] = {}
    for r, row in enumerate(padded):
        for c, text in enumerate(row):
            if text is not None:
                owner[(r, c)] = (r, c)
                spans[(r, c)] = [1, 1]
                continue
            left = owner.get((r, c - 1)) if c > 0 else None
            host = left if left is not None and left[0] == r else owner[(r - 1, c)]
            owner[(r, c)] = host
            span = spans[host]
            span[0] = max(span[0], r - host[0] + 1)
            span[1] = max(span[1], c - host[1] + 1)
    out = []
    for r, row in enumerate(padded):
        tds = [
            cell(text, rowspan=spans[(r, c)][0], colspan=spans[(r, c)][1])
            for c, text in enumerate(row)
            if text is not None
        ]
        out.append("<tr>" + "".join(tds) + "</tr>")
    return f"<table {attrs}>\n<tbody>\n" + "\n".join(out) + "\n</tbody>\n</table>"
