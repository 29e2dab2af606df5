"""STR-10: the department part has 总体绩效目标, 分项绩效目标 and 工作保障措施."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import NoParams, ReviewContext, Rule

PARTS = (
    (
        "overall_goals",
        "总体绩效目标",
        "请概括部门年度总体绩效目标，说明全年要完成的主要任务和预期效果。",
    ),
    ("sub_goals", "分项绩效目标", "请按主要职责或重点项目分项列出绩效目标。"),
    ("safeguards", "工作保障措施", "请写明实现绩效目标的制度、人员、资金和管理等保障措施。"),
)


def _filled(items: list[str]) -> bool:
    return any(item.strip() for item in items)


class DepartmentParts(Rule):
    """部门整体绩效目标应包括总体绩效目标、分项绩效目标和工作保障措施。

    ## 检查内容
    文件第一部分“部门整体绩效目标”缺少“总体绩效目标”“分项绩效目标”或“工作保障措施”（没有内容或
    只有空白）。每缺一部分报告一条，`field` 为 `department.overall_goals`、`department.sub_goals`、
    `department.safeguards`；三部分全部缺失时只报一条“缺少部门整体绩效目标”，`field="department"`。
    文件中完全没有第一部分（没有任何“总体绩效目标”“分项绩效目标”“工作保障措施”标题，即单独公开的
    项目绩效目标表）时不报告。
    这是文件级问题，不指向任何项目。

    ## 为什么
    部门整体绩效目标说明部门全年要办成什么事，项目绩效目标是它的分解；分项目标把总体目标落到
    各项职责，保障措施说明目标靠什么实现。缺少任一部分，项目目标就失去了对照的上位目标。

    ## 示例
    反例：第一部分只有总体绩效目标和分项绩效目标，没有工作保障措施。
    正例：补写“（三）工作保障措施：健全大厅管理制度，落实首问负责和限时办结”。

    ## 修正
    不自动修正：内容需单位补写。

    ## 依据
    河北省省级部门预算绩效管理办法（2019）：部门预算绩效目标分部门整体、专项资金、预算项目三个层级，
    构成部门预算绩效文本（本项目 rules.md T9，二手来源）。

    ## 配置
    无参数。
    """

    code = "STR-10"
    name = "部门整体绩效目标不完整"
    dimension = "完整性"
    severity = "error"
    source = "实践（河北省省级部门预算绩效管理办法）"
    Params = NoParams

    def check(self, doc: Document, ctx: ReviewContext) -> Iterator[Finding]:
        department = doc.department
        if "department_goals" in department.form_lacks:
            return  # project tables published on their own: the document has no part one
        missing = [part for part in PARTS if not _filled(getattr(department, part[0]))]
        if len(missing) == len(PARTS):
            yield self.finding(
                "文件缺少第一部分“部门整体绩效目标”（总体绩效目标、分项绩效目标、工作保障措施均为空）",
                field="department",
                suggestion="请补写部门整体绩效目标，包括总体绩效目标、分项绩效目标和工作保障措施三部分。",
            )
            return
        for attribute, label, suggestion in missing:
            yield self.finding(
                f"部门整体绩效目标缺少“{label}”",
                field=f"department.{attribute}",
                suggestion=suggestion,
            )

    @classmethod
    def bad(cls) -> Document:
        department = example_document().department.model_copy(update={"safeguards": []})
        return example_document(department=department)

    @classmethod
    def good(cls) -> Document:
        return example_document()
