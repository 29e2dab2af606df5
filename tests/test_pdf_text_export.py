"""Rebuilding cells from text exported from a PDF."""

from __future__ import annotations

from jixiao.readers.text.pdf_export_indicators import read_indicator_rows
from jixiao.readers.text.pdf_export_lines import join_paragraphs, split_lines


def _rows(text: str) -> list[tuple[str, str, list[str]]]:
    return [(r.level1, r.level2, r.cells) for r in read_indicator_rows(split_lines(text))]


def test_tight_and_loose_breaks() -> None:
    lines = split_lines(" 1\n\n第一行\n第二行\n\n\n第三行")
    assert [(line.text, line.tight, line.page_start) for line in lines] == [
        ("1", False, True),
        ("第一行", False, False),
        ("第二行", True, False),
        ("第三行", False, False),
    ]


def test_wrapped_cells_and_shared_lines() -> None:
    text = (
        "产出指标\n\n数量指标\n\n土地招拍挂\n\n公正及发布\n\n公告数量\n\n"
        "土地招拍挂公正及发布公告\n\n数量\n≥20 次\n\n土地招拍挂公正\n\n及发布公告数量\n\n≥20 次\n\n"
        "时效指标 完成及时性 完成及时性\n≥98 百分\n\n比\n\n完成及时性\n\n≥98%\n\n"
        "成本指标\n预算经费控\n\n制\n预算经费控制 ≤10 万元\n\n预算经费控制\n\n≤10 万元\n\n"
        "效益指标\n社会效益指\n\n标\n\n优化我县营\n\n商环境\n优化我县营商环境 1 有效改善 有效改善\n"
    )
    assert _rows(text) == [
        (
            "产出指标",
            "数量指标",
            ["土地招拍挂公正及发布公告数量"] * 2 + ["≥20 次", "土地招拍挂公正及发布公告数量≥20 次"],
        ),
        ("产出指标", "时效指标", ["完成及时性", "完成及时性", "≥98 百分比", "完成及时性≥98%"]),
        (
            "产出指标",
            "成本指标",
            ["预算经费控制", "预算经费控制", "≤10 万元", "预算经费控制≤10 万元"],
        ),
        (
            "效益指标",
            "社会效益指标",
            ["优化我县营商环境", "优化我县营商环境", "1 有效改善", "有效改善"],
        ),
    ]


def test_level1_cost_template_2021() -> None:
    text = "成本指标\n\n经济成本指标\n\n设备购置成本\n\n设备购置成本\n\n≤10 万元\n\n预算\n"
    assert _rows(text) == [
        ("成本指标", "经济成本指标", ["设备购置成本", "设备购置成本", "≤10 万元", "预算"])
    ]


def test_paragraphs_join_full_lines_only() -> None:
    # Both long lines fill the same text width (≈31.5 em); the short ones end paragraphs.
    long, long2 = "一" * 30, "二" * 28
    text = f"1、{long}\n\n尾。\n\n2、短句。\n\n目标 1：{long2}\n\n续。"
    paragraphs = [p for p, _, _ in join_paragraphs(split_lines(text))]
    assert paragraphs == [f"1、{long}尾。", "2、短句。", f"目标 1：{long2}续。"]
