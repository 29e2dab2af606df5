"""Statistics out: CSV files, an XLSX workbook, and a self-contained HTML report with charts."""

from __future__ import annotations

import csv
import json
import re
from datetime import UTC, datetime
from importlib.resources import files
from io import BytesIO
from pathlib import Path
from typing import Any

from jixiao.corpus.stats import StatTable

__all__ = ["stats_html", "stats_xlsx", "write_csv"]


def write_csv(tables: list[StatTable], folder: Path) -> list[Path]:
    """One UTF-8 (with BOM, so Excel opens it right) CSV file per statistic."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for table in tables:
        path = folder / f"{table.key}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(table.columns)
            writer.writerows(table.rows)
        out.append(path)
    return out


def stats_xlsx(tables: list[StatTable]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for table in tables:
        # Excel forbids []:*?/\ in sheet names (一级/二级指标构成)
        sheet = book.create_sheet(re.sub(r"[\[\]:*?/\\]", "、", table.title)[:31])
        sheet.append([table.note])
        sheet.append(list(table.columns))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(list(row))
        sheet.freeze_panes = "A3"
        for col, header in enumerate(table.columns, start=1):
            letter = sheet.cell(row=2, column=col).column_letter
            sheet.column_dimensions[letter].width = max(10, min(40, len(header) * 2 + 4))
        sheet["A1"].alignment = Alignment(wrap_text=False)
    data = BytesIO()
    book.save(data)
    return data.getvalue()


def _charts(by_key: dict[str, StatTable]) -> list[dict[str, Any]]:
    """ECharts options for the statistics that read best as a picture."""
    charts: list[dict[str, Any]] = []
    overview = by_key.get("overview")
    if overview and overview.rows:
        labels = [f"{r[1]} {r[2]}" for r in overview.rows]
        series = [
            {"name": name, "type": "bar", "data": [r[i] for r in overview.rows]}
            for name, i in (("量化率", 6), ("含糊表述", 9), ("占位文字", 10))
        ]
        charts.append(
            {
                "title": "各单位各年度：量化率、含糊表述、占位文字（%）",
                "option": {
                    "tooltip": {"trigger": "axis"},
                    "legend": {"top": 0},
                    "grid": {"top": 40, "bottom": 160, "left": 50, "right": 20},
                    "xAxis": {
                        "type": "category",
                        "data": labels,
                        "axisLabel": {"rotate": 45, "interval": 0},
                    },
                    "yAxis": {"type": "value", "max": 100},
                    "series": series,
                },
            }
        )
    findings = by_key.get("findings")
    if findings and findings.rows:
        top = findings.rows[:20]
        charts.append(
            {
                "title": "审核意见最多的规则（条）",
                "option": {
                    "tooltip": {},
                    "grid": {"left": 130, "right": 20},
                    "xAxis": {"type": "value"},
                    "yAxis": {
                        "type": "category",
                        "axisLabel": {"interval": 0},
                        "data": [f"{r[0]}（{r[1]}）" for r in reversed(top)],
                    },
                    "series": [{"type": "bar", "data": [r[2] for r in reversed(top)]}],
                },
            }
        )
    unchanged = by_key.get("unchanged")
    if unchanged and unchanged.rows:
        charts.append(
            {
                "title": "与上一年相比指标值未变的比例（%）",
                "option": {
                    "tooltip": {},
                    "xAxis": {"type": "category", "data": [str(r[0]) for r in unchanged.rows]},
                    "yAxis": {"type": "value", "max": 100},
                    "series": [{"type": "line", "data": [r[3] for r in unchanged.rows]}],
                },
            }
        )
    return charts


def stats_html(tables: list[StatTable], *, corpus_name: str) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("jixiao.corpus", "templates"), autoescape=select_autoescape()
    )
    echarts = (files("jixiao") / "web" / "static" / "echarts.min.js").read_text(encoding="utf-8")
    by_key = {t.key: t for t in tables}
    charts = _charts(by_key)
    return env.get_template("stats.html").render(
        tables=tables,
        charts=charts,
        charts_json=json.dumps([c["option"] for c in charts], ensure_ascii=False).replace(
            "</", "<\\/"
        ),
        echarts=echarts.replace("</script", "<\\/script"),
        corpus_name=corpus_name,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
