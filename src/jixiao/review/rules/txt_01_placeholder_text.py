"""TXT-01: placeholder or template text left in goals, purpose or indicator rows."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Project
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Finding
from jixiao.review.rule import NoParams, ProjectRule, ReviewContext
from jixiao.review.rules._suggestions import goal_suggestion
from jixiao.review.rules._text_terms import (
    indicator_placeholder,
    is_category_label,
    is_placeholder,
    show,
)

_FIELD_NAMES = {"name": "三级指标名称", "description": "绩效指标描述", "value": "指标值"}
_FIELD_PATHS = {"name": "name", "description": "description", "value": "value"}


class PlaceholderText(ProjectRule):
    """绩效目标、资金用途和指标中不应留有模板占位文字。

    ## 检查内容
    - 绩效目标（`goals`）、资金用途（`purpose`）或项目名称仍是模板文字：`目标内容1`、`XXX`、
      `××`、`某某`、`请填写…`，或整栏只有 `无`、`/`、`-`、`待定` 等；
    - 三级指标名称或绩效指标描述是上述占位文字，或三级指标名称只是指标分类名称
      （`生态效益指标`、`社会效益`、`数量指标`、`数量要求`）；
    - 指标值是模板文字（`XXX`、`待定`、`请填写…`）。指标值只有 `/`、`—` 的由 STR-08 报告，
      指标值 `无` 可能是真实目标（如“重大安全事故：无”），本规则不报。
    每个项目的绩效目标报告一次（`goals`）；每行指标报告一次，定位到第一个有问题的栏目
    （`indicators[i].name`、`.description` 或 `.value`），消息中列出该行所有占位栏目。
    满意度类名称（`服务对象满意度`）是正常的三级指标名称，不算分类名称。

    ## 为什么
    占位文字说明表格没有真正填写：目标为“目标内容1”的项目没有绩效目标，名称为“无”或
    “生态效益指标”的指标没有衡量任何东西。这是审核中“目标不完整”的典型情形。

    ## 示例
    反例：绩效目标为“目标内容1”；三级指标名称为“生态效益指标”，描述和指标值也照抄名称。
    正例：绩效目标为“全年办结审批业务不少于7000件，按时办结率不低于98%”；三级指标为
    “年度办理审批业务量”，指标值“≥7000件”。

    ## 修正
    不自动修正：目标和指标需由单位按项目实际填写。项目确无某类效益的，删除该行而不是填“无”。

    ## 依据
    财预〔2015〕88号 完整性审核：绩效目标应完整、明确；绩效指标应细化、量化。

    ## 配置
    无参数。
    """

    code = "TXT-01"
    name = "占位或模板文字未替换"
    dimension = "完整性"
    severity = "error"
    source = "财预〔2015〕88号"
    merge_rows = True
    merge_projects = True
    Params = NoParams

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        if is_placeholder(project.name):
            yield self.finding(
                f"项目名称为占位文字“{show(project.name)}”",
                project=project,
                field="name",
                text=project.name,
                suggestion="请填写预算批复中的项目名称。",
            )
        if is_placeholder(project.purpose):
            yield self.finding(
                f"资金用途为占位文字“{show(project.purpose)}”，未说明资金的具体用途",
                project=project,
                field="purpose",
                text=project.purpose,
                suggestion=f"请写明“{project.name.strip() or '本项目'}”的资金用于哪些支出"
                "（支出内容、标准和数量）。",
            )
        placeholders = [g for g in project.goals if is_placeholder(g)]
        if placeholders:
            quoted = "、".join(f"“{show(g)}”" for g in placeholders)
            whole = len(placeholders) == len(project.goals)
            yield self.finding(
                f"绩效目标{'仍为' if whole else '中有'}模板占位文字{quoted}，"
                f"{'未填写实际目标' if whole else '应删除或改写'}",
                project=project,
                field="goals",
                text="；".join(placeholders),
                suggestion=goal_suggestion(
                    project, doc.fiscal_year, "请按项目实际填写预期产出和效果"
                ),
            )
        for index, indicator in enumerate(project.indicators):
            fields = indicator_placeholder(indicator)
            if not fields:
                continue
            first = fields[0]
            texts = {
                "name": indicator.name,
                "description": indicator.description or "",
                "value": indicator.value_text,
            }
            parts = []
            for f in fields:
                label_only = f == "name" and is_category_label(indicator.name)
                kind = "只是指标分类名称" if label_only else "为占位文字"
                parts.append(f"{_FIELD_NAMES[f]}“{show(texts[f])}”{kind}")
            yield self.finding(
                "；".join(parts) + "，未写出具体指标",
                project=project,
                indicator_index=index,
                field=f"indicators[{index}].{_FIELD_PATHS[first]}",
                text=texts[first],
                suggestion=f"请为“{indicator.level2.strip() or indicator.level1.strip()}”"
                "填写具体、可衡量的三级指标及描述和指标值；项目确无此类产出或效益的，删除该行。",
            )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows.append(
            example_indicator(
                "效益指标", "生态效益指标", "生态效益指标", "生态效益指标", "无", None, line=34
            )
        )
        return example_document(example_project(goals=["目标内容1"], indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
