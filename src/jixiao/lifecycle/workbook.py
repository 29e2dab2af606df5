"""The layout of the actuals workbook (填报表) shared by its writer and its reader.

One workbook per document and stage (运行监控 or 绩效自评): a 说明 sheet (stage, month, source
document), a 预算 sheet (one row per project, plus 部门整体 when the department has indicators)
and an 指标 sheet (one row per target indicator). Rows are tied to the document by 项目序号 +
项目编码 and by the indicator's identity key (``jixiao.model.identity``), never by position.
"""

from __future__ import annotations

from typing import Literal

__all__ = [
    "BUDGET_SHEET",
    "DEPARTMENT",
    "INDICATOR_SHEET",
    "INFO_SHEET",
    "KIND_LABELS",
    "TARGET_COLUMNS",
    "Kind",
    "budget_columns",
    "indicator_columns",
]

Kind = Literal["monitor", "selfeval"]
KIND_LABELS: dict[Kind, str] = {"monitor": "运行监控", "selfeval": "绩效自评"}

INFO_SHEET = "说明"
BUDGET_SHEET = "预算"
INDICATOR_SHEET = "指标"
DEPARTMENT = "部门整体"
"""The 项目序号 of the department-wide rows."""

TARGET_COLUMNS = (
    "项目序号",
    "项目编码",
    "项目名称",
    "指标标识",
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
)
"""Columns copied from the target table (locked in the template)."""


def budget_columns(kind: Kind, month: int) -> tuple[str, ...]:
    head = ("项目序号", "项目编码", "项目名称", "预算数")
    if kind == "monitor":
        return (*head, "调整后预算数", f"1–{month}月执行数", "全年预计执行数", "目标执行总体情况")
    return (
        *head,
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "执行率偏低原因",
        "总体目标实际完成情况",
    )


def indicator_columns(kind: Kind, month: int) -> tuple[str, ...]:
    if kind == "monitor":
        return (
            *TARGET_COLUMNS,
            f"1–{month}月完成值",
            "全年预计完成值",
            "偏差原因",
            "偏差原因说明",
            "完成目标可能性",
            "备注",
        )
    return (
        *TARGET_COLUMNS,
        "分值",
        "实际完成值",
        "达成情况",
        "是否适用",
        "填报得分",
        "偏差原因分析及改进措施",
    )
