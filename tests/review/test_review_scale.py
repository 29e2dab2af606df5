"""Big documents: the indexed and cached review gives what the plain, all-pairs one gives."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from jixiao.model import Document, Project
from jixiao.review import review
from jixiao.review.config import GradingConfig, ReviewConfig
from jixiao.review.examples import example_document, example_indicator, example_project
from jixiao.review.finding import Finding
from jixiao.review.report import grade_projects
from jixiao.review.rules import _text_terms
from jixiao.review.rules._indicator_sets import indicator_names, indicator_pairs, project_label
from jixiao.review.textsim import dice, ratio, ratio_at_least

_NAMES = [
    "年度办结审批业务量",
    "审批业务按时办结率",
    "大厅设备完好率",
    "水电费支付及时率",
    "物业服务覆盖面积",
    "咨询答复准确率",
    "服务对象满意度",
    "预算经费控制数",
    "群众投诉处理率",
    "窗口开放天数",
    "网上办理事项数",
    "数量指标",
    "社会效益",
    "生态效益要求",
    "目标内容1",
    "无",
    "可持续影要求",
]


def _document(projects: int, seed: int) -> Document:
    """Projects whose name sets are drawn from a small pool: many equal, similar and unrelated
    sets, so that DUP-02 finds more than three similar earlier projects."""
    rng = random.Random(seed)
    out: list[Project] = []
    for seq in range(1, projects + 1):
        names = rng.sample(_NAMES, rng.randint(2, 7))
        rows = [
            example_indicator(name=name, value=rng.choice(["≥98%", "7000件", "≤30万元", "是"]))
            for name in names
        ]
        code = f"13022525P00NB7{seq:06d}"
        out.append(example_project(seq, code=code, name=f"项目{seq}", indicators=rows))
    return example_document(*out)


def _dup02_reference(doc: Document, minimum: int = 3, threshold: float = 0.8) -> list[str]:
    """DUP-02 as every pair of projects compared (messages naming the three most similar)."""
    names = [indicator_names(p) for p in doc.projects]
    out = []
    for j, project in enumerate(doc.projects):
        mine = names[j]
        if len(mine) < minimum:
            continue
        earlier = [i for i in range(j) if len(names[i]) >= minimum]
        if any(names[i] == mine for i in earlier):
            continue
        similar = [i for i in earlier if dice(names[i], mine) >= threshold]
        if not similar:
            continue
        named = sorted(sorted(similar, key=lambda i: (-dice(names[i], mine), i))[:3])
        others = "、".join(
            f"{project_label(doc.projects[i])}（{len(names[i] & mine)}个相同）" for i in named
        )
        if len(similar) > 3:
            others += f"等{len(similar)}个项目"
        out.append(f"{project.seq}:本项目的{len(mine)}个三级指标与{others}高度雷同，疑似照抄照搬")
    return out


def _dup03_reference(doc: Document, minimum: int = 3) -> list[str]:
    names = [indicator_names(p) for p in doc.projects]
    out = []
    for j, project in enumerate(doc.projects):
        if len(names[j]) < minimum:
            continue
        earlier = next((i for i in range(j) if names[i] == names[j]), None)
        if earlier is None:
            continue
        other = doc.projects[earlier]
        same = "，指标值也相同" if indicator_pairs(other) == indicator_pairs(project) else ""
        out.append(
            f"{project.seq}:本项目的{len(names[j])}个三级指标与{project_label(other)}完全相同"
            f"{same}，疑似照抄照搬"
        )
    return out


def _messages(findings: list[Finding], code: str) -> list[str]:
    return [f"{f.project_seq}:{f.message}" for f in findings if f.code == code]


@pytest.mark.slow
def test_near_duplicate_rules_match_all_pairs() -> None:
    doc = _document(300, seed=16)
    findings = review(doc).findings
    dup02 = _messages(findings, "DUP-02")
    assert dup02 == _dup02_reference(doc)
    assert any("等" in message for message in dup02)  # more than three similar: counted
    assert max(len(message) for message in dup02) < 300  # bounded, however many are similar
    dup03 = _messages(findings, "DUP-03")
    assert dup03 == _dup03_reference(doc)
    assert len(dup03) > 10


@pytest.mark.slow
def test_grades_match_per_project_filtering() -> None:
    doc = _document(300, seed=17)
    cfg = GradingConfig()
    findings = review(doc, ReviewConfig()).findings
    grades = grade_projects(doc, findings, cfg)
    for project, grade in zip(doc.projects, grades, strict=True):
        own = [f for f in findings if f.project_seq == project.seq]
        counts = Counter(f.severity for f in own)
        assert grade.seq == project.seq
        assert grade.counts == {k: counts.get(k, 0) for k in ("error", "warning", "info")}
    assert sum(sum(g.counts.values()) for g in grades) == sum(
        1 for f in findings if f.project_seq is not None
    )


def test_cached_text_checks_match_the_uncached_ones() -> None:
    texts = [*_NAMES, "生态效益指", "社会效益指标", "可持续影响要求", "满意度调查覆盖率", "待定"]
    for text in texts:
        assert _text_terms.is_category_label(text) == _text_terms.is_category_label.__wrapped__(
            text
        )
        for value in (False, True):
            assert _text_terms.is_placeholder(
                text, value=value
            ) == _text_terms.is_placeholder.__wrapped__(text, value=value)
    for a in texts:
        for b in ("可持续影响", "社会效益", "生态效益", "经济效益", "数量"):
            for threshold in (0.5, 0.85, 1.0):
                assert ratio_at_least(a, b, threshold) == (ratio(a, b) >= threshold)
