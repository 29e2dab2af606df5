"""The document model: categories, exact amounts in JSON, and the committed JSON Schema."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model import Budget, Document, SourceInfo, categorize
from jixiao.model.schema import document_schema_text

SCHEMA_FILE = Path(__file__).parent.parent / "schemas" / "document.schema.json"


@pytest.mark.parametrize(
    ("level1", "level2", "expected"),
    [
        ("产出指标", "数量指标", "output.quantity"),
        ("产出指标", "成本指标", "output.cost"),
        ("产出", "时效", "output.timeliness"),
        ("效果指标", "社会效益指标", "effect.social"),
        ("效益指标", "社会效益", "effect.social"),
        ("效益指标", "环境效益指标", "effect.ecological"),
        ("效益指标", "可持续影响指标", "effect.sustainability"),
        ("满意度指标", "服务对象满意度指标", "satisfaction.beneficiary"),
        ("成本指标", "经济成本指标", "cost.economic"),
        ("成本指标", "生态环境成本指标", "cost.ecological"),
        (" 产出 指标 ", "数量\n指标", "output.quantity"),
        ("产出指标", "社会效益指标", None),
        ("其他", "数量指标", None),
    ],
)
def test_categorize(level1: str, level2: str, expected: str | None) -> None:
    assert categorize(level1, level2) == expected


@pytest.mark.parametrize("text", ["72.64", "0.1", "146.83", "1234567.89", "25.00", "0"])
def test_amounts_are_exact_in_json(text: str) -> None:
    budget = Budget(total=Decimal(text))
    written = budget.model_dump_json()
    assert json.loads(written, parse_float=Decimal)["total"] == Decimal(text)
    assert "000000" not in written
    assert Budget.model_validate_json(written).total == Decimal(text)


def test_document_minimal_json_keys() -> None:
    doc = Document(source=SourceInfo(name="x.txt", format="text", sha256="0" * 64))
    data = json.loads(doc.to_json())
    assert data["schema_version"] == "2"
    assert set(data) == {
        "schema_version",
        "source",
        "title",
        "fiscal_year",
        "department",
        "projects",
        "warnings",
    }
    assert set(data["department"]) == {"overall_goals", "sub_goals", "safeguards"}


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == document_schema_text(), (
        "schemas/document.schema.json is stale: run "
        "`python -m jixiao.model.schema > schemas/document.schema.json`"
    )
