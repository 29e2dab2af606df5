"""Saved web pages (HTML, MHTML): the seeds published as portal pages read back to the same
model; charsets, MHTML transfer encodings, merged cells, another template family, nested
tables, page furniture, detection by content, bad pages, and the CLI as a subprocess.

Every page is written by ``tests/formats/_html_pages.py``, never by jixiao's renderer.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao import Document, read_bytes, read_path
from jixiao._exceptions import DecodeError, NotAPerformanceDocumentError, ReadError
from jixiao.assemble import assemble
from jixiao.layout import Layout, Table
from jixiao.model import SourceInfo, Unit
from jixiao.readers.detect import sniff_format
from jixiao.readers.html import read_html, read_mhtml
from tests.conftest import SEEDS
from tests.formats._helpers import assert_same
from tests.formats._html_pages import (
    FOOTER,
    NAV,
    Row,
    grid_table,
    hebei_page,
    mhtml,
    page,
)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    return {name: read_path(path) for name, path in sorted(SEEDS.items())}


def assembled(layout: Layout, name: str = "page.html") -> Document:
    return assemble(layout, SourceInfo(name=name, format="html", sha256="0" * 64))


def only_table(layout: Layout) -> Table:
    (table,) = layout.tables()
    return table


def texts(layout: Layout) -> list[str]:
    return [p.text for p in layout.paragraphs()]


# -- the seeds as portal pages -------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_page_reads_like_the_seed(name: str, seeds: dict[str, Document]) -> None:
    data = hebei_page(seeds[name], furniture=True).encode("utf-8")
    back = read_bytes(data, name=f"{name}.html")
    assert back.source.format == "html"
    assert_same(seeds[name], back)


def test_seed_000_field_by_field(seeds: dict[str, Document]) -> None:
    seed = seeds["000"]
    back = read_bytes(hebei_page(seed).encode("utf-8"), name="000.html")
    assert back.fiscal_year == seed.fiscal_year == 2020
    assert back.department == seed.department
    assert [p.name for p in back.projects] == [p.name for p in seed.projects]
    assert [p.code for p in back.projects] == [p.code for p in seed.projects]
    assert [p.unit for p in back.projects] == [p.unit for p in seed.projects]
    assert [p.title for p in back.projects] == [p.title for p in seed.projects]
    assert back.projects[0].code == "630-0401-JBN-XTGL"
    assert back.projects[0].budget.total == Decimal("72.64")
    for got, want in zip(back.projects, seed.projects, strict=True):
        assert (got.budget.total, got.budget.fiscal, got.budget.other) == (
            want.budget.total,
            want.budget.fiscal,
            want.budget.other,
        )
        assert str(got.budget.total) == str(want.budget.total)  # the printed digits
        assert got.purpose == want.purpose
        assert got.spending_plan == want.spending_plan
        assert got.goals == want.goals
        assert [
            (i.level1, i.level2, i.name, i.description, i.value_text, i.value, i.basis)
            for i in got.indicators
        ] == [
            (i.level1, i.level2, i.name, i.description, i.value_text, i.value, i.basis)
            for i in want.indicators
        ]
    assert back.warnings == []


def test_positions_point_into_the_page(seeds: dict[str, Document]) -> None:
    text = hebei_page(seeds["001"])
    back = read_bytes(text.encode(), name="001.html")
    first = back.projects[0]
    lines = text.split("\n")
    assert first.source.line is not None
    assert first.title is not None and first.title in lines[first.source.line - 1]
    indicator = first.indicators[0]
    assert indicator.source.table == 1 and indicator.source.row is not None


# -- charsets ---------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["gb2312", "GBK", "gb18030"])
def test_gbk_page_with_meta_charset(charset: str, seeds: dict[str, Document]) -> None:
    data = hebei_page(seeds["001"], charset=charset).encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really not UTF-8
    assert_same(seeds["001"], read_bytes(data, name="gbk.htm"))


def test_gbk_page_without_declaration_and_with_bom(seeds: dict[str, Document]) -> None:
    body = hebei_page(seeds["002"]).replace(
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', ""
    )
    assert "charset" not in body
    assert_same(seeds["002"], read_bytes(body.encode("gb18030"), name="guess.html"))
    bom = b"\xef\xbb\xbf" + hebei_page(seeds["002"], charset="gbk").encode("utf-8")
    assert_same(seeds["002"], read_bytes(bom, name="bom.html"))  # the BOM wins


def test_wrong_declaration_falls_back_with_a_warning(seeds: dict[str, Document]) -> None:
    data = hebei_page(seeds["000"], charset="utf-8").encode("gbk")  # GBK bytes, says UTF-8
    back = read_bytes(data, name="wrong.html")
    assert [p.name for p in back.projects] == [p.name for p in seeds["000"].projects]
    (warning,) = back.warnings
    assert warning.code == "html_charset"
    assert "utf-8" in warning.message and "GBK" in warning.message


def test_undecodable_page_is_refused() -> None:
    data = page("<p>项目名称</p>", charset="utf-8").encode("utf-8") + b"\x81\xff\xfe\x80 \xff"
    with pytest.raises(DecodeError, match="无法识别网页的字符编码"):
        read_bytes(data, name="broken.html")


def test_xhtml_with_xml_declaration() -> None:
    rows: list[Row] = [["一级指标", "二级指标", "三级指标", "指标值"]]
    rows.append(["产出指标", "数量指标", "培训人次", "≥300人次"])
    text = (
        '<?xml version="1.0" encoding="gbk"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
        f"<p>项目名称：基层卫生人才培训</p>{grid_table(rows)}</body></html>"
    )
    back = read_bytes(text.encode("gbk"), name="x.xhtml")
    (project,) = back.projects
    assert project.name == "基层卫生人才培训"
    assert [(i.name, i.value_text) for i in project.indicators] == [("培训人次", "≥300人次")]


# -- MHTML ------------------------------------------------------------------------------


def test_mhtml_quoted_printable_utf8(seeds: dict[str, Document]) -> None:
    data = mhtml(hebei_page(seeds["003"], furniture=True), encoding="quoted-printable")
    assert b"=E9" in data  # really quoted-printable
    assert sniff_format(data) == "mhtml"
    back = read_bytes(data, name="003.mhtml")
    assert back.source.format == "html"
    assert_same(seeds["003"], back)


def test_mhtml_base64_gbk_declared_by_the_part(seeds: dict[str, Document]) -> None:
    text = hebei_page(seeds["001"]).replace(
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', ""
    )
    data = mhtml(text, encoding="base64", charset="gb2312")
    assert sniff_format(data) == "mhtml"
    assert_same(seeds["001"], read_bytes(data, name="001.mht"))


def test_mhtml_without_a_page_is_refused() -> None:
    data = mhtml("<p>x</p>").replace(b"Content-Type: text/html", b"Content-Type: text/plain")
    with pytest.raises(ReadError, match="没有网页内容"):
        read_mhtml(data, source="empty.mht")


# -- merged cells -----------------------------------------------------------------------


def test_rowspan_and_colspan_are_one_cell(seeds: dict[str, Document]) -> None:
    layout = read_html(hebei_page(seeds["002"]).encode(), source="002.html")
    table = next(layout.tables())
    output = [c for c in table.cells if c.text == "产出指标"]
    assert len(output) == 1
    level1 = output[0]
    assert level1.rowspan == sum(
        1 for i in seeds["002"].projects[0].indicators if i.level1 == "产出指标"
    )
    assert level1.rowspan > 1
    assert level1.position.table == 1 and level1.position.col == 1
    name = next(c for c in table.cells if c.text == seeds["002"].projects[0].name)
    assert (name.colspan, name.col) == (4, 3)
    grid = table.grid()
    assert grid[level1.row + 1][0] is level1  # covered slots point at the merged cell


def test_html_table_model_edge_cases() -> None:
    """rowspan=0 runs to the end, a span past the last row stops there, colspan is bounded,
    a row in which no cell starts is dropped (its spans shortened), &nbsp; cells are empty."""
    body = """<table>
