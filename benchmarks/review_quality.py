"""Review quality against hand labels: precision and recall by severity (issue 12).

Run by hand (never by the test suite)::

    python benchmarks/review_quality.py          # the figures
    python benchmarks/review_quality.py --show   # also every false alarm, duplicate and miss

The labelled documents are in ``review_quality_set.py`` (written and labelled before the
review was run on them). Each is written out as the Hebei 部门预算绩效信息 text layout by the
small writer below, read back by jixiao and reviewed with the default configuration.

How a finding is counted. A finding belongs to a place: a project's indicator row (its
``indicator_index``, or an ``indicators[i]`` field), a part of the project (name, budget,
purpose, spending_plan, goals, indicators as a set, the basis column), or the department.
A merged finding (several rules, rows or projects reporting one defect) reaches the places of
every finding it stands for. The first finding at a labelled place is a hit; a further one at
the same place repeats a defect already reported (a duplicate, counted against precision, as a
reviewer reading the list pays for it); a finding at a place with no label is a false alarm.
A label no finding reaches is a miss. Precision = hits / findings; recall = hit labels / labels.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass

from _family_labels import FamilyDocument  # benchmarks/ on sys.path
from review_quality_set import DOCUMENTS, Label, LabelledDocument
from review_quality_set_b import URBAN
from review_quality_set_c import TRANSPORT
from review_quality_set_e import EDUCATION
from review_quality_set_f import CIVIL_WATER
from review_quality_set_h import CULTURE

from jixiao import read_bytes
from jixiao.review import review
from jixiao.review.finding import Finding
from jixiao.review.merge import flatten

Place = tuple[int | None, str]  # (project seq or None for the department, place)

# labelled documents in other provinces' templates, each in its own file form
FAMILY_DOCUMENTS: tuple[FamilyDocument, ...] = (URBAN, TRANSPORT, EDUCATION, CIVIL_WATER, CULTURE)

_INDICATOR = re.compile(r"indicators\[(\d+)\]")
_SEVERITIES = ("must", "should", "could")


def write_text(doc: LabelledDocument) -> str:
    """The document in the Hebei DOCX-export text layout (one cell a line, rows apart)."""
    lines = [doc.unit, f"{doc.year}年部门预算绩效信息", "", "第一部分 部门整体绩效目标"]
    lines += ["（一）总体绩效目标", doc.overall_goal, "（二）分项绩效目标", *doc.sub_goals]
    lines += ["", "（三）工作保障措施", doc.measures, "", "第二部分  预算项目绩效目标"]

    def row(*cells: str) -> None:
        lines.extend(f"\t{cell}" for cell in cells)
        lines.append("")

    for seq, project in enumerate(doc.projects, start=1):
        lines += [
            f"{seq}、{project.name}绩效目标表",
            f"\t{doc.unit_code}{doc.unit}",
            "\t单位：万元",
            "",
        ]
        row("项目编码", project.code, "项目名称", project.name)
        row("预算规模及资金用途", "预算数", project.total, "其中：财政资金", project.fiscal)
        lines.pop()
        row("其他资金", project.other)
        row("", project.purpose)
        row("资金支出计划（%）", "3月底", "6月底", "10月底", "12月底")
        row("", *project.plan)
        row("绩效目标", project.goals)
        row("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
        previous = ("", "")
        for r in project.rows:
            level1 = "" if r.level1 == previous[0] else r.level1
            level2 = "" if (r.level1, r.level2) == previous else r.level2
            row(level1, level2, r.name, r.description, r.value, r.basis)
            previous = (r.level1, r.level2)
        lines += ["", ""]
    return "\n".join(lines) + "\n"


def labels_of(doc: LabelledDocument) -> dict[Place, Label]:
    labels: dict[Place, Label] = {}
    if doc.department_label:
        labels[None, "department"] = doc.department_label
    for seq, project in enumerate(doc.projects, start=1):
        for place, label in project.labels.items():
            labels[seq, place] = label
        for index, r in enumerate(project.rows):
            if r.label:
                labels[seq, f"row{index}"] = r.label
    return labels


def place_of(finding: Finding, labels: dict[Place, Label]) -> Place:
    seq = finding.project_seq
    if seq is None:  # the department's parts, or the document as a whole
        field = finding.field or ""
        return None, "department" if field.startswith("department") else f"document:{field}"
    field = finding.field or ""
    index = finding.indicator_index
    if index is None and (match := _INDICATOR.search(field)):
        index = int(match.group(1))
    # The basis column as a whole: a per-row basis finding, or a set finding where the
    # project's only set-level label is the basis column.
    basis_place = (seq, "basis") in labels and (
        field.endswith("basis") or (field == "indicators" and (seq, "indicators") not in labels)
    )
    if basis_place:
        return seq, "basis"
    if index is not None:
        return seq, f"row{index}"
    head = re.split(r"[.\[]", field, maxsplit=1)[0] or "project"
    return seq, head


@dataclass
class Tally:
    hits: Counter[str]  # by finding severity
    duplicates: Counter[str]
    false_alarms: Counter[str]
    labels: Counter[str]  # by label severity
    found: Counter[str]
    notes: list[str]


def measure() -> Tally:
    tally = Tally(Counter(), Counter(), Counter(), Counter(), Counter(), [])
    for doc in DOCUMENTS:
        model = read_bytes(write_text(doc).encode(), name=f"{doc.name}.txt")
        assert len(model.projects) == len(doc.projects), f"{doc.name}: read wrongly"
        labels = labels_of(doc)
        seen: set[Place] = set()
        for finding in review(model).findings:
            # a merged finding reaches every place of the findings it stands for
            places = {place_of(m, labels) for m in flatten([finding])}
            labelled = places & labels.keys()
            where = f"{doc.name} {sorted(places, key=str)}: {finding.code} {finding.severity}"
            if not labelled:
                tally.false_alarms[finding.severity] += 1
                tally.notes.append(f"误报  {where} {finding.message[:60]}")
            elif labelled <= seen:
                tally.duplicates[finding.severity] += 1
                tally.notes.append(f"重复  {where}")
            else:
                seen |= labelled
                tally.hits[finding.severity] += 1
        for place, label in labels.items():
            tally.labels[label.severity] += 1
            if place in seen:
                tally.found[label.severity] += 1
            else:
                tally.notes.append(f"漏报  {doc.name} {place}: {label.severity} {label.what}")
    return tally


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list false alarms, duplicates, misses")
    args = parser.parse_args()
    t = measure()
    findings = sum(t.hits.values()) + sum(t.duplicates.values()) + sum(t.false_alarms.values())
    print(f"{len(DOCUMENTS)} documents, {sum(t.labels.values())} labels, {findings} findings\n")
    print("precision by finding severity (hits / findings; duplicates and false alarms)")
    for severity in ("error", "warning", "info"):
        total = t.hits[severity] + t.duplicates[severity] + t.false_alarms[severity]
        print(
            f"  {severity:8} {_ratio(t.hits[severity], total):>5}  ({t.hits[severity]} hits, "
            f"{t.duplicates[severity]} duplicates, {t.false_alarms[severity]} false alarms)"
        )
    print(f"  {'all':8} {_ratio(sum(t.hits.values()), findings):>5}")
    print("\nrecall by label severity (labels reached / labels)")
    for severity in _SEVERITIES:
        print(
            f"  {severity:8} {_ratio(t.found[severity], t.labels[severity]):>5}  "
            f"({t.found[severity]} of {t.labels[severity]})"
        )
    print(f"  {'all':8} {_ratio(sum(t.found.values()), sum(t.labels.values())):>5}")
    if args.show:
        print()
        print("\n".join(sorted(t.notes)))


if __name__ == "__main__":
    main()
