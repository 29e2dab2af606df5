"""The hand-written actuals of the seeds shipped as examples (``src/jixiao/examples/*.xlsx``).

Seed 000's values are below, seeds 001–003's in ``example_actuals_00N.py``. Run
``PYTHONPATH=src python -m tests.lifecycle.example_actuals`` to rewrite the eight workbooks
from the values; ``test_examples.py`` checks the committed files hold exactly them.
Amounts in 万元, as the target tables. The figures are plausible, not real: some projects on
plan, some behind (to show red and yellow lights, a missing cause, an unexplained low
execution rate, a declared score that differs from the formula).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

import jixiao
from jixiao.lifecycle.template import template_workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "jixiao" / "examples"
SEED = EXAMPLES / "000_217769b0965ce555.txt"
MONITOR_FILE = EXAMPLES / "000_运行监控填报.xlsx"
SELFEVAL_FILE = EXAMPLES / "000_绩效自评填报.xlsx"

# project seq → [调整后预算数, 1–7月执行数, 全年预计执行数, 目标执行总体情况]
MONITOR_BUDGET: dict[int, list[Any]] = {
    1: [None, 42.37, 72.64, "按月发放，进度正常"],
    2: [None, 60.00, 140.00, "部分人员年中离职，支出偏慢"],
    3: [None, 2.00, 10.00, "专网费四季度集中支付"],
    4: [None, 4.00, 7.25, "按计划推进"],
    5: [None, 7.30, 12.50, "进度正常"],
    6: [None, 3.10, 5.00, "进度正常"],
    7: [None, 5.80, 10.09, "进度正常"],
    8: [None, 1.00, 5.00, "上半年业务量少"],
}
# project seq → one list per indicator (in table order):
# [1–7月完成值, 全年预计完成值, 偏差原因, 偏差原因说明, 完成目标可能性, 备注]
MONITOR_INDICATORS: dict[int, list[list[Any]]] = {
    1: [["96%", "96%"], ["100%", "100%"], ["95%", "96%"]],
    2: [["80%", "95%"], ["95%", "96%"], ["93%", "95%"]],
    3: [
        ["50%", "96%", "经费保障", "专网费按年度于四季度集中支付", "确定能"],
        ["96%", "96%"],
        ["70%", "96%", "其他", "宣传活动集中在下半年", "确定能"],
    ],
    4: [
        ["60%", "95%", "其他", "部分审批业务活动安排在下半年", "有可能"],
        ["96%", "96%"],
        ["99%", "99%"],
    ],
    5: [["96%", "96%"], ["100%", "100%"], ["99%", "99%"], ["92%", "92%"]],
    6: [["98%", "98%"], ["92%", "92%"], ["99%", "99%"], ["95%", "95%"]],
    7: [["97%", "97%"], ["100%", "100%"], ["95%", "95%"], ["96%", "96%"]],
    8: [["40%", "90%"], ["95%", "95%"], ["95%", "95%"], ["90%", "90%"]],
}
# project seq → [年初预算数, 全年预算数, 全年执行数, 执行率偏低原因, 总体目标实际完成情况]
SELFEVAL_BUDGET: dict[int, list[Any]] = {
    1: [72.64, 72.64, 72.10, None, "保障了劳务派遣人员经费按时足额发放"],
    2: [146.83, 146.83, 128.50, "部分人员年中离职，人事代理费用减少", "人事代理工作正常开展"],
    3: [10.00, 10.00, 9.80, None, "代理记账和专网运行正常"],
    4: [7.25, 7.25, 7.25, None, "审批业务专项工作完成"],
    5: [12.50, 12.50, 12.50, None, "保障了劳务派遣人员经费"],
    6: [5.00, 5.00, 4.60, None, "免费复印、邮寄服务全年提供"],
    7: [10.09, 10.09, 10.09, None, "人事代理工作正常开展"],
    8: [5.00, 5.00, 3.00, None, "政务服务专项业务开展"],
}
# project seq → per indicator:
# [分值, 实际完成值, 达成情况, 是否适用, 填报得分, 偏差原因分析及改进措施]
SELFEVAL_INDICATORS: dict[int, list[list[Any]]] = {
    1: [[None, "98%"], [None, "100%"], [None, "96%"]],
    2: [
        [None, "92%", None, None, None, "人员流动导致部分代理事项延后，下年提前安排"],
        [None, "96%"],
        [None, "94%", None, None, None, "个别服务对象对办理时限不满意，将压缩办理时间"],
    ],
    3: [[None, "100%"], [None, "97%"], [None, "96%"]],
    4: [
        [None, "90%", None, None, None, "两项活动因场地原因取消，下年提前落实场地"],
        [None, "96%"],
        [None, "97%", None, None, None, "窗口高峰期排队较长，将增设窗口"],
    ],
    5: [[None, "96%"], [None, "100%"], [None, "99%"], [None, "92%"]],
    6: [[None, "98%"], [None, "92%"], [None, "99%"], [None, "92%"]],
    7: [[None, "97%"], [None, "100%"], [None, "95%"], [None, "96%"]],
    8: [[None, "80%", None, None, 22], [None, "95%"], [None, "95%"], [None, "90%"]],
}


@dataclass(frozen=True)
class Example:
    """One seed's hand-written actuals: the values by project seq, in table order."""

    seed: Path
    monitor_budget: dict[int, list[Any]]
    monitor_indicators: dict[int, list[list[Any]]]
    selfeval_budget: dict[int, list[Any]]
    selfeval_indicators: dict[int, list[list[Any]]]

    @property
    def prefix(self) -> str:
        return self.seed.name.split("_", 1)[0]

    @property
    def monitor_file(self) -> Path:
        return EXAMPLES / f"{self.prefix}_运行监控填报.xlsx"

    @property
    def selfeval_file(self) -> Path:
        return EXAMPLES / f"{self.prefix}_绩效自评填报.xlsx"

    def monitor_workbook(self) -> bytes:
        return _filled(self.seed, "monitor", self.monitor_budget, self.monitor_indicators)

    def selfeval_workbook(self) -> bytes:
        return _filled(self.seed, "selfeval", self.selfeval_budget, self.selfeval_indicators)