<tr><td rowspan=0>A</td><td colspan=2>B</td><td rowspan=9>C</td></tr>
<tr><td>&nbsp;</td><td>d</td></tr>
<tr></tr>
<tr><td>e</td><td colspan=99999>f</td></tr>
</table>"""
    table = only_table(read_html(page(body).encode(), source="t.html"))
    got = {(c.text, c.row, c.col, c.rowspan, c.colspan) for c in table.cells}
    assert ("A", 0, 0, 3, 1) in got
    assert ("B", 0, 1, 1, 2) in got
    assert ("C", 0, 3, 3, 1) in got
    assert ("", 1, 1, 1, 1) in got and ("d", 1, 2, 1, 1) in got
    assert ("e", 2, 1, 1, 1) in got
    f = next(c for c in table.cells if c.text == "f")
    assert f.col == 2 and f.col + f.colspan <= 64
    assert table.n_rows == 3
    assert [c.position.row for c in table.cells if c.text == "e"] == [4]  # the source <tr>


def test_cell_line_breaks_and_whitespace() -> None:
    body = (
        "<table><tr><td><p>1、保障劳务派遣\n人员经费</p><div>2、按时&nbsp;发放</div>"
        "3、第三项<br/>续写</td><td>\n  ≥95\n  %  </td><td>　　全角　空格　</td></tr></table>"
    )
    table = only_table(read_html(page(body).encode(), source="t.html"))
    assert [c.text for c in table.cells] == [
        "1、保障劳务派遣人员经费\n2、按时 发放\n3、第三项\n续写",
        "≥95 %",
        "全角　空格",
    ]


# -- another template family -----------------------------------------------------------------

B_HEADER: list[Row] = [
    ["项目名称", "{name}", None, None, None],
    ["主管部门及代码", "[512001]某县水务局", "实施单位", "512001-某县农村供水站", None],
    ["项目资金（万元）", "年度资金总额：", "{total}", None, None],
    [None, "其中：财政拨款", "{fiscal}", None, None],
    [None, "其他资金", "{other}", None, None],
    ["年度总体目标", "{goals}", None, None, None],
]
B_INDICATORS: list[Row] = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
    [None, "产出指标", "数量指标", "{q_name}", "{q_value}"],
    [None, None, "时效指标", "完工时间", "2024年11月底前"],
    [None, "效益指标", "社会效益指标", "受益人口", "≥0.8万人"],
    [None, "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥92%"],
]
B_PROJECTS = [
    {
        "name": "农村饮水安全巩固提升",
        "total": "320.00",
        "fiscal": "300.00",
        "other": "20.00",
        "goals": "1.新建供水管网40公里；2.受益人口0.8万人。",
        "q_name": "新建管网长度",
        "q_value": "≥40公里",
    },
    {
        "name": "小型水库除险加固",
        "total": "1,250.50",
        "fiscal": "1,250.50",
        "other": "0",
        "goals": "完成3座小型水库除险加固。",
        "q_name": "除险加固水库数量",
        "q_value": "=3座",
    },
]


def _family_b_page() -> str:
    parts = ['<h2 align="center">项目支出绩效目标申报表</h2>']
    for values in B_PROJECTS:
        rows = [[None if t is None else t.format(**values) for t in row] for row in B_HEADER]
        rows += [[None if t is None else t.format(**values) for t in row] for row in B_INDICATORS]
        parts += ["<p>（2024年度）</p>", "<p>项目支出绩效目标申报表</p>", grid_table(rows)]
    return page("\n".join(parts), charset="utf-8")


def test_family_b_without_code_several_projects() -> None:
    doc = read_bytes(_family_b_page().encode(), name="申报表.html")
    assert [p.name for p in doc.projects] == [v["name"] for v in B_PROJECTS]
    first, second = doc.projects
    assert first.code is None and second.code is None
    assert first.unit.name == "某县农村供水站" and first.unit.code == "512001"
    assert (first.budget.total, first.budget.fiscal, first.budget.other) == (
        Decimal("320.00"),
        Decimal("300.00"),
        Decimal("20.00"),
    )
    assert second.budget.total == Decimal("1250.50")
    assert first.goals == ["新建供水管网40公里；", "受益人口0.8万人。"]
    assert second.goals == ["完成3座小型水库除险加固。"]
    for project, values in zip(doc.projects, B_PROJECTS, strict=True):
        assert [(i.level1, i.level2, i.name, i.value_text) for i in project.indicators] == [
            ("产出指标", "数量指标", values["q_name"], values["q_value"]),
            ("产出指标", "时效指标", "完工时间", "2024年11月底前"),
            ("效益指标", "社会效益指标", "受益人口", "≥0.8万人"),
            ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥92%"),
        ]
    assert second.indicators[0].value.number == Decimal("3")
    assert doc.fiscal_year == 2024


# -- nested tables, layout tables, furniture ----------------------------------------------------


def test_nested_table_in_a_cell_is_kept_as_lines(seeds: dict[str, Document]) -> None:
    layout = read_html(hebei_page(seeds["000"], nested_plan=True).encode(), source="n.html")
    tables = list(layout.tables())
    assert len(tables) == len(seeds["000"].projects)  # nested tables are not tables of their own
    plan = next(c for c in tables[0].cells if c.text.startswith("3月底"))
    assert plan.text == "3月底 6月底 10月底 12月底\n25.00% 50.00% 75.00% 100.00%"
    assert plan.colspan == 6
    assert_same(seeds["000"], assembled(layout))  # the plan read from the lines, goals kept


def test_nested_table_in_an_indicator_cell_keeps_its_figures() -> None:
    nested = (
        "<table><tr><td>一季度</td><td>二季度</td></tr><tr><td>≥40%</td><td>≥80%</td></tr></table>"
    )
    body = (
        "<p>项目名称：乡村道路养护</p><table border=1>"
        "<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>"
        "<tr><td>产出指标</td><td>时效指标</td><td>养护进度</td>"
        f"<td>{nested}</td></tr></table>"
    )
    doc = read_bytes(page(body).encode(), name="n.html")
    (indicator,) = doc.projects[0].indicators
    assert indicator.value_text == "一季度 二季度\n≥40% ≥80%"


def test_layout_table_around_the_content_is_read_through(seeds: dict[str, Document]) -> None:
    """A portal wraps the page in a layout table (banner row, menu column, content cell):
    its cells are read as body content, and the banner is not glued into the title."""
    inner = hebei_page(seeds["001"]).split("<body>\n", 1)[1].rsplit("\n</body>", 1)[0]
    body = (
        "<table width=100%><tr><td colspan=2><img src=logo.png>某区人民政府门户网站</td></tr>"
        f"<tr><td width=20%><a href=/>首页</a><br><a href=/xxgk>信息公开</a></td>"
        f"<td>{inner}</td></tr></table>"
    )
    layout = read_html(page(body).encode(), source="wrapped.html")
    assert texts(layout)[:3] == ["某区人民政府门户网站", "首页", "信息公开"]
    assert len(list(layout.tables())) == len(seeds["001"].projects)
    back = assembled(layout)
    assert back.title == "秦皇岛市北戴河区人民政府办公室2020年部门预算绩效信息"
    assert_same(seeds["001"], back)


def test_furniture_is_not_read(seeds: dict[str, Document]) -> None:
    text = hebei_page(seeds["001"], furniture=True)
    assert NAV in text and FOOTER in text
    layout = read_html(text.encode(), source="f.html")
    seen = "\n".join(texts(layout))
    for furniture in ("首页", "当前位置", "互动交流", "版权所有", "网站标识码", "document.write"):
        assert furniture not in seen
    assert len(list(layout.tables())) == len(seeds["001"].projects)  # not the script's table
    back = assembled(layout)
    assert back.title == seeds["001"].title
    assert back.fiscal_year == 2020


def test_hidden_and_scripted_content_is_not_read() -> None:
    body = (
        '<div style="display: none">隐藏的项目名称：假项目</div>'
        "<noscript>请启用脚本</noscript><p hidden>隐藏段落</p>"
        "<p>可见的文字</p><template><p>模板</p></template>"
    )
    assert texts(read_html(page(body).encode(), source="h.html")) == ["可见的文字"]


# -- detection by content -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"<!DOCTYPE html><html>", "html"),
        (b"\xef\xbb\xbf\r\n  <!doctype HTML>", "html"),
        (b"<HTML><BODY>", "html"),
        (b"\n\n<table border=1><tr>", "html"),
        (b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        (b"<!-- saved from url=(0042)http://x.gov.cn/ -->\n<html>", "html"),
        ("\ufeff<html>".encode("utf-16"), "html"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n", "mhtml"),
        (b"From: <Saved by Blink>\nMIME-Version: 1.0\nContent-Type: multipart/related;\n", "mhtml"),
        ("项目编码\t630-0401\n<html>".encode(), "text"),
        (b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n", "text"),
        (b'{"schema_version": "1"}', "json"),
    ],
)
def test_sniffed_by_content(head: bytes, expected: str) -> None:
    assert sniff_format(head) == expected


def test_extension_does_not_matter(tmp_path: Path, seeds: dict[str, Document]) -> None:
    path = tmp_path / "导出.txt"
    path.write_bytes(hebei_page(seeds["000"]).encode("utf-8"))
    back = read_path(path)
    assert back.source.format == "html"
    assert_same(seeds["000"], back)


# -- bad pages ----------------------------------------------------------------------------------


def test_empty_page_is_refused() -> None:
    data = page("<div class=content>&nbsp;</div><script>render()</script>").encode()
    with pytest.raises(ReadError, match="网页中没有任何文字或表格内容"):
        read_bytes(data, name="empty.html")


def test_page_without_tables_or_indicators_is_refused() -> None:
    data = page("<p>春天来了，公园里的花都开了。</p><p>孩子们在草地上放风筝。</p>").encode()
    with pytest.raises(NotAPerformanceDocumentError, match="没有表格（共 2 段文字）"):
        read_bytes(data, name="prose.html")


def test_page_with_other_tables_is_refused() -> None:
    rows: list[Row] = [["姓名", "电话"], ["张三", "0335-1234567"]]
    with pytest.raises(NotAPerformanceDocumentError, match="找到 1 个表格"):
        read_bytes(page(grid_table(rows)).encode(), name="contacts.html")


# -- the command line ------------------------------------------------------------------------


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "JIXIAO_DEBUG")}
    env["NO_COLOR"] = "1"
    result = subprocess.run(
        [sys.executable, "-m", "jixiao", *map(str, args)],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def test_cli_parses_a_page(tmp_path: Path, seeds: dict[str, Document]) -> None:
    path = tmp_path / "部门预算绩效信息.html"
    data = hebei_page(seeds["000"], furniture=True, charset="gbk").encode("gbk")
    path.write_bytes(data)
    result = run_cli("parse", path)
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed["source"]["format"] == "html"
    assert parsed["source"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert [p["name"] for p in parsed["projects"]] == [p.name for p in seeds["000"].projects]
    assert parsed["projects"][0]["budget"]["total"] == 72.64


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (page("<p>&nbsp;</p>").encode(), "网页中没有任何文字或表格内容"),
        (page("<p>今天天气很好。</p>").encode(), "未找到任何项目绩效目标表"),
        (b"<html><body>\xff\xfe\x81\x80\xff</body></html>", "无法识别网页的字符编码"),
    ],
)
def test_cli_refuses_a_bad_page(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "坏网页.html"
    path.write_bytes(content)
    result = run_cli("parse", path)
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert path.name in result.stderr
    assert reason in result.stderr
    assert "处理建议" in result.stderr


# -- markup as Word and hostile pages write it ---------------------------------------------------


def test_word_saved_page() -> None:
    """Word's "save as web page": Office namespaces, conditional comments, ``<o:p>``, spans
    with ``mso-`` styles, unclosed cells and rows, GBK bytes under a gb2312 declaration."""
    text = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {margin:0cm} --></style></head>
<body lang=ZH-CN style='tab-interval:21.0pt'>
<div class=WordSection1>
<p class=MsoNormal align=center><b><span style='font-size:16.0pt'>项目支出绩效目标申报表<o:p>
</o:p></span></b></p>
<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>
<tr><td><p class=MsoNormal>项目名称<o:p></o:p></td><td colspan=3><p class=MsoNormal>社区<span
style='mso-spacerun:yes'>&nbsp;</span>养老服务补贴<o:p></o:p></p></td>
<tr><td><p>一级指标</td><td><p>二级指标</td><td><p>三级指标</td><td><p>指标值</td>
<tr><td rowspan=2><p>产出指标</td><td><p>数量指标</td><td><p>补贴人数</td><td><p>&ge;1200人</td>
<tr><td><p>质量指标</td><td><p>补贴发放准确率</td><td><p>100%</td>
<tr><td><p>满意度指标<span style='display:none'>隐藏</span></td><td><p>服务对象满意度指标</td>
<td><p>老人满意度</td><td><p>&ge;90%<o:p>&nbsp;</o:p></td>
</table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
</div></body></html>"""
    doc = read_bytes(text.encode("gbk"), name="申报表.htm")
    (project,) = doc.projects
    assert project.name == "社区 养老服务补贴"
    assert [(i.level1, i.level2, i.name, i.value_text) for i in project.indicators] == [
        ("产出指标", "数量指标", "补贴人数", "≥1200人"),
        ("产出指标", "质量指标", "补贴发放准确率", "100%"),
        ("满意度指标", "服务对象满意度指标", "老人满意度", "≥90%"),
    ]


