"""The one assembler: intermediate layout → ``Document``, whatever the input format was.

Tables are read by their labels and column roles, so every family of 绩效目标表 goes through the
same code: a table with an indicator header (or level-1/level-2 cells) holds indicators; the
header fields around it (in the table, or in the paragraphs just above) belong to its project;
a project starts at a title paragraph, at its name or code met again, or at a header row after
the previous project's indicators; a flat list starts one at every change of project. A
department-wide table (family G) fills the department part; indicators written as sentences
(family I) are read when a document has no indicator table.
"""

from __future__ import annotations

import re
from collections import Counter

from jixiao._exceptions import NotAPerformanceDocumentError
from jixiao.assemble.department import read_front_matter
from jixiao.assemble.department_records import is_department_title, merge_department
from jixiao.assemble.department_table import DepartmentTable, is_department_table
from jixiao.assemble.flat_list import FlatProjects
from jixiao.assemble.labels import (
    LabelMatch,
    is_table_title,
    match_label,
    money_unit_in,
    split_money_unit,
)
from jixiao.assemble.project_table import ProjectBuilder
from jixiao.assemble.prose import read_prose_indicators
from jixiao.layout import Cell, Layout, LayoutWarning, Paragraph, Table
from jixiao.model import Document, DocumentWarning, Project, SourceInfo
from jixiao.textutil import to_simplified

__all__ = ["assemble"]

PROJECT_TITLE = re.compile(r"^\s*([0-9]{1,3})\s*[、.．]\s*(\S.*?)\s*绩效目标表\s*$")
_YEAR = re.compile(r"(20[0-9]{2})\s*年")
_CODE_YEAR = re.compile(r"^[0-9]{6}([0-9]{2})P")
_PARAGRAPH_FIELDS = {"unit", "name", "code", "department"}
# Header fields whose label may stand on a line of its own inside a project's header block,
# the value on the next line (a spreadsheet row merged across the table reads as a paragraph).
UNUSED_TABLE_ROWS = 20
"""A table this long that no project used is named in a warning (shorter ones are notes,
signatures, small summaries that documents often carry)."""
_LABEL_ABOVE_FIELDS = {
    "extra",
    "goals",
    "mid_goals",
    "purpose",
    "name",
    "code",
    "unit",
    "department",
}
# A budget unit's code and name alone on a line (``630002秦皇岛市…局``, ``[610001]某局``):
# six or more digits, then a name (never a year such as （2024年度）).
_UNIT_LINE = re.compile(r"^[\[【(（]?\s*[0-9]{6,}\s*[\]】)）]?\s*[-－—_:：]?\s*[^\s0-9年].{0,50}$")
_FIELD_SPLIT = re.compile(r"\s{2,}|\u3000+|\t+")
_SEAL = re.compile(r"[（(]\s*(?:盖章|公章|签章|章)\s*[）)]\s*$")


