"""Rows of the DOCX text export: blank lines inside cells vs. row ends."""

from __future__ import annotations

from jixiao.layout import Paragraph, Table
from jixiao.readers.text.docx_export import read_docx_export

HEADER = "\t一级指标\n\t二级指标\n\t三级指标\n\t绩效指标描述\n\t指标值\n\t指标值确定依据\n\n"


def _rows(text: str) -> list[list[str]]:
    layout = read_docx_export(text)
    tables = [b for b in layout.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    return [[c.text for c in row] for row in tables[0].rows()]


def test_cell_with_trailing_empty_paragraphs_stays_in_its_row() -> None:
    text = HEADER + "\t产出指标\n\t数量指标\n\t活动完成率\n\n\t保障工作\n\n\n\t≥95百分比\n\t\n\n"
    assert _rows(text)[1] == ["产出指标", "数量指标", "活动完成率", "保障工作", "≥95百分比", ""]


def test_rows_of_other_widths_are_not_merged() -> None:
    text = (
        "\t项目编码\n\tA-1\n\t项目名称\n\t经费\n\n"
        "\t预算规模及资金用途\n\t预算数\n\t5.00\n\t其中：财政资金\n\t5.00\n\t其他资金\n\t\n\n"
        "\t\n\t用途\n\n"
        "\t资金支出计划（%）\n\t3月底\n\t6月底\n\t10月底\n\t12月底\n\n"
    )
    assert [len(r) for r in _rows(text)] == [4, 7, 2, 5]


def test_continuation_lines_and_paragraphs() -> None:
    text = (
        "\t\t\t（二）分项绩效目标：\n[bookmark: _Toc1]1、X绩效目标表\n"
        "\t绩效目标\n\t1、甲\n2、乙\n\n正文\n"
    )
    layout = read_docx_export(text)
    kinds = [type(b).__name__ for b in layout.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Table", "Paragraph"]
    first, second = layout.blocks[0], layout.blocks[1]
    assert isinstance(first, Paragraph) and first.text == "（二）分项绩效目标："
    assert isinstance(second, Paragraph) and second.text == "1、X绩效目标表"
    table = layout.blocks[2]
    assert isinstance(table, Table)
    assert [c.text for c in table.rows()[0]] == ["绩效目标", "1、甲\n2、乙"]
    assert table.cells[1].position.line == 4
    assert table.cells[1].position.end_line == 5