def test_hostile_spans_stay_bounded() -> None:
    rows = "".join(
        "<tr>" + "<td colspan=1000 rowspan=65534>x</td>" * 50 + "</tr>" for _ in range(200)
    )
    table = only_table(read_html(page(f"<table>{rows}</table>").encode(), source="bomb.html"))
    assert len(table.grid()[0]) == 64  # never wider than the bound
    assert table.n_rows == 1
    (cell,) = table.cells
    assert cell.text.count("x") == 50 * 200  # the text of the cells past the bound is kept


def test_too_deeply_nested_page_is_refused() -> None:
    body = "<div>" * 400 + "项目名称" + "</div>" * 400
    with pytest.raises(ReadError, match="嵌套层次过深"):
        read_bytes(page(body).encode(), name="deep.html")


def test_what_the_browser_prints_besides_the_text() -> None:
    """Numbered lists, check boxes (资金用途 choices), form fields, m², zero-width spaces."""
    body = (
        "<table><tr><td>资金用途</td><td><input type=checkbox checked>基本建设 "
        "<input type=checkbox>设备购置</td></tr>"
        "<tr><td>预算数</td><td><input type=text value=72.64 readonly>"
        "<input type=hidden value=secret></td></tr>"
        "<tr><td>绩效目标</td><td><ol><li>改造校舍2000m<sup>2</sup></li>"
        "<li>受益\u200b学生≥500人</li></ol></td></tr></table>"
        "<ol start=3><li>第三项</li><li value=9>第九项</li></ol>"
    )
    layout = read_html(page(body).encode(), source="t.html")
    table = next(layout.tables())
    assert [c.text for c in table.cells] == [
        "资金用途",
        "√基本建设 □设备购置",
        "预算数",
        "72.64",
        "绩效目标",
        "1.改造校舍2000m²\n2.受益学生≥500人",
    ]
    assert texts(layout) == ["3.第三项", "9.第九项"]


