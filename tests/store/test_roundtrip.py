"""A stored document loads back equal to the original, field for field, on both databases."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

import jixiao
from jixiao.model import (
    Budget,
    Document,
    DocumentWarning,
    Indicator,
    IndicatorValue,
    Project,
    SourceInfo,
    SourceLocation,
    SpendingPoint,
    Unit,
)
from jixiao.store import NotFoundError, StoreError, commit, load_document, store_document
from jixiao.store.convert import insert_unit
from jixiao.store.models import DocumentRow, IndicatorRow, ProjectRow, UnitRow
from tests.conftest import SEEDS


def exact(value: Any) -> Any:
    """The model dump with every Decimal as its text, so 72.64 ≠ 72.640000 here."""
    if isinstance(value, Decimal):
        return f"Decimal:{value}"
    if isinstance(value, dict):
        return {k: exact(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [exact(v) for v in value]
    return value


def round_trip(engine_session: Session, doc: Document) -> Document:
    row = store_document(engine_session, doc)
    commit(engine_session)
    document_id = row.id
    engine_session.expunge_all()  # load from the database, not the identity map
    return load_document(engine_session, document_id)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_round_trip(session: Session, seed: str) -> None:
    doc = jixiao.read_path(SEEDS[seed])
    loaded = round_trip(session, doc)
    assert loaded == doc
    assert exact(loaded.model_dump()) == exact(doc.model_dump())
    assert loaded.to_json() == doc.to_json()


def test_all_seeds_in_one_database(session: Session) -> None:
    docs = [jixiao.read_path(path) for path in SEEDS.values()]
    ids = [store_document(session, doc).id for doc in docs]
    commit(session)
    session.expunge_all()
    assert [load_document(session, i) for i in ids] == docs
    # Units are shared: seed 000 has two units, the others one each.
    assert session.scalar(select(func.count()).select_from(UnitRow)) == 5
    projects = sum(len(doc.projects) for doc in docs)
    indicators = sum(len(p.indicators) for doc in docs for p in doc.projects)
    assert session.scalar(select(func.count()).select_from(ProjectRow)) == projects
    assert session.scalar(select(func.count()).select_from(IndicatorRow)) == indicators
    # The same document stored twice is two documents with the same units.
    store_document(session, docs[0])
    commit(session)
    assert session.scalar(select(func.count()).select_from(UnitRow)) == 5
    assert session.scalar(select(func.count()).select_from(DocumentRow)) == 5


def _odd_document() -> Document:
    """Everything the seeds do not have: blank units and amounts, odd scales, bboxes, warnings,
    an unsorted spending plan, a JSON-only source format."""
    value = IndicatorValue(
        kind="quantitative",
        op=">=",
        number=Decimal("95.0"),
        upper=Decimal("1E+2"),
        unit="%",
        anomalies=["repeated_number"],
    )
    indicator = Indicator(
        level1="产出指标",
        level2="数量指标",
        category=None,
        name="群众满意度“好评”",
        description=None,
        value_text="≥9595%以上",
        value=value,
        basis=None,
        source=SourceLocation(page=2, table=1, row=3, col=4, bbox=(1.5, 2.25, 300.125, 40.0)),
    )
    return Document(
        source=SourceInfo(name="某单位 2024.json", format="json", sha256="ab" * 32),
        title="测试'文档\"标题",
        fiscal_year=None,
        projects=[
            Project(
                seq=7,
                unit=Unit(),
                name="无单位项目",
                money_unit="元",
                budget=Budget(total=Decimal("1234567.891234"), fiscal=None, other=Decimal(0)),
                spending_plan=[
                    SpendingPoint(month=12, percent=Decimal("100")),
                    SpendingPoint(month=3, percent=None),
                    SpendingPoint(month=6, percent=Decimal("33.333")),
                ],
                goals=[],
                indicators=[indicator, indicator.model_copy(update={"name": "第二个"})],
            ),
            Project(seq=7, unit=Unit(code="001", name=None), name="同号项目"),
            Project(seq=8, unit=Unit(code=None, name="只有名称"), name="x" * 300),
        ],
        warnings=[
            DocumentWarning(
                code="W1", message="提示", project_seq=7, source=SourceLocation(line=3)
            ),
            DocumentWarning(code="W2", message="无位置"),
        ],
    )


def test_odd_document_round_trip(session: Session) -> None:
    doc = _odd_document()
    loaded = round_trip(session, doc)
    assert loaded == doc
    assert loaded.to_json() == doc.to_json()
    # Only the scale of budget amounts is canonical (two decimals at least).
    budget = loaded.projects[0].budget
    assert str(budget.total) == "1234567.891234"
    assert str(budget.other) == "0.00"
    # Every other decimal keeps its exact text.
    assert str(loaded.projects[0].spending_plan[2].percent) == "33.333"
    assert str(loaded.projects[0].indicators[0].value.number) == "95.0"
    assert [p.month for p in loaded.projects[0].spending_plan] == [12, 3, 6]


def test_amounts_round_to_six_places(session: Session) -> None:
    doc = _odd_document()
    doc.projects[0].budget.total = Decimal("72.6400004")
    loaded = round_trip(session, doc)
    assert str(loaded.projects[0].budget.total) == "72.64"


def test_refuses_duplicate_spending_months(session: Session) -> None:
    doc = _odd_document()
    doc.projects[0].spending_plan.append(SpendingPoint(month=3, percent=Decimal(1)))
    with pytest.raises(StoreError, match="出现了两次"):
        store_document(session, doc)


def test_missing_document(session: Session) -> None:
    with pytest.raises(NotFoundError, match="文档不存在"):
        load_document(session, 12345)


def test_a_unit_inserted_meanwhile_is_reused(engine: Engine) -> None:
    """Two imports of a new unit at once: the second insert finds the first one's row."""
    with Session(engine) as first:
        store_document(first, jixiao.read_path(SEEDS["001"]))
        commit(first)
    unit = jixiao.read_path(SEEDS["001"]).projects[0].unit
    with Session(engine) as second:
        row = insert_unit(second, unit)  # as if its own lookup had found nothing
        assert row.id == 1
        store_document(second, jixiao.read_path(SEEDS["001"]))
        commit(second)
        assert second.scalar(select(func.count()).select_from(UnitRow)) == 1


