"""PDF in and out: the seeds typeset to PDF and read back give the same model.

Also: variants a real PDF shows (cells that wrap, one project table over several pages with
the header row repeated, amounts in 元, the 2021 template with 成本指标 as a 一级), the HTML the
PDF is made from, the PDFium fallback for undecodable text, and hostile files (encrypted,
scanned, damaged, no tables, 500 pages), which must fail fast with a Chinese message and
bounded memory. Every PDF is rendered once per session.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao import Document, read_path
from jixiao._exceptions import (
    JixiaoError,
    NotAPerformanceDocumentError,
    ReadError,
    UnsupportedFormatError,
)
from jixiao.assemble import assemble
from jixiao.model import (
    Budget,
    Department,
    Indicator,
    Project,
    SourceInfo,
    SpendingPoint,
    Unit,
    categorize,
)
from jixiao.readers.paged import page_reader
from jixiao.readers.pdf import read_pdf
from jixiao.readers.pdf import reader as pdf_reader
from jixiao.render.html import render_html
from jixiao.render.pdf import render_pdf
from jixiao.values import parse_value
from tests.conftest import SEEDS
from tests.formats._helpers import assert_same

try:
    import pdfplumber
    import pypdf
    import weasyprint
except ImportError as exc:  # pragma: no cover - a clear failure, never a silent skip
    raise ImportError(
        "PDF 测试需要 weasyprint、pdfplumber、pypdfium2 和 pypdf："
        "请运行 pip install weasyprint pdfplumber pypdfium2 pypdf"
        "（以及 apt-get install fonts-noto-cjk libharfbuzz-subset0）"
    ) from exc


# -- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def seeds() -> dict[str, Document]:
    return {name: read_path(path) for name, path in sorted(SEEDS.items())}


@pytest.fixture(scope="session")
def rendered(seeds: dict[str, Document]) -> dict[str, bytes]:
    return {name: render_pdf(doc) for name, doc in seeds.items()}


def read_back(data: bytes, name: str = "test.pdf") -> Document:
    layout = read_pdf(data, source=name)
    info = SourceInfo(name=name, format="pdf", sha256=hashlib.sha256(data).hexdigest())
    return assemble(layout, info)


def indicator(
    l1: str, l2: str, name: str, value: str, desc: str = "", basis: str = ""
) -> Indicator:
    return Indicator(
        level1=l1,
        level2=l2,
        category=categorize(l1, l2),
        name=name,
        description=desc or None,
        value_text=value,
        value=parse_value(value),
        basis=basis or None,
    )


def project(seq: int, name: str, indicators: list[Indicator], **fields: Any) -> Project:
    values: dict[str, Any] = {
        "seq": seq,
        "title": f"{seq}、{name}绩效目标表",
        "unit": Unit(code="483001", name="乐亭县行政审批局本级"),
        "code": f"13022525P004RE21005{seq}L",
        "name": name,
        "budget": Budget(total=Decimal("29.25"), fiscal=Decimal("29.25"), other=None),
        "purpose": "保障业务正常开展",
        "spending_plan": [
            SpendingPoint(month=m, percent=Decimal(p))
            for m, p in ((3, "25.00"), (6, "50.00"), (10, "75.00"), (12, "100.00"))
        ],
        "goals": ["保证业务正常有序开展"],
        "indicators": indicators,
    }
    values.update(fields)
    return Project(**values)


def document(projects: list[Project], title: str | None = None, **fields: Any) -> Document:
    return Document(
        source=SourceInfo(name="variant", format="text", sha256="0" * 64),
        title=title,
        fiscal_year=fields.pop("fiscal_year", 2025),  # the year digits of the codes below
        department=fields.pop("department", Department()),
        projects=projects,
    )


# -- round trips ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_round_trip(name: str, seeds: dict[str, Document], rendered: dict[str, bytes]) -> None:
    back = read_back(rendered[name])
    assert_same(seeds[name], back)
    assert back.source.format == "pdf"
    first = back.projects[0].indicators[0].source
    assert first.page is not None and first.table is not None and first.row is not None


def test_layout_has_true_spans_and_positions(rendered: dict[str, bytes]) -> None:
    layout = read_pdf(rendered["002"], source="002.pdf")
    tables = list(layout.tables())
    merged = [c for t in tables for c in t.cells if c.rowspan > 1]
    assert merged and {c.text for c in merged} >= {"产出指标", "效益指标"}
    labels = {c.text: c.rowspan for c in merged}
    assert labels["预算规模及资金用途"] == 2 and labels["资金支出计划（%）"] == 2
    cell = tables[0].cells[0]
    assert cell.position.page == tables[0].position.page == 2  # front matter fills page 1
    assert (cell.position.table, cell.position.row, cell.position.col) == (1, 1, 1)
    assert cell.position.bbox is not None
    assert all(not re.fullmatch(r"[0-9]+", p.text) for p in layout.paragraphs())  # page numbers


def test_pdfium_fallback_reads_the_same(
    monkeypatch: pytest.MonkeyPatch, seeds: dict[str, Document], rendered: dict[str, bytes]
) -> None:
    """Pages pdfminer cannot decode are read again with PDFium; force that path here."""
    real = pdf_reader.garbled_share
    monkeypatch.setattr(
        pdf_reader,
        "garbled_share",
        lambda chars: 1.0 if chars and "fontname" in chars[0] else real(chars),
    )
    assert_same(seeds["001"], read_back(rendered["001"]))


def test_long_cells_wrap(seeds: dict[str, Document]) -> None:
    long = "，".join(["按照年度工作计划完成各项审批服务保障任务并接受社会监督"] * 4) + "。"
    indicators = [
        indicator("产出指标", "数量指标", "购买各种管理机、终端机数量" * 3, "30 个", long, long),
        indicator("产出指标", "质量指标", "合格率", "≥98 百分比", "产品合格率", long),
        indicator("产出指标", "时效指标", "完成时限", "2023年12月底前", long),
        indicator("效益指标", "社会效益指标", "营商环境", "不低于上年度水平且逐年有效改善提高"),
        indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥95%", basis="问卷调查"),
    ]
    doc = document(
        [
            project(
                1,
                "公共资源“双盲评审”<b>分散评标</b> & 异地评标系统建设及运行维护专项工作资金",
                indicators,
                purpose=long * 2,
                goals=["2023年完成" + long, "满足“双盲评审”“分散评标”对系统的要求", long],
            )
        ],
        title="乐亭县行政审批局2023年部门预算绩效信息",
        fiscal_year=2023,
        department=Department(
            overall_goals=[long, "2023年" + long],
            sub_goals=["公共资源经费\n目标 1：" + long + "\n目标 2：增收节支。"],
            safeguards=[long * 3],
        ),
    )
    assert_same(doc, read_back(render_pdf(doc)))


@pytest.fixture(scope="session")
def many_indicators() -> tuple[Document, bytes]:
    groups = [
        ("产出指标", "数量指标", 20),
        ("产出指标", "质量指标", 15),
        ("产出指标", "时效指标", 5),
        ("产出指标", "成本指标", 5),
        ("效益指标", "社会效益指标", 10),
        ("满意度指标", "服务对象满意度指标", 5),
    ]
    indicators = [
        indicator(l1, l2, f"{l2}第{n}项", f"≥{90 + n % 10}%", f"反映{l2}第{n}项的完成情况")
        for l1, l2, count in groups
        for n in range(1, count + 1)
    ]
    doc = document(
        [
            project(1, "审批中心办公楼运行维护费", indicators[:3]),
            project(2, "网络运行维护费", indicators),
            project(3, "政务服务中心业务经费", indicators[:4]),
        ]
    )
    return doc, render_pdf(doc)


def test_table_over_pages_with_repeated_header(many_indicators: tuple[Document, bytes]) -> None:
    doc, data = many_indicators
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) >= 4
    assert sum(text.count("一级指标") for text in pages) >= 5  # the header repeated per page
    layout = read_pdf(data, source="long.pdf")
    headers = [r for t in layout.tables() for r in t.rows() if r and r[0].text == "一级指标"]
    assert len(headers) == 3  # one per project: repeated header rows were dropped
    table = next(t for t in layout.tables() if t.n_rows == 61)  # the fragments, stitched
    assert len({c.position.page for c in table.cells}) >= 3
    assert {c.col for c in table.cells} == set(range(6))
    back = read_back(data)
    assert len(back.projects[1].indicators) == 60
    assert_same(doc, back)


def test_assembler_tolerates_a_repeated_header_row(
    monkeypatch: pytest.MonkeyPatch, many_indicators: tuple[Document, bytes]
) -> None:
    """Were the repeated header kept, the assembler would re-map its columns: harmless."""
    doc, data = many_indicators
    monkeypatch.setattr(page_reader, "without_repeated_header", lambda item, previous: item)
    layout = read_pdf(data, source="long.pdf")
    rows = [r for t in layout.tables() for r in t.rows()]
    assert sum(1 for r in rows if r and r[0].text == "一级指标") > 3
    assert_same(doc, read_back(data))


def test_amounts_in_yuan() -> None:
    plan = [("3", "12.50"), ("6", "37.5"), ("10", "80"), ("12", "100.00")]
    doc = document(
        [
            project(
                1,
                "信息化服务建设专项",
                [indicator("产出指标", "成本指标", "预算成本控制数", "≤1234567.89元")],
                money_unit="元",
                budget=Budget(
                    total=Decimal("1234567.89"),
                    fiscal=Decimal("1000000.00"),
                    other=Decimal("234567.89"),
                ),
                spending_plan=[SpendingPoint(month=int(m), percent=Decimal(p)) for m, p in plan],
            ),
            project(
                2,
                "业务评审专项",
                [indicator("满意度指标", "服务对象满意度指标", "满意度", "≥95%")],
                money_unit="元",
                budget=Budget(total=Decimal("500"), fiscal=None, other=Decimal("500.0")),
                purpose=None,
                spending_plan=[],
                goals=[],
            ),
        ]
    )
    back = read_back(render_pdf(doc))
    assert back.projects[0].budget.total == Decimal("1234567.89")
    assert str(back.projects[1].budget.other) == "500.0"
    assert_same(doc, back)


def test_2021_template_cost_as_level1() -> None:
    indicators = [
        indicator("成本指标", "经济成本指标", "项目总成本", "≤50万元"),
        indicator("成本指标", "社会成本指标", "社会成本", "无"),
        indicator("成本指标", "生态环境成本指标", "生态环境成本", "无"),
        indicator("产出指标", "数量指标", "设备数量", "30台"),
        indicator("效益指标", "可持续影响指标", "系统使用年限", "≥5年"),
        indicator("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
    ]
    doc = document([project(1, "信息化服务建设专项", indicators)])
    back = read_back(render_pdf(doc))
    assert [i.category for i in back.projects[0].indicators][:3] == [
        "cost.economic",
        "cost.social",
        "cost.ecological",
    ]
    assert_same(doc, back)


# -- HTML -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_html_self_contained(name: str, seeds: dict[str, Document]) -> None:
    html = render_html(seeds[name])
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", html, re.I)
    assert not re.search(r"<(?:script|link|iframe|img)\b", html, re.I)
    assert "thead { display: table-header-group; }" in html and "@media print" in html
    for p in seeds[name].projects:
        assert p.name.replace(" ", "\u00a0") in html
        assert f"单位：{p.money_unit}" in html


def test_html_escapes_markup() -> None:
    doc = document(
        [
            project(
                1,
                '<script>alert("x")</script>&amp;',
                [indicator("产出指标", "数量指标", "<img src=x>", "≥95%")],
            )
        ],
        title="<h1>标题</h1>",
    )
    html = render_html(doc)
    assert "<script>" not in html and "<img src=x>" not in html and "<h1>标题" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;amp;" in html


def test_html_amounts_keep_digits() -> None:
    doc = document(
        [
            project(
                1,
                "法律顾问费",
                [indicator("产出指标", "数量指标", "结案率", "≥95%")],
                budget=Budget(total=Decimal("1E+2"), fiscal=Decimal("72.640"), other=None),
            )
        ]
    )
    html = render_html(doc)
    assert ">100<" in html and ">72.640<" in html and "E+2" not in html


# -- fonts ------------------------------------------------------------------------------


def test_pdf_embeds_a_cjk_font(rendered: dict[str, bytes]) -> None:
    reader = pypdf.PdfReader(io.BytesIO(rendered["000"]))
    embedded = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                if any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    embedded.add(str(font["/BaseFont"]))
    assert any("CJK" in name for name in embedded), embedded


def test_fast_font_subsetting_is_available() -> None:
    """Without HarfBuzz's subsetter WeasyPrint falls back to fontTools: 7-10 s per document
    with Noto CJK instead of 0.2 s, which would make this file take minutes."""
    from weasyprint.text.ffi import harfbuzz_subset

    assert harfbuzz_subset, "请安装 HarfBuzz 子集库：apt-get install libharfbuzz-subset0"


def _latin_font() -> Path:
    for path in sorted(Path("/usr/share/fonts").rglob("*.ttf")):
        if "cjk" not in str(path).lower():
            return path
    pytest.fail("此测试需要一个非中文字体：请运行 apt-get install fonts-dejavu-core")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fonts", "message"), [("none", "没有任何字体"), ("latin", "未找到可用的中文字体")]
)
def test_missing_fonts_are_a_clear_error(tmp_path: Path, fonts: str, message: str) -> None:
    """Without a CJK font every character would print as a box (and without any font Pango
    crashes): refuse before, in Chinese. Run in a child process with its own fontconfig, and
    with JIXIAO_PDF_FONT=system so the bundled font (tests/test_fonts.py) is not used."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    if fonts == "latin":
        font = _latin_font()
        (folder / font.name).symlink_to(font)
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><fontconfig>'
        f"<dir>{folder}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    script = (
        "from jixiao import read_path\n"
        "from jixiao.render.pdf import render_pdf\n"
        "from jixiao._exceptions import JixiaoError\n"
        f"doc = read_path({str(SEEDS['002'])!r})\n"
        "try:\n    render_pdf(doc)\nexcept JixiaoError as e:\n    print('ERR', e)\n"
        "else:\n    print('OK')\n"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "JIXIAO_PDF_FONT": "system"}
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("ERR") and message in out.stdout, out.stdout + out.stderr
    assert "fonts-noto-cjk" in out.stdout


