"""The lifecycle rule codes (MON-*, EVA-*) with their Chinese descriptions, for ``jixiao rules``.

These rules run in ``jixiao monitor`` and ``jixiao score``, not in ``review``; the catalogue
lets a user who sees a code in a report look it up the same way as a review rule.
"""

from __future__ import annotations

__all__ = ["LIFECYCLE_RULES", "lifecycle_rule_text"]

LIFECYCLE_RULES: dict[str, tuple[str, str, str]] = {
    # code: (name, command, description)
    "MON-01": (
        "预算执行进度",
        "monitor",
        "执行率 = 1–X月执行数 ÷ 预算数（有调整后预算数时用调整后预算数）。与序时进度（X ÷ 12）"
        "对比、与本项目资金支出计划在 X 月底的累计进度对比：执行进度低于 60% 为红灯（错误），"
        "低于 80% 为黄灯（警告）。选用省级方案时，低于规定的支出进度下限（如四川 4、6、8、10 月底"
        " 25%、40%、60%、80%）为红灯。",
    ),
    "MON-02": (
        "指标完成进度",
        "monitor",
        "数量、金额类指标：完成值 ÷ (年度指标值 × X ÷ 12)；比率类指标（%、…率、…度）：完成值 ÷ "
        "年度指标值；反向指标：年度指标值 ÷ 全年预计完成值。低于 60% 红灯、低于 80% 黄灯（警告），"
        "达到 120% 以上为蓝灯（超额完成，提示：年度指标值可能偏低）。",
    ),
    "MON-03": (
        "偏差原因和完成可能性",
        "monitor",
        "红灯、黄灯的指标须填写偏差原因（经费保障、制度保障、人员保障、硬件条件保障、其他）"
        "和完成目标可能性（确定能、有可能、完全不可能），否则为错误。",
    ),
    "MON-04": (
        "预算与目标进度背离",
        "monitor",
        "预算执行率与数量类指标的平均完成进度相差超过 10 个百分点（可配置）时提示核实。",
    ),
    "MON-05": (
        "定性指标完成情况",
        "monitor",
        "定性指标按填报的完成情况给灯：达成为绿灯，部分达成为黄灯，未达成为红灯。",
    ),
    "MON-06": (
        "监控记录完整",
        "monitor",
        "须有 1–X月执行数；每项指标都有可识别的完成值；监控表中的指标都能在绩效目标表中找到。",
    ),
    "EVA-01": (
        "分值合计",
        "score",
        "预算执行 10 分、产出 50 分、效益 30 分、满意度 10 分（可配置）；未设满意度指标时其分值"
        "并入效益。填报了分值的按填报计，其余平分所在类别的剩余分值。合计不是 100 分为错误。",
    ),
    "EVA-02": (
        "预算执行得分",
        "score",
        "得分 = 分值 × min(全年执行数 ÷ 全年预算数, 1)。执行率低于 90% 须说明原因；缺少预算数"
        "或执行数为错误。",
    ),
    "EVA-03": ("正向指标得分", "score", "得分 = 分值 × min(实际完成值 ÷ 年度指标值, 1)。"),
    "EVA-04": (
        "反向指标得分",
        "score",
        "默认：得分 = 分值 × min(年度指标值 ÷ 实际完成值, 1)；可配置为线性扣分，"
        "实际完成值达到年度指标值 2 倍时得 0 分。",
    ),
    "EVA-05": (
        "“=”指标得分",
        "score",
        "年度指标值为 0 时，实际完成值 ≤ 0 得满分，否则 0 分；其他按正向指标计分。",
    ),
    "EVA-06": (
        "定性指标得分",
        "score",
        "达成年度指标得分在分值的 80%–100%，部分达成在 60%–80%，未达成在 60% 以下（湖北方案"
        "为 80%/50%）。填报得分超出所属档次的范围为错误；没有注明达成情况为错误。",
    ),
    "EVA-07": (
        "超额完成",
        "score",
        "实际完成值超过年度指标值 20% 以上（可配置）时提示目标可能定得偏低；可配置为按偏离度扣分。",
    ),
    "EVA-08": ("偏差原因分析", "score", "未得满分的指标须填写偏差原因分析及改进措施，否则为错误。"),
    "EVA-09": (
        "总分和等级",
        "score",
        "90 分及以上为优，80–90 分为良，60–80 分为中，60 分以下为差（可配置）。",
    ),
    "EVA-10": (
        "填报得分与计算结果",
        "score",
        "填报的指标得分、预算执行得分、总分与按公式计算的结果相差超过 0.01 分，或填报的等级与"
        "计算结果不一致时给出警告（保留填报值，不覆盖）。",
    ),
    "EVA-11": (
        "不适用指标",
        "score",
        "标为不适用的指标不计分，适用指标得分之和按百分制折算。",
    ),
    "EVA-12": (
        "自评记录与目标对应",
        "score",
        "自评表中的指标须能在绩效目标表中找到；目标表中的指标须填报实际完成值；定量指标的"
        "实际完成值须是数值。",
    ),
}


def lifecycle_rule_text(code: str) -> str | None:
    """The Markdown description of a lifecycle rule, or None for another code."""
    entry = LIFECYCLE_RULES.get(code.strip().upper())
    if entry is None:
        return None
    name, command, description = entry
    return (
        f"# {code.strip().upper()} {name}\n\n{description}\n\n"
        f"由 jixiao {command} 检查（不在 jixiao review 中运行）。\n"
    )
