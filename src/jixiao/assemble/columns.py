"""Column roles: what each column of an indicator table holds, recognised from its header.

An indicator table is recognised by its header (一级指标 / 二级指标 / 三级指标 / 指标值 or their
variants), wherever it sits, not by a project code. Each header cell gets a role; split value
columns (指标性质 / 指标值 / 度量单位), weights, directions, scoring standards and the project
columns of a flat list (单位名称 / 项目名称 / 预算数 on every row) are roles like any other. A
header that repeats its roles holds two blocks side by side (中期 and 年度 targets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.assemble.labels import PERIOD, label_key, match_label
from jixiao.layout import Cell
from jixiao.model.categories import categorize, level1_code

__all__ = [
    "KEY_ROLES",
    "LIFECYCLE_ROLES",
    "ROLE_LABELS",
    "Columns",
    "header_columns",
    "inferred_columns",
    "part_title",
    "role_of",
]

# role → header label variants (as ``label_key`` leaves them)
ROLE_LABELS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "一级", "一级指标名称"),
    "level2": ("二级指标", "二级", "二级指标名称"),
    "name": ("三级指标", "三级", "三级指标名称", "指标名称", "绩效指标名称", "指标内容"),
    "description": ("绩效指标描述", "指标描述", "指标解释", "指标说明", "指标定义"),
    "value": (
        "指标值",
        "年度指标值",
        "目标值",
        "指标目标值",
        "当年预期实现值",
        "预期目标值",
        "指标值及单位",
        "绩效标准",
        "绩效指标值",
        "中期指标值",
        "实施期指标值",
        "年度目标值",
        "中期目标值",
        "全年目标值",
        "指标值目标值",
    ),
    "operator": ("指标性质", "计算符号", "运算符", "比较符号", "指标值性质", "符号"),
    "unit": ("度量单位", "计量单位", "单位", "指标单位", "指标值单位"),
    "basis": ("指标值确定依据", "确定依据", "指标值设定依据", "设定依据", "备注", "指标依据"),
    "weight": ("权重", "分值", "权重分值", "指标权重", "分值权重"),
    "direction": ("指标方向性", "指标方向", "方向", "指标性质方向"),
    "scoring": ("评分标准", "计分标准", "评计分标准", "评分方法", "评分规则", "评分依据"),
    "core": ("是否核心指标", "核心指标", "是否核心"),
    # Project columns of a flat list (family F): the project repeats on every row.
    "p_unit": ("单位名称", "预算单位", "申报单位", "实施单位", "部门单位名称"),
    "p_code": ("项目编码", "项目代码", "项目编号"),
    "p_name": ("项目名称", "项目支出名称", "专项资金名称", "项目专项名称"),
    "p_total": ("预算数", "年度预算数", "预算金额", "年度资金总额", "项目申报金额", "全年预算数"),
    "p_fiscal": ("财政拨款", "财政资金", "其中财政拨款", "一般公共预算"),
    "p_other": ("其他资金", "自有资金"),
    "p_goals": ("年度目标", "年度绩效目标", "绩效目标", "年度总体目标", "项目年度目标"),
    "p_purpose": ("资金用途", "项目概况"),
    # 自评表 / 监控表 columns (docs/lifecycle.md); their cells are kept as the indicator's
    # extra under the printed title and read into the records by ``lifecycle_tables``.
    "actual": ("实际完成值", "全年实际值", "全年实际完成值", "全年完成值", "实际值", "完成值"),
    "score": ("得分", "指标得分", "自评得分"),
    "analysis": (
        "偏差原因分析及改进措施",
        "偏差原因分析",
        "偏差原因",
        "原因分析",
        "偏差原因分析及整改措施",
        "未完成原因分析",
        "未完成原因和改进措施",
        "存在问题及原因",  # Jilin 2024
        "原因分析及改进措施",
    ),
    "cause_class": ("原因分类", "偏差原因分类", "原因类别"),
    "measures": ("拟采取的措施", "拟采取措施", "拟采取的改进措施"),
    "achieved": ("当前完成值", "阶段性完成值", "截至目前完成值", "实际完成进度"),
    "projected": ("全年预计完成值", "全年预计完成情况", "预计完成值", "全年预计完成"),
    "likelihood": ("完成目标可能性", "完成可能性", "目标完成可能性", "预计完成可能性"),
    "deviation": ("全年预计完成情况偏离度", "偏离度"),
}
LIFECYCLE_ROLES = frozenset(
    {
        "actual",
        "score",
        "analysis",
        "achieved",
        "projected",
        "likelihood",
        "deviation",
        "cause_class",
        "measures",
    }
)

_BY_KEY: dict[str, str] = {}
for _role, _labels in ROLE_LABELS.items():
    for _label in _labels:
        _BY_KEY.setdefault(label_key(_label), _role)

KEY_ROLES = frozenset({"level1", "level2", "name", "value", "operator"})
"""The roles of which a header needs one (``header_columns``)."""
_GROUP_FIELDS = {"indicators_group", "goals_group", "money_group", "tasks"}
_MID = ("中期", "实施期", "中长期")
_ANNUAL = ("年度", "本年", "当年", "全年")


@lru_cache(maxsize=16384)
def role_of(text: str) -> str | None:
    key = label_key(text)
    role = _BY_KEY.get(key)
    if role is None and (period := PERIOD.match(key)):  # 1—7月实际完成值, 1-7月完成值
        rest = _BY_KEY.get(key[period.end() :])
        role = "achieved" if rest in ("actual", "achieved") else None  # 1—7月阶段性完成值 too
    return role


@dataclass
class Columns:
    """The roles of an indicator table's columns (by grid column), and what was not known."""

    roles: dict[int, str]
    mid_roles: dict[int, str] = field(default_factory=dict)  # the 中期 block, if any
    unknown: dict[int, str] = field(default_factory=dict)  # column → printed header
    width: int = 0
    inferred: bool = False  # no header: roles guessed from a row's level labels
    flat: bool = False  # project columns on every row: several projects in one table (F)
    # value column → grid columns its title covers, when more than one (指标值 over two
    # columns, no second header row: ``≥20 | 公里`` is one value)
    spans: dict[int, int] = field(default_factory=dict)
    titles: dict[int, str] = field(default_factory=dict)  # column → printed header (lifecycle)

    def __post_init__(self) -> None:
        self.flat = any(role.startswith("p_") for role in self.roles.values())


