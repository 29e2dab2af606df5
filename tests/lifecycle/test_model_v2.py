"""Schema version 2: the lifecycle records, the migration from version 1 and indicator identity."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from jixiao.model import (
    Document,
    Indicator,
    IndicatorProgress,
    IndicatorResult,
    IndicatorValue,
    MonitoringRecord,
    Project,
    SelfEvaluation,
    SourceInfo,
    indicator_key,
    indicator_keys,
)
from jixiao.model.identity import keyed_indicators
from jixiao.model.migrate import migrate_document
from jixiao.values import parse_value
from tests.conftest import GOLDEN

SOURCE = {"name": "x.json", "format": "json", "sha256": "0" * 64}


def _indicator(level1: str, level2: str, name: str, value: str = "≥10人") -> Indicator:
    from jixiao.model import categorize

    return Indicator(
        level1=level1,
        level2=level2,
        category=categorize(level1, level2),
        name=name,
        value_text=value,
        value=parse_value(value),
    )


def test_v1_document_reads_as_v2_and_writes_unchanged_apart_from_version() -> None:
    golden = GOLDEN / "000_217769b0965ce555.json"
    v2 = json.loads(golden.read_text(encoding="utf-8"))
    v1 = {**v2, "schema_version": "1"}
    doc = Document.model_validate(v1)
    assert doc.schema_version == "2"
    assert json.loads(doc.to_json()) == v2
    assert "monitoring" not in doc.to_json()
    assert "self_evaluation" not in doc.to_json()


def test_migration_steps_and_refusals() -> None:
    assert migrate_document({"schema_version": "1", "x": 1}) == {"schema_version": "2", "x": 1}
    assert migrate_document({"schema_version": 2}) == {"schema_version": 2}
    assert migrate_document("not a dict") == "not a dict"
    with pytest.raises(ValueError, match="版本是 3，比本程序支持的版本 2 新"):
        migrate_document({"schema_version": "3"})
    with pytest.raises(ValidationError, match="无法识别"):
        Document.model_validate({"schema_version": "abc", "source": SOURCE})
    with pytest.raises(ValidationError, match="请升级 jixiao"):
        Document.from_json(json.dumps({"schema_version": "7", "source": SOURCE}))


def test_lifecycle_records_round_trip_through_json() -> None:
    key = "output.quantity:培训人数"
    project = Project(
        seq=1,
        name="培训项目",
        indicators=[_indicator("产出指标", "数量指标", "培训人数", "≥100人")],
        monitoring=[
            MonitoringRecord(
                month=7,
                adjusted_budget=Decimal("120.50"),
                executed=Decimal("40.25"),
                indicators=[
                    IndicatorProgress(
                        indicator=key,
                        achieved_text="45人",
                        achieved=parse_value("45人"),
                        causes=["经费保障", "其他"],
                        cause_text="资金下达较晚",
                        likelihood="有可能",
                    )
                ],
            )
        ],
        self_evaluation=SelfEvaluation(
            initial_budget=Decimal(100),
            annual_budget=Decimal("120.50"),
            executed=Decimal("118.09"),
            indicators=[
                IndicatorResult(
                    indicator=key,
                    weight=Decimal(20),
                    actual_text="96人",
                    actual=parse_value("96人"),
                    declared_score=Decimal("19.2"),
                    analysis="部分学员未到",
                )
            ],
            declared_total=Decimal("95.5"),
            declared_grade="优",
        ),
    )
    doc = Document(source=SourceInfo.model_validate(SOURCE), projects=[project])
    text = doc.to_json()
    data = json.loads(text)
    assert data["schema_version"] == "2"
    record = data["projects"][0]["monitoring"][0]
    assert record["executed"] == 40.25
    assert record["indicators"][0]["causes"] == ["经费保障", "其他"]
    assert "remark" not in record["indicators"][0]  # empty fields are left out
    again = Document.from_json(text)
    assert again == doc
    assert again.projects[0].self_evaluation is not None
    assert again.projects[0].self_evaluation.executed == Decimal("118.09")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("causes", ["资金不足"]),
        ("likelihood", "可能"),
    ],
)
def test_official_lists_only(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        IndicatorProgress.model_validate({"indicator": "k", field: value})


@pytest.mark.parametrize("month", [0, 13, -1])
def test_month_is_one_to_twelve(month: int) -> None:
    with pytest.raises(ValidationError):
        MonitoringRecord(month=month)
    assert MonitoringRecord(month=12).month == 12


def test_department_carries_lifecycle_records() -> None:
    doc = Document.model_validate(
        {
            "schema_version": "1",
            "source": SOURCE,
            "department": {
                "overall_goals": ["目标"],
                "sub_goals": [],
                "safeguards": [],
                "monitoring": [{"month": 6, "executed": 10}],
                "self_evaluation": {"annual_budget": 500, "executed": 380},
            },
        }
    )
    assert doc.department.monitoring[0].executed == Decimal(10)
    assert doc.department.self_evaluation is not None
    assert Document.from_json(doc.to_json()) == doc


def test_identity_is_stable_across_printing_variants() -> None:
    a = _indicator("产出指标", "数量指标", "培训 人数")
    b = _indicator("产出", "数量", "培訓人數")  # traditional characters, short labels
    c = _indicator("产出指标", "数量指标", "ＡＢＣ覆盖率")
    assert indicator_key(a) == indicator_key(b) == "output.quantity:培训人数"
    assert indicator_key(c) == "output.quantity:abc覆盖率"


def test_identity_of_unknown_labels_and_duplicates() -> None:
    odd = _indicator("其他 指标", "特色类", "宣传次数")
    assert odd.category is None
    assert indicator_key(odd) == "其他/特色:宣传次数"
    same = _indicator("产出指标", "数量指标", "宣传次数")
    rows = [same, odd, same, _indicator("产出指标", "质量指标", "宣传次数"), same]
    assert indicator_keys(rows) == [
        "output.quantity:宣传次数",
        "其他/特色:宣传次数",
        "output.quantity:宣传次数#2",
        "output.quality:宣传次数",
        "output.quantity:宣传次数#3",
    ]
    reordered = [rows[3], rows[0], rows[1]]
    assert keyed_indicators(reordered)["output.quality:宣传次数"] is rows[3]


def test_value_kinds_are_kept() -> None:
    result = IndicatorResult(indicator="k", actual_text="有效改善", actual=parse_value("有效改善"))
    assert isinstance(result.actual, IndicatorValue)
    assert result.actual.kind == "qualitative"
    assert result.applicable is True


def test_reading_a_newer_document_says_so_in_chinese(tmp_path: Path) -> None:
    import jixiao
    from jixiao._exceptions import JixiaoError

    path = tmp_path / "新版本.json"
    path.write_text(json.dumps({"schema_version": "3", "source": SOURCE}), encoding="utf-8")
    with pytest.raises(JixiaoError) as caught:
        jixiao.read_path(path)
    message = str(caught.value)
    assert "文档的数据格式版本是 3，比本程序支持的版本 2 新" in message
    assert "Value error" not in message
