"""Texts of 绩效目标表 as they arrive when copied from web pages and documents, built from one
content description per family (templates.md §1), in the four text forms: ``|`` rows, tab rows,
columns set apart by spaces, one cell per line.

A family is its content (projects, money, goals, indicators) plus the rows its template prints
them in; ``None`` in a row is a cell merged with the one above or to the left. Each form then
writes the rows as a copy from a browser, Excel or a PDF exporter would: a merged cell is an
empty cell in ``|``, tab and space rows, and is left out in one-cell-per-line text. Nothing here
uses jixiao, so the reader and the fixtures cannot share a misunderstanding.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

Row = list[str | None]
FORMS = ("pipe", "tab", "aligned", "cell_lines")


@dataclass(frozen=True)
class Ind:
    level1: str
    level2: str
    name: str
    value: str  # the 指标值 the model must give (split columns combined)
    printed: tuple[str, ...]  # the cells after the name, as the template prints them
    mid: tuple[str, str] | None = None  # (name, value) of the 中期 block beside it


@dataclass(frozen=True)
class Proj:
    name: str
    total: str
    fiscal: str
    other: str
    goals: tuple[str, ...]
    indicators: tuple[Ind, ...]
    code: str | None = None
    unit: str = ""
    department: str = ""
    purpose: str = ""
    plan: tuple[str, str, str, str] = ("", "", "", "")
    mid: tuple[str, str, str] | None = None  # 中期 total, fiscal, other
    mid_goals: tuple[str, ...] = ()


@dataclass
class Family:
    key: str
    paragraphs: list[str]  # printed above the first table
    projects: list[Proj]
    rows: Callable[[Proj], list[Row]]
    title: Callable[[int, Proj], str | None] = lambda _n, _p: None
    department: dict[str, object] = field(default_factory=dict)


def level_rows(indicators: tuple[Ind, ...], mid_level2: bool = False) -> list[Row]:
    """Indicator rows with the 一级/二级 cells merged down over equal neighbours."""
    out: list[Row] = []
    previous: Ind | None = None
    for ind in indicators:
        same1 = previous is not None and previous.level1 == ind.level1
        same2 = same1 and previous is not None and previous.level2 == ind.level2
        level1 = None if same1 else ind.level1
        level2 = None if same2 else ind.level2
        if ind.mid is None:
            row: Row = [level1, level2, ind.name, *ind.printed]
        elif mid_level2:  # 88号: the 中期 block first, then the 年度 one with its own 二级指标
            row = [level1, level2, *ind.mid, level2, ind.name, ind.value]
        else:
            row = [level1, level2, *ind.mid, ind.name, ind.value]
        out.append(row)
        previous = ind
    return out


# -- A: Hebei 部门预算绩效信息 -----------------------------------------------------------------


def _rows_a(p: Proj) -> list[Row]:
    rows: list[Row] = [
        ["项目编码", p.code, "项目名称", p.name],
        ["预算规模及资金用途", "预算数", p.total, "其中：财政资金", p.fiscal, "其他资金", p.other],
        [None, p.purpose],
        ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"],
        [None, *p.plan],
        ["绩效目标", "\n".join(p.goals)],
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"],
    ]
    return rows + level_rows(p.indicators)


def _ind_a(l1: str, l2: str, name: str, value: str, basis: str = "") -> Ind:
    return Ind(l1, l2, name, value, (f"{name}的完成情况", value, basis))


FAMILY_A = Family(
    key="A",
    paragraphs=["某县2024年部门预算绩效信息", "第二部分 预算项目绩效目标"],
    title=lambda n, p: f"{n}、{p.name}绩效目标表",
    rows=_rows_a,
    projects=[
        Proj(
            name="乡村道路养护经费",
            code="13022524P004RE21005",
            total="29.25",
            fiscal="29.25",
            other="",
            purpose="用于乡村道路日常养护",
            plan=("25%", "50%", "75%", "100%"),
            goals=("1.养护乡村道路50公里；", "2.道路优良率达到85%。"),
            indicators=(
                _ind_a("产出指标", "数量指标", "养护里程", "≥50公里", "年度计划"),
                _ind_a("产出指标", "质量指标", "道路优良率", "≥85%"),
                _ind_a("产出指标", "时效指标", "完成时间", "2024年12月底前"),
                _ind_a("效益指标", "社会效益指标", "群众出行条件", "明显改善"),
                _ind_a("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
            ),
        ),
        Proj(
            name="政务服务专项业务费",
            code="13022524P004RE21006",
            total="120.50",
            fiscal="100.50",
            other="20.00",
            purpose="保障政务服务大厅运行",
            plan=("20%", "40%", "70%", "100%"),
            goals=("1.保障大厅正常运行。",),
            indicators=(
                _ind_a("产出指标", "数量指标", "办理事项数", "≥3000件"),
                _ind_a("效益指标", "社会效益指标", "办事效率", "有效提升"),
                _ind_a("效益指标", "可持续影响指标", "服务水平", "持续提高"),
                _ind_a("满意度指标", "服务对象满意度指标", "办事群众满意度", "≥95%"),
            ),
        ),
    ],
)


# -- B: 项目支出绩效目标申报表 (财预〔2015〕88号), 中期 and 年度 side by side ---------------------


def _rows_b(
    p: Proj, *, mid_label: str = "中期资金总额：", mid_goal_label: str = "中期目标"
) -> list[Row]:
    assert p.mid is not None
    return [
        ["项目名称", p.name, None, None, None, None, None, None],
        ["主管部门及代码", p.department, None, "实施单位", p.unit, None, None, None],
        ["项目资金（万元）", mid_label, p.mid[0], None, "年度资金总额：", p.total, None, None],
        [None, "其中：财政拨款", p.mid[1], None, "其中：财政拨款", p.fiscal, None, None],
        [None, "其他资金", p.mid[2], None, "其他资金", p.other, None, None],
        ["总体目标", mid_goal_label, None, None, "年度目标", None, None, None],
        [None, "\n".join(p.mid_goals), None, None, "\n".join(p.goals), None, None, None],
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "二级指标",
            "三级指标",
            "指标值",
        ],
        *[[None, *r] for r in level_rows(p.indicators, mid_level2=True)],
    ]


def _ind_b(l1: str, l2: str, name: str, mid_value: str, value: str) -> Ind:
    return Ind(l1, l2, name, value, (), mid=(name, mid_value))


_B_PROJECTS = [
    Proj(
        name="农村饮水安全巩固提升",
        department="[512001]某县水务局",
        unit="512001-某县农村供水站",
        total="320.00",
        fiscal="300.00",
        other="20.00",
        mid=("900.00", "800.00", "100.00"),
        goals=("1.新建供水管网40公里；", "2.受益人口0.8万人。"),
        mid_goals=("三年内解决2万人饮水问题。",),
        indicators=(
            _ind_b("产出指标", "数量指标", "新建管网长度", "≥120公里", "≥40公里"),
            _ind_b("产出指标", "时效指标", "完工时间", "2026年底前", "2024年11月底前"),
            _ind_b("效益指标", "社会效益指标", "受益人口", "≥2万人", "≥0.8万人"),
            _ind_b("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "≥92%"),
        ),
    ),
    Proj(
        name="小型水库除险加固",
        department="[512001]某县水务局",
        unit="512003-某县水库管理所",
        total="150.00",
        fiscal="150.00",
        other="0.00",
        mid=("450.00", "450.00", "0.00"),
        goals=("完成3座小型水库除险加固。",),
        mid_goals=("完成全县9座小型水库除险加固。",),
        indicators=(
            _ind_b("产出指标", "数量指标", "加固水库数量", "9座", "3座"),
            _ind_b("产出指标", "质量指标", "工程验收合格率", "100%", "100%"),
            _ind_b("效益指标", "生态效益指标", "水土流失治理", "有效改善", "有所改善"),
            _ind_b("满意度指标", "服务对象满意度指标", "周边群众满意度", "≥90%", "≥90%"),
        ),
    ),
]

FAMILY_B = Family(
    key="B",
    paragraphs=[],
    title=lambda _n, _p: "项目支出绩效目标申报表",
    rows=_rows_b,
    projects=_B_PROJECTS,
)


# -- C: 2021 central template: 成本指标 as a level-1 ---------------------------------------------


def _rows_c(p: Proj) -> list[Row]:
    return [
        ["项目名称", p.name, "项目代码", p.code],
        ["主管部门", p.department, "实施单位", p.unit],
        ["项目资金（万元）", "年度资金总额", p.total, None],
        [None, "其中：财政拨款", p.fiscal, None],
        [None, "其他资金", p.other, None],
        ["年度总体目标", "\n".join(p.goals), None, None],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        *level_rows(p.indicators),
    ]


def _ind(l1: str, l2: str, name: str, value: str) -> Ind:
    return Ind(l1, l2, name, value, (value,))


FAMILY_C = Family(
    key="C",
    paragraphs=["2024年度项目支出绩效目标表"],
    rows=_rows_c,
    projects=[
        Proj(
            name="基层法律服务经费",
            code="110000240000000012345",
            department="某市司法局",
            unit="某市公共法律服务中心",
            total="85.00",
            fiscal="85.00",
            other="0",
            goals=("为群众提供法律咨询服务1.2万人次。",),
            indicators=(
                _ind("产出指标", "数量指标", "法律咨询人次", "≥12000人次"),
                _ind("产出指标", "质量指标", "咨询办结率", "≥98%"),
                _ind("成本指标", "经济成本指标", "人均服务成本", "≤70元"),
                _ind("成本指标", "社会成本指标", "对群众生活的影响", "无"),
                _ind("效益指标", "社会效益指标", "群众法律意识", "明显提升"),
                _ind("满意度指标", "服务对象满意度指标", "咨询群众满意度", "≥90%"),
            ),
        ),
        Proj(
            name="人民调解工作经费",
            code="110000240000000012346",
            department="某市司法局",
            unit="某市人民调解委员会",
            total="40.00",
            fiscal="36.00",
            other="4.00",
            goals=("调解矛盾纠纷800件，调解成功率95%以上。",),
            indicators=(
                _ind("产出指标", "数量指标", "调解纠纷件数", "≥800件"),
                _ind("成本指标", "经济成本指标", "案均调解成本", "≤500元"),
                _ind("成本指标", "生态环境成本指标", "环境影响", "无"),
                _ind("效益指标", "社会效益指标", "社会和谐稳定", "有效促进"),
                _ind("满意度指标", "服务对象满意度指标", "当事人满意度", "≥95%"),
            ),
        ),
    ],
)


# -- D: 批复表 (实施期 and 年度 money and goals, one indicator block) ---------------------------


def _rows_d(p: Proj) -> list[Row]:
    assert p.mid is not None
    return [
        ["项目名称", p.name, None, None, None],
        ["主管部门", p.department, None, None, None],
        ["实施单位", p.unit, None, None, None],
        ["项目资金（万元）", "实施期资金总额", p.mid[0], "年度资金总额", p.total],
        [None, "其中：财政拨款", p.mid[1], "其中：财政拨款", p.fiscal],
        [None, "其他资金", p.mid[2], "其他资金", p.other],
        ["总体目标", "实施期目标", None, "年度目标", None],
        [None, "\n".join(p.mid_goals), None, "\n".join(p.goals), None],
        ["一级指标", "二级指标", "三级指标", "指标值", "备注"],
        *level_rows(p.indicators),
    ]


def _ind_d(l1: str, l2: str, name: str, value: str, note: str = "") -> Ind:
    return Ind(l1, l2, name, value, (value, note))


FAMILY_D = Family(
    key="D",
    paragraphs=["某市财政局关于批复2024年度项目支出绩效目标的通知", "附件"],
    title=lambda _n, _p: "财政项目支出绩效目标批复表",
    rows=_rows_d,
    projects=[
        Proj(
            name="中小学校舍维修改造",
            department="某市教育局",
            unit="某市第三中学",
            total="260.00",
            fiscal="260.00",
            other="0.00",
            mid=("780.00", "700.00", "80.00"),
            goals=("维修校舍6000平方米。",),
            mid_goals=("三年完成校舍维修18000平方米。",),
            indicators=(
                _ind_d("产出指标", "数量指标", "维修面积", "≥6000平方米", "按设计"),
                _ind_d("产出指标", "质量指标", "验收合格率", "100%"),
                _ind_d("效益指标", "社会效益指标", "校舍安全", "消除隐患"),
                _ind_d("满意度指标", "服务对象满意度指标", "师生满意度", "≥90%"),
            ),
        ),
        Proj(
            name="学生资助补助经费",
            department="某市教育局",
            unit="某市学生资助管理中心",
            total="510.30",
            fiscal="500.30",
            other="10.00",
            mid=("1530.90", "1500.90", "30.00"),
            goals=("资助家庭经济困难学生3400人。",),
            mid_goals=("应助尽助。",),
            indicators=(
                _ind_d("产出指标", "数量指标", "资助人数", "≥3400人"),
                _ind_d("产出指标", "时效指标", "资金发放时间", "2024年12月底前"),
                _ind_d("效益指标", "社会效益指标", "因贫失学率", "0"),
                _ind_d("满意度指标", "服务对象满意度指标", "受助学生满意度", "≥95%"),
            ),
        ),
    ],
)


# -- E: 一体化 exports: split value columns, weights, directions -------------------------------


def _rows_e(p: Proj) -> list[Row]:
    return [
        ["项目名称", p.name, "项目编码", p.code],
        ["预算单位", p.unit, None, None],
        ["年度预算数", p.total, "财政拨款", p.fiscal],
        ["其他资金", p.other, None, None],
        ["年度绩效目标", "\n".join(p.goals), None, None],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "权重",
            "指标方向性",
        ],
        *level_rows(p.indicators),
    ]


def _ind_e(l1: str, l2: str, name: str, op: str, number: str, unit: str, weight: str) -> Ind:
    value = number if op == "定性" else f"{op}{number}{unit}"
    direction = "反向" if op in ("≤", "<") else "正向"
    return Ind(l1, l2, name, value, (op, number, unit, weight, direction))


FAMILY_E = Family(
    key="E",
    paragraphs=["金额单位：万元"],
    rows=_rows_e,
    projects=[
        Proj(
            name="基层卫生人才培训",
            code="51000024R000000019951",
            unit="[610001]某县卫生健康局",
            total="36.00",
            fiscal="36.00",
            other="0.00",
            goals=("培训乡村医生300人次。",),
            indicators=(
                _ind_e("产出指标", "数量指标", "培训人次", "≥", "300", "人次", "30"),
                _ind_e("产出指标", "成本指标", "人均培训成本", "≤", "800", "元", "20"),
                _ind_e("效益指标", "社会效益指标", "基层诊疗水平", "定性", "有所提升", "", "30"),
                _ind_e("满意度指标", "服务对象满意度指标", "学员满意度", "≥", "90", "%", "20"),
            ),
        ),
        Proj(
            name="村卫生室运行补助",
            code="51000024R000000019952",
            unit="[610001]某县卫生健康局",
            total="72.80",
            fiscal="70.00",
            other="2.80",
            goals=("保障182个村卫生室正常运行。",),
            indicators=(
                _ind_e("产出指标", "数量指标", "补助村卫生室数", "=", "182", "个", "40"),
                _ind_e("产出指标", "时效指标", "补助发放及时率", "≥", "95", "%", "20"),
                _ind_e("效益指标", "社会效益指标", "群众就近就医", "定性", "得到保障", "", "20"),
                _ind_e("满意度指标", "服务对象满意度指标", "村医满意度", "≥", "85", "%", "20"),
            ),
        ),
    ],
)


# -- G: 部门整体支出绩效目标表 ---------------------------------------------------------------------

G_TASKS = [
    ("食品安全抽检", "完成抽检1200批次", "150.00", "150.00", "0.00"),
    ("特种设备检验", "检验电梯800台", "80.00", "60.00", "20.00"),
]
G_INDICATORS = (
    _ind("产出指标", "数量指标", "食品抽检批次", "≥1200批次"),
    _ind("产出指标", "质量指标", "抽检结果公开率", "100%"),
    _ind("效益指标", "社会效益指标", "食品安全形势", "稳定向好"),
    _ind("满意度指标", "服务对象满意度指标", "企业满意度", "≥90%"),
)


def _rows_g(_p: Proj) -> list[Row]:
    rows: list[Row] = [
        ["部门（单位）名称", "219001-某县市场监督管理局", None, None, None, None],
        ["部门职能概述", "负责全县市场综合监督管理。", None, None, None, None],
        ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", None, None],
        [None, None, None, "总额", "财政拨款", "其他资金"],
        *[[None, *task] for task in G_TASKS],
        ["金额合计", None, None, "230.00", "210.00", "20.00"],
        ["年度总体目标", "1.完成抽检1200批次；\n2.电梯检验率100%。", None, None, None, None],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", None],
        *[[None, *r, None] for r in level_rows(G_INDICATORS)],
    ]
    return rows


FAMILY_G = Family(
    key="G",
    paragraphs=["某县市场监督管理局2024年部门整体支出绩效目标表"],
    rows=_rows_g,
    projects=[Proj(name="", total="", fiscal="", other="", goals=(), indicators=())],
    department={
        "unit": ("219001", "某县市场监督管理局"),
        "tasks": G_TASKS,
        "budget": ("230.00", "210.00", "20.00"),
        "goals": ["完成抽检1200批次；", "电梯检验率100%。"],
        "indicators": G_INDICATORS,
    },
)

FAMILIES = {f.key: f for f in (FAMILY_A, FAMILY_B, FAMILY_C, FAMILY_D, FAMILY_E, FAMILY_G)}


# -- the four forms ------------------------------------------------------------------------


def _texts(row: Row) -> list[str]:
    """A row as the cells a copy shows: a merged cell is empty, trailing merged ones dropped."""
    cells = ["" if c is None else c for c in row]
    while len(cells) > 1 and row[len(cells) - 1] is None:
        cells.pop()
    return cells


def pipe_rows(rows: list[Row], *, outer: bool = True) -> list[str]:
    out: list[str] = []
    for k, row in enumerate(rows):
        cells = [c.replace("\n", "<br>") for c in _texts(row)]
        line = " | ".join(cells)
        out.append(f"| {line} |" if outer else line)
        if k == 0:
            sep = "|".join("---" for _ in cells)
            out.append(f"|{sep}|" if outer else sep)
    return out


def tab_rows(rows: list[Row]) -> list[str]:
    out: list[str] = []
    for row in rows:
        cells = ['"' + c.replace('"', '""') + '"' if "\n" in c else c for c in _texts(row)]
        out.append("\t".join(cells))
    return out


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def aligned_rows(rows: list[Row]) -> list[str]:
    """Columns padded to a common width in display columns, as a layout-keeping PDF export."""
    texts = [[c.replace("\n", "") for c in _texts(row)] for row in rows]
    n = max(len(t) for t in texts)
    widths = [0] * n
    for t in texts:
        for k, c in enumerate(t):
            widths[k] = max(widths[k], _width(c))
    out: list[str] = []
    for t in texts:
        line = ""
        for k, c in enumerate(t):
            line += c + " " * (widths[k] - _width(c) + 3)
        out.append(line.rstrip())
    return out


def cell_lines(rows: list[Row]) -> list[str]:
    """One cell per line: merged cells appear once; a cell's line breaks stay line breaks."""
    out: list[str] = []
    for row in rows:
        for c in row:
            if c is not None:
                out += c.split("\n") if c else [""]
    return out