class _Reader:
    """The walk over a layout's blocks, with the projects read so far."""

    def __init__(self) -> None:
        self.front: list[Paragraph] = []
        self.builders: list[ProjectBuilder] = []
        self.current: ProjectBuilder | None = None
        # fields from paragraphs above a table: (field, printed label, value, paragraph)
        self.pending: list[tuple[str, str, str, Paragraph]] = []
        # a unit line above the tables (填报单位：…) and how many projects came before it
        self.document_unit: tuple[str, set[int]] | None = None
        self.pending_unit: str | None = None
        self.pending_title: str | None = None
        self.department_title = False  # 部门整体…自评表 above the next table
        self.department = DepartmentTable()
        self.tables = 0
        self.after_tables: list[Paragraph] = []
        self.paragraphs: list[Paragraph] = []  # all of them, for indicators written as prose
        self.unused: list[tuple[Table, int]] = []  # large tables no project took anything from
        self.label_above: tuple[LabelMatch, Paragraph] | None = None  # awaiting its value

    def new_builder(self, title: str | None = None) -> ProjectBuilder:
        builder = ProjectBuilder(seq=len(self.builders) + 1, title=title)
        self.builders.append(builder)
        self.current = builder
        return builder

    def paragraph(self, block: Paragraph) -> None:
        self.paragraphs.append(block)
        text = block.text.strip()
        scope = is_department_title(text)
        if scope is not None:
            self.department_title = scope
        if self._label_on_its_own_line(block, text):
            return
        if self.current is not None and self.current.value_below_from(block):
            return
        title = PROJECT_TITLE.match(text)
        if title is None and text.endswith("表"):  # 1、某項目績效目標表 too
            title = PROJECT_TITLE.match(to_simplified(text))
        if self.current is not None and self.current.year_under_title(text):
            return  # （2024年度） under a project's own title: its year, not the document's
        if title or is_table_title(text):
            if self.current is not None and self.current.is_empty():
                self.current.title = self.current.title or text
            elif title or self.builders:
                builder = self.new_builder(text)
                builder.first_line = block.position.line
            else:
                self.pending_title = text
                if not self.front:  # the form's own title is the document's title too
                    self.front.append(block)
            return
        rest, money_unit = split_money_unit(text)
        fields = _paragraph_fields(rest) if rest else []
        if fields:
            self.pending += [(field, label, value, block) for field, label, value in fields]
            self.pending_unit = money_unit or self.pending_unit
            unit = next((value for field, _, value in fields if field == "unit"), None)
            if unit and not any(f == "name" for f, _, _ in fields):
                # 填报单位：… above the first table: the unit of every later project that
                # prints none of its own
                self.document_unit = (unit, {id(b) for b in self.builders})
            return
        if self.current is not None and self.current.is_empty() and _UNIT_LINE.match(text):
            self.pending.append(("unit", "", text, block))  # 630002某局 under the title
            return
        unit = money_unit_in(text) if len(text) <= 30 else None
        if unit is not None:
            self.pending_unit = unit
            return
        if not any(b.name or b.code or b.indicators for b in self.builders):
            self.front.append(block)  # no project yet: a table above was page furniture
        else:
            self.after_tables.append(block)

    def _label_on_its_own_line(self, block: Paragraph, text: str) -> bool:
        """A header label alone on its line inside a project's header block, and the line
        after it as its value."""
        current = self.current
        if current is None or current.columns is not None or current.is_empty():
            self.label_above = None
            return False
        found = match_label(text, glued=False)
        if self.label_above is not None and found is None and text:
            label = self.label_above[0]
            self.label_above = None
            current.set_labelled(label, text, Cell(text, 0, 0, position=block.position))
            return True
        self._flush_label()
        if found is not None and found.field in _LABEL_ABOVE_FIELDS:
            self.label_above = (found, block)
            return True
        return False

    def _flush_label(self) -> None:
        """A label left without a value line is kept (with an empty value), never dropped."""
        if self.label_above is not None and self.current is not None:
            label, where = self.label_above
            self.current.set_labelled(label, "", Cell("", 0, 0, position=where.position))
        self.label_above = None

    def table(self, table: Table) -> None:
        self.tables += 1
        self._flush_label()
        if is_department_table(table):
            self.department.read(table)
            return
        grid = table.grid()
        flat: FlatProjects | None = None
        targets: list[ProjectBuilder] = []
        rows = table.rows()
        for r, row in enumerate(rows):
            current = self.current
            if current is None:
                current = self.new_builder(self.pending_title)
                self.pending_title = None
            elif current.starts_next(row) or (self.department_title and current.is_finished()):
                current = self.new_builder(self.pending_title if current.is_finished() else None)
                self.pending_title = None
            if self.department_title:
                current.department_wide = True
                self.department_title = False
            if self.pending or self.pending_unit:
                self._apply_pending(current)
            if flat is not None and flat.columns is not current.columns:
                flat = None
            if flat is None and current.columns is not None and current.columns.flat:
                flat = FlatProjects(current.columns)
            if flat is not None and current.columns is not None and not current.is_header_row(row):
                target = flat.route(current, grid[r], r)
                if target is not current:
                    self.builders.append(target)
                    target.seq = len(self.builders)
                    self.current = current = target
            current.add_row(row, grid[r], r)
            if not targets or targets[-1] is not current:
                targets.append(current)
        if len(rows) >= UNUSED_TABLE_ROWS and all(
            b.is_empty() and b.columns is None for b in targets
        ):
            self.unused.append((table, len(rows)))

    def _apply_pending(self, builder: ProjectBuilder) -> None:
        for field, label, value, block in self.pending:
            builder.set_field(field, value, Cell(value, 0, 0, position=block.position), label)
        if self.pending_unit:
            builder.money_unit = self.pending_unit
        self.pending.clear()
        self.pending_unit = None


def _paragraph_fields(text: str) -> list[tuple[str, str, str]]:
    """``单位名称：某县教育局    项目名称：乡村道路`` → [(unit, 单位名称, …), (name, …)]; only
    the fields that belong to a project table's header (a 部门名称 above a project table is
    its unit; 填报日期 beside them is kept as an extra field), and only when every part is
    such a field."""
    parts = [p for p in _FIELD_SPLIT.split(text.strip()) if p]
    if not parts or len(text) > 200:
        return []
    out: list[tuple[str, str, str]] = []
    for part in parts:
        if money_unit_in(part) and len(part) <= 16:
            continue
        found = match_label(part)
        if found is None or not found.rest:
            return []
        field = "unit" if found.field == "dept_name" else found.field
        if field not in _PARAGRAPH_FIELDS and field != "extra":
            return []
        if "：" not in part and ":" not in part:
            return []
        value = _SEAL.sub("", found.rest).strip() if field == "unit" else found.rest
        out.append((field, found.label, value))
    if all(field == "extra" for field, _, _ in out):
        return []  # 填报日期 alone: not the line above a table
    return out