def header_columns(
    cells: list[tuple[int, int, str]], above: list[tuple[int, int, str]] | None = None
) -> Columns | None:
    """Columns from a header row given as (col, colspan, text), or None if it is not one.

    A header needs the level-2 or level-3 column and a value column (or the level-1 and
    level-2 columns). ``above`` is the row above, whose cells may say which block is 中期 and
    which 年度.
    """
    if not any(role_of(text) in KEY_ROLES for _, _, text in cells):
        return None
    found: list[tuple[int, str, str]] = []
    unknown: dict[int, str] = {}
    for col, _span, text in cells:
        role = role_of(text)
        if role is None:
            group = match_label(text, glued=False)
            if group is not None and group.field in _GROUP_FIELDS:
                continue  # 绩效指标 / 年度绩效指标 printed down the table's left edge
            if text.strip():
                unknown[col] = " ".join(text.split())
            continue
        found.append((col, role, text))
    roles = {role for _, role, _ in found}
    has_levels = "level1" in roles and "level2" in roles
    has_value = "value" in roles or "operator" in roles
    if not (("name" in roles and (has_value or has_levels)) or (has_levels and has_value)):
        return None
    width = max((col + span for col, span, _ in cells), default=0)
    # Two blocks side by side: a role met again starts the second block.
    seen: set[str] = set()
    split_at: int | None = None
    for col, role, _ in found:
        if role in seen and role in ("level1", "level2", "name", "value") and split_at is None:
            split_at = col
        seen.add(role)
    spans = _value_spans(cells, found)
    titles = {c: " ".join(t.split()) for c, r, t in found if r in LIFECYCLE_ROLES}
    if split_at is None:
        return Columns(
            {c: r for c, r, _ in found}, unknown=unknown, width=width, spans=spans, titles=titles
        )
    first = {c: r for c, r, _ in found if c < split_at}
    second = {c: r for c, r, _ in found if c >= split_at}
    first_mid = _first_block_is_mid(found, above, split_at)
    mid, annual = (first, second) if first_mid else (second, first)
    # level-1 printed once, before both blocks, belongs to both; printed in each block, the
    # annual block keeps its own
    annual_has_level1 = "level1" in annual.values()
    for c, r in list(mid.items()):
        if r == "level1":
            if not annual_has_level1:
                annual.setdefault(c, r)
            del mid[c]
    return Columns(annual, mid_roles=mid, unknown=unknown, width=width, spans=spans, titles=titles)


