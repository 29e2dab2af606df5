"""Hand-written actuals of seed 003 (a 县 行政审批局, 8 projects, amounts in 万元).

Each project has counts, rates, a cost ceiling (≤ the budget) and a qualitative effect, so the
values show every path: equipment and systems counted in full by July (blue lights), land
auctions behind and then over-achieved (EVA-07), 中介服务 behind with a red indicator without a
cause, a cost over its ceiling after a mid-year top-up (the reverse formula), qualitative
outcomes partly reached with declared scores in their tier's range, and a declared score that
differs from the formula without an analysis.
"""

from __future__ import annotations

from typing import Any

from tests.lifecycle.example_actuals import EXAMPLES, Example

SEED = EXAMPLES / "003_a8ba5af9fb959666.txt"

# project seq → [调整后预算数, 1–7月执行数, 全年预计执行数, 目标执行总体情况]
MONITOR_BUDGET: dict[int, list[Any]] = {
    1: [None, 20.50, 29.25, "管理机、终端机已采购到位"],
    2: [None, 4.00, 9.50, "公告费按次结算，土地出让集中在下半年"],
    3: [12.60, 7.80, 12.60, "年中追加0.6万元，业务量增加"],
    4: [None, 1.50, 11.00, "中介服务费按件结算"],
    5: [None, 45.00, 73.50, "大楼运行正常"],
    6: [None, 14.47, 28.94, "运维费按半年支付"],
    7: [None, 1.00, 3.00, "信用信息归集系统下半年升级"],
    8: [None, 52.00, 100.00, "进度正常"],
}
# project seq → one list per indicator (in table order):
# [1–7月完成值, 全年预计完成值, 偏差原因, 偏差原因说明, 完成目标可能性, 备注]
MONITOR_INDICATORS: dict[int, list[list[Any]]] = {
    1: [
        ["30个", "30个", None, None, None, "设备一次性采购"],
        ["100%", "100%"],
        ["99%", "99%"],
        ["20.5万元", "29.25万元"],
        ["有效改善"],
        ["98%", "98%"],
    ],
    2: [
        ["8次", "26次", "其他", "土地出让计划集中在下半年", "确定能"],
        ["100%", "100%"],
        ["98%", "98%"],
        ["4万元", "9.5万元"],
        ["有效促进"],
        ["99%", "99%"],
    ],
    3: [
        ["75件", "168件"],
        ["99%", "99%"],
        ["98%", "98%"],
        ["7.8万元", "12.6万元"],
        ["逐年提高，已达成"],
        ["98%", "98%"],
    ],
    4: [
        ["2件", "6件"],  # red, no cause given
        ["100%", "100%"],
        ["98%", "98%"],
        ["1.5万元", "8.25万元"],
        ["已达成"],
        ["98%", "98%"],
    ],
    5: [
        ["1栋", "1栋"],
        ["99%", "99%"],
        ["98%", "98%"],
        ["45万元", "73.5万元"],
        ["逐年改善，已达成"],
        ["98%", "98%"],
    ],
    6: [
        ["8个", "8个"],
        ["99.5%", "99.5%"],
        ["97%", "98%"],
        ["14.47万元", "28.94万元"],
        ["已达成"],
        ["98%", "98%"],
    ],
    7: [
        ["2个", "2个"],
        ["98%", "98%"],
        ["98%", "98%"],
        ["1万元", "2.95万元"],
        ["部分达成", "部分达成", "硬件条件保障", "信用信息归集系统待升级", "有可能"],
        ["98%", "98%"],
    ],
    8: [
        ["4300件", "7350件"],
        ["99%", "99%"],
        ["98%", "98%"],
        ["52万元", "91万元"],
        ["已达成"],
        ["99%", "99%"],
    ],
}
# project seq → [年初预算数, 全年预算数, 全年执行数, 执行率偏低原因, 总体目标实际完成情况]
SELFEVAL_BUDGET: dict[int, list[Any]] = {
    1: [29.25, 29.25, 28.80, None, "双盲评审设备采购到位并投入使用"],
    2: [10.00, 10.00, 9.10, None, "土地招拍挂公告全部按时发布"],
    3: [12.00, 12.60, 12.60, None, "县内招投标业务全部办结"],
    4: [11.00, 11.00, 8.25, "按实际业务量结算，第三方评估业务少于预期", "评估报告按时出具"],
    5: [73.50, 73.50, 73.50, None, "审批中心办公楼全年正常运转"],
    6: [28.94, 28.94, 28.94, None, "网络系统全年正常运行"],
    7: [3.00, 3.00, 2.95, None, "信用体系建设和放管服业务正常开展"],
    8: [100.00, 100.00, 91.00, None, "政务服务中心审批业务全部办结"],
}
# project seq → per indicator:
# [分值, 实际完成值, 达成情况, 是否适用, 填报得分, 偏差原因分析及改进措施]
SELFEVAL_INDICATORS: dict[int, list[list[Any]]] = {
    1: [
        [None, "30个"],
        [None, "100%"],
        [None, "99%"],
        [None, "28.8万元"],
        [None, "营商环境有效改善", "达成"],
        [None, "98%"],
    ],
    2: [
        [None, "26次", None, None, None, "下半年土地出让计划增加，下年按出让计划设定目标"],
        [None, "100%"],
        [None, "98%"],
        [None, "9.1万元"],
        [None, "土地交易有序开展", "达成"],
        [None, "99%"],
    ],
    3: [
        [None, "168件", None, None, None, "招投标业务量增长较快，下年提高目标"],
        [None, "99%"],
        [None, "98%"],
        [None, "12.6万元", None, None, None, "业务量增加，年中追加0.6万元"],
        [None, "市场化配置作用逐年提高", "达成"],
        [None, "98%"],
    ],
    4: [
        [None, "6件", None, None, None, "需第三方评估的业务少于预期，下年按实际测算"],
        [None, "100%"],
        [None, "98%"],
        [None, "8.25万元"],
        [None, "业务纠纷有效防止", "达成"],
        [None, "98%"],
    ],
    5: [
        [None, "1栋"],
        [None, "99%"],
        [None, "98%"],
        [None, "73.5万元"],
        [None, "逐年改善", "达成", None, 24],
        [None, "98%"],
    ],
    6: [
        [None, "8个"],
        [None, "99.5%"],
        [None, "97%", None, None, 12.5],  # declared full points, no analysis
        [None, "28.94万元"],
        [None, "营商环境逐年提升", "达成"],
        [None, "98%"],
    ],
    7: [
        [None, "2个"],
        [None, "98%"],
        [None, "98%"],
        [None, "2.95万元"],
        [None, "信用信息归集部分完成", "部分达成", None, 20, "系统升级后完成归集"],
        [None, "98%"],
    ],
    8: [
        [None, "7350件"],
        [None, "99%"],
        [None, "98%"],
        [None, "91万元"],
        [None, "民众办理手续更加方便", "达成"],
        [None, "99%"],
    ],
}

EXAMPLE_003 = Example(
    SEED, MONITOR_BUDGET, MONITOR_INDICATORS, SELFEVAL_BUDGET, SELFEVAL_INDICATORS
)
