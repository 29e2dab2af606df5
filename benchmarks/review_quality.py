"""Review quality against hand labels: precision and recall by severity and template (issue 12).

Run by hand (never by the test suite)::

    python benchmarks/review_quality.py          # the figures
    python benchmarks/review_quality.py --show   # also every false alarm, duplicate and miss

The labelled documents were written and labelled before the review was run on them
(``review_quality_set.py`` says how): ``review_quality_set_a1.py`` and ``_a2.py`` hold two in the
Hebei 部门预算绩效信息 template (family A), written out as its text layout by the small writer
below; ``review_quality_set_{b,c,e,e2,f,h}.py`` hold
one each in other provinces' templates (templates.md families B, C, E and its variant E2, F, H),
written as DOCX, PDF, XLSX, tab-separated text, HTML and a GBK web page by the template
fixtures' builders. Each file is read back
by jixiao and reviewed with the default configuration.

How a finding is counted. A finding belongs to a place: a project's indicator row (its
``indicator_index``, or an ``indicators[i]`` field), a part of the project (name, budget,
purpose, spending_plan, goals, indicators as a set, the basis column), or the department.
A merged finding (several rules, rows or projects reporting one defect) reaches the places of
every finding it stands for. The first finding at a labelled place is a hit; a further one at
the same place repeats a defect already reported (a duplicate, counted against precision, as a
reviewer reading the list pays for it); a finding at a place with no label is a false alarm.
A label no finding reaches is a miss. Precision = hits / findings; recall = hit labels / labels.

Reported per template family and overall, with the false alarms and duplicates per rule code
(every code of a merged finding) and the misses per defect kind (``KINDS``), so a maintainer
sees which rule to fix on which template and which kind of defect nothing catches yet.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from _family_labels import FamilyDocument  # benchmarks/ on sys.path
from review_quality_set import KINDS, Label, LabelledDocument
from review_quality_set_a1 import AGRICULTURE
from review_quality_set_a2 import HEALTH
from review_quality_set_b import URBAN
from review_quality_set_c import TRANSPORT
from review_quality_set_e import EDUCATION
from review_quality_set_e2 import MARKET
from review_quality_set_f import CIVIL_WATER
from review_quality_set_h import CULTURE

from jixiao import read_bytes
from jixiao.review import review
from jixiao.review.finding import Finding
from jixiao.review.merge import codes_of, flatten

Place = tuple[int | None, str]  # (project seq or None for the department, place)

# labelled documents in the Hebei template, written as its text layout by ``write_text``
DOCUMENTS: tuple[LabelledDocument, ...] = (AGRICULTURE, HEALTH)
# labelled documents in other provinces' templates, each in its own file form
FAMILY_DOCUMENTS: tuple[FamilyDocument, ...] = (
    URBAN,
    TRANSPORT,
    EDUCATION,
    MARKET,
    CIVIL_WATER,
    CULTURE,
)

_INDICATOR = re.compile(r"indicators\[(\d+)\]")
_SEVERITIES = ("must", "should", "could")
_BASIS_COLUMN_RULES = frozenset({"STR-09"})  # reports the 指标值确定依据 column at ``indicators``


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
    # The basis column as a whole: a set finding of the rule about the column (never the
    # project's "no cost indicator" label, which sits at the set too), a per-row basis finding,
    # or a set finding where the project's only set-level label is the basis column.
    if index is None and finding.code in _BASIS_COLUMN_RULES:
        return seq, "basis"
    basis_place = (seq, "basis") in labels and (
        field.endswith("basis") or (field == "indicators" and (seq, "indicators") not in labels)
    )
    if basis_place:
        return seq, "basis"
    if index is not None:
        return seq, f"row{index}"
    head = re.split(r"[.\[]", field, maxsplit=1)[0] or "project"
    return seq, head


@dataclass(frozen=True)
class Case:
    """One labelled file as the review sees it."""

    name: str
    family: str  # templates.md family (A: the Hebei layout)
    form: str
    data: bytes
    filename: str
    labels: dict[Place, Label]
    projects: int
    absent: frozenset[str] = frozenset()  # parts the form does not print


def cases() -> list[Case]:
    out = [
        Case(
            d.name,
            "A",
            "text",
            write_text(d).encode(),
            f"{d.name}.txt",
            labels_of(d),
            len(d.projects),
        )
        for d in DOCUMENTS
    ]
    for doc in FAMILY_DOCUMENTS:
        data, filename = doc.build()
        out.append(
            Case(
                doc.name,
                doc.family,
                doc.form,
                data,
                filename,
                doc.labels,
                len(doc.content.projects),
                doc.absent,
            )
        )
    return out


@dataclass
class Tally:
    hits: Counter[str] = field(default_factory=Counter)  # by finding severity
    duplicates: Counter[str] = field(default_factory=Counter)
    false_alarms: Counter[str] = field(default_factory=Counter)
    # the false alarms about a part the form does not print (no 项目编码 row, no 资金支出计划 …)
    absent_alarms: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)  # by label severity
    found: Counter[str] = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        for name in ("hits", "duplicates", "false_alarms", "absent_alarms", "labels", "found"):
            getattr(self, name).update(getattr(other, name))

    def findings(self, severity: str | None = None) -> int:
        parts = (self.hits, self.duplicates, self.false_alarms)
        return sum(c[severity] if severity else sum(c.values()) for c in parts)


@dataclass
class Measure:
    by_family: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    forms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # rule code -> family -> count
    false_alarm_codes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # label severity -> severity of the finding that reached the label
    agreement: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    absent_codes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    duplicate_codes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # defect kind -> family -> count
    kind_labels: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    kind_misses: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    notes: list[str] = field(default_factory=list)
    documents: int = 0

    @property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.by_family.values():
            total.add(tally)
        return total


def measure() -> Measure:
    m = Measure()
    for case in cases():
        model = read_bytes(case.data, name=case.filename)
        assert len(model.projects) == case.projects, f"{case.name}: read wrongly"
        m.documents += 1
        m.forms[case.family].add(case.form)
        _count(m, case, review(model).findings)
    return m


def _count(m: Measure, case: Case, findings: list[Finding]) -> None:
    tally, labels, family = m.by_family[case.family], case.labels, case.family
    seen: set[Place] = set()
    for finding in findings:
        # a merged finding reaches every place of the findings it stands for
        places = {place_of(member, labels) for member in flatten([finding])}
        labelled = places & labels.keys()
        codes = "、".join(codes_of(finding))
        where = f"{case.name} {sorted(places, key=str)}: {codes} {finding.severity}"
        if not labelled:
            tally.false_alarms[finding.severity] += 1
            absent = all(_absent_part(member, case.absent) for member in flatten([finding]))
            tally.absent_alarms[finding.severity] += absent
            for code in codes_of(finding):
                m.false_alarm_codes[code][family] += 1
                m.absent_codes[code][family] += absent
            mark = "（表中无此项）" if absent else ""
            m.notes.append(f"误报  {where}{mark} {finding.message[:70]}")
        elif labelled <= seen:
            tally.duplicates[finding.severity] += 1
            for code in codes_of(finding):
                m.duplicate_codes[code][family] += 1
            m.notes.append(f"重复  {where}")
        else:
            for place in labelled - seen:
                m.agreement[labels[place].severity][finding.severity] += 1
            seen |= labelled
            tally.hits[finding.severity] += 1
            m.notes.append(f"命中  {where}")
    for place, label in labels.items():
        tally.labels[label.severity] += 1
        m.kind_labels[label.kind][family] += 1
        if place in seen:
            tally.found[label.severity] += 1
        else:
            m.kind_misses[label.kind][family] += 1
            m.notes.append(f"漏报  {case.name} {place}: {label.severity} {label.kind} {label.what}")


def _absent_part(finding: Finding, absent: frozenset[str]) -> bool:
    """Whether a finding is about a part the form does not print: the department part, or a
    project field such as ``code``, ``spending_plan`` or an indicator's ``basis``."""
    field_ = finding.field or ""
    if finding.project_seq is None:
        return field_.startswith("department") and "department" in absent
    head = re.split(r"[.\[]", field_, maxsplit=1)[0]
    last = field_.rsplit(".", 1)[-1]
    if finding.code in _BASIS_COLUMN_RULES:
        last = "basis"
    return head in absent or last in absent


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "—"