def _value_spans(
    cells: list[tuple[int, int, str]], found: list[tuple[int, str, str]]
) -> dict[int, int]:
    """Value columns whose title covers more than one grid column: merged (colspan), or
    followed by empty header slots up to the next title (the merge lost in a copy; empty
    slots up to the table's right edge are its width, not a merge)."""
    out: dict[int, int] = {}
    ordered = sorted(cells)
    for col, role, _ in found:
        if role != "value":
            continue
        span = next(s for c, s, _ in ordered if c == col)
        empty = 0
        for c, s, text in ordered:
            if c < col + span + empty:
                continue
            if c != col + span + empty or text.strip():
                break
            empty += s
        titled_after = any(c >= col + span + empty and t.strip() for c, _, t in ordered)
        if empty and titled_after:
            span += empty
        if span > 1:
            out[col] = span
    return out


def _first_block_is_mid(
    found: list[tuple[int, str, str]], above: list[tuple[int, int, str]] | None, split_at: int
) -> bool:
    """Whether the first block is the 中期 one: from its own labels (中期指标值), from the row
    above (中期指标 / 年度指标 over the blocks), else the 88号 form's order: 中期 first."""
    texts_first = [t for c, _, t in found if c < split_at]
    texts_second = [t for c, _, t in found if c >= split_at]
    if above:  # only block titles count (中期绩效指标), not a goals row's labels or text
        titles = [(c, t) for c, _, t in above if _block_title(t)]
        texts_first += [t for c, t in titles if c < split_at]
        texts_second += [t for c, t in titles if c >= split_at]
    first_annual = any(m in t for t in texts_first for m in _ANNUAL)
    second_annual = any(m in t for t in texts_second for m in _ANNUAL)
    first_mid = any(m in t for t in texts_first for m in _MID)
    second_mid = any(m in t for t in texts_second for m in _MID)
    if first_annual and not first_mid:
        return False
    return not (second_mid and not second_annual)


def _block_title(text: str) -> bool:
    """``中期绩效指标`` / ``本年度指标`` over an indicator block: short, about indicators."""
    key = label_key(text)
    return len(key) <= 12 and "指标" in key


def inferred_columns(cells: list[tuple[int, int, str]]) -> Columns | None:
    """Columns of an indicator table printed without its header, from a row that begins with
    a level-1 label followed by a level-2 label (``产出指标 | 数量指标 | …``): the level-3 name
    next, then the value where the remaining cells read as one, description before it and
    basis after it."""
    texts = [(col, text) for col, _span, text in cells if text.strip()]
    for i in range(len(texts) - 2):
        (c1, t1), (c2, t2) = texts[i], texts[i + 1]
        if level1_code(t1) and categorize(t1, t2):
            rest = [col for col, _ in texts[i + 2 :]]
            if not rest:
                return None
            roles = {c1: "level1", c2: "level2", rest[0]: "name"}
            tail = rest[1:]
            if len(tail) == 1:
                roles[tail[0]] = "value"
            elif len(tail) == 2:
                roles[tail[0]], roles[tail[1]] = "value", "basis"
            elif len(tail) >= 3:
                roles[tail[0]], roles[tail[1]], roles[tail[2]] = "description", "value", "basis"
            width = max((col + span for col, span, _ in cells), default=0)
            return Columns(roles, width=width, inferred=True)
    return None


def part_title(col: int, text: str, above: list[Cell] | None) -> str:
    """A column title under a 指标值 printed over several columns (指标值 over 符号 | 数值 |
    单位): a title no dictionary knows there (数值, 值) is the value's figure, so the header
    reads 符号 | 指标值 | 单位 and the parts are joined as in a split-value export."""
    if not above or not text.strip() or role_of(text) is not None:
        return text
    # the title over this column: the last filled cell of the row above starting at or
    # before it (the cell covering it, or 指标值 followed by empty slots when a copy lost the
    # merge)
    title = max(
        (c for c in above if c.col <= col and c.text.strip()),
        key=lambda c: c.col,
        default=None,
    )
    if title is not None and title.col < col and role_of(title.text) == "value":
        return "指标值"
    return text
