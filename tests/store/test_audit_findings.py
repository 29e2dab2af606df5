"""The audit log and stored review findings."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import jixiao
from jixiao.review import review
from jixiao.review.merge import flatten
from jixiao.store import commit, diff_fields, load_document, record_change, store_document
from jixiao.store.audit import audit_trail
from jixiao.store.convert import load_findings, save_review
from jixiao.store.models import AuditRow, DocumentRow, FindingRow, UserRow
from tests.conftest import SEEDS


def test_record_change_writes_field_level_diffs(session: Session) -> None:
    user = UserRow(username="unit1", display_name="单位填报人甲", role="unit_filler")
    session.add(user)
    doc = jixiao.read_path(SEEDS["000"])
    row = store_document(session, doc, owner=user)
    record_change(session, row, user, "import", {"source_name": {"old": None, "new": "a.txt"}})
    commit(session)

    edited = doc.projects[0].model_copy(deep=True)
    edited.budget.total = Decimal("80.00")
    edited.indicators[1].value_text = "≥99%"
    edited.goals = [*edited.goals, "新增目标"]
    diff = diff_fields(doc.projects[0], edited)
    old_value = doc.projects[0].indicators[1].value_text
    assert diff == {
        "budget.total": {"old": "72.64", "new": "80.00"},
        "goals": {"old": doc.projects[0].goals, "new": edited.goals},
        "indicators[1].value_text": {"old": old_value, "new": "≥99%"},
    }
    document_id, user_id = row.id, user.id
    record_change(session, document_id, user, "edit_project", diff)
    record_change(session, row, None, "submit", {"status": {"old": "draft", "new": "submitted"}})
    commit(session)
    session.expunge_all()

    trail = audit_trail(session, document_id)
    assert [a.action for a in trail] == ["import", "edit_project", "submit"]
    assert [a.username for a in trail] == ["unit1", "unit1", None]
    assert trail[1].diff == diff
    assert trail[1].user is not None and trail[1].user.display_name == "单位填报人甲"
    assert all(a.at.tzinfo is UTC for a in trail)
    assert datetime.now(UTC) - trail[0].at < timedelta(minutes=1)

    # The log outlives the document and the user.
    session.delete(session.get_one(UserRow, user_id))
    session.delete(session.get_one(DocumentRow, document_id))
    commit(session)
    session.expunge_all()
    kept = session.scalars(select(AuditRow).order_by(AuditRow.id)).all()
    assert [(a.document_id, a.user_id, a.username) for a in kept] == [
        (None, None, "unit1"),
        (None, None, "unit1"),
        (None, None, None),
    ]


def test_diff_fields_of_equal_values_is_empty() -> None:
    doc = jixiao.read_path(SEEDS["001"])
    assert diff_fields(doc, doc.model_copy(deep=True)) == {}
    assert diff_fields({"a": [1, 2]}, {"a": [1, 2, 3]}) == {"a": {"old": [1, 2], "new": [1, 2, 3]}}
    assert diff_fields({"a": 1}, {"b": 1}) == {
        "a": {"old": 1, "new": None},
        "b": {"old": None, "new": 1},
    }


def test_findings_saved_and_queried_by_code(session: Session) -> None:
    doc = jixiao.read_path(SEEDS["002"])
    report = review(doc)
    assert report.findings
    document_id = store_document(session, doc).id
    save_review(session, document_id, report)
    commit(session)
    session.expunge_all()

    assert load_findings(session, document_id) == report.findings
    # the store keeps the rules' own findings (a merged finding's members), merged on loading
    own = flatten(report.findings)
    assert len(own) > len(report.findings)
    code = report.findings[0].code
    expected = sum(1 for f in own if f.code == code)
    found = session.scalars(
        select(FindingRow).where(FindingRow.document_id == document_id, FindingRow.code == code)
    ).all()
    assert len(found) == expected
    counts = session.execute(select(FindingRow.code, func.count()).group_by(FindingRow.code))
    by_code = {code: n for code, n in counts}
    assert by_code == dict(Counter(f.code for f in own))
    project_findings = [f for f in found if f.project is not None]
    assert all(f.project.document_id == document_id for f in project_findings if f.project)

    # Reviewing again replaces the findings; the document itself is untouched.
    fixed = load_document(session, document_id)
    save_review(session, document_id, review(fixed).model_copy(update={"findings": []}))
    commit(session)
    assert session.scalar(select(func.count()).select_from(FindingRow)) == 0
    assert load_document(session, document_id) == doc


def test_findings_of_every_seed_round_trip(session: Session) -> None:
    for path in SEEDS.values():
        doc = jixiao.read_path(path)
        report = review(doc)
        row = store_document(session, doc)
        save_review(session, row.id, report)
        commit(session)
        assert load_findings(session, row.id) == report.findings
