"""One finding per defect: merging findings that report the same thing.

Rules are written to stand alone, so several can report one defect: a value "≥100%" in a cost
row is "not money" (VAL-14) and "≥100% means =100%" (VAL-17); the same vague value copied into
seven rows is seven VAL-01 findings; a basis column left blank in every project is one habit. A
reviewer counts one defect each time. Five merges, in this order:

1. **one rule, one field**: a rule's findings about the same field of a project, messages joined;
2. **one field, several rules**: findings about the same cell (``indicators[3].value``,
   ``spending_plan``) become the finding of the rule that wins: the more severe, then the one
   listed first in ``PRECEDENCE`` (the root cause before its consequences);
3. **one text, several rows**: the same text copied into several rows of a project (the same
   指标值, 依据, 描述 or 名称) and reported on each row, reported once with the rows named; a
   project-level finding quoting that very value (DUP-04: every value is "11") joins it;
4. **one rule, one column** (rules that declare ``merge_rows``): the rule's findings on the same
   column of several rows of a project (category names as 三级指标名称 in eight rows);
5. **one rule, every project** (rules that declare ``merge_projects``): the same finding in
   several projects (the basis column blank everywhere, the same placeholder goal), reported once
   for the document with the projects named.

Container fields (``indicators``) are not merged across rules: "no quality indicator" (STR-06)
and "no basis anywhere" (STR-09) are two defects. A merged finding keeps every finding it stands
for, unchanged and with its fix, in ``Finding.merged``: fixes still apply, the editor still marks
every row, and ``flatten`` gives the rules' own findings back (what the store keeps; merging
them again gives the same result).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from operator import itemgetter

from jixiao.review.finding import Finding

__all__ = ["PRECEDENCE", "codes_of", "flatten", "merge_findings", "review_order"]

# Which rule's finding stands for a defect several rules report on the same cell: root causes
# first (a value that measures nothing, a cost that is not money), formatting last.
PRECEDENCE: tuple[str, ...] = (
    "TXT-01",
    "DUP-04",
    "VAL-01",
    "VAL-19",
    "VAL-02",
    "VAL-14",
    "VAL-10",
    "VAL-09",
    "VAL-06",
    "VAL-05",
    "VAL-18",
    "VAL-17",
    "VAL-03",
    "VAL-04",
    "VAL-12",
    "VAL-11",
    "VAL-15",
    "VAL-13",
    "VAL-16",
    "VAL-08",
    "STR-08",
    "STR-03",
    "STR-04",
    "STR-09",
    "STR-12",
    "CAT-01",
    "CAT-02",
    "CAT-03",
    "DUP-01",
    "IND-01",
    "VAL-07",
    "REL-03",
    "TXT-03",
    "TXT-02",
    "GOAL-03",
    "GOAL-02",
    "GOAL-01",
)
_RANK = {code: position for position, code in enumerate(PRECEDENCE)}
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
_CONTAINERS = frozenset({"indicators"})
# The row fields whose text a clerk copies from row to row, with the words a message uses.
_ROW_FIELDS = {
    "value": "指标值",
    "basis": "指标值确定依据",
    "description": "绩效指标描述",
    "name": "三级指标名称",
}


def review_order(finding: Finding) -> tuple[int, int, int, str]:
    """Findings are listed by project, then row (project-level first), severity and code."""
    return (
        finding.project_seq or 0,
        -1 if finding.indicator_index is None else finding.indicator_index,
        _SEVERITY_RANK[finding.severity],
        finding.code,
    )


def flatten(findings: Iterable[Finding]) -> list[Finding]:
    """The rules' own findings: every merged finding replaced by the ones it stands for."""
    out: list[Finding] = []
    for finding in findings:
        out.extend(finding.merged or (finding,))
    return out


def codes_of(finding: Finding) -> tuple[str, ...]:
    """Every rule code a finding stands for, its own first, each once."""
    return tuple(dict.fromkeys([finding.code, *(m.code for m in finding.merged)]))


def merge_findings(findings: Iterable[Finding]) -> list[Finding]:
    """The findings with each defect reported once, in review order."""
    items = sorted((_item(finding) for finding in flatten(findings)), key=itemgetter(2))
    for stage, combine in enumerate(_COMBINE):
        items = _merge_by(items, stage, combine)
    return [finding for finding, _, _ in sorted(items, key=itemgetter(2))]


# -- grouping -----------------------------------------------------------------------------------

Keys = tuple[object | None, object | None, object | None, object | None, object | None]
Item = tuple[Finding, Keys, tuple[int, int, int, str]]
"""A finding with its merge keys and its review order, both computed once."""


def _item(finding: Finding) -> Item:
    return finding, _keys(finding), review_order(finding)


