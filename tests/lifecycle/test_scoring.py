"""The self-evaluation engine (EVA-01…12) on hand-built projects with hand-worked totals."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from jixiao.lifecycle.schemes import SchemeError, scoring_scheme
from jixiao.lifecycle.scoring import UnitScore, score_document, score_project
from jixiao.model import (
    Department,
    Document,
    IndicatorResult,
    Project,
    SelfEvaluation,
    SourceInfo,
)
from jixiao.values import parse_value
from tests.lifecycle._build import EFFECT, QUALITY, QUANTITY, indicator, training_project


def result(key: str, actual: str, **fields: Any) -> IndicatorResult:
    return IndicatorResult(indicator=key, actual_text=actual, actual=parse_value(actual), **fields)


def evaluation(*rows: IndicatorResult, **fields: Any) -> SelfEvaluation:
    base: dict[str, Any] = {"annual_budget": D(100), "executed": D(95)}
    base.update(fields)
    return SelfEvaluation(indicators=list(rows), **base)


def standard_rows(**changes: Any) -> list[IndicatorResult]:
    rows = {
        QUANTITY: result(QUANTITY, "80人", analysis="部分学员因疫情未参训"),
        QUALITY: result(QUALITY, "96%"),
        EFFECT: result(EFFECT, "部分达成", declared_score=D(30), analysis="培训后跟踪不足"),
    }
    rows.update(changes)
    return list(rows.values())


def scored(project: Project, **config: Any) -> UnitScore:
    return score_project(project, scoring_scheme(config))


def codes(score: UnitScore) -> list[str]:
    return [f.code for f in score.findings]


def test_central_scheme_worked_example() -> None:
    # 满意度 missing: its 10 points go to 效益 (40); 产出 50 is shared 25 / 25.
    # budget 95/100 × 10 = 9.5; 人数 25 × 80/100 = 20; 合格率 96 ≥ 95 → 25;
    # 定性 部分达成, declared 30 of 40 = 75 % ∈ [60, 80) → 30. Total 84.5 → 良.
    score = scored(training_project(self_evaluation=evaluation(*standard_rows())))
    assert score.budget.score == D("9.50")
    assert [r.weight for r in score.rows] == [D(25), D(25), D(40)]
    assert [r.scored.score for r in score.rows] == [D("20.00"), D("25.00"), D("30.00")]
    assert [r.scored.rule for r in score.rows] == ["EVA-03", "EVA-03", "EVA-06"]
    assert score.total == D("84.50")
    assert score.grade == "良"
    assert codes(score) == ["EVA-09"]
    assert score.findings[0].message == "自评得分 84.50 分，等级“良”"
    assert "25 × min(80 ÷ 100, 1) = 20.00" in score.rows[0].scored.formula


def test_rows_are_matched_by_identity_not_position() -> None:
    rows = list(reversed(standard_rows()))
    score = scored(training_project(self_evaluation=evaluation(*rows)))
    assert score.total == D("84.50")


def test_unmet_without_analysis_is_an_error() -> None:
    rows = standard_rows(**{QUANTITY: result(QUANTITY, "80人")})
    score = scored(training_project(self_evaluation=evaluation(*rows)))
    (eva08,) = [f for f in score.findings if f.code == "EVA-08"]
    assert eva08.severity == "error"
    assert eva08.indicator_index == 0
    assert "培训人数" in eva08.message


def test_declared_weights_must_add_up_to_100() -> None:
    project = training_project(
        indicators=[
            indicator("产出指标", "数量指标", "培训人数", "≥100人", "40"),
            indicator("产出指标", "质量指标", "培训合格率", "≥95%", "20"),
            indicator("效益指标", "社会效益指标", "干部能力", "有效改善", "25"),
        ],
        self_evaluation=evaluation(*standard_rows()),
    )
    score = scored(project)
    assert [r.weight for r in score.rows] == [D(40), D(20), D(25)]
    (eva01,) = [f for f in score.findings if f.code == "EVA-01"]
    assert eva01.severity == "error"
    assert "合计为 95 分，不是 100 分" in eva01.message


def test_weights_declared_in_the_self_evaluation_win() -> None:
    rows = standard_rows(
        **{
            QUANTITY: result(QUANTITY, "80人", weight=D(30), analysis="x"),
            QUALITY: result(QUALITY, "96%", weight=D(20)),
        }
    )
    score = scored(training_project(self_evaluation=evaluation(*rows)))
    # 产出 50 fully declared (30 + 20); 效益 keeps 40.
    assert [r.weight for r in score.rows] == [D(30), D(20), D(40)]
    assert score.rows[0].scored.score == D("24.00")


def test_not_applicable_indicators_rescale_the_total() -> None:
    # 合格率 不适用: raw 9.5 + 20 + 30 = 59.5 of 10 + 25 + 40 = 75 → 79.33 (中)
    rows = standard_rows(**{QUALITY: result(QUALITY, "", applicable=False)})
    score = scored(training_project(self_evaluation=evaluation(*rows)))
    assert score.raw_total == D("59.50")
    assert score.total == D("79.33")
    assert score.grade == "中"
    assert score.rescaled
    assert "EVA-11" in codes(score)


def test_declared_scores_are_compared_never_replaced() -> None:
    rows = standard_rows(**{QUANTITY: result(QUANTITY, "80人", declared_score=D(22), analysis="x")})
    project = training_project(
        self_evaluation=evaluation(*rows, declared_total=D(90), declared_grade="优")
    )
    score = scored(project)
    assert score.rows[0].scored.score == D("20.00")
    assert score.rows[0].declared_score == D(22)
    messages = [f.message for f in score.findings if f.code == "EVA-10"]
    assert messages == [
        "指标“培训人数”填报得分 22 分，按公式应为 20.00 分",
        "填报的自评总分 90 分，按公式计算为 84.50 分",
        "填报的评价等级“优”与计算结果“良”不一致",
    ]


def test_budget_below_90_percent_needs_an_explanation() -> None:
    project = training_project(self_evaluation=evaluation(*standard_rows(), executed=D(76)))
    score = scored(project)
    assert score.budget.score == D("7.60")
    (eva02,) = [f for f in score.findings if f.code == "EVA-02"]
    assert eva02.message == "预算执行率 76.00% 低于 90%，未说明原因"
    explained = evaluation(*standard_rows(), executed=D(76), budget_analysis="项目延期")
    assert "EVA-02" not in codes(scored(training_project(self_evaluation=explained)))


def test_budget_adjusted_mid_year_uses_the_full_year_budget() -> None:
    # 年初 100, 调整后 120 (全年预算数), 执行 108 → 90 % → 9.00
    project = training_project(
        self_evaluation=evaluation(
            *standard_rows(), initial_budget=D(100), annual_budget=D(120), executed=D(108)
        )
    )
    assert scored(project).budget.score == D("9.00")


def test_missing_budget_figures() -> None:
    project = training_project(self_evaluation=evaluation(*standard_rows(), executed=None))
    score = scored(project)
    assert score.budget.score == 0
    assert any(f.code == "EVA-02" and f.severity == "error" for f in score.findings)


def test_overachievement_flag_and_optional_deduction() -> None:
    rows = standard_rows(**{QUANTITY: result(QUANTITY, "130人")})
    plain = scored(training_project(self_evaluation=evaluation(*rows)))
    assert plain.rows[0].scored.score == D("25.00")
    assert "EVA-07" in codes(plain)
    deducted = scored(
        training_project(self_evaluation=evaluation(*rows)), overachievement_deduction=True
    )
    # 偏离度 30 % → 25 × 0.7
    assert deducted.rows[0].scored.score == D("17.50")
    assert deducted.rows[0].scored.rule == "EVA-07"


def test_reverse_variant_is_configurable() -> None:
    project = training_project(
        indicators=[
            indicator("产出指标", "数量指标", "培训人数", "≥100人"),
            indicator("产出指标", "成本指标", "人均成本", "≤500元"),
            indicator("效益指标", "社会效益指标", "干部能力", "有效改善"),
        ],
    )
    cost = "output.cost:人均成本"
    rows = standard_rows(**{QUALITY: result(cost, "600元", analysis="物价上涨")})
    rows = [r for r in rows if r.indicator != QUALITY]
    project = project.model_copy(update={"self_evaluation": evaluation(*rows)})
    # (a) 25 × 500/600 = 20.83; (b) 25 × (1 − 100/500) = 20
    assert scored(project).rows[1].scored.score == D("20.83")
    assert scored(project, reverse="linear").rows[1].scored.score == D("20.00")


def test_qualitative_score_outside_its_tier() -> None:
    rows = standard_rows(**{EFFECT: result(EFFECT, "部分达成", declared_score=D(35), analysis="x")})
    score = scored(training_project(self_evaluation=evaluation(*rows)))
    # 35 of 40 = 87.5 % is not in [60, 80): the tier's floor 24 is used and an error raised
    assert score.rows[2].scored.score == D("24.00")
    assert any(f.code == "EVA-06" and f.severity == "error" for f in score.findings)


def test_qualitative_without_tier() -> None:
    rows = standard_rows(**{EFFECT: result(EFFECT, "见附件", analysis="x")})
    score = scored(training_project(self_evaluation=evaluation(*rows)))
    assert score.rows[2].scored.score == 0
    assert "没有注明达成情况" in next(f.message for f in score.findings if f.code == "EVA-06")


def test_unmatched_and_missing_rows() -> None:
    rows = [
        result(QUANTITY, "100人"),
        result("output.quantity:不存在的指标", "5次", name="不存在的指标"),
        result(EFFECT, "达成"),
    ]
    score = scored(training_project(self_evaluation=evaluation(*rows)))
    eva12 = [f.message for f in score.findings if f.code == "EVA-12"]
    assert eva12 == [
        "自评表第 2 行的指标“不存在的指标”在绩效目标表中找不到，未计分",
        "指标“培训合格率”没有填报实际完成值，得 0 分",
    ]
    assert score.rows[1].scored.score == 0


def test_unreadable_actual() -> None:
    rows = standard_rows(**{QUALITY: result(QUALITY, "较好", analysis="x")})
    score = scored(training_project(self_evaluation=evaluation(*rows)))
    assert score.rows[1].scored.score == 0
    assert any(
        f.code == "EVA-12" and f.field == "self_evaluation.indicators[1].actual_text"
        for f in score.findings
    )


def test_sichuan_preset_shares_90_points() -> None:
    # Sichuan: 10 + 90 over all indicators → 30 each. 人数 30 × 0.8 = 24; 合格率 30;
    # 部分达成 declared 20 of 30 = 66.7 % → 20. 9.5 + 24 + 30 + 20 = 83.5
    rows = standard_rows(**{EFFECT: result(EFFECT, "部分达成", declared_score=D(20), analysis="x")})
    score = scored(training_project(self_evaluation=evaluation(*rows)), preset="sichuan")
    assert [r.weight for r in score.rows] == [D(30), D(30), D(30)]
    assert score.total == D("83.50")
    assert score.scheme == "sichuan"


def test_hubei_preset() -> None:
    # Hubei: budget 20 × 0.95 = 19; 产出 40 → 20 / 20: 16 + 20; 效益+满意度 40:
    # 部分达成 declared 22 of 40 = 55 % ∈ [50, 80) → 22. Total 77 → 中
    rows = standard_rows(**{EFFECT: result(EFFECT, "部分达成", declared_score=D(22), analysis="x")})
    score = scored(training_project(self_evaluation=evaluation(*rows)), preset="hubei")
    assert score.budget.score == D("19.00")
    assert [r.scored.score for r in score.rows] == [D("16.00"), D("20.00"), D("22.00")]
    assert score.total == D("77.00")
    assert score.grade == "中"
    central = scored(training_project(self_evaluation=evaluation(*rows)))
    assert any(f.code == "EVA-06" for f in central.findings)  # 55 % is below central 60 %


def test_department_and_projects_of_a_document() -> None:
    dept = Department(
        indicators=[indicator("产出指标", "数量指标", "培训人数", "≥100人", "90")],
        self_evaluation=evaluation(
            result(QUANTITY, "100人"), annual_budget=D(500), executed=D(500)
        ),
    )
    doc = Document(
        source=SourceInfo(name="x.json", format="json", sha256="0" * 64),
        department=dept,
        projects=[
            training_project(self_evaluation=evaluation(*standard_rows())),
            training_project(seq=2),
        ],
    )
    scores = score_document(doc)
    assert [(s.seq, s.name, s.total) for s in scores] == [
        (None, "部门整体", D("100.00")),
        (1, "干部培训", D("84.50")),
    ]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"preset": "beijing"}, "自评计分方案“beijing”不存在"),
        ({"reverse": "square"}, "自评计分配置有误：reverse"),
        ({"excellent": 50}, "等级分数线"),
    ],
)
def test_bad_scoring_configuration(config: dict[str, Any], message: str) -> None:
    with pytest.raises(SchemeError, match=message):
        scoring_scheme(config)


def test_schemes_come_from_the_review_configuration(tmp_path: Any) -> None:
    from jixiao.review.config import load_config

    path = tmp_path / "jixiao.toml"
    path.write_text(
        '[scoring]\npreset = "hubei"\nreverse = "linear"\n[monitoring]\npreset = "sichuan"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    scheme = scoring_scheme(config.scoring)
    assert (scheme.name, scheme.reverse, scheme.budget_weight) == ("hubei", "linear", D(20))


def test_qualitative_tier_from_the_declared_score_whatever_the_tier_order() -> None:
    # No tier and an outcome naming none: 28 of 40 = 70 % → 部分达成 (also with the tiers
    # configured in another order).
    rows = standard_rows(**{EFFECT: result(EFFECT, "见总结", declared_score=D(28), analysis="x")})
    project = training_project(self_evaluation=evaluation(*rows))
    tiers = {"未达成": [0, 60], "部分达成": [60, 80], "达成": [80, 100]}
    for score in (scored(project), scored(project, tiers=tiers)):
        assert score.rows[2].scored.score == D("28.00")
        assert "部分达成" in score.rows[2].scored.formula
