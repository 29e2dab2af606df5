"""How each family lays its content out: paragraphs and tables of cells, form-independent.

A ``Grid`` is rows of texts where ``None`` marks a slot covered by a merged cell (the cell to
its left in the same row, else the cell above), as in ``tests/assemble/_layouts``. The
builders turn the same blocks into DOCX, XLSX, PDF, HTML or text, so each family's quirks
(two-row headers, title rows inside the table, a label over two columns, a label on its own row
above its value, 填报单位…金额单位：元 on one line, a row broken across a page) are written once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tests.templates.content import CONTENTS, DeptContent, FamilyContent, IndicatorC, ProjectC

__all__ = ["Block", "Grid", "Para", "PlacedCell", "blocks_for"]

Row = list[str | None]
UP = "\x00up"  # a slot covered by the cell above even where the cell to its left is in the row


@dataclass(frozen=True)
class Para:
    text: str
    heading: bool = False
    page_break: int | None = (
        None  # on paper, the rest after this many characters is on the next page
    )


@dataclass(frozen=True)
class PlacedCell:
    text: str
    row: int
    col: int
    rowspan: int
    colspan: int


@dataclass
class Grid:
    rows: list[Row]
    # (row, col, chars): on paper, the row is broken across a page after ``chars`` characters
    # of that cell's text; the rest continues at the top of the next page.
    page_break: tuple[int, int, int] | None = None
    repeat_header: int | None = None  # the header row index printed again after the break
    widths: list[float] = field(default_factory=list)  # relative column widths

    @property
    def width(self) -> int:
        return max(len(r) for r in self.rows)

    def cells(self) -> list[PlacedCell]:
        """The cells with their spans, from the ``None`` slots."""
        width = self.width
        owner: dict[tuple[int, int], tuple[int, int]] = {}
        spans: dict[tuple[int, int], list[int]] = {}
        texts: dict[tuple[int, int], str] = {}
        for r, row in enumerate(self.rows):
            for c in range(width):
                text = row[c] if c < len(row) else ""
                if text is None or text == UP:
                    left = owner.get((r, c - 1)) if c > 0 and text is None else None
                    above = owner.get((r - 1, c)) if r > 0 else None
                    host = left if left is not None and left[0] == r else above
                    assert host is not None, (r, c)
                    span = spans[host]
                    span[0] = max(span[0], r - host[0] + 1)
                    span[1] = max(span[1], c - host[1] + 1)
                    owner[(r, c)] = host
                    continue
                owner[(r, c)] = (r, c)
                spans[(r, c)] = [1, 1]
                texts[(r, c)] = text
        return [PlacedCell(texts[k], k[0], k[1], spans[k][0], spans[k][1]) for k in sorted(texts)]

    def full_rows(self) -> list[list[str]]:
        """Every slot's text, merged cells repeated (for forms without spans)."""
        out = [[""] * self.width for _ in self.rows]
        for cell in self.cells():
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    out[r][c] = cell.text
        return out


Block = Para | Grid


def money(value: Decimal | None, *, thousands: bool = False) -> str:
    if value is None:
        return ""
    return f"{value:,.2f}" if thousands else f"{value:.2f}"


def goals_text(goals: tuple[str, ...]) -> str:
    if len(goals) == 1:
        return goals[0]
    return "\n".join(f"{n}、{g}" for n, g in enumerate(goals, 1))


def _levels(indicators: tuple[IndicatorC, ...]) -> list[tuple[str | None, str | None]]:
    """Level-1 and level-2 texts per row, ``None`` where the cell above is merged down."""
    out: list[tuple[str | None, str | None]] = []
    prev1 = prev2 = ""
    for ind in indicators:
        same1 = ind.level1 == prev1
        same2 = same1 and ind.level2 == prev2
        out.append((None if same1 else ind.level1, None if same2 else ind.level2))
        prev1, prev2 = ind.level1, ind.level2
    return out