def _merge_by(
    items: list[Item], stage: int, combine: Callable[[list[Finding]], Finding]
) -> list[Item]:
    """Each group of findings with the same key for ``stage`` combined, at the place of its
    first member; findings without a key (most of them) stay where they are."""
    groups: dict[object, list[Finding]] = {}
    keyed = 0
    for finding, keys, _ in items:
        key = keys[stage]
        if key is not None:
            keyed += 1
            groups.setdefault(key, []).append(finding)
    if len(groups) == keyed:
        return items  # no key twice: nothing to merge
    out: list[Item] = []
    for item in items:
        key = item[1][stage]
        if key is None:
            out.append(item)
            continue
        group = groups.pop(key, None)
        if group is None:
            continue  # merged into the group's first member
        if len(group) == 1:
            out.append(item)
        else:
            out.append(_item(combine(group)))
    return out


def _keys(finding: Finding) -> Keys:
    """The finding's key for each merge (``None``: it takes no part in that one), computed once
    per finding rather than once per merge: the five merges, in order, are

    1. one rule, one field; 2. one field (a cell), several rules; 3. one text, several rows of a
    project (a project-level DUP-04 finding counts as its value on each row); 4. one rule, one
    column of a project (rules that declare ``merge_rows``); 5. one rule, every project (rules
    that declare ``merge_projects``)."""
    code, seq, index, field = (
        finding.code,
        finding.project_seq,
        finding.indicator_index,
        finding.field,
    )
    text = (finding.text or "").strip()
    kind = None if index is None or field is None else _field_kind(field)
    text_kind = "value" if kind is None and code == "DUP-04" else kind
    return (
        None if field is None else (code, seq, field),
        None if field is None or field in _CONTAINERS else (seq, field),
        None if seq is None or not text or text_kind is None else (seq, text_kind, text),
        None
        if kind is None or seq is None or not _declares(code, "merge_rows")
        else (code, seq, kind),
        None
        if seq is None or index is not None or not _declares(code, "merge_projects")
        else (code, field, text),
    )


@cache
def _declares(code: str, attribute: str) -> bool:
    from jixiao.review.registry import get_rule  # the registry imports every rule module

    rule = get_rule(code)
    return bool(rule is not None and getattr(rule, attribute, False))


def _row_kind(finding: Finding) -> str | None:
    if finding.indicator_index is None or finding.field is None:
        return None
    return _field_kind(finding.field)


@lru_cache(maxsize=4096)  # a few fields (indicators[i].value…) recur in every project
def _field_kind(field: str) -> str | None:
    kind = field.rsplit(".", 1)[-1]
    return kind if kind in _ROW_FIELDS else None


# -- combining ----------------------------------------------------------------------------------


def _rank(finding: Finding) -> tuple[int, int]:
    return _SEVERITY_RANK[finding.severity], _RANK.get(finding.code, len(_RANK))


def _group(head: Finding, group: list[Finding], **update: object) -> Finding:
    """``head`` standing for the whole group: the worst severity, every original kept."""
    severity = min(group, key=lambda f: _SEVERITY_RANK[f.severity]).severity
    members = tuple(flatten(group))
    fix = head.fix or next((m.fix for m in members if m.fix is not None), None)
    return head.model_copy(update={"severity": severity, "merged": members, "fix": fix, **update})


def _join_same_rule(group: list[Finding]) -> Finding:
    messages = dict.fromkeys(f.message for f in group)
    suggestions = dict.fromkeys(f.suggestion for f in group if f.suggestion)
    return _group(
        group[0],
        group,
        message="；".join(messages),
        suggestion="".join(suggestions) or None,
    )


def _winner_of(group: list[Finding]) -> Finding:
    return _group(min(group, key=_rank), group)


def _other_rows(head: Finding, group: list[Finding]) -> str:
    rows = sorted(
        {
            m.indicator_index
            for m in flatten(group)
            if m.indicator_index is not None and m.indicator_index != head.indicator_index
        }
    )
    return "、".join(f"第{i + 1}个" for i in rows)


def _join_rows(group: list[Finding]) -> Finding:
    head = min(group, key=lambda f: (f.indicator_index is not None, *_rank(f)))
    rows = _other_rows(head, group)
    if head.indicator_index is None or not rows:
        return _group(head, group)
    kind = _ROW_FIELDS[_row_kind(head) or "value"]
    note = f"（{rows}指标的{kind}也是“{(head.text or '').strip()}”，需一并修改）"
    return _group(head, group, message=head.message + note)


def _join_column(group: list[Finding]) -> Finding:
    head = group[0]
    note = f"（{_other_rows(head, group)}指标也有同样的问题）"
    return _group(head, group, message=head.message + note)


def _join_projects(group: list[Finding]) -> Finding:
    head = group[0]
    seqs = sorted({m.project_seq for m in flatten(group) if m.project_seq is not None})
    names = "、".join(f"项目{s}" for s in seqs)
    note = f"（{len(seqs)}个项目都是如此：{names}）"
    return _group(head, group, message=head.message + note, project_seq=None, project_code=None)


# The combining step of each merge, in the order of ``_keys``.
_COMBINE: tuple[Callable[[list[Finding]], Finding], ...] = (
    _join_same_rule,
    _winner_of,
    _join_rows,
    _join_column,
    _join_projects,
)
