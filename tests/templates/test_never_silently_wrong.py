"""Issue 9, item 5, as a user meets it on the command line: a file whose tables carry no
indicator columns is refused with what was seen and a non-zero exit; a table only partly
understood is read with everything kept, a warning, and exit 0."""

from __future__ import annotations

import io
import json
from pathlib import Path

from docx import Document as WordDocument

from tests.test_cli import run_cli


def _docx(tables: list[list[list[str]]], paragraphs: tuple[str, ...] = ()) -> bytes:
    word = WordDocument()
    for text in paragraphs:
        word.add_paragraph(text)
    for rows in tables:
        table = word.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        word.add_paragraph("")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_tables_without_indicator_columns_are_refused_saying_what_was_seen(
    tmp_path: Path,
) -> None:
    path = tmp_path / "三张表.docx"
    path.write_bytes(
        _docx(
            [
                [["单位名称", "某县交通运输局"], ["联系人", "张三"]],
                [["序号", "支出项目", "金额（万元）"], ["1", "办公费", "12.00"]],
                [["收入合计", "320.00"], ["支出合计", "320.00"]],
            ],
            ("2024年部门预算公开",),
        )
    )
    result = run_cli("parse", path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "找到 3 个表格，但没有一个含一级/二级/三级指标栏目" in result.stderr
    assert path.name in result.stderr


def test_a_partly_understood_table_is_kept_whole_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "采购项目.docx"
    path.write_bytes(
        _docx(
            [
                [
                    ["项目名称", "图书采购", "", "", ""],
                    ["一级指标", "二级指标", "三级指标", "指标值", "采购方式"],
                    ["产出指标", "数量指标", "采购册数", "≥5000册", "公开招标"],
                    ["满意度指标", "服务对象满意度指标", "读者满意度", "≥90%", "询价"],
                ]
            ]
        )
    )
    result = run_cli("parse", path)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    (project,) = doc["projects"]
    assert [i["name"] for i in project["indicators"]] == ["采购册数", "读者满意度"]
    kept = [(e["label"], e["text"]) for i in project["indicators"] for e in i["extra"]]
    assert kept == [("采购方式", "公开招标"), ("采购方式", "询价")]
    assert all(e["source"]["row"] for i in project["indicators"] for e in i["extra"])
    assert [w["code"] for w in doc["warnings"]] == ["columns_unrecognised"]
    assert "采购方式" in result.stderr  # the warning is shown to the user too