def cell_lines_row_gaps(rows: list[Row]) -> list[str]:
    """One cell per line with a blank line after each row (another browser's copy)."""
    out: list[str] = []
    for row in rows:
        out += cell_lines([row])
        out.append("")
    return out


def word_cells(rows: list[Row]) -> list[str]:
    """Word's "save as plain text" of a table: each cell on its own line led by a tab (its
    further paragraphs on lines of their own), a blank line after each row."""
    out: list[str] = []
    for row in rows:
        for c in row:
            first, *more = ("" if c is None else c).split("\n")
            out += ["\t" + first, *more]
        out.append("")
    return out


RENDER: dict[str, Callable[[list[Row]], list[str]]] = {
    "word_cells": word_cells,
    "cell_lines_row_gaps": cell_lines_row_gaps,
    "pipe": pipe_rows,
    "tab": tab_rows,
    "aligned": aligned_rows,
    "cell_lines": cell_lines,
}


def document_text(family: Family, form: str, *, convert: Callable[[str], str] = str) -> str:
    """The whole copied text: paragraphs, then each project's title and table."""
    lines: list[str] = list(family.paragraphs)
    for n, project in enumerate(family.projects, start=1):
        title = family.title(n, project)
        if title:
            lines += ["", title, ""]
        lines += RENDER[form](family.rows(project))
        lines.append("")
    return convert("\n".join(lines) + "\n")


