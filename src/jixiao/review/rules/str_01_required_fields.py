"""STR-01: a project table has its code, name, 预算数, goal text and indicator rows."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Project
from jixiao.review.examples import example_document, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import NoParams, ProjectRule, ReviewContext
from jixiao.review.rules._suggestions import goal_suggestion


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _label(project: Project) -> str:
    if _blank(project.name):
        return f"第{project.seq}张项目绩效目标表"
    return f"项目“{project.name.strip()}”"


class RequiredFields(ProjectRule):
    """项目绩效目标表应具备项目编码、项目名称、预算数、绩效目标和绩效指标。

    ## 检查内容
    项目缺少以下任一项：项目编码、项目名称、预算数、绩效目标文字、至少一行绩效指标。每缺一项报告一条，
    `field` 分别为 `code`、`name`、`budget`、`goals`、`indicators`。只含空白的内容按缺失计。
    绩效目标写成“目标内容1”之类占位文字不在本规则检查之列（由占位文字规则报告）。
    表格本身没有“项目编码”一栏的（多数省份的模板），不报告缺少项目编码。

    ## 为什么
    项目编码、名称和预算数确定“是哪笔钱”，绩效目标和绩效指标说明“这笔钱要办成什么事”。任何一项缺失，
    审核都无法判断目标是否明确、与资金是否匹配，后续监控和自评也无从对照。

    ## 示例
    反例：项目“审批大厅运行维护经费”的“绩效目标”栏为空。
    正例：绩效目标栏写明“全年办结审批业务不少于7000件，按时办结率不低于98%”。

    ## 修正
    不自动修正：缺失内容只能由单位补填。

    ## 依据
    财预〔2015〕88号 完整性审核：绩效目标的内容应完整、明确。

    ## 配置
    无参数。
    """

    code = "STR-01"
    name = "项目基本要素缺失"
    dimension = "完整性"
    severity = "error"
    source = "财预〔2015〕88号"
    Params = NoParams

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        label = _label(project)
        if _blank(project.code) and "code" not in project.form_lacks:
            yield self.finding(
                f"{label}缺少项目编码",
                project=project,
                field="code",
                suggestion="请按预算系统中的项目编码补填，便于与预算、监控和自评数据对应。",
            )
        if _blank(project.name):
            yield self.finding(
                f"{label}缺少项目名称",
                project=project,
                field="name",
                suggestion="请补填与预算批复一致的项目名称。",
            )
        if project.budget.total is None:
            yield self.finding(
                f"{label}缺少预算数",
                project=project,
                field="budget",
                suggestion="请补填项目预算数及其中财政资金、其他资金的金额。",
            )
        if not any(not _blank(goal) for goal in project.goals):
            yield self.finding(
                f"{label}未填写绩效目标",
                project=project,
                field="goals",
                suggestion=goal_suggestion(
                    project, doc.fiscal_year, "请写明项目年度预期达到的产出和效果"
                ),
            )
        if not project.indicators:
            yield self.finding(
                f"{label}没有任何绩效指标",
                project=project,
                field="indicators",
                suggestion="请按产出、效益、满意度指标分别设置细化、量化的三级指标。",
            )

    @classmethod
    def bad(cls) -> Document:
        return example_document(example_project(goals=[]))

    @classmethod
    def good(cls) -> Document:
        return example_document()
