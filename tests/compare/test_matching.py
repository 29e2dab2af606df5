"""Projects and indicators matched across two years: by code, by name, one-to-one."""

from __future__ import annotations

from jixiao.compare import compare_documents
from jixiao.compare.matching import match_projects
from jixiao.compare.text import normalise, similarity
from tests.compare.documents import pair, seed


def test_identical_documents_match_every_project_by_code() -> None:
    old, new = pair()
    diff = compare_documents(old, new)
    assert [p.match_reason for p in diff.projects] == ["项目编码相同"] * 8
    assert [(p.old.seq, p.new.seq) for p in diff.projects] == [(i, i) for i in range(1, 9)]
    assert diff.projects_added == [] and diff.projects_dropped == []
    total = sum(len(p.indicators) for p in old.projects)
    assert diff.summary.unchanged == total == 48
    assert diff.summary.raised == diff.summary.lowered == diff.summary.incomparable == 0
    assert diff.flags == []
    assert all(i.match_reason == "指标名称相同" for p in diff.projects for i in p.indicators)
    assert not any(p.has_changes() for p in diff.projects)


def test_renamed_project_without_code_is_matched_by_name_similarity() -> None:
    old, new = pair()
    new.projects[0].code = None
    new.projects[0].name = "2026年公共资源双盲评审工作经费"
    diff = compare_documents(old, new)
    first = diff.projects[0]
    # 公共资源双盲评审工作资金 vs 公共资源双盲评审工作经费: 10 of 12 characters in common
    assert first.match_reason == "名称相似度 0.83"
    assert first.score == 0.8333
    assert first.old.name == "公共资源“双盲评审”工作资金"
    assert first.new.code is None
    assert diff.summary.matched == 8


def test_unrelated_project_is_reported_as_added_and_the_old_one_as_dropped() -> None:
    old, new = pair()
    new.projects[2].code = None
    new.projects[2].name = "干部教育培训"
    diff = compare_documents(old, new)
    assert [(r.seq, r.name, r.code) for r in diff.projects_added] == [(3, "干部教育培训", None)]
    assert [(r.seq, r.name) for r in diff.projects_dropped] == [(3, "公共资源业务经费")]
    assert diff.summary.matched == 7
    assert diff.summary.added == diff.summary.dropped == 1


def test_code_wins_over_name_and_different_codes_fall_back_to_equal_names() -> None:
    old, new = pair()
    # two projects swap names but keep their codes: still matched by code
    new.projects[0].name, new.projects[1].name = old.projects[1].name, old.projects[0].name
    # a project whose code changed but name did not
    new.projects[3].code = "NEWCODE-1"
    diff = compare_documents(old, new)
    reasons = {p.new.seq: (p.old.seq, p.match_reason) for p in diff.projects}
    assert reasons[1] == (1, "项目编码相同")
    assert reasons[2] == (2, "项目编码相同")
    assert reasons[4] == (4, "项目名称相同，项目编码不同")


def test_matching_is_one_to_one_best_pair_first() -> None:
    old = seed()
    new = seed()
    for project in (*old.projects, *new.projects):
        project.code = None
    old.projects = old.projects[:1]
    old.projects[0].name = "网络运行维护费"
    new.projects = new.projects[:2]
    new.projects[0].name = "网络维护经费"  # 0.77
    new.projects[1].name = "网络运行维护费用"  # 0.93, the better partner
    matching = match_projects(old.projects, new.projects, 0.6)
    assert [(m.old, m.new, m.reason) for m in matching.pairs] == [(0, 1, "名称相似度 0.93")]
    assert matching.added == [0]
    assert matching.dropped == []


def test_threshold_decides_whether_similar_names_match() -> None:
    old, new = pair()
    new.projects[0].code = None
    new.projects[0].name = "公共资源双盲评审工作经费"
    assert match_projects(old.projects[:1], new.projects[:1], 0.9).pairs == []
    assert len(match_projects(old.projects[:1], new.projects[:1], 0.8).pairs) == 1


def test_names_are_normalised_before_comparing() -> None:
    assert normalise("2024年度 结案率(%)") == "结案率"
    assert normalise("公共资源“双盲评审”工作资金") == "公共资源双盲评审工作资金"
    assert similarity("結案率", "结案率") == 1.0
    assert similarity("", "结案率") == 0.0


def test_indicators_are_matched_by_level_and_name_then_by_similarity() -> None:
    old, new = pair()
    project = new.projects[0]
    project.indicators[2].name = "管理机、终端工作响应及时性"  # renamed slightly
    project.indicators[1].level2 = "数量指标"  # moved to another level-2
    project.indicators[1].category = "output.quantity"
    diff = compare_documents(old, new)
    by_name = {i.new.name: i.match_reason for i in diff.projects[0].indicators}
    assert by_name["管理机、终端工作响应及时性"] == "指标名称相似度 0.92"
    assert by_name["购买各种管理机、终端机产品合格率"] == (
        "指标名称相同，所属指标由“质量指标”改为“数量指标”"
    )
    assert diff.projects[0].indicators_added == []
    assert diff.projects[0].indicators_dropped == []


def test_placeholder_codes_are_no_codes() -> None:
    old, new = pair()
    old.projects[0].code = new.projects[1].code = "无"
    old.projects[1].code = new.projects[0].code = "/"
    diff = compare_documents(old, new)
    reasons = {p.new.seq: (p.old.seq, p.match_reason) for p in diff.projects}
    assert reasons[1] == (1, "项目名称相同")
    assert reasons[2] == (2, "项目名称相同")
