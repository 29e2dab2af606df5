"""What each role has to act on (待办) and how many documents are in each status: the home
page's task lists, so that nobody has to read a list of file names to find their work."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from jixiao.store.models import DOCUMENT_STATUSES, DocumentRow, UserRow
from jixiao.workbench.access import can_edit, can_review

__all__ = ["TaskList", "status_counts", "task_lists"]


@dataclass
class TaskList:
    """One 待办 list: its key (for page anchors and tests), its heading, what to do, rows."""

    key: str
    label: str
    hint: str
    rows: list[DocumentRow] = field(default_factory=list)


def task_lists(user: UserRow, rows: list[DocumentRow]) -> list[TaskList]:
    """The 待办 lists for ``user`` from the documents they can see: a unit fills drafts and
    answers returned documents; a reviewer starts submitted ones and finishes those in
    review. An admin has both. Lists with nothing in them are kept (they say “无”)."""
    lists: list[TaskList] = []
    if user.role in ("unit_filler", "admin"):
        lists.append(
            TaskList(
                "returned",
                "退回给我修改",
                "按审核意见修改后重新提交",
                [r for r in rows if r.status == "returned" and can_edit(user, r)],
            )
        )
        lists.append(
            TaskList(
                "draft",
                "待填报",
                "填写完成、审核无错误后提交审核",
                [r for r in rows if r.status == "draft" and can_edit(user, r)],
            )
        )
    if user.role in ("reviewer", "admin"):
        lists.append(
            TaskList(
                "submitted",
                "等待我审核",
                "开始审核后可提出意见、退回或通过",
                [r for r in rows if r.status == "submitted" and can_review(user, r)],
            )
        )
        lists.append(
            TaskList(
                "in_review",
                "审核中",
                "提出意见后退回修改，或审核通过",
                [r for r in rows if r.status == "in_review" and can_review(user, r)],
            )
        )
    return lists


def status_counts(rows: list[DocumentRow]) -> dict[str, int]:
    """Documents per status, every status present (zero when none), in workflow order."""
    counts = Counter(r.status for r in rows)
    return {status: counts.get(status, 0) for status in DOCUMENT_STATUSES}