# -- A ------------------------------------------------------------------------------------


def _a(content: FamilyContent) -> list[Block]:
    blocks: list[Block] = [Para(content.title, heading=True), Para("第二部分  预算项目绩效目标")]
    for n, p in enumerate(content.projects, 1):
        assert p.plan is not None
        blocks.append(Para(f"{n}、{p.name}绩效目标表", heading=True))
        blocks.append(
            Grid(
                [
                    [f"{p.unit_code}{p.unit_name}", None, None, None, "单位：万元", None, None],
                    ["项目编码", p.code, None, "项目名称", p.name, None, None],
                    [
                        "预算规模及资金用途",
                        "预算数",
                        money(p.total),
                        "其中：财政资金",
                        money(p.fiscal),
                        "其他资金",
                        money(p.other),
                    ],
                    [None, p.purpose, None, None, None, None, None],
                    ["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底", None, None],
                    [None, *(money(x) for x in p.plan), None, None],
                    ["绩效目标", goals_text(p.goals), None, None, None, None, None],
                ],
                widths=[3, 2, 2, 2, 2, 2, 2],
                # the second project's goal sentence is cut by a page break
                page_break=(6, 1, 12) if n == 2 else None,
            )
        )
        rows: list[Row] = [
            ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]
        ]
        for (l1, l2), ind in zip(_levels(p.indicators), p.indicators, strict=True):
            rows.append([l1, l2, ind.name, ind.description, ind.value, ind.basis])
        grid = Grid(rows, widths=[2, 2, 3, 4, 2, 4])
        if n == 1:  # the 时效指标 row's long basis continues on the next page, header repeated
            grid.page_break = (3, 5, 14)
            grid.repeat_header = 0
        blocks.append(grid)
    return blocks


# -- B ------------------------------------------------------------------------------------