def _filled(
    seed: Path, kind: str, budget: dict[int, list[Any]], rows: dict[int, list[list[Any]]]
) -> bytes:
    doc = jixiao.read_path(seed)
    book = load_workbook(io.BytesIO(template_workbook(doc, kind, 7)))  # type: ignore[arg-type]
    sheet = book["预算"]
    for r in range(2, sheet.max_row + 1):
        for offset, value in enumerate(budget[int(sheet.cell(row=r, column=1).value)]):
            sheet.cell(row=r, column=5 + offset, value=value)
    sheet = book["指标"]
    seen: dict[int, int] = {}
    for r in range(2, sheet.max_row + 1):
        seq = int(sheet.cell(row=r, column=1).value)
        index = seen.get(seq, 0)
        seen[seq] = index + 1
        for offset, value in enumerate(rows[seq][index]):
            if value is not None:
                sheet.cell(row=r, column=9 + offset, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


EXAMPLE_000 = Example(
    SEED, MONITOR_BUDGET, MONITOR_INDICATORS, SELFEVAL_BUDGET, SELFEVAL_INDICATORS
)


def monitor_workbook() -> bytes:
    return EXAMPLE_000.monitor_workbook()


def selfeval_workbook() -> bytes:
    return EXAMPLE_000.selfeval_workbook()


def all_examples() -> list[Example]:
    """Every seed's example, 000 to 003 (the others' values live in their own modules)."""
    from tests.lifecycle.example_actuals_001 import EXAMPLE_001
    from tests.lifecycle.example_actuals_002 import EXAMPLE_002
    from tests.lifecycle.example_actuals_003 import EXAMPLE_003

    return [EXAMPLE_000, EXAMPLE_001, EXAMPLE_002, EXAMPLE_003]


if __name__ == "__main__":
    for example in all_examples():
        example.monitor_file.write_bytes(example.monitor_workbook())
        example.selfeval_file.write_bytes(example.selfeval_workbook())
        print(f"wrote {example.monitor_file.name} and {example.selfeval_file.name}")
