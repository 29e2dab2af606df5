"""The one assembler: intermediate layout → ``Document``, whatever the input format was."""

from __future__ import annotations

import re
from collections import Counter

from jixiao._exceptions import NotAPerformanceDocumentError
from jixiao.assemble.department import read_front_matter
from jixiao.assemble.project_table import MONEY_UNIT as _MONEY_UNIT
from jixiao.assemble.project_table import ProjectBuilder
from jixiao.layout import Layout, LayoutWarning, Paragraph, Table
from jixiao.model import Document, Project, SourceInfo, Warning

__all__ = ["assemble"]

PROJECT_TITLE = re.compile(r"^\s*([0-9]{1,3})\s*[、.．]\s*(\S.*?)\s*绩效目标表\s*$")
_YEAR = re.compile(r"(20[0-9]{2})\s*年")
_CODE_YEAR = re.compile(r"^[0-9]{6}([0-9]{2})P")


def assemble(layout: Layout, source: SourceInfo) -> Document:
    front: list[Paragraph] = []
    builders: list[ProjectBuilder] = []
    current: ProjectBuilder | None = None
    for block in layout.blocks:
        if isinstance(block, Paragraph):
            if PROJECT_TITLE.match(block.text):
                current = ProjectBuilder(seq=len(builders) + 1, title=block.text.strip())
                current.first_line = block.position.line
                builders.append(current)
            elif current is None:
                front.append(block)
            continue
        current = _feed_table(block, current, builders)
    if not any(b.columns is not None and b.indicators for b in builders):
        raise NotAPerformanceDocumentError(
            "未找到任何项目绩效目标表（绩效目标表应含“项目编码”“项目名称”“一级指标”等栏目）",
            source=source.name,
            hint="请确认这是部门预算绩效信息（绩效目标表）文件，且内容完整。",
        )
    warnings = [_warning(w, None) for w in layout.warnings]
    projects: list[Project] = []
    for n, builder in enumerate(builders):
        if not builder.is_complete():
            label = builder.name or builder.title or f"第 {builder.seq} 个项目"
            if n == len(builders) - 1 and projects:
                warnings.append(
                    Warning(
                        code="project_incomplete",
                        message=f"文件在项目“{label}”的绩效目标表中途结束，该项目未读入；请检查文件是否完整",
                        project_seq=builder.seq,
                    )
                )
                continue
            warnings.append(
                Warning(
                    code="project_incomplete",
                    message=f"项目“{label}”的绩效目标表不完整（缺少指标表或指标行），请核对原件",
                    project_seq=builder.seq,
                )
            )
        projects.append(builder.build())
        warnings += [_warning(w, builder.seq) for w in builder.warnings]
    matter = read_front_matter(front)
    return Document(
        source=source,
        title=matter.title,
        fiscal_year=_fiscal_year(
            matter.title, [p.code for p in projects], matter.department.overall_goals
        ),
        department=matter.department,
        projects=projects,
        warnings=warnings,
    )


def _feed_table(
    table: Table, current: ProjectBuilder | None, builders: list[ProjectBuilder]
) -> ProjectBuilder:
    grid = table.grid()
    for r, row in enumerate(table.rows()):
        keys = {"".join(cell.text.split()) for cell in row}
        unit_row = any(_MONEY_UNIT.search(k) for k in keys)
        starts_new = current is not None and (
            ("项目编码" in keys and current.code is not None)
            or (unit_row and current.is_finished())  # a project without a title paragraph
        )
        if current is None or starts_new:
            current = ProjectBuilder(seq=len(builders) + 1)
            builders.append(current)
        current.add_row(row, grid[r], r)
    assert current is not None
    return current


def _warning(w: LayoutWarning, project_seq: int | None) -> Warning:
    location = w.position.to_location()
    has_location = any(v is not None for v in location.model_dump().values())
    return Warning(
        code=w.code,
        message=w.message,
        project_seq=project_seq,
        source=location if has_location else None,
    )


def _fiscal_year(title: str | None, codes: list[str | None], overall: list[str]) -> int | None:
    """The budget year: from the title, else the year digits of Hebei-style project codes
    (``13081123P…`` = region 130811, year 23), else the first year the overall goals name."""
    if title and (found := _YEAR.search(title)):
        return int(found.group(1))
    years = Counter(
        2000 + int(m.group(1)) for code in codes if code and (m := _CODE_YEAR.match(code))
    )
    if years:
        return years.most_common(1)[0][0]
    for text in overall:
        if found := _YEAR.search(text):
            return int(found.group(1))
    return None