def _b(content: FamilyContent) -> list[Block]:
    blocks: list[Block] = []
    for n, p in enumerate(content.projects):
        extra = dict(p.extra)
        rows: list[Row] = [
            ["项目名称", p.name, None, None, None, None, None, None],
            [
                "主管部门及代码",
                p.department,
                None,
                "实施单位",
                f"{p.unit_code}-{p.unit_name}",
                None,
                None,
                None,
            ],
            ["项目属性", extra["项目属性"], None, "项目期", extra["项目期"], None, None, None],
            [
                "项目资金（万元）",
                "中期资金总额：",
                money(p.mid_total),
                None,
                "年度资金总额：",
                money(p.total),
                None,
                None,
            ],
            [
                None,
                "其中：财政拨款",
                money(p.mid_fiscal),
                None,
                "其中：财政拨款",
                money(p.fiscal),
                None,
                None,
            ],
            [None, "其他资金", money(p.mid_other), None, "其他资金", money(p.other), None, None],
            ["总体目标", "中期目标", None, None, "年度目标", None, None, None],
            [None, goals_text(p.mid_goals), None, None, goals_text(p.goals), None, None, None],
            # two-row header: 一级指标 merged down over the block titles' second row
            ["绩效指标", "一级指标", "中期绩效指标", None, None, "年度绩效指标", None, None],
            [None, None, "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
        ]
        header = len(rows)
        for (l1, l2), ind in zip(_levels(p.indicators), p.indicators, strict=True):
            # a level-2 merged down in the 年度 block is covered from above, not by the
            # 中期 value to its left
            up2 = UP if l2 is None else l2
            rows.append([None, l1, l2, ind.name, ind.mid_value, up2, ind.name, ind.value])
        grid = Grid(rows, widths=[2, 2, 2, 3, 2, 2, 3, 2])
        if n == 0:  # the 中期目标 goal cell is long: no; the 受益人口 row's mid value breaks
            grid.page_break = (header + 3, 3, 2)
        blocks += [Para(content.title, heading=True), Para(f"（{content.year}年度）"), grid]
    return blocks


# -- C ------------------------------------------------------------------------------------


def _c(content: FamilyContent) -> list[Block]:
    blocks: list[Block] = []
    for n, p in enumerate(content.projects):
        rows: list[Row] = [
            [content.title, None, None, None, None, None],  # title rows inside the table
            [f"（{content.year}年度）", None, None, None, None, None],
            ["项目名称", None, p.name, None, None, None],  # label over two columns
            ["主管部门", None, p.unit_name, None, "实施单位", p.unit_name],
            ["项目资金（万元）", None, "年度资金总额", money(p.total), None, None],
            [None, None, "其中：财政拨款", money(p.fiscal), None, None],
            [None, None, "其他资金", money(p.other), None, None],
            ["年度绩效目标", None, goals_text(p.goals), None, None, None],
            ["一级指标", "二级指标", "三级指标", None, "指标值", "指标值设定依据"],
        ]
        for (l1, l2), ind in zip(_levels(p.indicators), p.indicators, strict=True):
            rows.append([l1, l2, ind.name, None, ind.value, ind.basis])
        grid = Grid(rows, widths=[2, 2, 2, 2, 2, 3])
        if n == 0:  # the 单家卫生院设备购置成本 name breaks across the page
            grid.page_break = (9 + 2, 2, 6)
        blocks.append(grid)
    return blocks


# -- D ------------------------------------------------------------------------------------


def _d(content: FamilyContent) -> list[Block]:
    blocks: list[Block] = []
    for n, p in enumerate(content.projects):
        blocks += [
            Para(content.title, heading=True),
            Para(f"（{content.year}年度）"),
            Para(f"填报单位：[{p.unit_code}]{p.unit_name}\u3000\u3000\u3000\u3000金额单位：元"),
        ]
        rows: list[Row] = [
            ["项目名称", p.name, None, None, None, None],
            [
                "年度资金总额",
                money(p.total, thousands=True),
                "其中：财政拨款",
                money(p.fiscal, thousands=True),
                "其他资金",
                money(p.other, thousands=True),
            ],
            ["年度绩效目标", goals_text(p.goals), None, None, None, None],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "中期指标值", "备注"],
        ]
        for (l1, l2), ind in zip(_levels(p.indicators), p.indicators, strict=True):
            rows.append([l1, l2, ind.name, ind.value, ind.mid_value, ""])
        grid = Grid(rows, widths=[2, 3, 3, 2, 2, 2])
        if n == 0:
            grid.page_break = (4 + 1, 2, 3)
        blocks.append(grid)
    return blocks


# -- E ------------------------------------------------------------------------------------


def _e(content: FamilyContent) -> list[Block]:
    rows: list[Row] = []
    break_at: tuple[int, int, int] | None = None
    for n, p in enumerate(content.projects):
        rows.append(
            [
                "单位名称",
                f"{p.unit_code}-{p.unit_name}",
                None,
                None,
                "项目名称",
                p.name_printed or p.name,
                None,
                None,
                None,
                None,
            ]
        )
        if p.name_printed is None:
            rows.append(["项目编码", p.code, None, None, None, None, None, None, None, None])
        rows.append(
            [
                "年度预算数（万元）",
                money(p.total),
                None,
                "其中：财政拨款",
                money(p.fiscal),
                None,
                "其他资金",
                money(p.other),
                None,
                None,
            ]
        )
        rows.append(
            ["年度绩效目标", goals_text(p.goals), None, None, None, None, None, None, None, None]
        )
        rows.append(
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "指标性质",
                "指标值",
                "度量单位",
                "权重（分值）",
                "指标方向性",
                "指标解释",
                "是否核心指标",
            ]
        )
        for (l1, l2), ind in zip(_levels(p.indicators), p.indicators, strict=True):
            if n == 0 and break_at is None and ind.level2 == "时效指标":
                break_at = (len(rows), 8, 4)
            assert ind.weight is not None
            rows.append(
                [
                    l1,
                    l2,
                    ind.name,
                    ind.operator,
                    ind.number,
                    ind.unit,
                    f"{ind.weight}",
                    ind.direction_printed,
                    ind.description,
                    "是" if ind.core else "否",
                ]
            )
    return [
        Para(content.title, heading=True),
        Grid(rows, page_break=break_at, widths=[2, 2, 3, 1, 2, 1, 1, 1, 3, 1]),
    ]


