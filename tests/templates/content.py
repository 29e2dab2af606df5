"""What each template family's fixture says: the facts, independent of how they are laid out.

One ``FamilyContent`` per family of templates.md §1 (A–I, and T for a document printed in
traditional characters). ``layouts`` decides where each fact sits in a table; the builders
write that table as DOCX, XLSX, PDF, HTML or text; ``compare`` checks the parsed model against
these facts field by field. Amounts are in the document's money unit, as printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

__all__ = ["CONTENTS", "DeptContent", "FamilyContent", "IndicatorC", "ProjectC", "TaskC"]


@dataclass(frozen=True)
class IndicatorC:
    level1: str
    level2: str
    name: str
    value: str  # the 指标值 as the model should hold it (split columns joined)
    description: str | None = None
    basis: str | None = None
    # split value columns (family E): what each column prints
    operator: str | None = None
    number: str | None = None
    unit: str | None = None
    weight: Decimal | None = None
    direction: str | None = None  # positive / reverse
    direction_printed: str | None = None
    core: bool | None = None
    mid_value: str | None = None  # the 中期 target beside the 年度 one
    mid_name: str | None = None  # its level-3 name, where the 中期 block prints one
    scoring: str | None = None  # 评(计)分标准
    canonical_level2: str | None = None  # the usual spelling of a level-2 printed otherwise
    extra: tuple[tuple[str, str], ...] = ()  # cells of unrecognised columns, (header, text)


@dataclass(frozen=True)
class ProjectC:
    name: str
    unit_name: str
    unit_code: str | None = None
    code: str | None = None
    name_printed: str | None = None  # e.g. with a code prefix; the model splits it
    department: str | None = None  # 主管部门(及代码), as printed
    total: Decimal | None = None
    fiscal: Decimal | None = None
    other: Decimal | None = None
    mid_total: Decimal | None = None
    mid_fiscal: Decimal | None = None
    mid_other: Decimal | None = None
    purpose: str | None = None
    plan: tuple[Decimal, Decimal, Decimal, Decimal] | None = None  # 3/6/10/12月底 %
    goals: tuple[str, ...] = ()
    mid_goals: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()  # header fields kept as (label, text)
    costs: tuple[tuple[str, str], ...] = ()  # 成本构成 / 测算依据 sub-table rows
    indicators: tuple[IndicatorC, ...] = ()


@dataclass(frozen=True)
class TaskC:
    name: str
    content: str
    total: Decimal
    fiscal: Decimal
    other: Decimal


@dataclass(frozen=True)
class DeptContent:
    unit_name: str
    unit_code: str | None
    functions: str
    tasks: tuple[TaskC, ...]
    total: Decimal
    fiscal: Decimal
    other: Decimal
    goals: tuple[str, ...]
    indicators: tuple[IndicatorC, ...]
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FamilyContent:
    family: str
    title: str
    year: int
    money_unit: str = "万元"
    projects: tuple[ProjectC, ...] = ()
    department: DeptContent | None = None
    traditional: bool = False
    notes: tuple[str, ...] = field(default=())
    warnings: tuple[str, ...] = ()  # the warning codes the fixture must raise (else none)


D = Decimal
I = IndicatorC  # noqa: E741 - short for the tables below

# -- A: Hebei 部门预算绩效信息 ---------------------------------------------------------------

_A = FamilyContent(
    family="A",
    title="某县教育和体育局2024年部门预算绩效信息",
    year=2024,
    projects=(
        ProjectC(
            name="学前教育幼儿资助资金",
            unit_code="130821",
            unit_name="某县教育和体育局",
            code="13082124P0001203",
            total=D("86.40"),
            fiscal=D("86.40"),
            purpose="按每生每年1000元标准资助家庭经济困难幼儿",
            plan=(D("25.00"), D("50.00"), D("80.00"), D("100.00")),
            goals=(
                "资助家庭经济困难幼儿864人次，保障其平等接受学前教育。",
                "资助资金按时足额发放到位。",
            ),
            indicators=(
                I(
                    "产出指标",
                    "数量指标",
                    "资助幼儿人次",
                    "≥864人次",
                    "全年资助家庭经济困难幼儿人次",
                    "根据上年资助人数测算",
                ),
                I(
                    "产出指标",
                    "质量指标",
                    "资助对象认定准确率",
                    "100%",
                    "符合条件幼儿占资助幼儿比例",
                    "省级资助政策要求",
                ),
                I(
                    "产出指标",
                    "时效指标",
                    "资金发放时间",
                    "2024年12月底前",
                    "资助资金发放到位时间",
                    "资金管理办法规定的发放时限，每学期开学后两个月内发放完毕，不得滞留截留挪用",
                ),
                I(
                    "效益指标",
                    "社会效益指标",
                    "困难家庭幼儿入园率",
                    "≥98%",
                    "困难家庭适龄幼儿入园比例",
                    "县学前教育发展规划",
                ),
                I(
                    "满意度指标",
                    "服务对象满意度指标",
                    "受助家庭满意度",
                    "≥95%",
                    "受助家庭问卷调查满意比例",
                    "历年满意度调查结果",
                ),
            ),
        ),
        ProjectC(
            name="农村义务教育学校校舍维修改造",
            unit_code="130821",
            unit_name="某县教育和体育局",
            code="13082124P0001315",
            total=D("320.00"),
            fiscal=D("300.00"),
            other=D("20.00"),
            purpose="维修改造12所农村学校校舍及附属设施",
            plan=(D("10.00"), D("40.00"), D("75.00"), D("100.00")),
            goals=("完成12所农村学校校舍维修改造，消除校舍安全隐患。",),
            indicators=(
                I(
                    "产出指标",
                    "数量指标",
                    "维修改造学校数量",
                    "=12所",
                    "完成维修改造的学校数",
                    "年度维修计划",
                ),
                I(
                    "产出指标",
                    "质量指标",
                    "工程验收合格率",
                    "100%",
                    "验收合格工程占完工工程比例",
                    "工程质量验收规范",
                ),
                I(
                    "成本指标",
                    "经济成本指标",
                    "单校平均维修成本",
                    "≤26.7万元",
                    "维修总成本除以学校数",
                    "工程预算评审结果",
                ),
                I(
                    "效益指标",
                    "社会效益指标",
                    "校舍安全隐患消除率",
                    "100%",
                    "消除隐患校舍占排查隐患校舍比例",
                    "校舍安全排查报告",
                ),
            ),
        ),
    ),
)

# -- B: 项目支出绩效目标申报表 (财预〔2015〕88号) -----------------------------------------------

_B = FamilyContent(
    family="B",
    title="项目支出绩效目标申报表",
    year=2024,
    projects=(
        ProjectC(
            name="农村饮水安全巩固提升工程",
            unit_code="512001",
            unit_name="某县农村供水管理站",
            department="[512001]某县水务局",
            mid_total=D("900.00"),
            mid_fiscal=D("800.00"),
            mid_other=D("100.00"),
            total=D("320.00"),
            fiscal=D("300.00"),
            other=D("20.00"),
            mid_goals=("三年内解决2万人饮水安全问题。",),
            goals=("新建供水管网40公里。", "受益人口0.8万人。"),
            extra=(("项目属性", "延续项目"), ("项目期", "2023年至2025年")),
            indicators=(
                I("产出指标", "数量指标", "新建供水管网长度", "≥40公里", mid_value="≥120公里"),
                I("产出指标", "质量指标", "水质检测合格率", "≥95%", mid_value="≥95%"),
                I(
                    "产出指标",
                    "时效指标",
                    "工程完工时间",
                    "2024年11月底前",
                    mid_value="2025年11月底前",
                ),
                I("效益指标", "社会效益指标", "受益人口", "≥0.8万人", mid_value="≥2万人"),
                I("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", mid_value="≥90%"),
            ),
        ),
        ProjectC(
            name="小型水库除险加固",
            unit_code="512001",
            unit_name="某县水库管理所",
            department="[512001]某县水务局",
            mid_total=D("450.00"),
            mid_fiscal=D("450.00"),
            mid_other=D("0.00"),
            total=D("150.00"),
            fiscal=D("150.00"),
            other=D("0.00"),
            mid_goals=("完成6座小型水库除险加固，消除病险隐患。",),
            goals=("完成2座小型水库除险加固。",),
            extra=(("项目属性", "新增项目"), ("项目期", "3年")),
            indicators=(
                I("产出指标", "数量指标", "除险加固水库数量", "=2座", mid_value="=6座"),
                I("产出指标", "质量指标", "工程验收合格率", "100%", mid_value="100%"),
                I("效益指标", "社会效益指标", "保护下游人口", "≥1.2万人", mid_value="≥3.5万人"),
                I("满意度指标", "服务对象满意度指标", "周边群众满意度", "≥92%", mid_value="≥92%"),
            ),
        ),
    ),
)

# -- C: 2021 central template (成本指标 as a level-1) ------------------------------------------

_C = FamilyContent(
    family="C",
    title="项目支出绩效目标表",
    year=2024,
    projects=(
        ProjectC(
            name="基层医疗卫生机构能力建设",
            unit_name="某市卫生健康委员会",
            total=D("560.00"),
            fiscal=D("500.00"),
            other=D("60.00"),
            goals=("为20家乡镇卫生院配备基本诊疗设备，提升基层诊疗能力。",),
            indicators=(
                I("产出指标", "数量指标", "配备设备卫生院数量", "=20家", basis="年度建设计划"),
                I("产出指标", "质量指标", "设备验收合格率", "100%", basis="设备采购合同"),
                I(
                    "成本指标",
                    "经济成本指标",
                    "单家卫生院设备购置成本",
                    "≤28万元",
                    basis="市场询价",
                ),
                I(
                    "成本指标",
                    "社会成本指标",
                    "对周边群众就医的影响",
                    "无明显影响",
                    basis="项目实施方案",
                ),
                I("效益指标", "社会效益指标", "基层首诊率", "≥60%", basis="分级诊疗目标"),
                I("满意度指标", "服务对象满意度指标", "就诊群众满意度", "≥90%", basis="满意度调查"),
            ),
        ),
        ProjectC(
            name="老年人健康管理服务",
            unit_name="某市卫生健康委员会",
            total=D("210.50"),
            fiscal=D("210.50"),
            goals=("为65岁以上老年人提供免费健康体检和健康指导。",),
            indicators=(
                I("产出指标", "数量指标", "老年人健康体检人数", "≥3.2万人", basis="辖区老年人口数"),
                I("产出指标", "时效指标", "体检完成时间", "2024年10月底前", basis="年度工作方案"),
                I("成本指标", "经济成本指标", "人均体检成本", "≤65元", basis="服务项目定价"),
                I(
                    "效益指标",
                    "社会效益指标",
                    "老年人健康管理率",
                    "≥70%",
                    basis="国家基本公共卫生服务规范",
                ),
                # a placeholder copied from the blank template: kept as printed, for review
                I("效益指标", "可持续影响指标", "健康管理长效机制", "(≥**%)", basis="XXX"),
            ),
        ),
    ),
)

# -- D: 批复表 (annual block first, 中期 beside it; 填报单位…金额单位：元 on one line) ---

_D = FamilyContent(
    family="D",
    title="财政项目支出绩效目标批复表",
    year=2024,
    money_unit="元",
    projects=(
        ProjectC(
            name="农村公路养护",
            unit_code="610001",
            unit_name="某县交通运输局",
            total=D("1250000.00"),
            fiscal=D("1200000.00"),
            other=D("50000.00"),
            goals=("完成农村公路日常养护380公里，优良中等路率达到80%以上。",),
            indicators=(
                I("产出指标", "数量指标", "日常养护里程", "≥380公里", mid_value="≥1140公里"),
                I("产出指标", "质量指标", "优良中等路率", "≥80%", mid_value="≥85%"),
                I("效益指标", "社会效益指标", "农村公路通行保障率", "≥98%", mid_value="≥98%"),
                I("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", mid_value="≥90%"),
            ),
        ),
        ProjectC(
            name="城乡客运补贴",
            unit_code="610001",
            unit_name="某县交通运输局",
            total=D("860000.00"),
            fiscal=D("860000.00"),
            other=D("0.00"),
            goals=("保障42条城乡客运线路正常运营。",),
            indicators=(
                I("产出指标", "数量指标", "补贴客运线路", "=42条", mid_value="=42条"),
                I(
                    "产出指标",
                    "时效指标",
                    "补贴发放时间",
                    "2024年12月底前",
                    mid_value="2026年12月底前",
                ),
                I("效益指标", "社会效益指标", "建制村通客车率", "100%", mid_value="100%"),
            ),
        ),
    ),
)

# -- E: 一体化 exports, split value columns with weights and directions ---------------------


def _e(
    l1: str,
    l2: str,
    name: str,
    op: str,
    number: str,
    unit: str,
    weight: str,
    direction: str,
    core: bool,
    explain: str,
) -> IndicatorC:
    qualitative = op == "定性"
    value = number if qualitative else f"{op}{number}{unit}"
    return IndicatorC(
        l1,
        l2,
        name,
        value,
        description=explain,
        operator=op,
        number=number,
        unit=unit,
        weight=D(weight),
        direction="positive" if direction == "正向" else "reverse",
        direction_printed=direction,
        core=core,
    )


_E = FamilyContent(
    family="E",
    title="2024年项目支出绩效目标表",
    year=2024,
    projects=(
        ProjectC(
            name="工资性支出",
            name_printed="51000024R000000019951-工资性支出",
            code="51000024R000000019951",
            unit_code="219001",
            unit_name="某县农业农村局",
            total=D("412.36"),
            fiscal=D("412.36"),
            goals=("保障在职人员工资按时足额发放。",),
            indicators=(
                _e(
                    "产出指标",
                    "数量指标",
                    "保障在职人数",
                    "≥",
                    "58",
                    "人",
                    "20",
                    "正向",
                    True,
                    "年度保障的在职人员数",
                ),
                _e(
                    "产出指标",
                    "时效指标",
                    "工资发放及时率",
                    "=",
                    "100",
                    "%",
                    "20",
                    "正向",
                    False,
                    "按月及时发放的比例",
                ),
                _e(
                    "成本指标",
                    "经济成本指标",
                    "人员经费支出",
                    "≤",
                    "412.36",
                    "万元",
                    "20",
                    "反向",
                    False,
                    "全年人员经费支出总额",
                ),
                _e(
                    "效益指标",
                    "社会效益指标",
                    "保障单位正常运转",
                    "定性",
                    "有效保障",
                    "",
                    "20",
                    "正向",
                    False,
                    "单位履职运转情况",
                ),
                _e(
                    "满意度指标",
                    "服务对象满意度指标",
                    "职工满意度",
                    "≥",
                    "90",
                    "%",
                    "20",
                    "正向",
                    False,
                    "职工问卷调查结果",
                ),
            ),
        ),
        ProjectC(
            name="高标准农田建设",
            code="51000024R000000020387",
            unit_code="219001",
            unit_name="某县农业农村局",
            total=D("1560.00"),
            fiscal=D("1400.00"),
            other=D("160.00"),
            goals=("新建高标准农田2万亩，提高粮食综合生产能力。",),
            indicators=(
                _e(
                    "产出指标",
                    "数量指标",
                    "新建高标准农田面积",
                    "≥",
                    "2",
                    "万亩",
                    "30",
                    "正向",
                    True,
                    "年度新建高标准农田面积",
                ),
                _e(
                    "产出指标",
                    "质量指标",
                    "工程验收合格率",
                    "≥",
                    "95",
                    "%",
                    "20",
                    "正向",
                    False,
                    "验收合格面积占建设面积比例",
                ),
                _e(
                    "效益指标",
                    "经济效益指标",
                    "亩均粮食增产",
                    "≥",
                    "50",
                    "公斤",
                    "30",
                    "正向",
                    False,
                    "项目区亩均增产量",
                ),
                _e(
                    "满意度指标",
                    "服务对象满意度指标",
                    "项目区农户满意度",
                    "≥",
                    "90",
                    "%",
                    "20",
                    "正向",
                    False,
                    "农户满意度调查",
                ),
            ),
        ),
    ),
)

# -- F: flat list, one row per indicator, several units and projects, amounts in 元 ----------

_F = FamilyContent(
    family="F",
    title="2024年部门项目支出绩效目标申报表",
    year=2024,
    money_unit="元",
    projects=(
        ProjectC(
            name="城乡居民医疗救助",
            unit_code="301002",
            unit_name="某县民政局",
            total=D("2350000.00"),
            goals=("对困难群众医疗费用给予救助，减轻就医负担。",),
            indicators=(
                I("产出指标", "数量指标", "救助困难群众人次", "≥4500人次"),
                I("产出指标", "时效指标", "救助资金发放时限", "2024年12月底前"),
                I("效益指标", "社会效益指标", "困难群众就医负担", "有效减轻"),
                I("满意度指标", "服务对象满意度指标", "救助对象满意度", "≥90%"),
            ),
        ),
        ProjectC(
            name="特困人员供养",
            unit_code="301002",
            unit_name="某县民政局",
            total=D("1876400.00"),
            goals=("保障特困人员基本生活。",),
            indicators=(
                I("产出指标", "数量指标", "供养特困人员人数", "=612人"),
                I("产出指标", "质量指标", "供养标准达标率", "100%"),
                I("效益指标", "社会效益指标", "特困人员基本生活保障", "有效保障"),
            ),
        ),
        ProjectC(
            name="残疾人两项补贴",
            unit_code="301015",
            unit_name="某县残疾人联合会",
            total=D("968000.00"),
            goals=("按时足额发放困难残疾人生活补贴和重度残疾人护理补贴。",),
            indicators=(
                I("产出指标", "数量指标", "补贴发放人数", "≥1800人"),
                I("产出指标", "时效指标", "补贴按月发放率", "100%"),
                I("满意度指标", "服务对象满意度指标", "残疾人满意度", "≥92%"),
            ),
        ),
    ),
)

# -- G: 部门整体支出绩效目标表 -----------------------------------------------------------------

_G = FamilyContent(
    family="G",
    title="2024年部门整体支出绩效目标申报表",
    year=2024,
    department=DeptContent(
        unit_code="405001",
        unit_name="某县市场监督管理局",
        functions="负责全县市场综合监督管理，统一登记市场主体，组织市场监管综合执法，承担食品药品安全监督管理。",
        tasks=(
            TaskC(
                "食品安全监管", "开展食品安全抽检和专项整治", D("180.00"), D("180.00"), D("0.00")
            ),
            TaskC(
                "特种设备安全监察",
                "开展电梯、锅炉等特种设备安全检查",
                D("95.00"),
                D("80.00"),
                D("15.00"),
            ),
            TaskC("市场主体登记服务", "推进企业开办全程网办", D("45.00"), D("45.00"), D("0.00")),
        ),
        total=D("320.00"),
        fiscal=D("305.00"),
        other=D("15.00"),
        extra=(
            ("收入构成", "一般公共预算拨款305.00万元，其他收入15.00万元"),
            ("支出构成", "基本支出210.00万元，项目支出110.00万元"),
        ),
        goals=(
            "食品安全抽检覆盖全部食品类别，守住不发生系统性区域性食品安全风险的底线。",
            "特种设备定期检验率保持在98%以上。",
        ),
        indicators=(
            IndicatorC("产出指标", "数量指标", "食品安全抽检批次", "≥1200批次"),
            IndicatorC("产出指标", "质量指标", "特种设备定期检验率", "≥98%"),
            IndicatorC("产出指标", "时效指标", "企业开办时间", "≤1个工作日"),
            IndicatorC("效益指标", "社会效益指标", "食品安全群众满意度提升", "明显提升"),
            IndicatorC("满意度指标", "服务对象满意度指标", "市场主体满意度", "≥90%"),
        ),
    ),
)

# -- H: 专项资金绩效目标表 (checkboxes, 负责人, dates, 立项依据 below its label) ------------------

_H = FamilyContent(
    family="H",
    title="2024年专项资金绩效目标表",
    year=2024,
    projects=(
        ProjectC(
            name="农村人居环境整治专项资金",
            unit_name="某县农业农村局",
            total=D("600.00"),
            fiscal=D("600.00"),
            other=D("0.00"),
            purpose="□基本建设 √设备购置 √农村厕所改造 □其他",
            goals=("完成农村户厕改造3000户，村庄生活垃圾收运处置体系覆盖全部行政村。",),
            extra=(
                ("项目负责人", "王建国"),
                ("联系电话", "0311-87654321"),
                ("开始日期", "2024年3月1日"),
                ("结束日期", "2024年12月31日"),
                ("项目类别", "专项转移支付"),
                ("立项依据", "《农村人居环境整治提升五年行动方案（2021—2025年）》"),
            ),
            costs=(
                ("户厕改造补助", "3000户×1500元=450万元"),
                ("垃圾收运设备购置", "按实际采购价测算150万元"),
            ),
            indicators=(
                I("产出指标", "数量指标", "改造农村户厕数量", "≥3000户"),
                I("产出指标", "质量指标", "改厕验收合格率", "≥95%"),
                I("成本指标", "经济成本指标", "户均改厕补助", "≤1500元"),
                I("效益指标", "生态效益指标", "农村生活垃圾收运覆盖率", "100%"),
                I("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%"),
            ),
        ),
        ProjectC(
            name="脱贫人口小额信贷贴息",
            unit_name="某县乡村振兴局",
            total=D("85.00"),
            fiscal=D("85.00"),
            other=D("0.00"),
            purpose="□基本建设 □设备购置 √贷款贴息 □其他",
            goals=("对脱贫人口小额信贷按规定贴息，支持发展产业。",),
            extra=(
                ("项目负责人", "李红梅"),
                ("联系电话", "0311-87650000"),
                ("开始日期", "2024年1月1日"),
                ("结束日期", "2024年12月31日"),
                ("项目类别", "衔接推进乡村振兴补助资金"),
                ("立项依据", "脱贫人口小额信贷管理办法"),
            ),
            indicators=(
                I("产出指标", "数量指标", "贴息贷款户数", "≥420户"),
                I("产出指标", "时效指标", "贴息资金拨付时间", "2024年12月底前"),
                I("效益指标", "经济效益指标", "带动户均增收", "≥3000元"),
            ),
        ),
    ),
)

# -- I: prose notice (绩效目标设定公示) ---------------------------------------------------------

_I = FamilyContent(
    family="I",
    title="某镇2024年项目支出绩效目标设定公示",
    year=2024,
    projects=(
        ProjectC(
            name="村内道路硬化工程",
            unit_name="某镇人民政府",
            total=D("160.00"),
            goals=("完成5个行政村村内道路硬化，改善群众出行条件。",),
            indicators=(
                I("产出指标", "数量指标", "新建道路", "≥2公里", core=True),
                I("产出指标", "数量指标", "硬化村道", "≥5公里"),
                I("产出指标", "质量指标", "工程验收合格率", "100%"),
                I("效益指标", "社会效益指标", "受益群众", "≥3200人"),
                I("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
            ),
        ),
        ProjectC(
            name="农村公益性岗位补贴",
            unit_name="某镇人民政府",
            total=D("36.00"),
            goals=("开发农村公益性岗位，带动脱贫劳动力就近就业。",),
            indicators=(
                I("产出指标", "数量指标", "开发公益性岗位", "≥60个", core=True),
                I("产出指标", "时效指标", "补贴发放", "2024年12月底前"),
                I("效益指标", "社会效益指标", "带动就业人数", "≥60人"),
            ),
        ),
    ),
)

# -- T: a 申报表 printed in traditional characters (萬元 / 萬人 / 個) --------------------------

_T = FamilyContent(
    family="T",
    title="項目支出績效目標申報表",
    year=2024,
    traditional=True,
    projects=(
        ProjectC(
            name="鄉村道路養護",
            unit_name="某縣交通運輸局",
            code="TW2024-017",
            total=D("88.00"),
            fiscal=D("80.00"),
            other=D("8.00"),
            goals=("完成鄉村道路養護120公里，保障群眾安全出行。",),
            indicators=(
                I("產出指標", "數量指標", "養護道路里程", "≥120公里"),
                I("產出指標", "數量指標", "維修橋涵數量", "=6個"),
                I("成本指標", "經濟成本指標", "養護總成本", "≤88萬元"),
                I("效益指標", "社會效益指標", "受益人口", "≥2.4萬人"),
                I("滿意度指標", "服務對象滿意度指標", "沿線群眾滿意度", "≥90%"),
            ),
        ),
        ProjectC(
            name="社區長者照顧服務",
            unit_name="某縣民政局",
            code="TW2024-023",
            total=D("45.50"),
            fiscal=D("45.50"),
            goals=("為轄區長者提供日間照顧和上門服務。",),
            indicators=(
                I("產出指標", "數量指標", "服務長者人數", "≥0.3萬人"),
                I("產出指標", "數量指標", "日間照料中心", "=4個"),
                I("效益指標", "社會效益指標", "長者生活品質", "明顯改善"),
            ),
        ),
    ),
)


def _with_mid_names(content: FamilyContent) -> FamilyContent:
    """The 88号 form prints the level-3 name in both blocks."""
    projects = tuple(
        replace(p, indicators=tuple(replace(i, mid_name=i.name) for i in p.indicators))
        for p in content.projects
    )
    return replace(content, projects=projects)


_B = _with_mid_names(_B)

# Variants: the same facts printed with other label spellings and arrangements (templates.md §2).
# B2: 88号 copy with 实施期/本年度 labels, 一级指标 in both blocks, 上年结转 on its own line.
_B2 = replace(
    _B,
    family="B2",
    projects=tuple(replace(p, extra=(*p.extra, ("上年结转", "0.00"))) for p in _B.projects),
)
# the system marks required and optional level-2 groups
_SYSTEM_SUFFIX = {"数量指标": "（必填硬性指标）", "经济效益指标": "（选填）"}
# E2: 一体化 export with 计算符号 / 目标值 / 计量单位 / 分值 / 指标方向 / 评(计)分标准.
_E2 = replace(
    _E,
    family="E2",
    projects=tuple(
        replace(
            p,
            indicators=tuple(
                replace(
                    i,
                    scoring=f"达到目标值得{i.weight}分，未达到按比例扣分",
                    level2=i.level2 + _SYSTEM_SUFFIX.get(i.level2, ""),
                    canonical_level2=i.level2,
                )
                for i in p.indicators
            ),
        )
        for p in _E.projects
    ),
)
# F2: the flat list as copied: unit and project cells blank (not merged) after a block's first row.
_F2 = replace(_F, family="F2")
# E3: an export with a column no dictionary knows (数据来源): every row kept, its cells kept in
# each indicator's extra under the printed header, and one warning per project saying so.
_SOURCES = ("人事工资系统", "财务核算系统", "验收报告", "统计年报", "问卷调查")
_E3 = replace(
    _E,
    family="E3",
    warnings=("columns_unrecognised", "columns_unrecognised"),
    projects=tuple(
        replace(
            p,
            indicators=tuple(
                replace(i, extra=(("数据来源", _SOURCES[n % len(_SOURCES)]),))
                for n, i in enumerate(p.indicators)
            ),
        )
        for p in _E.projects
    ),
)


def _short_level2(i: IndicatorC) -> IndicatorC:
    return replace(i, level2=i.level2.removesuffix("指标"), canonical_level2=i.level2)


# C2: a province's copy of the 2021 template: 项目（专项）名称, 申报单位, 项目申报金额,
# 一般公共预算, 年度总体目标, level-2 printed without 指标, 指标内容 / 当年预期实现值 / 备注.
_C2 = replace(
    _C,
    family="C2",
    projects=tuple(
        replace(p, indicators=tuple(_short_level2(i) for i in p.indicators)) for p in _C.projects
    ),
)
# D2: the 批复表 with the year's money by source (1.中央 2.市级 3.区级 4.其他资金): no
# 财政拨款 figure is printed, so none is read; the sources are kept as printed.
_D2 = replace(
    _D,
    family="D2",
    projects=(
        replace(
            _D.projects[0],
            fiscal=None,
            extra=(("1.中央", "500,000.00"), ("2.市级", "400,000.00"), ("3.区级", "300,000.00")),
        ),
        replace(
            _D.projects[1],
            fiscal=None,
            extra=(("1.中央", "0.00"), ("2.市级", "600,000.00"), ("3.区级", "260,000.00")),
        ),
    ),
)

CONTENTS: dict[str, FamilyContent] = {
    c.family: c for c in (_A, _B, _B2, _C, _C2, _D, _D2, _E, _E2, _E3, _F, _F2, _G, _H, _I, _T)
}
