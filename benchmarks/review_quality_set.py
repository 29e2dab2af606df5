"""A labelled set for measuring review quality (issue 12): documents written and labelled by hand.

Every defect a finance-bureau reviewer would send back is labelled where it sits, with how
much it matters, BEFORE the review was run on it (labels were not tuned to the output):

- ``must``: the table can't be approved this way (missing or meaningless values, placeholders,
  money that doesn't add up, a required part blank);
- ``should``: a reviewer asks for a fix (vague values, wrong level, ``≥100%``, a payment rate
  below 100%, a description from another domain, goals no indicator measures …);
- ``could``: worth a note, not a return (an implicit operator such as ``230个``).

Rows without a label are correct as written, including values in the budget system's spelled
unit (``≥95百分比``), which no reviewer sends back one by one.

The content is realistic but invented (not copied from the seeds). It is kept as data and
written out as the Hebei 部门预算绩效信息 text layout by ``review_quality.py``'s own writer,
never by jixiao's renderer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["DOCUMENTS", "KINDS", "Label", "LabelledDocument", "LabelledProject", "Row"]

# The kinds of defect labelled (issue 12's list), to count misses by kind.
KINDS = {
    "placeholder": "模板占位符未替换",
    "meaningless-value": "指标值无含义（只有数字）",
    "value-blank": "指标值空白",
    "budget-mismatch": "预算数与资金来源不平衡",
    "goals-blank": "绩效目标空白",
    "vague-value": "指标值含糊",
    "wrong-level": "指标层级放错",
    "implicit-operator": "指标值缺少运算符号",
    "copied-description": "指标描述照抄别的领域",
    "no-cost-indicator": "较大项目缺少成本指标",
    "slogan-goals": "目标只有口号",
    "goals-copy-functions": "目标照抄职能",
    "dept-history": "部门目标写成机构沿革",
    "goal-unmeasured": "目标中的工作没有指标衡量",
    "basis-blank": "指标值确定依据空白",
    "spending-plan": "资金支出计划空白或不一致",
    "purpose-repeats-name": "资金用途重复项目名称",
    "over-100": "比率写成≥100%",
    "payment-below-100": "发放类比率低于100%",
    "time-as-percent": "时间写成百分比",
    "task-as-time": "时效指标写成工作任务",
    "same-values": "全部指标值相同",
}


@dataclass(frozen=True)
class Label:
    """A defect: its weight and what a reviewer would write."""

    severity: str  # must | should | could
    what: str
    kind: str = ""  # the defect's kind (KINDS), for counting misses by kind


@dataclass(frozen=True)
class Row:
    level1: str
    level2: str
    name: str
    description: str
    value: str
    basis: str = ""
    label: Label | None = None


@dataclass(frozen=True)
class LabelledProject:
    name: str
    code: str
    total: str
    fiscal: str
    other: str
    purpose: str
    plan: tuple[str, str, str, str]
    goals: str
    rows: tuple[Row, ...]
    # Defects of the project as a whole, by place: name, code, budget, purpose,
    # spending_plan, goals, indicators (the set), basis (the whole basis column).
    labels: dict[str, Label] = field(default_factory=dict)


@dataclass(frozen=True)
class LabelledDocument:
    name: str
    unit_code: str
    unit: str
    year: int
    overall_goal: str
    sub_goals: tuple[str, ...]
    measures: str
    projects: tuple[LabelledProject, ...]
    department_label: Label | None = None


OUT, EFF, SAT = "产出指标", "效益指标", "满意度指标"
SAT2 = "服务对象满意度指标"

AGRICULTURE = LabelledDocument(
    name="quality-agriculture-2024",
    unit_code="318001",
    unit="安平县农业农村局",
    year=2024,
    overall_goal="坚持农业农村优先发展，全力推进乡村振兴，奋力开创农业农村工作新局面。",
    sub_goals=(
        "1、负责全县农业农村经济发展规划的组织实施，指导协调农业产业化经营和农村经济体制改革。",
        "2、高标准农田建设：全年新建高标准农田1.2万亩，项目区粮食亩均产能提高50公斤以上。",
    ),
    measures="一是压实项目责任；二是加强资金监管；三是强化绩效跟踪。",
    department_label=Label(
        "should", "总体目标只有口号，没有可衡量的目标；分项目标1照抄三定职能", "slogan-goals"
    ),
    projects=(
        LabelledProject(
            name="高标准农田建设项目",
            code="318-2101-JBN-7K2A",
            total="600.00",
            fiscal="600.00",
            other="",
            purpose="对全县3个乡镇1.2万亩农田实施土地平整、灌溉排水、田间道路等工程建设",
            plan=("10.00", "40.00", "80.00", "100.00"),
            goals="1、新建高标准农田1.2万亩，新增高效节水灌溉面积0.3万亩\n"
            "2、项目区粮食亩均产能提高50公斤以上",
            rows=(
                Row(
                    OUT,
                    "数量指标",
                    "新建高标准农田面积",
                    "年度新建高标准农田面积",
                    "≥1.2万亩",
                    "省农业农村厅下达的年度建设任务",
                ),
                Row(
                    OUT,
                    "数量指标",
                    "新增高效节水灌溉面积",
                    "年度新增高效节水灌溉面积",
                    "≥0.3万亩",
                    "省农业农村厅下达的年度建设任务",
                ),
                Row(
                    OUT,
                    "质量指标",
                    "工程竣工验收合格率",
                    "竣工验收合格的工程占全部工程的比例",
                    "≥100%",
                    "高标准农田建设通则",
                    Label("should", "合格率不能超过100%，应为=100%", "over-100"),
                ),
                Row(
                    OUT,
                    "时效指标",
                    "项目完工时间",
                    "项目全部工程完工的时间",
                    "95%",
                    "项目实施方案",
                    Label("should", "完工时间写成了百分比", "time-as-percent"),
                ),
                Row(
                    OUT,
                    "成本指标",
                    "亩均财政投入",
                    "每亩高标准农田的财政资金投入",
                    "≤500元/亩",
                    "项目预算及建设面积测算",
                ),
                Row(
                    EFF,
                    "经济效益指标",
                    "项目区粮食亩均增产",
                    "项目区粮食亩均产量比建设前增加",
                    "≥50公斤",
                    "项目可行性研究报告",
                ),
                Row(
                    EFF,
                    "可持续影响指标",
                    "工程设施使用年限",
                    "建成工程设施的设计使用年限",
                    "有效提升",
                    "高标准农田建设通则",
                    Label("should", "指标值含糊，应写明年限，如≥15年", "vague-value"),
                ),
                Row(
                    SAT,
                    SAT2,
                    "项目区农户满意度",
                    "项目区受益农户对工程建设的满意程度",
                    "≥90%",
                    "往年满意度调查结果",
                ),
            ),
        ),
        LabelledProject(
            name="农业综合行政执法经费",
            code="318-2102-JBN-4QZ8",
            total="35.00",
            fiscal="30.00",
            other="",
            purpose="农业综合行政执法经费",
            plan=("25.00", "50.00", "75.00", "100.00"),
            goals="负责农业综合执法工作",
            labels={
                "budget": Label(
                    "must", "预算数35万元不等于财政资金30万元与其他资金之和", "budget-mismatch"
                ),
                "purpose": Label("should", "资金用途只重复项目名称", "purpose-repeats-name"),
                "goals": Label(
                    "should", "绩效目标照抄职能，没有可衡量的内容", "goals-copy-functions"
                ),
                "basis": Label("should", "指标值确定依据整列空白", "basis-blank"),
            },
            rows=(
                Row(
                    OUT,
                    "数量指标",
                    "农资市场执法检查次数",
                    "全年开展农资市场执法检查的次数",
                    "≥40次",
                ),
                Row(
                    OUT,
                    "数量指标",
                    "案件查处数量",
                    "全年立案查处农业违法案件数量",
                    "11",
                    label=Label("must", "指标值只有数字11，没有单位和含义", "meaningless-value"),
                ),
                Row(OUT, "质量指标", "案件按期办结率", "立案案件按期办结的比例", "≥95%"),
                Row(
                    EFF,
                    "社会效益指标",
                    "农资产品抽检合格率",
                    "抽检农资产品中合格产品的比例",
                    "≥95%",
                ),
                Row(SAT, SAT2, "农户满意度", "农户对农资市场秩序的满意程度", "≥95百分比"),
            ),
        ),
        LabelledProject(
            name="农村人居环境整治宣传经费",
            code="318-2103-JBN-9D3C",
            total="8.00",
            fiscal="8.00",
            other="",
            purpose="印制宣传资料、制作宣传展板，在全县12个乡镇开展农村人居环境整治宣传活动",
            plan=("30.00", "60.00", "90.00", "100.00"),
            goals="1、印制宣传资料5000份，制作宣传展板40块\n2、开展宣传活动20场，提高群众环境卫生意识",
            rows=(
                Row(
                    OUT,
                    "数量指标",
                    "印制宣传资料数量",
                    "全年印制宣传资料的份数",
                    "≥5000份",
                    "宣传工作方案",
                ),
                Row(
                    OUT,
                    "数量指标",
                    "制作宣传展板数量",
                    "全年制作宣传展板的块数",
                    "≥40块",
                    "宣传工作方案",
                ),
                Row(
                    OUT,
                    "时效指标",
                    "宣传活动完成时间",
                    "全部宣传活动完成的时间",
                    "2024年10月底前",
                    "宣传工作方案",
                ),
                Row(
                    EFF,
                    "生态效益指标",
                    "宣传活动场次",
                    "全年开展宣传活动的场次",
                    "≥20场",
                    "宣传工作方案",
                    Label("should", "宣传场次是产出，不是生态效益", "wrong-level"),
                ),
                Row(
                    EFF,
                    "社会效益指标",
                    "群众环境卫生意识",
                    "群众环境卫生意识的提高程度",
                    "明显提高",
                    "宣传工作方案",
                    Label("should", "效益指标值含糊", "vague-value"),
                ),
                Row(
                    SAT,
                    SAT2,
                    "群众满意度",
                    "群众对宣传活动的满意程度",
                    "≥90%",
                    "往年满意度调查结果",
                ),
            ),
        ),
        LabelledProject(
            name="村级组织运转经费补助",
            code="318-2104-JBN-2M6P",
            total="120.00",
            fiscal="120.00",
            other="",
            purpose="按每村每年5000元标准补助全县230个行政村的办公、水电等运转经费",
            plan=("50.00", "100.00", "100.00", "100.00"),
            goals="保障全县230个行政村组织正常运转，补助资金6月底前足额拨付到村",
            labels={
                "indicators": Label("should", "120万元的项目没有成本指标", "no-cost-indicator")
            },
            rows=(
                Row(
                    OUT,
                    "数量指标",
                    "补助行政村个数",
                    "享受运转经费补助的行政村数量",
                    "230个",
                    "全县行政村名册",
                    Label("could", "指标值缺少运算符号，应为=230个", "implicit-operator"),
                ),
                Row(
                    OUT,
                    "质量指标",
                    "补助资金足额拨付率",
                    "按标准足额拨付到村的资金比例",
                    "≥90%",
                    "补助政策文件",
                    Label("should", "补助发放类指标低于100%", "payment-below-100"),
                ),
                Row(
                    OUT,
                    "时效指标",
                    "资金拨付时间",
                    "补助资金拨付到村的时间",
                    "2024年6月底前",
                    "补助政策文件",
                ),
                Row(
                    EFF,
                    "社会效益指标",
                    "村级组织运转保障率",
                    "正常运转的村级组织所占比例",
                    "≥98%",
                    "补助政策文件",
                    Label("should", "保障率是产出，不是效益", "wrong-level"),
                ),
                Row(
                    SAT,
                    SAT2,
                    "村干部满意度",
                    "村干部对补助政策的满意程度",
                    "≥90%",
                    "往年满意度调查结果",
                ),
            ),
        ),
        LabelledProject(
            name="农产品质量安全检测经费",
            code="318-2105-JBN-5T1W",
            total="15.00",
            fiscal="15.00",
            other="",
            purpose="购置检测试剂，开展蔬菜、水果、畜禽产品农药兽药残留定量检测和快速检测",
            plan=("25.00", "50.00", "75.00", "100.00"),
            goals="1、完成农产品定量检测300批次\n2、全县农产品质量安全抽检合格率保持在97%以上",
            rows=(
                Row(
                    OUT,
                    "数量指标",
                    "定量检测批次",
                    "全年完成农产品定量检测的批次",
                    "≥300批次",
                    "市级下达检测任务",
                ),
                Row(
                    OUT,
                    "数量指标",
                    "快速检测样品数",
                    "全年完成快速检测的样品数量",
                    "≥**个",
                    "市级下达检测任务",
                    Label("must", "指标值是模板占位符", "placeholder"),
                ),
                Row(
                    OUT,
                    "质量指标",
                    "检测结果准确率",
                    "检测结果经复核准确的比例",
                    "=100%",
                    "检测机构考核办法",
                ),
                Row(
                    EFF,
                    "社会效益指标",
                    "农产品抽检合格率",
                    "抽检农产品中合格产品的比例",
                    "≥97%",
                    "上年抽检结果",
                ),
                Row(
                    SAT,
                    SAT2,
                    "生产经营主体满意度",
                    "受检生产经营主体对检测服务的满意程度",
                    "≥90%",
                    "往年满意度调查结果",
                ),
            ),
        ),
    ),
)

HEALTH = LabelledDocument(
    name="quality-health-2023",
    unit_code="427001",
    unit="望都县卫生健康局",
    year=2023,
    overall_goal="2023年全县居民人均预期寿命达到78.5岁，孕产妇死亡率控制在10/10万以下，"
    "婴儿死亡率控制在5‰以下。",
    sub_goals=(
        "1、基本公共卫生服务：居民电子健康档案建档率达到90%以上，老年人健康管理率达到65%以上。",
        "2、机构沿革：本局于1996年成立，2019年机构改革后更名为县卫生健康局（望编〔2019〕12号）。",
    ),
    measures="一是完善绩效管理制度；二是加强项目过程监控；三是做好年度绩效自评。",
    department_label=Label("should", "分项绩效目标2是机构沿革，不是绩效目标", "dept-history"),
    projects=(
        LabelledProject(
            name="基本公共卫生服务项目",
            code="427-2301-JBN-8H4N",
            total="450.00",
            fiscal="450.00",
            other="",
            purpose="按人均89元标准，为全县城乡居民免费提供健康档案、健康教育、慢性病管理等服务",
            plan=("25.00", "50.00", "75.00", "100.00"),
            goals="1、居民电子健康档案建档率达到90%以上\n2、65岁及以上老年人健康管理率达到65%以上\n"
            "3、开展健康教育讲座120场",
            labels={
                "goals": Label("should", "目标中的健康教育讲座120场没有对应指标", "goal-unmeasured")
            },
            rows=(
                Row(
                    OUT,
                    "数量指标",
                    "居民电子健康档案建档率",
                    "建立电子健康档案的常住居民比例",
                    "≥90%",
                    "国家基本公共卫生服务规范",
                ),
                Row(
                    OUT,
                    "数量指标",
                    "老年人健康管理率",
                    "接受健康管理的65岁及以上老年人比例",
                    "≥65%",
                    "国家基本公共卫生服务规范",
                ),
                Row(
                    OUT,
                    "质量指标",
                    "高血压患者规范管理率",
                    "按规范管理的高血压患者比例",
                    "≥65%",
                    "国家基本公共卫生服务规范",
                ),
                Row(
                    OUT,
                    "成本指标",
                    "人均补助标准",
                    "每名常住居民的补助标准",
                    "=89元",
                    "上级补助政策文件",
                ),
                Row(
                    EFF,
                    "社会效益指标",
                    "居民健康素养水平",
                    "具备基本健康素养的居民比例",
                    "逐年提高",
                    "健康县建设规划",
                    Label("should", "效益指标值含糊，应写明比例", "vague-value"),
                ),
                Row(
                    SAT,
                    SAT2,
                    "居民满意度",
                    "居民对基本公共卫生服务的满意程度",
                    "≥85%",
                    "往年满意度调查结果",
                ),
            ),
        ),
        LabelledProject(
            name="卫生监督执法经费",
            code="427-2302-JBN-3R7F",
            total="12.00",
            fiscal="12.00",
            other="",
            purpose="用于公共场所、生活饮用水、学校卫生等监督检查和执法文书印制",
            plan=("", "", "", ""),
            goals="1、对全县公共场所开展监督检查全覆盖\n2、公共场所卫生合格率保持在95%以上",
            labels={
                "spending_plan": Label("should", "资金支出计划空白", "spending-plan"),
                "indicators": Label("should", "全部指标值都是≥95%，像是照抄", "same-values"),
            },
            rows=(
                Row(
                    OUT,
                    "数量指标",
                    "监督检查覆盖率",
                    "接受监督检查的公共场所比例",
                    "≥95%",
                    "卫生监督工作计划",
                ),
                Row(
                    OUT,
                    "质量指标",
                    "案件按期办结率",
                    "卫生行政处罚案件按期办结比例",
                    "≥95%",
                    "卫生监督工作计划",
                ),
                Row(
                    OUT,
                    "时效指标",
                    "监督任务完成及时率",
                    "按时完成年度监督任务的比例",
                    "≥95%",
                    "卫生监督工作计划",
                ),
                Row(
                    EFF,
                    "社会效益指标",
                    "公共场所卫生合格率",
                    "抽检公共场所卫生合格的比例",
                    "≥95%",
                    "上年抽检结果",
                ),
                Row(
                    SAT,
                    SAT2,
                    "被监督单位满意度",
                    "被监督单位对执法工作的满意程度",
                    "≥95%",
                    "往年满意度调查结果",
                ),
            ),
        ),
        LabelledProject(
            name="家庭医生签约服务经费",
            code="427-2303-JBN-6V2K",
            total="60.00",
            fiscal="60.00",
            other="",
            purpose="按签约人数向乡镇卫生院拨付家庭医生签约服务补助",
            plan=("25.00", "50.00", "75.00", "100.00"),
            goals="1、全县签约服务3万人以上，重点人群签约覆盖率75%以上\n2、签约居民续约率达到70%以上",
            rows=(
                Row(
                    OUT,
                    "数量指标",
                    "签约服务人数",
                    "农资市场检查覆盖乡镇的比例",
                    "≥3万人",
                    "签约服务工作方案",
                    Label("should", "指标描述来自别的领域，与指标不符", "copied-description"),
                ),
                Row(
                    OUT,
                    "质量指标",
                    "重点人群签约覆盖率",
                    "签约的重点人群占重点人群总数比例",
                    "≥75%",
                    "签约服务工作方案",
                ),
                Row(
                    OUT,
                    "时效指标",
                    "签约服务完成时限",
                    "年度签约服务完成的时间",
                    "100%",
                    "签约服务工作方案",
                    Label("should", "完成时限写成了百分比", "time-as-percent"),
                ),
                Row(
                    EFF,
                    "社会效益指标",
                    "签约居民续约率",
                    "上年签约居民本年续约的比例",
                    "≥70%",
                    "上年签约数据",
                ),
                Row(
                    EFF,
                    "社会效益指标",
                    "家庭医生签约覆盖率",
                    "签约人数占常住人口的比例",
                    "≥40%",
                    "签约服务工作方案",
                    Label("should", "覆盖率是产出，不是效益", "wrong-level"),
                ),
                Row(
                    SAT,
                    SAT2,
                    "签约居民满意度",
                    "签约居民对家庭医生服务的满意程度",
                    "≥85%",
                    "往年满意度调查结果",
                ),
            ),
        ),
        LabelledProject(
            name="卫生健康信息化运维费",
            code="427-2304-JBN-1C9D",
            total="30.00",
            fiscal="30.00",
            other="",
            purpose="卫生健康信息化运维费",
            plan=("25.00", "50.00", "75.00", "100.00"),
            goals="",
            labels={
                "purpose": Label("should", "资金用途只重复项目名称", "purpose-repeats-name"),
                "goals": Label("must", "绩效目标空白", "goals-blank"),
            },
            rows=(
                Row(
                    OUT,
                    "数量指标",
                    "运维信息系统数量",
                    "纳入运维的信息系统数量",
                    "≥5个",
                    "运维服务合同",
                ),
                Row(
                    OUT,
                    "质量指标",
                    "系统正常运行率",
                    "信息系统全年正常运行时间占比",
                    "≥99%",
                    "运维服务合同",
                ),
                Row(
                    OUT,
                    "时效指标",
                    "故障响应时间",
                    "接到故障报告到响应的时间",
                    "≤2小时",
                    "运维服务合同",
                ),
                Row(
                    EFF,
                    "社会效益指标",
                    "电子健康档案调阅次数",
                    "居民和医生调阅电子健康档案的次数",
                    "≥5万次",
                    "上年系统统计",
                ),
                Row(
                    SAT,
                    SAT2,
                    "系统使用人员满意度",
                    "医务人员对信息系统的满意程度",
                    "≥90%",
                    "往年满意度调查结果",
                ),
            ),
        ),
        LabelledProject(
            name="计划生育特别扶助金",
            code="427-2305-JBN-4L8S",
            total="90.00",
            fiscal="90.00",
            other="",
            purpose="按每人每月500元标准向全县计划生育特殊家庭发放特别扶助金",
            plan=("25.00", "50.00", "75.00", "100.00"),
            goals="按时足额向1500名扶助对象发放特别扶助金，保障特殊家庭基本生活",
            rows=(
                Row(
                    OUT,
                    "数量指标",
                    "扶助对象人数",
                    "享受特别扶助金的人数",
                    "≥1500人",
                    "扶助对象审核名册",
                ),
                Row(
                    OUT,
                    "质量指标",
                    "扶助金发放准确率",
                    "扶助金准确发放到人的比例",
                    "≥95%",
                    "扶助政策文件",
                    Label("should", "发放准确率低于100%", "payment-below-100"),
                ),
                Row(
                    OUT,
                    "时效指标",
                    "扶助金按月发放率",
                    "当月按时发放的扶助金比例",
                    "≥95%",
                    "扶助政策文件",
                    Label("should", "按时发放率低于100%", "payment-below-100"),
                ),
                Row(
                    EFF,
                    "社会效益指标",
                    "特殊家庭生活保障",
                    "扶助对象基本生活得到保障的情况",
                    "得到保障",
                    "扶助政策文件",
                    Label("should", "效益指标值含糊", "vague-value"),
                ),
                Row(
                    SAT,
                    SAT2,
                    "扶助对象满意度",
                    "扶助对象对扶助政策落实的满意程度",
                    "≥95百分比",
                    "往年满意度调查结果",
                ),
            ),
        ),
    ),
)

DOCUMENTS: tuple[LabelledDocument, ...] = (AGRICULTURE, HEALTH)