def assemble(layout: Layout, source: SourceInfo) -> Document:
    reader = _Reader()
    damaged = sorted({w.position.page for w in layout.warnings if w.code == "pdf_damaged"} - {None})  # type: ignore[type-var]
    crossed: list[tuple[ProjectBuilder, int]] = []
    page = None
    for block in layout.blocks:
        if damaged and block.position.page is not None:
            cut = _damage_between(page, block.position.page, damaged)  # type: ignore[arg-type]
            if cut is not None and reader.current is not None and not reader.current.is_empty():
                # the project's table crosses a damaged page: what follows may be another
                # project's, so it is never added to this one
                crossed.append((reader.current, cut))
                reader.current = None
            page = block.position.page
        if isinstance(block, Paragraph):
            reader.paragraph(block)
        else:
            reader.table(block)
    builders = [b for b in reader.builders if not b.is_empty() or b.indicators]
    department_read = reader.department.found
    prose: list[Project] = []
    if not any(b.columns is not None and b.indicators for b in builders):
        prose = read_prose_indicators(reader.paragraphs)
        if not prose and not department_read:
            raise NotAPerformanceDocumentError(
                _nothing_found(layout, builders),
                source=source.name,
                hint="请确认这是绩效目标表（部门预算绩效信息、项目支出绩效目标申报表等）文件，且内容完整。",
            )
    warnings = [_warning(w, None) for w in layout.warnings]
    projects: list[Project] = list(prose)
    kept = [b for b in builders if b.columns is not None or b.name or b.code]
    if reader.document_unit is not None:
        unit, before = reader.document_unit
        for builder in kept:
            if id(builder) not in before:
                builder.default_unit(unit)
    department_read_as_project: list[Project] = []
    for n, builder in enumerate(kept):
        if builder.is_department():
            department_read_as_project.append(builder.build())
            warnings += [_warning(w, None) for w in builder.all_warnings()]
            continue
        builder.seq = len(projects) + 1
        if not builder.is_complete():
            label = builder.name or builder.title or f"第 {builder.seq} 个项目"
            if n == len(kept) - 1 and projects:
                warnings.append(
                    DocumentWarning(
                        code="project_incomplete",
                        message=f"文件在项目“{label}”的绩效目标表中途结束，该项目未读入；请检查文件是否完整",
                        project_seq=builder.seq,
                    )
                )
                continue
            warnings.append(
                DocumentWarning(
                    code="project_incomplete",
                    message=f"项目“{label}”的绩效目标表不完整（缺少指标表或指标行），请核对原件",
                    project_seq=builder.seq,
                )
            )
        projects.append(builder.build())
        warnings += [
            DocumentWarning(
                code="project_incomplete",
                message=f"项目“{builder.name or builder.seq}”的绩效目标表跨越已损坏的第 {cut} 页，"
                "内容可能不完整，损坏页之后的内容未并入该项目；请核对原件",
                project_seq=builder.seq,
            )
            for crossing, cut in crossed
            if crossing is builder
        ]
        warnings += [_warning(w, builder.seq) for w in builder.all_warnings()]
        if builder.columns is not None and builder.columns.unknown:
            labels = "、".join(f"“{v}”" for v in builder.columns.unknown.values())
            warnings.append(
                DocumentWarning(
                    code="columns_unrecognised",
                    message=f"项目“{builder.name or builder.seq}”的指标表中，栏目{labels}未能识别，"
                    "已作为附加信息原样保留",
                    project_seq=builder.seq,
                )
            )
    last = builders[-1] if builders else None
    if last is not None and last not in kept and last.title and projects:
        # Only the title of a last project (the file ends right after it): say so, or the
        # project would vanish without a word.
        warnings.append(
            DocumentWarning(
                code="project_incomplete",
                message=f"文件在“{last.title}”之后中途结束，该项目未读入；请检查文件是否完整",
                project_seq=len(projects) + 1,
            )
        )
    cut_short = _last_project_cut(projects)
    if cut_short is not None and not any(w.project_seq == len(projects) for w in warnings):
        warnings.append(cut_short)
    matter = read_front_matter(reader.front)
    department = reader.department.merge_into(matter.department)
    for read in department_read_as_project:
        department = merge_department(department, read)
    if projects:
        warnings += [_unused_table(table, rows) for table, rows in reader.unused]
        read_as_front = matter.department.overall_goals or matter.department.sub_goals
        front_sheets = {b.position.sheet for b in reader.front} if read_as_front else set()
        warnings += _sheets_without_tables(layout, front_sheets)
    warnings += [_warning(w, None) for w in reader.department.warnings]
    return Document(
        source=source,
        title=matter.title,
        fiscal_year=_fiscal_year(
            matter.title,
            [b.year for b in kept if b.year is not None],
            [p.code for p in projects],
            department.overall_goals,
        ),
        department=department,
        projects=projects,
        warnings=warnings,
    )