def amount(text: str) -> Decimal | None:
    return Decimal(text) if text else None


# -- F: flat list, one row per indicator, several projects and units -----------------------

FLAT_ROWS: list[Row] = [
    ["金额单位：元"],
    ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"],
    [
        "[610301]某镇人民政府",
        "人居环境整治",
        "1,200,000.00",
        "整治村庄12个",
        "产出指标",
        "数量指标",
        "整治村庄数",
        "12个",
    ],
    [None, None, None, None, None, "质量指标", "验收合格率", "100%"],
    [None, None, None, None, "满意度指标", "服务对象满意度指标", "村民满意度", "≥90%"],
    [
        None,
        "农村公路养护",
        "356,000.50",
        "养护公路50公里",
        "产出指标",
        "数量指标",
        "养护里程",
        "50公里",
    ],
    [
        "[610302]另一镇人民政府",
        "人居环境整治",
        "800,000.00",
        "整治村庄8个",
        "产出指标",
        "数量指标",
        "整治村庄数",
        "8个",
    ],
]
FLAT_PROJECTS = [
    ("610301", "人居环境整治", Decimal("1200000.00"), 3),
    ("610301", "农村公路养护", Decimal("356000.50"), 1),
    ("610302", "人居环境整治", Decimal("800000.00"), 1),
]