def _by_family(counts: Counter[str]) -> str:
    return ", ".join(f"{family} {n}" for family, n in sorted(counts.items()))


def _table_row(name: str, t: Tally) -> str:
    cells = [_ratio(t.hits[s], t.findings(s)) for s in _FINDING_SEVERITIES]
    cells.append(_ratio(sum(t.hits.values()), t.findings()))
    cells.append(_ratio(sum(t.hits.values()), t.findings() - sum(t.absent_alarms.values())))
    cells += [_ratio(t.found[s], t.labels[s]) for s in _SEVERITIES]
    cells.append(_ratio(sum(t.found.values()), sum(t.labels.values())))
    counts = (
        f"{sum(t.labels.values()):>3} labels, {t.findings():>3} findings "
        f"({sum(t.duplicates.values())} dup, {sum(t.false_alarms.values())} false, "
        f"{sum(t.absent_alarms.values())} lacks)"
    )
    return f"  {name:<12}" + "".join(f"{c:>10}" for c in cells) + f"   {counts}"


def report(m: Measure) -> list[str]:
    t = m.overall
    lines = [
        f"{m.documents} documents in {len(m.by_family)} template families, "
        f"{sum(t.labels.values())} labels, {t.findings()} findings",
        "",
        "precision by finding severity (hits / findings), recall by label severity "
        "(labels reached / labels);",
        "P-lack: precision without the false alarms about parts the form does not print "
        "('lacks': no 项目编码,",
        "资金支出计划 or 依据 column, no department part)",
        f"  {'family':<12}"
        + "".join(f"{'P ' + s:>10}" for s in _FINDING_SEVERITIES)
        + f"{'P all':>10}{'P-lack':>10}"
        + "".join(f"{'R ' + s:>10}" for s in _SEVERITIES)
        + f"{'R all':>10}",
    ]
    for family in sorted(m.by_family):
        name = f"{family} {'/'.join(sorted(m.forms[family]))}"
        lines.append(_table_row(name, m.by_family[family]))
    others = Tally()
    for family, tally in m.by_family.items():
        if family != "A":
            others.add(tally)
    lines.append(_table_row("not A", others))  # the templates no rule was written against
    lines.append(_table_row("all", t))
    lines += ["", "overall, with counts"]
    for s in _FINDING_SEVERITIES:
        lines.append(
            f"  precision {s:8} {_ratio(t.hits[s], t.findings(s)):>5}  ({t.hits[s]} hits, "
            f"{t.duplicates[s]} duplicates, {t.false_alarms[s]} false alarms)"
        )
    for s in _SEVERITIES:
        lines.append(
            f"  recall    {s:8} {_ratio(t.found[s], t.labels[s]):>5}  "
            f"({t.found[s]} of {t.labels[s]})"
        )
    lines += ["", "severity of the finding that reached each label (label severity → finding)"]
    for label_severity in _SEVERITIES:
        row = m.agreement[label_severity]
        cells = ", ".join(f"{s} {row[s]}" for s in _FINDING_SEVERITIES if row[s])
        lines.append(f"  {label_severity:8} {cells or '—'}")
    lines += [
        "",
        "false alarms by rule code (a merged finding counts for each of its codes; "
        "'lacks': about a part the form does not print)",
    ]
    by_count = sorted(m.false_alarm_codes.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    for code, counts in by_count:
        lacks = sum(m.absent_codes[code].values())
        note = f"   ({lacks} lacks)" if lacks else ""
        lines.append(f"  {code:8} {sum(counts.values()):>3}   {_by_family(counts)}{note}")
    lines += ["", "duplicates by rule code"]
    for code, counts in sorted(
        m.duplicate_codes.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])
    ):
        lines.append(f"  {code:8} {sum(counts.values()):>3}   {_by_family(counts)}")
    lines += ["", "misses by defect kind (missed / labelled)"]
    for kind, counts in sorted(
        m.kind_labels.items(), key=lambda kv: (-sum(m.kind_misses[kv[0]].values()), kv[0])
    ):
        missed = m.kind_misses[kind]
        where = f"   missed in {_by_family(missed)}" if missed else ""
        lines.append(
            f"  {kind:22} {sum(missed.values()):>2} / {sum(counts.values()):<2} "
            f"{KINDS[kind]}{where}"
        )
    return lines


_FINDING_SEVERITIES = ("error", "warning", "info")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list false alarms, duplicates, misses")
    args = parser.parse_args()
    m = measure()
    print("\n".join(report(m)))
    if args.show:
        print()
        print("\n".join(sorted(m.notes)))


if __name__ == "__main__":
    main()
