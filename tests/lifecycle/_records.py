"""A document carrying a self-evaluation and a July monitoring record, for renderer tests."""

from __future__ import annotations

from decimal import Decimal as D

from jixiao.model import (
    Department,
    Document,
    IndicatorProgress,
    IndicatorResult,
    MonitoringRecord,
    SelfEvaluation,
    SourceInfo,
    Unit,
)
from jixiao.values import parse_value
from tests.lifecycle._build import EFFECT, QUALITY, QUANTITY, training_project


def _result(key: str, actual: str, **fields: object) -> IndicatorResult:
    return IndicatorResult(indicator=key, actual_text=actual, actual=parse_value(actual), **fields)


def evaluated_document() -> Document:
    evaluation = SelfEvaluation(
        initial_budget=D(100),
        annual_budget=D(100),
        executed=D(95),
        goal_outcome="全年培训干部80人，合格率96%。",
        indicators=[
            _result(QUANTITY, "80人", analysis="部分学员因疫情未参训"),
            _result(QUALITY, "96%"),
            _result(EFFECT, "部分达成", declared_score=D(30), analysis="培训后跟踪不足"),
        ],
        conclusion="项目基本完成年度目标。",
    )
    record = MonitoringRecord(
        month=7,
        executed=D("40.5"),
        projected_executed=D(98),
        goal_progress="已完成两期培训。",
        indicators=[
            IndicatorProgress(
                indicator=QUANTITY,
                achieved_text="45人",
                achieved=parse_value("45人"),
                projected_text="100人",
                projected=parse_value("100人"),
                causes=["经费保障", "其他"],
                cause_text="资金下达较晚",
                likelihood="有可能",
                remark="第三期9月举办",
            ),
            IndicatorProgress(
                indicator=QUALITY,
                achieved_text="97%",
                achieved=parse_value("97%"),
                likelihood="确定能",
            ),
        ],
    )
    project = training_project(
        unit=Unit(name="某市委组织部干部教育中心"),
        goals=["培训干部100人次", "提升干部履职能力"],
        self_evaluation=evaluation,
        monitoring=[record],
    )
    return Document(
        source=SourceInfo(name="t.docx", format="docx", sha256="0" * 64),
        fiscal_year=2025,
        department=Department(unit=Unit(name="某市委组织部")),
        projects=[project],
    )
