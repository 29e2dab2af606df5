"""Hand-written actuals of seed 001 (北戴河区人民政府办公室, 11 projects, amounts in 万元).

Every target is a rate "≥95%", so the values are rates: most projects on plan; the 村镇志 and
政研 projects spend late (red budget lights), 智慧城市综合管理 and 专项业务活动费 are behind
(yellow); the 年鉴 project has a red indicator without a cause; 政研工作经费 ends the year at a
75 % execution rate without a reason; one 满意度 indicator repeated as an 效益 indicator is
declared not applicable; 专项业务活动费 declares a score that differs from the formula.
"""

from __future__ import annotations

from typing import Any

from tests.lifecycle.example_actuals import EXAMPLES, Example

SEED = EXAMPLES / "001_2709046b083e087d.txt"

# project seq → [调整后预算数, 1–7月执行数, 全年预计执行数, 目标执行总体情况]
MONITOR_BUDGET: dict[int, list[Any]] = {
    1: [None, 2.00, 10.00, "资料收集基本完成，印刷费待成书后支付"],
    2: [None, 12.00, 20.00, "年鉴初稿编撰中"],
    3: [None, 1.20, 2.00, "进度正常"],
    4: [None, 3.00, 5.00, "运维费按季度支付"],
    5: [None, 2.90, 5.00, "进度正常"],
    6: [None, 3.60, 6.10, "补助按月发放"],
    7: [None, 0.50, 1.80, "调研活动集中安排在下半年"],
    8: [None, 30.00, 67.50, "部分数据开发合同尚未结算"],
    9: [None, 47.64, 81.67, "工资按月发放"],
    10: [None, 22.78, 39.05, "工资按月发放"],
    11: [None, 9.00, 19.40, "重大活动集中在下半年"],
}
# project seq → one list per indicator (in table order):
# [1–7月完成值, 全年预计完成值, 偏差原因, 偏差原因说明, 完成目标可能性, 备注]
MONITOR_INDICATORS: dict[int, list[list[Any]]] = {
    1: [
        ["85%", "96%"],
        ["60%", "95%", "其他", "志书尚未成稿，可参考率待成书后评估", "有可能"],
        ["95%", "96%"],
    ],
    2: [
        ["55%", "95%"],  # red, no cause given
        ["90%", "96%"],
        ["70%", "96%", "其他", "年鉴稿件处于编校阶段", "确定能"],
        ["60%", "95%", "其他", "成书安排在11月", "确定能"],
        ["96%", "96%"],
    ],
    3: [
        ["97%", "97%"],
        ["100%", "100%"],
        ["100%", "100%"],
        ["96%", "96%"],
        ["95%", "96%"],
        ["97%", "97%"],
    ],
    4: [["96%", "98%"], ["100%", "100%"], ["95%", "96%"], ["96%", "96%"]],
    5: [["97%", "97%"], ["99%", "99%"], ["95%", "95%"]],
    6: [["100%", "100%"], ["100%", "100%"], ["98%", "98%"], ["98%", "98%"]],
    7: [
        ["40%", "95%", "其他", "调研计划安排在8—11月", "确定能"],
        ["90%", "95%"],
        ["95%", "95%"],
    ],
    8: [
        ["98%", "98%"],
        ["80%", "95%"],
        ["70%", "90%", "硬件条件保障", "部分景区数据接口未开放", "有可能"],
        ["95%", "95%"],
    ],
    9: [["100%", "100%"], ["98%", "98%"], ["96%", "96%"]],
    10: [["100%", "100%"], ["97%", "97%"], ["96%", "96%"]],
    11: [
        ["70%", "95%", "其他", "招商项目处于洽谈阶段", "有可能"],
        ["96%", "96%"],
        ["100%", "100%"],
        ["95%", "95%"],
    ],
}
# project seq → [年初预算数, 全年预算数, 全年执行数, 执行率偏低原因, 总体目标实际完成情况]
SELFEVAL_BUDGET: dict[int, list[Any]] = {
    1: [10.00, 10.00, 9.60, None, "村镇志完成编撰并付印"],
    2: [20.00, 20.00, 19.50, None, "年鉴按期出版"],
    3: [2.00, 2.00, 1.95, None, "金融工作各项任务完成"],
    4: [5.00, 5.00, 5.00, None, "门户网站和政务公开平台全年正常运行"],
    5: [5.00, 5.00, 4.80, None, "新媒体平台全年正常运行"],
    6: [6.10, 6.10, 6.10, None, "援疆干部补助和探亲差旅费按时足额发放"],
    7: [2.00, 2.00, 1.50, None, "完成年度调研课题"],
    8: [67.50, 67.50, 60.00, "部分数据开发项目延至下年实施", "智慧城市平台运行正常"],
    9: [81.67, 81.67, 81.67, None, "劳务派遣人员工资按时足额发放"],
    10: [39.05, 39.05, 38.20, None, "人事代理人员工资按时足额发放"],
    11: [19.40, 19.40, 17.00, "两项重大活动取消，相应经费未支出", "招商和重大活动服务工作完成"],
}
# project seq → per indicator:
# [分值, 实际完成值, 达成情况, 是否适用, 填报得分, 偏差原因分析及改进措施]
SELFEVAL_INDICATORS: dict[int, list[list[Any]]] = {
    1: [[None, "98%"], [None, "96%"], [None, "97%"]],
    2: [
        [None, "90%", None, None, None, "村镇志部分章节审定延后，下年提前安排审稿"],
        [None, "98%"],
        [None, "100%"],
        [None, "100%"],
        [None, "96%"],
    ],
    3: [[None, "98%"], [None, "100%"], [None, "100%"], [None, "97%"], [None, "96%"], [None, "98%"]],
    4: [[None, "99%"], [None, "100%"], [None, "97%"], [None, "96%"]],
    5: [[None, "97%"], [None, "99%"], [None, "96%"]],
    6: [
        [None, "100%"],
        [None, "100%"],
        [None, None, None, "否", None, "与满意度指标重复，不单独评价"],
        [None, "98%"],
    ],
    7: [
        [None, "85%", None, None, None, "两项调研课题未能按期完成，下年列入首批计划"],
        [None, "96%"],
        [None, "95%"],
    ],
    8: [[None, "98%"], [None, "95%"], [None, "80%"], [None, "95%"]],  # 80 %: no analysis
    9: [[None, "100%"], [None, "98%"], [None, "97%"]],
    10: [[None, "100%"], [None, "97%"], [None, "96%"]],
    11: [
        [None, "90%", None, None, 25, "两个招商项目未落地，加强跟踪服务"],
        [None, "96%"],
        [None, "100%"],
        [None, "95%"],
    ],
}

EXAMPLE_001 = Example(
    SEED, MONITOR_BUDGET, MONITOR_INDICATORS, SELFEVAL_BUDGET, SELFEVAL_INDICATORS
)