def _b_with_nested_indicators(tail: str) -> str:
    values = B_PROJECTS[0]
    header = [[None if t is None else t.format(**values) for t in row] for row in B_HEADER]
    indicators = [[t.format(**values) if t else "" for t in row[1:]] for row in B_INDICATORS]
    indicators[2][0] = indicators[1][0]  # no merges inside: one row per indicator
    nested = grid_table([list(r) for r in indicators])
    return grid_table(header).replace(
        "\n</tbody>", f"\n<tr><td>绩效指标</td><td colspan=4>{nested}</td></tr>\n{tail}</tbody>"
    )


def test_indicator_table_nested_in_a_cell_is_a_table_of_its_own() -> None:
    """A 申报表 whose 绩效指标 cell holds the indicator table: the outer table is cut around
    it, so the header fields, then the indicators (then the rows below) are read in order."""
    tail = "<tr><td>备注</td><td colspan=4>无</td></tr>\n"
    layout = read_html(page(_b_with_nested_indicators(tail)).encode(), source="nested.html")
    assert [len(t.cells) for t in layout.tables()] == [15, 20, 2]
    assert texts(layout) == ["绩效指标"]
    assert [t.cells[0].position.row for t in layout.tables()] == [1, 1, 8]  # source <tr>
    assert [t.cells[0].text for t in layout.tables()] == ["项目名称", "一级指标", "备注"]

    layout = read_html(page(_b_with_nested_indicators("")).encode(), source="nested.html")
    (project,) = assembled(layout).projects
    values = B_PROJECTS[0]
    assert project.name == values["name"]
    assert project.budget.total == Decimal("320.00")
    assert [(i.level1, i.name, i.value_text) for i in project.indicators] == [
        ("产出指标", "新建管网长度", "≥40公里"),
        ("产出指标", "完工时间", "2024年11月底前"),
        ("效益指标", "受益人口", "≥0.8万人"),
        ("满意度指标", "受益群众满意度", "≥92%"),
    ]