# -- F ------------------------------------------------------------------------------------


def _f(content: FamilyContent) -> list[Block]:
    rows: list[Row] = [
        [
            "单位名称",
            "项目名称",
            "预算数（元）",
            "年度目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
        ]
    ]
    prev_unit = ""
    break_at: tuple[int, int, int] | None = None
    for p in content.projects:
        unit = f"{p.unit_code}-{p.unit_name}"
        for i, ((l1, l2), ind) in enumerate(zip(_levels(p.indicators), p.indicators, strict=True)):
            first = i == 0
            unit_cell = unit if first and unit != prev_unit else None
            if ind.name == "困难群众就医负担":
                break_at = (len(rows), 6, 4)
            rows.append(
                [
                    unit_cell,
                    p.name if first else None,
                    money(p.total, thousands=True) if first else None,
                    goals_text(p.goals) if first else None,
                    l1 if not first else ind.level1,
                    l2 if not first else ind.level2,
                    ind.name,
                    ind.value,
                ]
            )
        prev_unit = unit
    return [
        Para(content.title, heading=True),
        Para("金额单位：元"),
        Grid(rows, page_break=break_at, widths=[3, 3, 2, 4, 2, 2, 3, 2]),
    ]


# -- G ------------------------------------------------------------------------------------


def _g(content: FamilyContent) -> list[Block]:
    d: DeptContent | None = content.department
    assert d is not None
    rows: list[Row] = [
        ["部门（单位）名称", f"{d.unit_code}-{d.unit_name}", None, None, None, None],
        ["部门职能概述", d.functions, None, None, None, None],
        ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", None, None],
        [None, None, None, "总额", "财政拨款", "其他资金"],
    ]
    for t in d.tasks:
        rows.append([None, t.name, t.content, money(t.total), money(t.fiscal), money(t.other)])
    rows += [
        ["金额合计", None, None, money(d.total), money(d.fiscal), money(d.other)],
        *([label, text, None, None, None, None] for label, text in d.extra),
        ["年度总体目标", goals_text(d.goals), None, None, None, None],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值", None],
    ]
    break_row = len(rows) + 2
    for (l1, l2), ind in zip(_levels(d.indicators), d.indicators, strict=True):
        rows.append([None, l1, l2, ind.name, ind.value, None])
    return [
        Para(content.title, heading=True),
        Para("单位：万元"),
        Grid(rows, page_break=(break_row, 3, 3), widths=[2, 2, 3, 3, 2, 2]),
    ]


# -- H ------------------------------------------------------------------------------------


def _h(content: FamilyContent) -> list[Block]:
    blocks: list[Block] = []
    for n, p in enumerate(content.projects):
        ex = dict(p.extra)
        rows: list[Row] = [
            ["专项资金名称", p.name, None, None, None, None],
            ["实施单位", p.unit_name, None, "项目类别", ex["项目类别"], None],
            # labels on their own row, values below them
            ["项目负责人", "联系电话", "开始日期", "结束日期", None, None],
            [ex["项目负责人"], ex["联系电话"], ex["开始日期"], ex["结束日期"], None, None],
            [
                "年度资金总额（万元）",
                money(p.total),
                "其中：财政拨款",
                money(p.fiscal),
                "其他资金",
                money(p.other),
            ],
            ["资金用途", p.purpose, None, None, None, None],
            ["立项依据", None, None, None, None, None],  # a label on its own line above its value
            [ex["立项依据"], None, None, None, None, None],
            *_cost_table(p),
            ["年度绩效目标", goals_text(p.goals), None, None, None, None],
            ["一级指标", "二级指标", "三级指标", None, "指标值", None],
        ]
        start = len(rows)
        for (l1, l2), ind in zip(_levels(p.indicators), p.indicators, strict=True):
            rows.append([l1, l2, ind.name, None, ind.value, None])
        grid = Grid(rows, widths=[3, 2, 2, 2, 2, 2])
        if n == 0:  # the name of the last indicator is cut
            grid.page_break = (start + 4, 2, 2)
        else:  # the value of the 时效指标 row is cut
            grid.page_break = (start + 1, 4, 5)
        blocks += [Para(content.title, heading=True), grid]
    return blocks