def test_other_templates_fields_round_trip(session: Session) -> None:
    """Weights, directions, split value pieces, mid-term targets and budgets, extra columns
    and the department-wide table (other provinces' templates) are stored and loaded exactly."""
    from jixiao.model import DepartmentTask, ExtraField, MidTermTarget, ValueParts
    from jixiao.values import parse_value

    indicator = Indicator(
        level1="产出指标",
        level2="数量指标（必填硬性指标）",
        category="output.quantity",
        name="硬化道路长度",
        value_text="≥10公里",
        value=parse_value("≥10公里"),
        value_parts=ValueParts(operator="≥", value="10", unit="公里"),
        weight=Decimal("20.50"),
        direction="positive",
        core=True,
        scoring="完成得满分，每少1公里扣2分",
        mid_term=MidTermTarget(
            level2="数量指标",
            name="硬化道路长度",
            value_text="≥30公里",
            value=parse_value("≥30公里"),
        ),
        extra=[ExtraField(label="备注说明", text="分两期实施")],
    )
    project = Project(
        seq=1,
        name="乡村道路硬化工程",
        unit=Unit(code="610001", name="某县交通运输局"),
        money_unit="元",
        budget=Budget(total=Decimal("1250000.00"), fiscal=Decimal("1000000.00")),
        goals=["完成道路硬化10公里"],
        indicators=[indicator],
        mid_term_budget=Budget(total=Decimal("3000000.00")),
        mid_term_goals=["三年完成道路硬化30公里"],
        extra=[ExtraField(label="项目属性", text="延续项目")],
    )
    department = jixiao.model.Department(
        overall_goals=["完成年度重点工作"],
        unit=Unit(code="610001", name="某县交通运输局"),
        functions="负责全县交通运输行业管理",
        money_unit="万元",
        budget=Budget(total=Decimal("500.00")),
        tasks=[
            DepartmentTask(
                name="农村公路养护", content="养护300公里", budget=Budget(total=Decimal("200.00"))
            )
        ],
        indicators=[indicator.model_copy(update={"mid_term": None})],
    )
    doc = Document(
        source=SourceInfo(name="b.docx", format="docx", sha256="0" * 64),
        department=department,
        projects=[project],
    )
    loaded = round_trip(session, doc)
    assert exact(loaded.model_dump()) == exact(doc.model_dump())
    assert loaded.to_json() == doc.to_json()