def test_layout_table_whose_content_cell_holds_only_the_table(
    seeds: dict[str, Document],
) -> None:
    rows: list[Row] = [["一级指标", "二级指标", "三级指标", "指标值"]]
    rows += [["产出指标", "数量指标", f"指标{n}", f"≥{n}0%"] for n in range(1, 6)]
    body = (
        "<p>项目名称：乡村道路养护</p>"
        "<table width=100%><tr><td><a href=/>网站首页</a></td>"
        "<td><a href=/xx>信息公开</a></td></tr>"
        f"<tr><td width=20%></td><td>{grid_table(rows)}</td></tr></table>"
    )
    layout = read_html(page(body).encode(), source="wrapped.html")
    (project,) = assembled(layout).projects
    assert project.name == "乡村道路养护"
    assert project.unit == Unit() and project.extra == []  # the menu is not read as fields
    assert [i.value_text for i in project.indicators] == [f"≥{n}0%" for n in range(1, 6)]


def test_family_f_flat_list_with_merged_unit_and_project_cells() -> None:
    """A system export as a page: one row per indicator, the unit and project cells merged
    down their block (rowspan), amounts in 元 said in a paragraph above the table."""
    out = ["产出指标", "数量指标"]
    rows: list[Row] = [
        [
            "单位名称",
            "项目名称",
            "预算数",
            "年度目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
        ],
        [
            "[610301]某镇人民政府",
            "人居环境整治",
            "1,200,000.00",
            "整治村庄12个",
            *out,
            "整治村庄数",
            "12个",
        ],
        [None, None, None, None, None, "质量指标", "验收合格率", "100%"],
        [None, None, None, None, "满意度指标", "服务对象满意度指标", "村民满意度", "≥90%"],
        [None, "农村公路养护", "356,000.50", "养护公路50公里", *out, "养护里程", "50公里"],
        [
            "[610302]另一镇人民政府",
            "人居环境整治",
            "800,000.00",
            "整治村庄8个",
            *out,
            "整治村庄数",
            "8个",
        ],
    ]
    html_page = page("<p>项目支出绩效目标表</p><p align=right>金额单位：元</p>" + grid_table(rows))
    layout = read_html(html_page.encode(), source="f.html")
    unit = next(c for c in only_table(layout).cells if c.text.startswith("[610301]"))
    assert unit.rowspan == 4
    doc = assembled(layout)
    got = [
        (p.unit.code, p.name, p.money_unit, p.budget.total, p.goals, len(p.indicators))
        for p in doc.projects
    ]
    assert got == [
        ("610301", "人居环境整治", "元", Decimal("1200000.00"), ["整治村庄12个"], 3),
        ("610301", "农村公路养护", "元", Decimal("356000.50"), ["养护公路50公里"], 1),
        ("610302", "人居环境整治", "元", Decimal("800000.00"), ["整治村庄8个"], 1),
    ]
    assert [(i.level1, i.level2, i.name) for i in doc.projects[0].indicators] == [
        ("产出指标", "数量指标", "整治村庄数"),
        ("产出指标", "质量指标", "验收合格率"),
        ("满意度指标", "服务对象满意度指标", "村民满意度"),
    ]


def test_site_header_table_before_the_title(seeds: dict[str, Document]) -> None:
    """As Chrome saves a page (MHTML snapshot of the live DOM): a table-based site header,
    and a table a script wrote, stand before the document's title."""
    header = (
        "<table class=head><tr><td><a href=/>网站首页</a></td><td><a href=/xxgk>信息公开</a>"
        "</td><td><a href=/hd>互动交流</a></td></tr></table>\n"
        "<table><tbody><tr><td>一级指标</td></tr></tbody></table>\n"
    )
    text = hebei_page(seeds["001"]).replace("<body>\n", "<body>\n" + header, 1)
    back = read_bytes(mhtml(text), name="snapshot.mhtml")
    assert_same(seeds["001"], back)
