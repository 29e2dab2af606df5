"""STR-05: the indicator table has 产出指标 and 效益指标 (效果指标 counts as 效益)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Project
from jixiao.model.categories import level1_code
from jixiao.review.examples import example_document, example_indicators, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import NoParams, ProjectRule, ReviewContext

REQUIRED = (
    ("output", "产出指标", "请设置反映项目提供的产品和服务的数量、质量、时效、成本指标。"),
    (
        "effect",
        "效益指标",
        "请设置反映项目实施效果的社会效益、经济效益、生态效益或可持续影响指标。",
    ),
)


class OutputAndEffectPresent(ProjectRule):
    """绩效指标应同时包含产出指标和效益指标。

    ## 检查内容
    项目的绩效指标中没有一级指标“产出指标”，或没有“效益指标”（旧模板的“效果指标”视同效益指标）。
    每缺一类报告一条，`field="indicators"`。项目没有任何指标时由 STR-01 报告，本规则不重复。
    按一级指标的标签判断；二级指标是否放对位置由 STR-07 检查。

    ## 为什么
    绩效目标应当说明预期的产出和效果。只有产出没有效益，看不出花钱办事带来了什么改变；
    只有效益没有产出，效果无从落到可检查的工作量上。

    ## 示例
    反例：指标只有产出指标和满意度指标，没有任何效益指标。
    正例：另设效益指标“企业群众办事平均跑动次数 ≤1次”。

    ## 修正
    不自动修正：缺少的指标需单位根据项目内容设置。

    ## 依据
    财预〔2015〕88号：绩效目标应明确预期的产出和效果，并细化为绩效指标；财预〔2021〕101号
    项目支出绩效目标的定义（产出和效果）。

    ## 配置
    无参数。满意度指标缺失由 STR-11 报告（警告级）。
    """

    code = "STR-05"
    name = "缺少产出或效益指标"
    dimension = "完整性"
    severity = "error"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    Params = NoParams

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        if not project.indicators:
            return
        present = {level1_code(indicator.level1) for indicator in project.indicators}
        labels = "、".join(dict.fromkeys(i.level1.strip() for i in project.indicators))
        for code, label, suggestion in REQUIRED:
            if code not in present:
                yield self.finding(
                    f"绩效指标缺少一级指标“{label}”（现有一级指标：{labels}）",
                    project=project,
                    field="indicators",
                    suggestion=suggestion,
                )

    @classmethod
    def bad(cls) -> Document:
        rows = [row for row in example_indicators() if row.level1 != "效益指标"]
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