def _cost_table(p: ProjectC) -> list[Row]:
    """The 成本构成 / 测算依据 sub-table of a special-fund form."""
    if not p.costs:
        return []
    rows: list[Row] = [["成本构成", None, "测算依据", None, None, None]]
    for item, basis in p.costs:
        rows.append([item, None, basis, None, None, None])
    return rows


# -- I ------------------------------------------------------------------------------------


def _i(content: FamilyContent) -> list[Block]:
    blocks: list[Block] = [Para(content.title, heading=True)]
    for n, p in enumerate(content.projects, 1):
        blocks += [
            Para(f"{'一二三四五'[n - 1]}、项目名称：{p.name}"),
            Para(f"实施单位：{p.unit_name}"),
            Para(f"年度预算数：{money(p.total)}万元。"),
            Para(f"绩效目标：{''.join(p.goals)}"),
        ]
        by_level: dict[tuple[str, str], list[IndicatorC]] = {}
        for ind in p.indicators:
            by_level.setdefault((ind.level1, ind.level2), []).append(ind)
        for (l1, l2), inds in by_level.items():
            items = "；".join(f"{'★' if i.core else ''}{i.name}{i.value}" for i in inds)
            prefix = f"{l1}：" if l1 != "产出指标" else ""
            text = f"{prefix}{l2}：{items}。"
            # the first project's list of 数量指标 runs over a page break after its first item
            cut = text.index("；") + 1 if n == 1 and "；" in text else None
            blocks.append(Para(text, page_break=cut))
    return blocks


# -- T ------------------------------------------------------------------------------------


def _t(content: FamilyContent) -> list[Block]:
    blocks: list[Block] = []
    for n, p in enumerate(content.projects):
        rows: list[Row] = [
            ["項目名稱", p.name, None, "項目編碼", p.code, None],
            ["單位名稱", p.unit_name, None, None, None, None],
            [
                "預算數（萬元）",
                money(p.total),
                "其中：財政資金",
                money(p.fiscal),
                "其他資金",
                money(p.other),
            ],
            ["年度績效目標", goals_text(p.goals), None, None, None, None],
            ["一級指標", "二級指標", "三級指標", "指標值", None, "備註"],
        ]
        for (l1, l2), ind in zip(_levels(p.indicators), p.indicators, strict=True):
            rows.append([l1, l2, ind.name, ind.value, None, ""])
        grid = Grid(rows, widths=[2, 2, 3, 2, 1, 2])
        if n == 0:
            grid.page_break = (5 + 3, 2, 2)
        blocks += [Para(content.title, heading=True), Para(f"（{content.year}年度）"), grid]
    return blocks


# -- variants ------------------------------------------------------------------------------