def _last_project_cut(projects: list[Project]) -> DocumentWarning | None:
    """The last project lacks the level-1 group that ends every other project (``满意度指标``
    in most documents): the file most likely ends inside its indicator table."""
    if len(projects) < 3 or not all(p.indicators for p in projects):
        return None
    finals = {p.indicators[-1].level1 for p in projects[:-1]}
    final = finals.pop() if len(finals) == 1 else ""
    last = projects[-1]
    if not final or any(i.level1 == final for i in last.indicators):
        return None
    return DocumentWarning(
        code="project_incomplete",
        message=f"最后一个项目“{last.name or len(projects)}”没有其他项目都有的“{final}”，"
        "文件可能在该项目的指标表中途结束；请核对原件",
        project_seq=len(projects),
    )


def _unused_table(table: Table, rows: int) -> DocumentWarning:
    """A large table among the projects that none of them took anything from: in a damaged
    file, what replaced a project's table (its project is gone, which nothing else says)."""
    where = f"工作表“{table.position.sheet}”中" if table.position.sheet else ""
    if table.position.page:
        where = f"第 {table.position.page} 页"
    return DocumentWarning(
        code="table_unrecognised",
        message=f"{where}有一个 {rows} 行的表格未能识别为绩效目标表的任何部分，未读入；"
        "如其中应有项目，请核对原件",
        source=table.position.to_location(),
    )


def _sheets_without_tables(layout: Layout, front: set[str | None]) -> list[DocumentWarning]:
    """A worksheet of many rows and no table at all, beside sheets that hold projects: in a
    damaged workbook, what replaced a project's sheet. A sheet read as the front matter (the
    部门整体 targets written as lines, with goals found in them) is not one."""
    rows: dict[str, int] = {}
    with_tables: set[str] = set()
    for block in layout.blocks:
        sheet = block.position.sheet
        if sheet is None:
            continue
        if isinstance(block, Table):
            with_tables.add(sheet)
        rows[sheet] = rows.get(sheet, 0) + 1
    return [
        DocumentWarning(
            code="table_unrecognised",
            message=f"工作表“{sheet}”有 {count} 行内容，但没有可识别的绩效目标表，未读入；"
            "如其中应有项目，请核对原件",
        )
        for sheet, count in rows.items()
        if sheet not in with_tables and sheet not in front and count >= UNUSED_TABLE_ROWS
    ]


def _damage_between(previous: int | None, page: int, damaged: list[int]) -> int | None:
    """The damaged page a table crosses going from ``previous`` to ``page`` (either end
    included), if any."""
    if previous is None or page == previous:
        return None
    low, high = sorted((previous, page))
    return next((d for d in damaged if low <= d <= high), None)


def _nothing_found(layout: Layout, builders: list[ProjectBuilder]) -> str:
    """What was seen, so the user knows why nothing was read."""
    tables = sum(1 for _ in layout.tables())
    if tables:
        return f"找到 {tables} 个表格，但没有一个含一级/二级/三级指标栏目，未找到任何项目绩效目标表"
    paragraphs = sum(1 for _ in layout.paragraphs())
    return (
        f"文件中没有表格（共 {paragraphs} 段文字），也没有按“数量指标：……”书写的绩效指标，"
        "未找到任何项目绩效目标表"
    )


def _warning(w: LayoutWarning, project_seq: int | None) -> DocumentWarning:
    location = w.position.to_location()
    has_location = any(v is not None for v in location.model_dump().values())
    return DocumentWarning(
        code=w.code,
        message=w.message,
        project_seq=project_seq,
        source=location if has_location else None,
    )


def _fiscal_year(
    title: str | None, table_years: list[int], codes: list[str | None], overall: list[str]
) -> int | None:
    """The budget year: from the title, else the year the project tables print (（2024年度）
    under their title, 预算年度), else the year digits of Hebei-style project codes
    (``13081123P…`` = region 130811, year 23), else the first year the overall goals name."""
    if title and (found := _YEAR.search(title)):
        return int(found.group(1))
    if table_years:
        return Counter(table_years).most_common(1)[0][0]
    years = Counter(
        2000 + int(m.group(1)) for code in codes if code and (m := _CODE_YEAR.match(code))
    )
    if years:
        return years.most_common(1)[0][0]
    for text in overall:
        if found := _YEAR.search(text):
            return int(found.group(1))
    return None
