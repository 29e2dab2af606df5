"""Saved web pages: a table per grid with rowspan/colspan, paragraphs around them (UTF-8, or
GBK as many government sites serve); and the same page saved by a browser as MHTML
(quoted-printable HTML inside a MIME multipart)."""

from __future__ import annotations

import quopri
from html import escape

from tests.templates.layouts import Block, Para

__all__ = ["build", "build_gbk", "build_mhtml"]


def _html(blocks: list[Block], charset: str = "utf-8") -> str:
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="zh-CN"><head><meta charset="{charset}"><title>绩效目标公开</title>',
        "<style>td{border:1px solid #000}</style></head><body>",
        '<div class="nav"><a href="/">首页</a> &gt; <a href="/xxgk">信息公开</a></div>',
    ]
    for block in blocks:
        if isinstance(block, Para):
            tag = "h2" if block.heading else "p"
            parts.append(f"<{tag}>{escape(block.text)}</{tag}>")
            continue
        parts.append('<table cellspacing="0" cellpadding="2">')
        cells = block.cells()
        for r in range(len(block.rows)):
            parts.append("<tr>")
            for cell in (c for c in cells if c.row == r):
                span = ""
                if cell.rowspan > 1:
                    span += f' rowspan="{cell.rowspan}"'
                if cell.colspan > 1:
                    span += f' colspan="{cell.colspan}"'
                text = "<br>".join(escape(t) for t in cell.text.split("\n"))
                parts.append(f"<td{span}>{text}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append('<div class="footer">主办单位：某县人民政府办公室</div></body></html>')
    return "\n".join(parts)


def build(blocks: list[Block]) -> bytes:
    return _html(blocks).encode("utf-8")


def build_gbk(blocks: list[Block]) -> bytes:
    """Many government sites still serve GBK pages (declared in a meta tag)."""
    return _html(blocks, "gbk").encode("gbk")


def build_mhtml(blocks: list[Block]) -> bytes:
    body = quopri.encodestring(_html(blocks).encode("utf-8")).decode("ascii")
    boundary = "----MultipartBoundary--jixiaoFixture----"
    return (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: http://www.example.gov.cn/xxgk/jxmb.html\r\n"
        "Subject: =?utf-8?Q?=E7=BB=A9=E6=95=88=E7=9B=AE=E6=A0=87?=\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n'
        "\r\n"
        f"--{boundary}\r\n"
        "Content-Type: text/html\r\n"
        "Content-ID: <frame-0@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: http://www.example.gov.cn/xxgk/jxmb.html\r\n"
        "\r\n"
        f"{body}\r\n"
        f"--{boundary}--\r\n"
    ).encode("ascii")
