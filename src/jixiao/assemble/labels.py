"""The label dictionary: every printed label of a 绩效目标表 header field, by field.

Templates differ by province and year (templates.md §2), but the facts are the same: a project
name is printed as 项目名称, 项目支出名称 or 专项资金名称, the year's money as 预算数 or 年度资金
总额… Recognition is a lookup in this table, never a branch per template. Labels are matched
after ``label_key``: whitespace, colons, list numbering and bracketed notes such as
（万元）or（必填）removed, traditional characters converted (the printed text is kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.textutil import to_simplified

__all__ = [
    "FIELD_LABELS",
    "PERIOD",
    "TABLE_TITLE",
    "LabelMatch",
    "is_table_title",
    "label_key",
    "match_label",
    "money_unit_in",
    "split_money_unit",
]

# field → label variants (as ``label_key`` leaves them). Order inside a field does not matter;
# matching prefers the longest label, so 年度资金总额 wins over 资金总额.
FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "unit": (
        "单位名称",
        "预算单位",
        "预算单位名称",
        "申报单位",
        "实施单位",
        "项目实施单位",
        "绩效编制单位",
        "填报单位",
        "编报单位",
        "编制单位",
        "单位",
    ),
    "department": ("主管部门", "主管部门及代码", "主管单位", "主管部门名称"),
    "code": ("项目编码", "项目代码", "项目编号"),
    "name": (
        "项目名称",
        "项目支出名称",
        "项目专项名称",
        "专项资金名称",
        "专项名称",
        "资金名称",
        "项目名称全称",
    ),
    "total": (
        "预算数",
        "预算金额",
        "资金总额",
        "年度资金总额",
        "年度预算数",
        "年度预算金额",
        "项目申报金额",
        "年度本级预算金额",
        "全年预算数",
        "项目总金额",
        "预算资金",
        "合计",
        "金额合计",
        "本年预算",
    ),
    "fiscal": (
        "财政资金",
        "其中财政资金",
        "财政拨款",
        "其中财政拨款",
        "本年财政拨款",
        "一般公共预算",
        "其中一般公共预算",
        "财政性资金",
        "当年财政拨款",
        "其中当年财政拨款",
    ),
    "other": ("其他资金", "其中其他资金", "自有资金", "其他"),
    # The year's money by source (1.中央 2.市级 3.区级 4.其他资金): kept as printed, never
    # added up into 财政拨款.
    "fund_source": (
        "中央",
        "中央资金",
        "中央补助",
        "中央财政",
        "省级",
        "省级资金",
        "省级财政",
        "市级",
        "市级资金",
        "市级财政",
        "区级",
        "区级资金",
        "县级",
        "县级资金",
        "区县级",
        "本级",
        "本级资金",
        "本级财政",
        "上级资金",
        "上级补助",
    ),
    "mid_total": ("中期资金总额", "实施期资金总额", "项目总投资", "中期预算总额"),
    "money_group": (
        "预算规模及资金用途",
        "项目资金",
        "项目资金万元",
        "项目资金元",
        "资金情况",
        # a 部门整体 自评表 / 监控表's budget block (``department_records``)
        "部门预算",
        "部门预算执行情况",
        "部门整体预算执行情况",
        "部门预算资金",
        "部门资金",
        "部门整体支出",
        "部门整体支出情况",
        "部门整体资金",
    ),
    "purpose": ("资金用途", "资金主要用途", "主要用途"),
    "plan": ("资金支出计划",),
    "goals": (
        "绩效目标",
        "年度绩效目标",
        "年度目标",
        "年度总体目标",
        "本年度绩效目标",
        "项目年度目标",
        "项目绩效目标",
        "年度项目绩效目标",
        "当年绩效目标",
        "预期目标",
        "年初绩效目标",
    ),
    "mid_goals": (
        "中长期目标",
        "中期目标",
        "实施期绩效目标",
        "实施期目标",
        "项目总体目标",
        "长期目标",
        "整体目标",
    ),
    "goals_group": ("总体目标", "绩效总目标"),
    "indicators_group": (
        "绩效指标",
        "年度绩效指标",
        "中期绩效指标",
        "年度指标",
        "中期指标",
        "实施期绩效指标",
        "实施期指标",
        "本年度绩效指标",
        "本年度指标",
        "中长期绩效指标",
    ),
    "year": ("年度", "预算年度"),
    # Header fields the model keeps as ``extra`` (printed label and text), listed so that a
    # row of them is known to be a header row, not an indicator.
    "extra": (
        "项目属性",
        "项目期",
        "项目周期",
        "项目负责人",
        "项目负责人及电话",
        "联系人",
        "联系电话",
        "项目类别",
        "项目类型",
        "项目性质",
        "立项依据",
        "开始日期",
        "结束日期",
        "项目起止时间",
        "项目开始时间",
        "项目结束时间",
        "实施期限",
        "成本构成",
        "测算依据",
        "资金来源",
        "项目概况",
        "填报人",
        "审核人",
        "填报日期",
        "上年结转",
        "上年结转资金",
        "该项目支出上级资金",
    ),
    # Department-wide target tables (family G).
    "dept_name": ("部门名称", "部门单位名称"),
    "functions": ("部门职能概述", "部门职能", "单位职能", "部门职责", "职能概述"),
    "tasks": ("年度主要任务", "主要任务", "年度重点任务"),
    "dept_goals": ("部门整体绩效目标", "整体绩效目标"),
    "income": ("收入构成", "收入预算"),
    "spending": ("支出构成", "支出预算"),
    # 自评表 / 监控表 fields (docs/lifecycle.md): kept as extra with their printed label, then
    # turned into the project's SelfEvaluation / MonitoringRecord (``assemble.lifecycle_tables``).
    "lifecycle": (
        "年初预算数",
        "年初预算",
        "调整预算数",
        "调整后预算数",
        "全年调整预算数",
        "全年执行数",
        "预算执行数",
        "执行数",
        "执行率",
        "预算执行率",
        "全年预计执行数",
        "分值",
        "权重",
        "得分",
        "实际完成情况",
        "全年目标实际完成情况",
        "目标执行总体情况",
        "目标完成情况",
        "评价结论",
        "自评结论",
        "存在问题",
        "存在的问题",
        "改进措施",
        "整改措施",
        "自评等级",
        "评价等级",
        "自评总分",
        "执行率权重",
        "执行率得分",
    ),
}

# A project table's own title (项目支出绩效目标申报表, 财政项目支出绩效目标批复表, 绩效目标表…),
# printed above the table or in its first row.
TABLE_TITLE = re.compile(r"绩效目标(?:申报|批复|设定|申报审核)?表\s*$")

# ``1—7月执行数``, ``1-7月实际完成值``: a monitoring period before the label proper.
PERIOD = re.compile(r"^1\s*[-—–~至到]\s*(1[0-2]|[1-9])\s*月(?:份)?")
_PERIOD_LABELS = {"执行数": "lifecycle", "执行率": "lifecycle", "预算执行数": "lifecycle"}
_NOTES = re.compile(r"[（(][^（）()]{0,12}[）)]")
_NUMBERING = re.compile(
    r"^(?:[0-9]{1,2}[、.．]|[（(][0-9一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)"
)
_PUNCT = str.maketrans("", "", "：:；;、，,。.·*＊ \u3000\t\n")
MONEY_UNIT = re.compile(r"(?:金额|资金)?单位[：:]\s*(?:人民币)?\s*(万元|元)")
_MONEY_UNIT_SPACED = re.compile(r"(?:金额|资金)?\s*单位\s*[：:]\s*(?:人民币)?\s*(万元|元)")
_UNIT_IN_LABEL = re.compile(r"[（(]\s*(万元|元)\s*[）)]")


@lru_cache(maxsize=8192)
def label_key(text: str) -> str:
    """A printed label reduced for matching: ``（一）项目 名称：`` → ``项目名称``."""
    key = "".join(to_simplified(text).split())
    key = _NUMBERING.sub("", key)
    key = _NOTES.sub("", key)
    return key.translate(_PUNCT)


def _index() -> dict[str, str]:
    out: dict[str, str] = {}
    for field, labels in FIELD_LABELS.items():
        for label in labels:
            out.setdefault(label_key(label), field)
    return out


_BY_KEY = _index()
# Label lengths tried for a value glued to its label, longest first (short labels such as
# 单位 or 合计 are too likely to begin an ordinary text).
_GLUED_LENGTHS = sorted({len(k) for k in _BY_KEY if len(k) >= 4}, reverse=True)


@dataclass(frozen=True, slots=True)
class LabelMatch:
    field: str
    label: str  # the label as printed (without the value)
    rest: str  # a value glued to the label in the same cell (``项目名称：乡村道路`` → 乡村道路)


@lru_cache(maxsize=16384)
def match_label(text: str, *, glued: bool = True) -> LabelMatch | None:
    """The field a cell's text labels, if any. With ``glued``, a cell that starts with a label
    followed by a colon, or by a value when the label is a long one (``项目名称党外人才培训``),
    is split into label and value."""
    printed = " ".join(text.split())
    if not printed or (len(printed) > 40 and not glued):
        return None
    key = label_key(printed)
    field = _BY_KEY.get(key)
    if field is None and (period := PERIOD.match(key)):
        field = _PERIOD_LABELS.get(key[period.end() :])
    if field is not None:
        return LabelMatch(field, printed, "")
    if not glued:
        return None
    head, sep, tail = printed.partition("：") if "：" in printed else printed.partition(":")
    if sep and head.strip():
        field = _BY_KEY.get(label_key(head))
        if field is not None:
            return LabelMatch(field, head.strip(), tail.strip())
    compact = "".join(to_simplified(printed).split())
    for length in _GLUED_LENGTHS:
        label = compact[:length]
        if len(compact) > length and label in _BY_KEY:
            rest = _strip_chars(printed, length)
            if rest and not rest.startswith(("（", "(")):
                return LabelMatch(_BY_KEY[label], printed[: len(printed) - len(rest)].strip(), rest)
    return None


def _strip_chars(printed: str, n: int) -> str:
    """``printed`` without its first ``n`` non-space characters."""
    seen = 0
    for i, ch in enumerate(printed):
        if ch.isspace():
            continue
        if seen == n:
            return printed[i:].strip()
        seen += 1
    return ""


@lru_cache(maxsize=16384)
def money_unit_in(text: str) -> str | None:
    """``单位：万元``, ``金额单位：元`` or a label such as ``项目资金（万元）`` → the unit."""
    compact = "".join(to_simplified(text).split())
    found = MONEY_UNIT.search(compact) or _UNIT_IN_LABEL.search(compact)
    return found.group(1) if found else None


@lru_cache(maxsize=4096)  # asked of every one-cell row; OpenCC is the cost
def is_table_title(text: str) -> bool:
    compact = "".join(to_simplified(text).split())
    return len(compact) <= 60 and TABLE_TITLE.search(compact) is not None


def split_money_unit(text: str) -> tuple[str, str | None]:
    """``填报单位：某局　　金额单位：元`` → (``填报单位：某局``, ``元``): the money unit printed on
    the same line as header fields, cut out so the fields read alone."""
    found = _MONEY_UNIT_SPACED.search(text)
    if found is None:
        return text, None
    return (text[: found.start()] + text[found.end() :]).strip(), found.group(1)