def _b2(content: FamilyContent) -> list[Block]:
    """88号 copy: 项目支出名称 / 预算单位, 实施期 and 本年度 labels, 一级指标 in both blocks,
    the annual money as 本年财政拨款 / 自有资金 and 上年结转 on its own line."""
    blocks: list[Block] = []
    for p in content.projects:
        extra = dict(p.extra)
        rows: list[Row] = [
            ["项目支出名称", p.name, None, None, None, None, None, None],
            [
                "主管部门",
                p.department,
                None,
                None,
                "预算单位",
                f"[{p.unit_code}]{p.unit_name}",
                None,
                None,
            ],
            ["项目属性", extra["项目属性"], None, None, "项目期", extra["项目期"], None, None],
            [
                "实施期资金总额（万元）",
                money(p.mid_total),
                None,
                None,
                "年度资金总额（万元）",
                money(p.total),
                None,
                None,
            ],
            [
                "其中：财政拨款",
                money(p.mid_fiscal),
                None,
                None,
                "本年财政拨款",
                money(p.fiscal),
                None,
                None,
            ],
            ["其他资金", money(p.mid_other), None, None, "自有资金", money(p.other), None, None],
            ["", "", "", "", "上年结转", extra["上年结转"], None, None],
            ["实施期绩效目标", goals_text(p.mid_goals), None, None, None, None, None, None],
            ["本年度绩效目标", goals_text(p.goals), None, None, None, None, None, None],
            ["实施期绩效指标", None, None, None, "本年度绩效指标", None, None, None],
            [
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值及单位",
                "一级指标",
                "二级指标",
                "三级指标",
                "指标值及单位",
            ],
        ]
        for (l1, l2), ind in zip(_levels(p.indicators), p.indicators, strict=True):
            up1, up2 = UP if l1 is None else l1, UP if l2 is None else l2
            rows.append([l1, l2, ind.name, ind.mid_value, up1, up2, ind.name, ind.value])
        blocks += [
            Para("项目支出绩效目标申报表", heading=True),
            Para(f"（{content.year}年度）"),
            Grid(rows, widths=[3, 2, 3, 2, 3, 2, 3, 2]),
        ]
    return blocks


def _e2(content: FamilyContent) -> list[Block]:
    """一体化 export spelled differently, one table per project under its own title."""
    blocks: list[Block] = []
    for p in content.projects:
        rows: list[Row] = [
            [
                "预算单位",
                f"{p.unit_code}-{p.unit_name}",
                None,
                None,
                None,
                "项目名称",
                p.name_printed or p.name,
                None,
                None,
                None,
                None,
            ],
        ]
        if p.name_printed is None:
            rows.append(["项目代码", p.code, None, None, None, None, None, None, None, None, None])
        rows += [
            [
                "全年预算数（万元）",
                money(p.total),
                None,
                "一般公共预算",
                money(p.fiscal),
                None,
                "其他资金",
                money(p.other),
                None,
                None,
                None,
            ],
            [
                "项目年度目标",
                goals_text(p.goals),
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                None,
            ],
            [
                "一级指标",
                "二级指标",
                "指标名称",
                "计算符号",
                "目标值",
                "计量单位",
                "分值",
                "指标方向",
                "指标说明",
                "是否核心指标",
                "评（计）分标准",
            ],
        ]
        for (l1, l2), ind in zip(_levels(p.indicators), p.indicators, strict=True):
            rows.append(
                [
                    l1,
                    l2,
                    ind.name,
                    ind.operator,
                    ind.number,
                    ind.unit,
                    f"{ind.weight}",
                    ind.direction_printed,
                    ind.description,
                    "是" if ind.core else "否",
                    ind.scoring,
                ]
            )
        blocks += [
            Para(f"{content.year}年项目支出绩效目标表", heading=True),
            Grid(rows, widths=[2, 2, 3, 1, 2, 1, 1, 1, 3, 1, 3]),
        ]
    return blocks


