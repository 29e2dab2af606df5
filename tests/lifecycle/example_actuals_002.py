"""Hand-written actuals of seed 002 (a 高新区 审批局, 6 projects, amounts in 万元).

The seed's indicators are uneven, and the values follow each indicator's own target: rates
where the target is a rate, 本 where it is a count of books, written outcomes (with a 达成情况)
where the target is a sentence. The 信息化 project spends late (red) and one of its outcomes is
only partly reached; 企业服务中心's ecological indicator "无" is declared not applicable; one
outcome of the 政务中心 names no tier (scored 0 by EVA-06) and the 信息化 project declares
full points of the 部分达成 range (out of range: EVA-06, scored at the range floor).

业务评审专项 (seq 5) has "11" as every 年度指标值, which means nothing: its indicator rows are
left blank, with a remark saying so, rather than given invented figures; its budget rows are
filled. Its score (budget only) shows what such a target table earns.
"""

from __future__ import annotations

from typing import Any

from tests.lifecycle.example_actuals import EXAMPLES, Example

SEED = EXAMPLES / "002_6557f949b45e2f15.txt"

_MEANINGLESS = "年度指标值“11”无实际含义，无法对照填报"
_NO_TARGET = "年度指标值“11”无实际含义，无法对照评价；下年度按实际工作量重新设定指标"

# project seq → [调整后预算数, 1–7月执行数, 全年预计执行数, 目标执行总体情况]
MONITOR_BUDGET: dict[int, list[Any]] = {
    1: [None, 2.50, 5.00, "法律顾问费按合同分期支付"],
    2: [None, 5.20, 10.00, "宣传书籍印刷中"],
    3: [None, 75.00, 120.00, "大厅运转正常"],
    4: [None, 10.00, 50.00, "系统建设合同8月签订，款项下半年支付"],
    5: [None, 16.00, 30.00, "评审费按批次支付"],
    6: [None, 90.00, 147.62, "进度正常"],
}
# project seq → one list per indicator (in table order):
# [1–7月完成值, 全年预计完成值, 偏差原因, 偏差原因说明, 完成目标可能性, 备注]
MONITOR_INDICATORS: dict[int, list[list[Any]]] = {
    1: [
        ["90%", "96%"],
        ["100%", "100%"],
        ["98%", "98%"],
        ["100%", "100%"],
        ["100%", "100%"],
        ["96%", "96%"],
        ["100%", "100%"],
        ["100%", "100%"],
        ["95%", "96%"],
    ],
    2: [
        ["30本", "50本"],
        ["300本", "760本", "其他", "第二批宣传书籍9月印刷", "确定能"],
        ["已按情况转办、领办或代办"],
        ["成本控制在预算内，已达成"],
        ["营商环境持续改善，已达成"],
        ["服务企业能力明显提升"],
        ["部分达成", "部分达成", "其他", "招商引资服务清单尚在编制", "有可能"],
        [None, None, None, None, None, "不适用"],
        ["93%", "93%"],
    ],
    3: [
        ["大厅正常运转，已达成"],
        ["已免费复印14万份"],
        ["已免费复印14万份"],
        ["已满足群众和企业需求"],
        ["企业办事效率明显提高"],
        ["群众满意度明显提高"],
        ["群众企业满意度明显提高"],
        ["97", "97"],
    ],
    4: [
        ["部分完成", "完成建设任务要求", "其他", "系统建设合同8月签订", "有可能"],
        ["已满足网上办理需求"],
        ["已满足网上办理需求"],
        ["已达成"],
        ["已达成"],
        ["已达成"],
        ["已达成"],
        ["已达成"],
        ["办事群众满意度良好"],
    ],
    5: [[None, None, None, None, None, _MEANINGLESS] for _ in range(9)],
    6: [
        ["已办理企业档案680卷"],
        ["设备完善，维修维护及时，已达成"],
        ["100%", "100%"],
        ["100%", "100%"],
        ["工作成本有效降低"],
        ["营商环境良好，已达成"],
        ["事项均已在规定时间完成"],
        ["100%", "100%"],
        ["96%", "98%"],
    ],
}
# project seq → [年初预算数, 全年预算数, 全年执行数, 执行率偏低原因, 总体目标实际完成情况]
SELFEVAL_BUDGET: dict[int, list[Any]] = {
    1: [5.00, 5.00, 5.00, None, "法律顾问服务全年正常提供"],
    2: [10.00, 10.00, 9.80, None, "惠企政策宣传书籍印制发放，企业问题及时处理"],
    3: [120.00, 120.00, 118.60, None, "政务服务大厅全年正常运转"],
    4: [50.00, 50.00, 42.50, "合同价低于预算，形成结余", "网上政务服务系统建成运行"],
    5: [30.00, 30.00, 28.50, None, "完成全年评审工作"],
    6: [147.62, 147.62, 145.00, None, "政务服务各项工作正常开展"],
}
# project seq → per indicator:
# [分值, 实际完成值, 达成情况, 是否适用, 填报得分, 偏差原因分析及改进措施]
SELFEVAL_INDICATORS: dict[int, list[list[Any]]] = {
    1: [
        [None, "96%"],
        [None, "100%"],
        [None, "98%"],
        [None, "100%"],
        [None, "100%"],
        [None, "97%"],
        [None, "100%"],
        [None, "100%"],
        [None, "96%"],
    ],
    2: [
        [None, "50本"],
        [None, "760本"],
        [None, "已按情况转办、领办或代办", "达成"],
        [None, "成本控制在预算内", "达成"],
        [None, "营商环境持续改善", "达成"],
        [None, "服务企业能力明显提升", "达成"],
        [None, "招商引资服务清单未全部完成", "部分达成", None, 5, "服务清单下年一季度完成"],
        [None, None, None, "否", None, "本项目无生态效益"],
        [None, "93%"],
    ],
    3: [
        [None, "大厅全年正常运转", "达成"],
        [None, "全年免费复印21万份", "部分达成", None, 12, "复印需求低于预期，下年按实际需求测算"],
        [None, "全年免费复印21万份", "部分达成", None, 12, "同上"],
        [None, "群众和企业需求得到满足"],  # names no tier: EVA-06
        [None, "企业办事效率明显提高", "达成"],
        [None, "群众满意度明显提高", "达成"],
        [None, "群众企业满意度明显提高", "达成"],
        [None, "97"],
    ],
    4: [
        [None, "部分建设任务延至下年", "部分达成", None, 10, "建设合同签订较晚，下年按期推进"],
        [None, "满足网上办理需求", "达成"],
        [None, "满足网上办理需求", "达成"],
        [None, "成本控制在合同价内", "达成"],
        [None, "已达成", "达成"],
        [None, "已达成", "达成"],
        [None, "已达成", "达成"],
        [None, "已达成", "达成"],
        [None, "办事群众满意度良好", "达成"],
    ],
    5: [[None, None, None, None, None, _NO_TARGET] for _ in range(9)],
    6: [
        [None, "全年办理企业档案1150卷", "达成"],
        [None, "设备完善，维修维护及时", "达成"],
        [None, "100%"],
        [None, "100%"],
        [None, "工作成本有效降低", "达成"],
        [None, "营商环境良好", "达成"],
        [None, "事项均在规定时间完成", "达成"],
        [None, "100%"],
        [None, "97%", None, None, None, "少数群众对排队时间不满意，高峰期增开窗口"],
    ],
}

EXAMPLE_002 = Example(
    SEED, MONITOR_BUDGET, MONITOR_INDICATORS, SELFEVAL_BUDGET, SELFEVAL_INDICATORS
)
