"""Text, consistency, relevance and duplication rules (TXT, GOAL, CAT, IND, DUP, REL) and the
text-similarity helper they share."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from jixiao import read_path
from jixiao.model import Document, Indicator
from jixiao.review import review
from jixiao.review.config import ReviewConfig
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Finding
from jixiao.review.merge import flatten
from jixiao.review.rules._text_terms import is_category_label, is_placeholder
from jixiao.review.rules.ind_01_combined_indicators import measures
from jixiao.review.rules.rel_02_output_keyword_overlap import OutputKeywordOverlap
from jixiao.review.textsim import (
    canonical,
    containment,
    dice,
    heads,
    jaccard,
    key_terms,
    overlap,
    ratio,
    segments,
    terms,
)
from jixiao.values import parse_value
from tests.conftest import SEEDS

CODES = [
    "TXT-01",
    "TXT-02",
    "TXT-03",
    "GOAL-01",
    "CAT-01",
    "CAT-02",
    "IND-01",
    "DUP-01",
    "DUP-02",
    "DUP-03",
    "REL-01",
    "REL-02",
    "REL-03",
]

Where = tuple[str, int | None, int | None, str | None]


def run(doc: Document, code: str, **params: Any) -> list[Finding]:
    config = ReviewConfig(select=[code], params={code: params} if params else {})
    return flatten(review(doc, config).findings)


def where(findings: list[Finding]) -> list[Where]:
    return sorted(
        ((f.code, f.project_seq, f.indicator_index, f.field) for f in findings),
        key=lambda w: (w[0], w[1] or 0, -1 if w[2] is None else w[2], w[3] or ""),
    )


def with_row(index: int, row: Indicator, **changes: Any) -> Document:
    rows = example_indicators()
    rows[index] = row
    return example_document(example_project(indicators=rows, **changes))


# -- textsim ------------------------------------------------------------------------------


def test_segments_cut_at_punctuation_and_stop_words() -> None:
    assert segments("劳务派遣工作完成率") == ("劳务派遣", "完成率")
    assert segments("“放管服”改革工作完成率") == ("放管服", "改革", "完成率")
    # 及时 is a word, not the conjunction 及
    assert segments("案件、资料上报及时率") == ("案件", "资料上报及时率")
    assert segments("ＡＢ１２３") == ("ab123",)


def test_key_terms_drop_boiler_plate() -> None:
    assert key_terms("服务对象满意度") == frozenset()
    assert key_terms("优化我县营商环境") == frozenset()
    assert key_terms("劳务派遣工作完成率") == {"劳务", "务派", "派遣"}
    assert key_terms("预算经费控制数", ("预算", "经费", "控制")) == frozenset()
    assert "完成" in terms("劳务派遣工作完成率")
    assert terms("无") == {"无"}


def test_canonical_and_ratio() -> None:
    assert canonical("结案率(%)") == canonical("结案率") == "结案率"
    assert ratio("满足群众、企业需求", "满足于群众和企业需求") == 1.0
    assert ratio("购买各种管理机、终端机产品合格率", "购买各种管理机、终端产品合格率") > 0.9
    assert ratio("对外交往联系率", "反映对外交往联系情况") < 0.9
    assert ratio("", "") == 1.0
    assert ratio("无", "") == 0.0


def test_set_measures() -> None:
    a, b = frozenset({"甲乙", "乙丙"}), frozenset({"乙丙", "丙丁", "丁戊"})
    assert dice(a, b) == pytest.approx(0.4)
    assert jaccard(a, b) == pytest.approx(0.25)
    assert containment(a, b) == pytest.approx(0.5)
    assert overlap(a, b) == pytest.approx(0.5)
    empty: frozenset[str] = frozenset()
    assert dice(empty, empty) == jaccard(empty, empty) == containment(empty, b) == 0.0
    assert overlap(empty, b) == 0.0


def test_heads_are_segment_final_characters() -> None:
    assert "楼" in heads("保证正常运转大楼数量")
    assert "楼" in heads("用于保证办公楼正常运转的水电费")


# -- TXT-01 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["目标内容1", "1、目标内容1", "XXX", "××", "请填写绩效目标", "无", "/", "待定", "指标1"]
)
def test_placeholders(text: str) -> None:
    assert is_placeholder(text)


@pytest.mark.parametrize("text", ["丰富群众文化内容", "全年办结7000件", "无投诉", "10个", ""])
def test_not_placeholders(text: str) -> None:
    assert not is_placeholder(text)


def test_value_placeholders_leave_empty_marks_to_str08() -> None:
    assert not is_placeholder("无", value=True)
    assert not is_placeholder("/", value=True)
    assert is_placeholder("待定", value=True)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("生态效益指标", True),
        ("社会效益", True),
        ("数量要求", True),
        ("可持续影要求", True),
        ("服务对象满意度", False),
        ("满意率", False),
        ("成本控制", False),
        ("社会影响力", False),
    ],
)
def test_category_labels(name: str, label: bool) -> None:
    assert is_category_label(name) is label


def test_txt01_goals_purpose_and_rows() -> None:
    row = example_indicator(name="年度办理审批业务量", value="待定")
    doc = with_row(0, row, goals=["目标内容1", "办事群众满意度达到95%以上"], purpose="XXX")
    findings = run(doc, "TXT-01")
    assert where(findings) == [
        ("TXT-01", 1, None, "goals"),
        ("TXT-01", 1, None, "purpose"),
        ("TXT-01", 1, 0, "indicators[0].value"),
    ]
    goals = next(f for f in findings if f.field == "goals")
    assert "目标内容1" in goals.message and goals.text == "目标内容1"


def test_txt01_one_finding_per_row_naming_every_field() -> None:
    row = example_indicator("效益指标", "生态效益指标", "无", "无", "无")
    findings = run(with_row(4, row), "TXT-01")
    assert where(findings) == [("TXT-01", 1, 4, "indicators[4].name")]
    assert "三级指标名称“无”" in findings[0].message
    assert "绩效指标描述“无”" in findings[0].message


# -- TXT-02 -------------------------------------------------------------------------------


def test_txt02_one_row_points_at_the_description() -> None:
    rows = example_indicators()
    rows[1] = rows[1].model_copy(update={"description": "审批业务办结率（%）"})
    findings = run(example_document(example_project(indicators=rows)), "TXT-02")
    assert where(findings) == [("TXT-02", 1, 1, "indicators[1].description")]


def test_txt02_many_rows_one_project_finding() -> None:
    rows = [r.model_copy(update={"description": r.name}) for r in example_indicators()]
    findings = run(example_document(example_project(indicators=rows)), "TXT-02")
    assert where(findings) == [("TXT-02", 1, None, "indicators")]
    assert findings[0].message.startswith("全部6个三级指标")


def test_txt02_min_ratio() -> None:
    rows = example_indicators()
    rows[1] = rows[1].model_copy(update={"description": "反映审批业务办结情况"})
    doc = example_document(example_project(indicators=rows))
    assert run(doc, "TXT-02", min_ratio=0.8)
    assert not run(doc, "TXT-02")


# -- TXT-03 -------------------------------------------------------------------------------


def test_txt03_reports_unrelated_description() -> None:
    row = example_indicator(
        "产出指标", "质量指标", "群众反馈和投诉", "制作印刷政府服务代表工作手册数量", "50本"
    )
    findings = run(with_row(1, row), "TXT-03")
    assert where(findings) == [("TXT-03", 1, 1, "indicators[1].description")]
    assert "制作印刷政府服务代表工作手册数量" in findings[0].message


def test_txt03_rate_definitions_are_exempt() -> None:
    row = example_indicator(
        "效益指标", "社会效益指标", "工作贡献率", "人事代理人员完成的工作量占单位总体工作量的比率"
    )
    doc = with_row(4, row)
    assert not run(doc, "TXT-03")
    assert run(doc, "TXT-03", exempt_rate_definitions=False)


def test_txt03_one_shared_character_is_not_reported_by_default() -> None:
    row = example_indicator(
        "效益指标", "社会效益指标", "事物活动完成率", "保障大厅各项事务符合办事群众需求"
    )
    doc = with_row(4, row)
    assert not run(doc, "TXT-03")
    assert run(doc, "TXT-03", max_char_overlap=0.2)


# -- GOAL-01 ------------------------------------------------------------------------------


def test_goal01_duplicate_goals_are_reported_even_when_not_the_purpose() -> None:
    goal = "全年办结审批业务不少于7000件"
    findings = run(example_document(example_project(goals=[goal, goal + "。"])), "GOAL-01")
    assert where(findings) == [("GOAL-01", 1, None, "goals")]
    assert "第1条与第2条" in findings[0].message


def test_goal01_restating_the_purpose() -> None:
    purpose = "保障劳务派遣人员经费"
    doc = example_document(
        example_project(purpose=purpose, goals=["保障劳务派遣人员工资", "保障劳务派遣人员保险"])
    )
    findings = run(doc, "GOAL-01")
    assert where(findings) == [("GOAL-01", 1, None, "goals")]
    assert "复述资金用途" in findings[0].message
    assert not run(doc, "GOAL-01", purpose_containment=0.8)


def test_goal01_one_goal_with_content_is_enough() -> None:
    purpose = "保障劳务派遣人员经费"
    doc = example_document(
        example_project(purpose=purpose, goals=[purpose, "按月足额发放17名派遣人员工资"])
    )
    assert not run(doc, "GOAL-01")


def test_goal01_ignores_placeholders() -> None:
    doc = example_document(example_project(goals=["目标内容1", "目标内容1"]))
    assert not run(doc, "GOAL-01")


# -- CAT-01 / CAT-02 ----------------------------------------------------------------------


def test_cat01_offers_an_unsafe_move() -> None:
    row = example_indicator("产出指标", "数量指标", "群众满意率", "办事群众的满意比例", "≥95%")
    findings = run(with_row(0, row), "CAT-01")
    assert where(findings) == [("CAT-01", 1, 0, "indicators[0].level1")]
    fix = findings[0].fix
    assert fix is not None and fix.safety == "unsafe"
    assert [e.path for e in fix.edits] == [
        "projects[0].indicators[0].level1",
        "projects[0].indicators[0].level2",
        "projects[0].indicators[0].category",
    ]


def test_cat01_survey_outputs_are_not_satisfaction() -> None:
    row = example_indicator("产出指标", "数量指标", "满意度调查覆盖率", "调查覆盖的比例", "≥90%")
    assert not run(with_row(0, row), "CAT-01")


def test_cat02_accepted_words() -> None:
    row = example_indicator("满意度指标", "服务对象满意度指标", "群众投诉率", "投诉件数占比", "≤1%")
    doc = with_row(5, row)
    assert not run(doc, "CAT-02")
    assert where(run(doc, "CAT-02", accepted_words=["满意"])) == [
        ("CAT-02", 1, 5, "indicators[5].level1")
    ]


# -- IND-01 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("金融机构联系率、融资服务率、金融扶贫率", 3),
        ("调查研究次数及完成率", 2),
        ("审批业务办结率和满意度", 2),
        ("案件、资料上报及时率", 1),
        ("因公出国、赴港澳及外国人来华、邀请外宾审批率", 1),
        ("购买各种管理机、终端机数量", 1),
        ("政府职能转变及“放管服”改革工作完成率", 1),
        ("满足群众、企业需求", 0),
    ],
)
def test_ind01_measures(name: str, count: int) -> None:
    assert len(measures(name)) == count


# -- DUP-01 -------------------------------------------------------------------------------


def test_dup01_duplicate_label_and_project_name() -> None:
    rows = example_indicators()
    rows[2] = example_indicator("产出指标", "时效指标", "审批业务办结率 ")
    rows[3] = example_indicator("产出指标", "大厅运维", "大厅运维", "运维支出", "≤30万元")
    rows[4] = example_indicator("效益指标", "社会效益指标", "审批大厅运行维护", "大厅运转")
    findings = run(example_document(example_project(indicators=rows)), "DUP-01")
    assert where(findings) == [
        ("DUP-01", 1, 2, "indicators[2].name"),
        ("DUP-01", 1, 3, "indicators[3].name"),
        ("DUP-01", 1, 4, "indicators[4].name"),
    ]
    assert "第2个指标" in findings[0].message


def test_dup01_satisfaction_label_is_accepted_by_default() -> None:
    row = example_indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", "抽样调查")
    doc = with_row(5, row)
    assert not run(doc, "DUP-01")
    assert run(doc, "DUP-01", check_satisfaction_labels=True)


def test_dup01_skips_placeholder_names() -> None:
    rows = example_indicators()
    rows[4] = example_indicator("效益指标", "生态效益指标", "生态效益指标", "无", "无")
    assert not run(example_document(example_project(indicators=rows)), "DUP-01")


# -- DUP-02 / DUP-03 ----------------------------------------------------------------------


def _three_projects() -> Document:
    third = example_indicators()[:5]
    return example_document(
        example_project(1),
        example_project(2),
        example_project(3, name="政务服务中心运行经费", indicators=third),
    )


def test_dup03_identical_and_dup02_similar() -> None:
    doc = _three_projects()
    identical = run(doc, "DUP-03")
    assert where(identical) == [("DUP-03", 2, None, "indicators")]
    assert "项目1“审批大厅运行维护经费”" in identical[0].message
    assert "指标值也相同" in identical[0].message
    similar = run(doc, "DUP-02")
    # project 2 is identical (DUP-03's); project 3 holds 5 of the 6: Dice 10/11
    assert where(similar) == [("DUP-02", 3, None, "indicators")]
    assert "项目1" in similar[0].message and "项目2" in similar[0].message


def test_dup_min_indicators() -> None:
    doc = _three_projects()
    assert not run(doc, "DUP-03", min_indicators=7)
    assert not run(doc, "DUP-02", min_similarity=0.95)


# -- REL-01 -------------------------------------------------------------------------------


def test_rel01_reports_missing_quantities_once_per_project() -> None:
    goals = ["全年办结审批业务不少于7500件，按时办结率不低于98%", "新增自助终端3台，第2批验收"]
    findings = run(example_document(example_project(goals=goals)), "REL-01")
    assert where(findings) == [("REL-01", 1, None, "goals")]
    assert "“7500件”、“3台”" in findings[0].message
    assert "“98%”" not in findings[0].message  # ≥98% is a value
    assert "“2批”" not in findings[0].message  # an ordinal, not a quantity


def test_rel01_scale_and_percent() -> None:
    rows = example_indicators()
    rows[0] = example_indicator(name="免费复印量", value="≥25000份")
    goals = ["为群众免费复印2.5万份", "满意度达到90%"]
    doc = example_document(example_project(goals=goals, indicators=rows))
    assert "“90%”" in run(doc, "REL-01")[0].message
    assert "2.5万份" not in run(doc, "REL-01")[0].message
    assert not run(doc, "REL-01", include_percent=False)


# -- REL-02 -------------------------------------------------------------------------------


def test_rel02_head_nouns_link_phrases() -> None:
    rows = example_indicators()
    rows[0] = example_indicator(name="保证正常运转大楼数量", description=None, value="1栋")
    rows[1] = example_indicator("产出指标", "质量指标", "大楼出现问题及时解决率", None, "≥98%")
    rows[2] = example_indicator("产出指标", "时效指标", "完成及时性", None, "≥98%")
    project = example_project(
        name="中心运维费",
        purpose="用于保证办公楼正常运转的水电费、物业管理费等支出",
        goals=["保证中心正常运转"],
        indicators=rows,
    )
    assert not run(example_document(project), "REL-02")


def test_rel02_reports_when_no_output_relates() -> None:
    findings = run(OutputKeywordOverlap.bad(), "REL-02")
    assert where(findings) == [("REL-02", 1, None, "indicators")]
    assert "活动完成率" in findings[0].message
    assert not run(OutputKeywordOverlap.bad(), "REL-02", min_related_share=0.0)


# -- REL-03 -------------------------------------------------------------------------------


def test_rel03_reports_foreign_indicator_only() -> None:
    foreign = example_indicator(
        "效益指标", "可持续影响指标", "长期使用性", "能够长期满足人民群众对精神文化的需求"
    )
    findings = run(with_row(4, foreign), "REL-03")
    assert where(findings) == [("REL-03", 1, 4, "indicators[4].name")]
    assert "精神文化" in findings[0].message


@pytest.mark.parametrize(
    ("level1", "level2", "name", "description"),
    [
        ("满意度指标", "服务对象满意度指标", "图书馆读者满意度", "读者对图书借阅服务的满意程度"),
        ("产出指标", "成本指标", "预算经费控制数", "预算经费控制数"),
        ("效益指标", "社会效益指标", "优化我县营商环境", "优化我县营商环境"),
    ],
)
def test_rel03_satisfaction_and_generic_rows_are_not_judged(
    level1: str, level2: str, name: str, description: str
) -> None:
    row = example_indicator(level1, level2, name, description)
    index = 5 if level1 == "满意度指标" else 4
    assert not run(with_row(index, row), "REL-03")


# -- the four seeds -----------------------------------------------------------------------


@cache
def seed(prefix: str) -> Document:
    return read_path(SEEDS[prefix])


def seed_findings(prefix: str) -> list[Where]:
    return where(flatten(review(seed(prefix), ReviewConfig(select=CODES)).findings))


def test_seed_000() -> None:
    assert seed_findings("000") == [
        ("CAT-01", 3, 1, "indicators[1].level1"),  # 群众满意率 under 效果/社会效益
        ("CAT-01", 5, 2, "indicators[2].level1"),  # 业务工作满意度 under 效果
        ("CAT-01", 6, 2, "indicators[2].level1"),
        ("CAT-01", 8, 1, "indicators[1].level1"),  # 群众满意率 as 产出/数量指标
        ("CAT-02", 3, 2, "indicators[2].level1"),  # 活动完成率 under 满意度
        ("DUP-02", 5, None, "indicators"),  # 3 of 4 as project 1
        ("DUP-02", 6, None, "indicators"),  # 3 of 4 as projects 3 and 4
        ("DUP-03", 4, None, "indicators"),  # same three names as project 3
        ("GOAL-01", 1, None, "goals"),  # 保障劳务派遣人员经费 twice, = purpose
        ("GOAL-01", 2, None, "goals"),
        ("GOAL-01", 3, None, "goals"),
        ("GOAL-01", 4, None, "goals"),
        ("GOAL-01", 5, None, "goals"),
        ("GOAL-01", 6, None, "goals"),
        ("GOAL-01", 7, None, "goals"),
        ("GOAL-01", 8, None, "goals"),
        ("REL-02", 3, None, "indicators"),  # 综合事务保障率 vs 财务、专网
        ("REL-02", 4, None, "indicators"),  # 活动完成率 vs 审批业务专项经费
        ("REL-02", 6, None, "indicators"),  # 活动完成率… vs 免费复印、免费邮寄
        ("REL-03", 7, 2, "indicators[2].name"),  # 长期使用性 — 精神文化
        ("TXT-03", 8, 1, "indicators[1].description"),  # 群众满意率 — 保障大厅各项业务正常进行
    ]


def test_seed_001() -> None:
    assert seed_findings("001") == [
        ("CAT-01", 6, 2, "indicators[2].level1"),  # 援疆干部家属满意度 under 效果
        ("DUP-01", 6, 3, "indicators[3].name"),  # …and again under 满意度
        ("GOAL-01", 2, None, "goals"),  # the purpose split in two
        ("GOAL-01", 3, None, "goals"),
        ("IND-01", 3, 0, "indicators[0].name"),  # 金融机构联系率、融资服务率、…
        ("IND-01", 7, 0, "indicators[0].name"),  # 调查研究次数及完成率
        ("TXT-03", 4, 2, "indicators[2].description"),  # 信息搜集及完成率 — 门户网站办理效果
    ]


def test_seed_002() -> None:
    assert seed_findings("002") == [
        ("CAT-01", 3, 5, "indicators[5].level1"),  # 提高群众满意度 under 可持续影响
        ("CAT-01", 3, 6, "indicators[6].level1"),
        ("DUP-01", 3, 2, "indicators[2].name"),  # 营造良好的营商环境 twice
        ("DUP-01", 5, 3, "indicators[3].name"),  # 完成全年评审工作 twice
        ("DUP-01", 5, 7, "indicators[7].name"),  # 完成全年审批工作 twice
        ("REL-02", 1, None, "indicators"),  # 结案率… vs 律师服务费 (synonyms: debatable)
        ("TXT-01", 1, None, "goals"),  # 目标内容1, in all six projects
        ("TXT-01", 2, None, "goals"),
        ("TXT-01", 2, 7, "indicators[7].name"),  # 无
        ("TXT-01", 3, None, "goals"),
        ("TXT-01", 4, None, "goals"),
        ("TXT-01", 4, 0, "indicators[0].name"),  # 数量要求 … 可持续影要求
        ("TXT-01", 4, 1, "indicators[1].name"),
        ("TXT-01", 4, 2, "indicators[2].name"),
        ("TXT-01", 4, 3, "indicators[3].name"),
        ("TXT-01", 4, 4, "indicators[4].name"),
        ("TXT-01", 4, 5, "indicators[5].name"),
        ("TXT-01", 4, 6, "indicators[6].name"),
        ("TXT-01", 4, 7, "indicators[7].name"),
        ("TXT-01", 5, None, "goals"),
        ("TXT-01", 6, None, "goals"),
        ("TXT-01", 6, 6, "indicators[6].name"),  # 生态效益指标
        ("TXT-02", 1, None, "indicators"),
        ("TXT-02", 2, None, "indicators"),
        ("TXT-02", 3, 3, "indicators[3].description"),
        ("TXT-02", 4, 8, "indicators[8].description"),
        ("TXT-02", 5, None, "indicators"),
        ("TXT-02", 6, None, "indicators"),
        ("TXT-03", 2, 0, "indicators[0].description"),  # 群众反馈和投诉 — 制作印刷…手册数量
        ("TXT-03", 3, 0, "indicators[0].description"),  # 提高办事效率 — 政务大厅正常运转
        ("TXT-03", 3, 1, "indicators[1].description"),  # 营造良好的营商环境 — 免费复印25万份
        ("TXT-03", 3, 2, "indicators[2].description"),  # … — 免费邮寄206份
    ]


def test_seed_003() -> None:
    assert seed_findings("003") == [
        ("GOAL-01", 3, None, "goals"),  # goal = purpose
        ("GOAL-01", 7, None, "goals"),
        *(("TXT-02", seq, None, "indicators") for seq in range(1, 9)),
    ]


def test_rel01_a_zero_target_in_words_needs_an_indicator() -> None:
    """“较大事故零发生” is a target: some indicator must be valued 0, 零 or 无."""
    goal = "全年完成特种设备检验1200台次，较大事故零发生"
    rows = example_indicators()
    rows[0] = rows[0].model_copy(
        update={"value_text": "≥1200台次", "value": parse_value("≥1200台次")}
    )
    project = example_project(goals=[goal], indicators=rows)
    review_of = review(example_document(project), ReviewConfig(select=["REL-01"]))
    [finding] = review_of.findings
    assert "“零发生”" in finding.message and "=0起" in (finding.suggestion or "")
    rows.append(
        rows[4].model_copy(
            update={"name": "较大事故发生起数", "value_text": "=0起", "value": parse_value("=0起")}
        )
    )
    measured = example_project(goals=[goal], indicators=rows)
    assert review(example_document(measured), ReviewConfig(select=["REL-01"])).findings == []