def _c2(content: FamilyContent) -> list[Block]:
    """A province's copy of the 2021 template, other spellings, one table per project."""
    blocks: list[Block] = []
    for p in content.projects:
        rows: list[Row] = [
            ["项目（专项）名称", p.name, None, None, None],
            ["申报单位", p.unit_name, None, None, None],
            ["项目申报金额（万元）", money(p.total), "其中：一般公共预算", money(p.fiscal), None],
            ["", "", "其他资金", money(p.other), None],
            ["年度总体目标", goals_text(p.goals), None, None, None],
            ["一级指标", "二级指标", "指标内容", "当年预期实现值", "备注"],
        ]
        for (l1, l2), ind in zip(_levels(p.indicators), p.indicators, strict=True):
            rows.append([l1, l2, ind.name, ind.value, ind.basis])
        blocks += [
            Para(f"项目支出绩效目标表（{content.year}年度）", heading=True),
            Grid(rows, widths=[3, 2, 3, 2, 3]),
        ]
    return blocks


def _d2(content: FamilyContent) -> list[Block]:
    """The 批复表 with the year's money by source under 项目资金."""
    blocks: list[Block] = []
    for p in content.projects:
        blocks += [
            Para(content.title, heading=True),
            Para(f"（{content.year}年度）"),
            Para(f"填报单位：[{p.unit_code}]{p.unit_name}\u3000\u3000\u3000\u3000金额单位：元"),
        ]
        rows: list[Row] = [
            ["项目名称", p.name, None, None, None, None],
            ["项目资金", "年度资金总额", money(p.total, thousands=True), None, None, None],
        ]
        for label, text in p.extra:
            rows.append([None, label, text, None, None, None])
        rows += [
            [None, "4.其他资金", money(p.other, thousands=True), None, None, None],
            ["年度绩效目标", goals_text(p.goals), None, None, None, None],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "中期指标值", "备注"],
        ]
        for (l1, l2), ind in zip(_levels(p.indicators), p.indicators, strict=True):
            rows.append([l1, l2, ind.name, ind.value, ind.mid_value, ""])
        blocks.append(Grid(rows, widths=[2, 3, 3, 2, 2, 2]))
    return blocks


def _e3(content: FamilyContent) -> list[Block]:
    """The 一体化 export with one more column, 数据来源, that no dictionary knows."""
    title, grid = _e(content)
    assert isinstance(grid, Grid)
    sources = iter(i.extra[0][1] for p in content.projects for i in p.indicators)
    rows: list[Row] = []
    for row in grid.rows:
        if row[0] == "一级指标":
            rows.append([*row, "数据来源"])
        elif row[-1] in ("是", "否"):  # an indicator row (是否核心指标 filled)
            rows.append([*row, next(sources)])
        else:
            rows.append([*row, None])
    return [title, Grid(rows, page_break=grid.page_break, widths=[*grid.widths, 2])]


def _f2(content: FamilyContent) -> list[Block]:
    """The flat list as a copy prints it: the project's cells blank after its first row."""
    title, unit_line, grid = _f(content)
    assert isinstance(grid, Grid)
    header = list(grid.rows[0])
    header[:4] = ["预算单位", "项目名称", "全年预算数（元）", "绩效目标"]
    rows: list[Row] = [header]
    for row in grid.rows[1:]:
        rows.append(["" if (c < 4 and t is None) else t for c, t in enumerate(row)])
    return [title, unit_line, Grid(rows, page_break=grid.page_break, widths=grid.widths)]


_BY_FAMILY = {
    "A": _a,
    "B": _b,
    "B2": _b2,
    "C": _c,
    "D": _d,
    "E": _e,
    "E2": _e2,
    "E3": _e3,
    "C2": _c2,
    "D2": _d2,
    "F": _f,
    "F2": _f2,
    "G": _g,
    "H": _h,
    "I": _i,
    "T": _t,
}


def blocks_for(family: str) -> list[Block]:
    return _BY_FAMILY[family](CONTENTS[family])


def blocks_of(content: FamilyContent) -> list[Block]:
    """The blocks of a family's layout filled with other content (the hostile corpus adds a
    project to family A)."""
    return _BY_FAMILY[content.family](content)


FAMILIES = tuple(_BY_FAMILY)


def project_content(family: str) -> tuple[ProjectC, ...]:
    return CONTENTS[family].projects
