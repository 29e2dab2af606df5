"""STR-11: the indicator table has a 满意度指标."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Project
from jixiao.model.categories import level1_code
from jixiao.review.examples import example_document, example_indicators, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import NoParams, ProjectRule, ReviewContext


class SatisfactionPresent(ProjectRule):
    """有服务对象的项目应设置满意度指标。

    ## 检查内容
    项目的绩效指标中没有一级指标“满意度指标”。报告在 `field="indicators"`，每个项目一条。
    项目没有任何指标时由 STR-01 报告，本规则不重复。

    ## 为什么
    满意度指标反映服务对象或受益群体对项目实施效果的认可程度，是产出和效益之外的第三类核心指标。
    有明确服务对象的项目缺少满意度指标，说明绩效目标不完整。少数项目确无可识别的服务对象
    （如内部运转类），可以不设，但应说明理由，所以本规则只给警告。

    ## 示例
    反例：审批大厅运行维护项目只设产出指标和效益指标。
    正例：另设满意度指标“办事群众满意度 ≥95%”（以抽样调查为依据）。

    ## 修正
    不自动修正：需单位确定服务对象和调查方式后设置。

    ## 依据
    财预〔2015〕88号、财预〔2021〕101号指标体系中的满意度指标（服务对象满意度）；
    本项目 rules.md T8（有服务对象或受益人的应设置）。

    ## 配置
    无参数。产出、效益指标缺失由 STR-05 报告（错误级）。
    """

    code = "STR-11"
    name = "缺少满意度指标"
    dimension = "完整性"
    severity = "warning"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    Params = NoParams

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        if not project.indicators:
            return
        if any(level1_code(i.level1) == "satisfaction" for i in project.indicators):
            return
        yield self.finding(
            "绩效指标未设置满意度指标",
            project=project,
            field="indicators",
            suggestion="项目有明确服务对象的，请设置服务对象满意度指标（如“≥90%”，以问卷调查为依据）；"
            "确无服务对象的，请说明不设置的理由。",
        )

    @classmethod
    def bad(cls) -> Document:
        rows = [row for row in example_indicators() if row.level1 != "满意度指标"]
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
