"""Labelled document, family H (专项资金绩效目标表), a web page served as GBK: 文化旅游.

Invented content; labelled before the review was run on it. The form ticks 资金用途 boxes
(□/√) instead of describing the use, and adds 项目负责人, dates, 立项依据 and a 成本构成 /
测算依据 sub-table; it has no 指标描述 or 指标值确定依据 column and no 资金支出计划.
"""

from __future__ import annotations

from decimal import Decimal as D

from _family_labels import document, project, row
from review_quality_set import Label

from tests.templates.content import FamilyContent, ProjectC

__all__ = ["CULTURE"]

OUT, EFF, SAT = "产出指标", "效益指标", "满意度指标"
SAT2 = "服务对象满意度指标"
UNIT = "青溪县文化广电和旅游局"


def _p(
    name: str,
    money: tuple[str, str, str],
    purpose: str,
    goal: str,
    people: tuple[str, str],
    basis: str,
    costs: tuple[tuple[str, str], ...],
) -> ProjectC:
    total, fiscal, other = (D(m) for m in money)
    extra = (
        ("项目负责人", people[0]),
        ("联系电话", people[1]),
        ("开始日期", "2025年1月1日"),
        ("结束日期", "2025年12月31日"),
        ("项目类别", "县级专项资金"),
        ("立项依据", basis),
    )
    return ProjectC(
        name=name,
        unit_name=UNIT,
        total=total,
        fiscal=fiscal,
        other=other,
        purpose=purpose,
        goals=(goal,),
        extra=extra,
        costs=costs,
    )


_CULTURE = project(
    _p(
        "公共文化服务体系建设专项资金",
        ("150.00", "150.00", "0.00"),
        "□基本建设 □设备购置 √免费开放补助 √公益演出放映 □其他",
        "保障12个乡镇综合文化站免费开放，放映农村公益电影2760场，送戏下乡演出60场。",
        ("赵文静", "0797-6321145"),
        "《关于推进基层综合性文化服务中心建设的指导意见》",
        (
            ("文化站免费开放补助", "12个站×5万元=60万元"),
            ("农村公益电影放映", "2760场×200元=55.2万元"),
            ("送戏下乡演出", "60场×5800元=34.8万元"),
        ),
    ),
    [
        row(OUT, "数量指标", "免费开放乡镇文化站数量", "=12个"),
        row(OUT, "数量指标", "农村公益电影放映场次", "≥2760场"),
        row(OUT, "数量指标", "送戏下乡演出场次", "≥60场"),
        row(OUT, "质量指标", "文化站免费开放考核达标率", "≥95%"),
        row(OUT, "成本指标", "每场公益电影放映补助", "=200元"),
        row(
            EFF,
            "社会效益指标",
            "群众文化生活",
            "进一步丰富",
            Label("should", "效益指标值含糊，应写明可衡量的结果", "vague-value"),
        ),
        row(SAT, SAT2, "基层群众满意度", "≥90%"),
    ],
)

_TOURISM = project(
    _p(
        "旅游宣传推广专项经费",
        ("40.00", "40.00", "0.00"),
        "□基本建设 □设备购置 √宣传推广 □其他",
        "负责全县旅游宣传推广工作，指导协调旅游市场开发。",
        ("孙立平", "0797-6321187"),
        "县全域旅游发展规划",
        (("客源城市推介活动", "4场×6万元=24万元"), ("旅游宣传品制作", "按询价测算16万元")),
    ),
    [
        row(OUT, "数量指标", "客源城市旅游推介活动场次", "≥4场"),
        row(OUT, "数量指标", "制作旅游宣传片", "≥1部"),
        row(OUT, "时效指标", "推介活动完成时间", "2025年9月底前"),
        row(EFF, "经济效益指标", "接待游客人次增长率", "≥10%"),
        row(
            SAT,
            SAT2,
            "参展旅游企业满意度",
            "≥XX%",
            Label("must", "指标值是模板占位符", "placeholder"),
        ),
    ],
    goals=Label("should", "绩效目标照抄职能，没有可衡量的内容", "goals-copy-functions"),
)

_HERITAGE = project(
    _p(
        "非物质文化遗产保护专项资金",
        ("25.00", "25.00", "0.00"),
        "□基本建设 □设备购置 √传承人补助 √展演活动 □其他",
        "对36名县级以上非遗代表性传承人发放传承补助，举办非遗展演活动3场。",
        ("周晓红", "0797-6321162"),
        "县级非物质文化遗产代表性传承人认定与管理办法",
        (("传承人补助", "36人×5000元=18万元"), ("非遗展演活动", "3场共7万元")),
    ),
    [
        row(OUT, "数量指标", "补助非遗传承人人数", "=36人"),
        row(OUT, "数量指标", "非遗展演活动场次", "≥3场"),
        row(
            OUT,
            "质量指标",
            "传承人补助发放准确率",
            "≥98%",
            Label("should", "补助发放准确率应为100%", "payment-below-100"),
        ),
        row(EFF, "可持续影响指标", "新增非遗传承学员人数", "≥50人"),
        row(SAT, SAT2, "传承人满意度", "≥90%"),
    ],
)

_RELICS = project(
    _p(
        "文物安全防护工程",
        ("120.00", "100.00", "20.00"),
        "√基本建设 √设备购置 □其他",
        "完成5处省级文物保护单位视频监控和消防设施建设，实现文物安全事故零发生。",
        ("吴国栋", "0797-6321130"),
        "省文物局文物安全防护工程项目批复",
        (("视频监控系统", "5处共70万元"), ("消防设施", "5处共50万元")),
    ),
    [
        row(OUT, "数量指标", "安装防护设施文保单位数量", "=5处"),
        row(OUT, "质量指标", "工程验收合格率", "=100%"),
        row(OUT, "时效指标", "工程完工时间", "2025年10月底前"),
        row(EFF, "社会效益指标", "文物安全事故发生次数", "=0次"),
        row(EFF, "可持续影响指标", "防护设施设计使用年限", "≥8年"),
        row(SAT, SAT2, "文物管理单位满意度", "≥90%"),
    ],
    indicators=Label("should", "120万元的项目没有成本指标", "no-cost-indicator"),
)

CULTURE = document(
    "quality-culture-H-2025",
    "html-gbk",
    FamilyContent(family="H", title="2025年专项资金绩效目标表", year=2025),
    [_CULTURE, _TOURISM, _HERITAGE, _RELICS],
    frozenset({"code", "spending_plan", "description", "basis", "department"}),
)
