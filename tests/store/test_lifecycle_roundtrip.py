"""Lifecycle records (schema version 2) survive storage field for field, on both databases."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

import jixiao
from jixiao.model import (
    Department,
    Document,
    IndicatorProgress,
    IndicatorResult,
    MonitoringRecord,
    SelfEvaluation,
    indicator_keys,
)
from jixiao.store import commit, load_document, store_document
from jixiao.store.models import DocumentRow
from jixiao.values import parse_value
from tests.conftest import SEEDS
from tests.store.test_roundtrip import exact, round_trip


def _with_lifecycle(doc: Document) -> Document:
    project = doc.projects[0]
    keys = indicator_keys(project.indicators)
    monitoring = MonitoringRecord(
        month=7,
        adjusted_budget=Decimal("80.10"),
        executed=Decimal("33.333"),
        goal_progress="按计划推进",
        indicators=[
            IndicatorProgress(
                indicator=keys[0],
                name=project.indicators[0].name,
                achieved_text="≥60%",
                achieved=parse_value("≥60%"),
                projected_text="96%",
                projected=parse_value("96%"),
                causes=["人员保障"],
                cause_text="人员调整",
                likelihood="确定能",
                remark="无",
            )
        ],
    )
    evaluation = SelfEvaluation(
        initial_budget=Decimal("72.64"),
        annual_budget=Decimal("80.10"),
        executed=Decimal("79.5"),
        goal_outcome="完成",
        indicators=[
            IndicatorResult(
                indicator=key,
                weight=Decimal("12.5"),
                actual_text="有效改善",
                actual=parse_value("有效改善"),
                tier="部分达成",
                applicable=i != 1,
                declared_score=Decimal("7.50"),
                analysis="下年改进",
            )
            for i, key in enumerate(keys)
        ],
        declared_total=Decimal("88.88"),
        declared_grade="良",
    )
    projects = [
        project.model_copy(update={"monitoring": [monitoring], "self_evaluation": evaluation}),
        *doc.projects[1:],
    ]
    department = Department.model_validate(
        {**doc.department.model_dump(), "monitoring": [monitoring.model_copy(update={"month": 6})]}
    )
    return doc.model_copy(update={"projects": projects, "department": department})


def test_lifecycle_round_trip(session: Session) -> None:
    doc = _with_lifecycle(jixiao.read_path(SEEDS[sorted(SEEDS)[0]]))
    loaded = round_trip(session, doc)
    assert loaded == doc
    assert exact(loaded.model_dump()) == exact(doc.model_dump())
    assert loaded.to_json() == doc.to_json()
    assert loaded.projects[0].monitoring[0].executed == Decimal("33.333")


def test_version_one_rows_load_as_version_two(session: Session) -> None:
    doc = jixiao.read_path(SEEDS[sorted(SEEDS)[1]])
    row = store_document(session, doc)
    row.schema_version = "1"  # as stored by a release before version 2
    commit(session)
    document_id = row.id
    session.expunge_all()
    assert session.scalar(select(DocumentRow.schema_version)) == "1"
    loaded = load_document(session, document_id)
    assert loaded.schema_version == "2"
    assert loaded == doc