# -- hostile files ----------------------------------------------------------------------


def _encrypted(data: bytes, user_password: str) -> bytes:
    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter(clone_from=reader)
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_encrypted_pdf_is_refused(rendered: dict[str, bytes]) -> None:
    data = _encrypted(rendered["002"], "secret")
    with pytest.raises(UnsupportedFormatError, match="加密") as info:
        read_pdf(data, source="locked.pdf")
    assert info.value.source == "locked.pdf" and info.value.hint


def test_pdf_with_owner_password_only_is_read(
    seeds: dict[str, Document], rendered: dict[str, bytes]
) -> None:
    assert_same(seeds["002"], read_back(_encrypted(rendered["002"], "")))


def test_no_tables_is_not_a_performance_document() -> None:
    data = render_pdf(document([], title="关于做好2024年度预算编制工作的通知"))
    layout = read_pdf(data, source="notice.pdf")
    assert not list(layout.tables()) and any("预算编制" in p.text for p in layout.paragraphs())
    with pytest.raises(NotAPerformanceDocumentError):
        read_back(data, "notice.pdf")


def test_scanned_pdf_needs_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that is only an image: without jixiao[ocr] refused with the install hint; with
    it read by OCR (tests/formats/test_ocr.py), and a blank one says nothing was found."""
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(png, format="PNG")
    import base64

    uri = "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()
    data = weasyprint.HTML(string=f'<img src="{uri}" style="width: 150mm">').write_pdf()
    with pytest.raises(ReadError, match="没有识别出任何文字"):
        read_pdf(data, source="scan.pdf")
    monkeypatch.setattr("jixiao.readers.ocr.ocr_available", lambda: False)
    with pytest.raises(UnsupportedFormatError, match="扫描件") as info:
        read_pdf(data, source="scan.pdf")
    assert "jixiao[ocr]" in str(info.value)


def test_undecodable_text_layer(rendered: dict[str, bytes]) -> None:
    """Fonts without a ToUnicode map: pdfminer gives (cid:N), PDFium scattered code points."""
    reader = pypdf.PdfReader(io.BytesIO(rendered["002"]))
    writer = pypdf.PdfWriter()
    for page in reader.pages[:2]:
        writer.add_page(page)
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object().pop("/ToUnicode", None)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(UnsupportedFormatError, match="无法解码"):
        read_pdf(out.getvalue(), source="garbled.pdf")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", b"%PDF-1.4\n" + b"\x00" * 100],
    ids=["garbage", "zeros"],
)
def test_damaged_pdf(data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        read_pdf(data, source="bad.pdf")
    assert info.value.source == "bad.pdf" and re.search(r"[\u4e00-\u9fff]", info.value.message)


def test_truncated_pdf_never_leaks_a_library_error(rendered: dict[str, bytes]) -> None:
    data = rendered["003"]
    for cut in (len(data) // 3, len(data) // 2, len(data) - 200):
        try:
            read_pdf(data[:cut], source="cut.pdf")
        except JixiaoError as exc:
            assert exc.source == "cut.pdf"


@pytest.fixture(scope="session")
def long_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Simple text PDFs of 50 and 500 pages, typeset once per session."""
    out: dict[int, Path] = {}
    for count in (50, 500):
        body = "".join(
            f'<p style="break-after: page">第 {i} 页：预算绩效目标说明文字。</p>'
            for i in range(count)
        )
        path = tmp_path_factory.mktemp("long") / f"long{count}.pdf"
        path.write_bytes(weasyprint.HTML(string=f"<body>{body}</body>").write_pdf())
        out[count] = path
    return out


def _peak_rss_mb(path: Path) -> dict[str, Any]:
    script = (
        "import json, resource, sys\n"
        "from jixiao.readers.pdf import read_pdf\n"
        "layout = read_pdf(open(sys.argv[1], 'rb').read(), source='long.pdf')\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps({'rss': rss, 'blocks': len(layout.blocks)}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


@pytest.mark.slow
def test_500_pages_in_bounded_memory(long_pdfs: dict[int, Path]) -> None:
    small, large = _peak_rss_mb(long_pdfs[50]), _peak_rss_mb(long_pdfs[500])
    assert large["blocks"] == 500 and small["blocks"] == 50
    assert large["rss"] - small["rss"] < 30, (small, large)  # no growth with the page count


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch, long_pdfs: dict[int, Path]) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PDF_PAGES", 20)
    with pytest.raises(ReadError, match="超过上限"):
        read_pdf(long_pdfs[50].read_bytes(), source="long.pdf")
