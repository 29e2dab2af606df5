"""A synthetic corpus made from the seeds: many units and years, with the defects we measure.

Every file is clearly labelled synthetic: its name starts with ``synthetic-``, its units are
``（合成）`` units of made-up regions, and the dataset marks it (``documents.synthetic``). The
mutations are the ones the statistics look for, at known rates, and the generator returns
what it did (``Generated``) so tests can check the statistics against it:

- **targets drifting**: some units lower a numeric target from one year to the next;
- **vague values**: some 效益/满意度 values replaced by 有效改善 / 明显提升 / 逐年提高;
- **copied indicators**: some projects take another unit's indicator set unchanged;
- **budget changes**: budgets move year on year while quantities stay put.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

from jixiao.corpus.worker import SYNTHETIC_PREFIX
from jixiao.model import Document, Indicator, Project, Unit
from jixiao.values import parse_value

__all__ = ["Generated", "generate_corpus", "repeat_corpus", "seed_documents"]

REGIONS = ("示例省甲市", "示例省乙市", "示例省丙县", "示例省丁县")
VAGUE = ("有效改善", "明显提升", "逐年提高")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_KINDS = ("局", "中心", "站", "所", "办公室")
_TOPICS = ("教育", "卫生健康", "农业农村", "水利", "交通运输", "民政", "文化旅游", "自然资源")
_NAME_CYCLE = 40
"""Units after which region, topic and kind repeat (the least common multiple of 4, 8, 5)."""


@dataclass(slots=True)
class Generated:
    """What the generator wrote, for tests and for the benchmark's figures."""

    files: list[Path] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    vague: int = 0
    lowered: int = 0
    copied_projects: int = 0


def seed_documents() -> list[Document]:
    """The four bundled example documents, parsed."""
    from jixiao.reading import read_bytes

    examples = files("jixiao") / "examples"
    entries = sorted((e for e in examples.iterdir() if e.name.endswith(".txt")), key=str)
    return [read_bytes(e.read_bytes(), name=e.name) for e in entries]


def _with_value(ind: Indicator, text: str) -> Indicator:
    return ind.model_copy(update={"value_text": text, "value": parse_value(text)})


def _scaled(ind: Indicator, factor: Decimal) -> Indicator | None:
    """The indicator with its number scaled (quantities only; None when it has none)."""
    value = ind.value
    if value.number is None or value.op not in (">=", ">", "=") or not value.unit:
        return None
    if value.unit in ("%", "百分比"):
        return None
    number = (value.number * factor).quantize(Decimal("1"))
    if number <= 0 or number == value.number:
        return None
    return _with_value(ind, _NUMBER.sub(str(number), ind.value_text, count=1))


def generate_corpus(
    out: Path,
    *,
    units: int = 20,
    years: tuple[int, ...] = (2023, 2024, 2025),
    seed: int = 7,
    vague_rate: float = 0.2,
    drift_rate: float = 0.3,
    copy_rate: float = 0.1,
) -> Generated:
    """``units`` × ``len(years)`` documents as jixiao JSON files under ``out/<region>/``."""
    rng = random.Random(seed)
    seeds = seed_documents()
    made = Generated()
    bases: list[list[Project]] = []
    drifting_units = set(rng.sample(range(units), round(units * drift_rate)))
    for u in range(units):
        base = seeds[u % len(seeds)]
        region = REGIONS[u % len(REGIONS)]
        code = f"9{u + 1:05d}"
        # region × topic × kind repeats every 40 units: a district number keeps names unique
        district = f"{u // _NAME_CYCLE + 1}区" if u >= _NAME_CYCLE else ""
        topic = _TOPICS[u % len(_TOPICS)]
        name = f"{region}{district}{topic}{_KINDS[u % len(_KINDS)]}（合成）"
        unit = Unit(code=code, name=name)
        projects = [
            p.model_copy(
                update={"unit": unit, "code": f"{code}-P{p.seq:03d}", "seq": p.seq}, deep=True
            )
            for p in base.projects
        ]
        bases.append(projects)
        drifting = u in drifting_units
        for y, year in enumerate(years):
            year_projects = []
            for project in projects:
                indicators = list(project.indicators)
                if y > 0:
                    factor = Decimal("0.8") if drifting else Decimal("1")
                    for i, ind in enumerate(indicators):
                        scaled = _scaled(ind, factor**y) if drifting else None
                        if scaled is not None:
                            indicators[i] = scaled
                            made.lowered += 1
                if units > 1 and rng.random() < copy_rate:
                    other = bases[(u + 1) % len(bases)] if len(bases) > 1 else projects
                    indicators = list(other[0].indicators)
                    made.copied_projects += 1
                for i, ind in enumerate(indicators):
                    if (ind.category or "").startswith(("effect", "satisfaction")) and (
                        rng.random() < vague_rate
                    ):
                        indicators[i] = _with_value(ind, rng.choice(VAGUE))
                        made.vague += 1
                total = project.budget.total
                budget = project.budget
                if total is not None and y > 0:
                    change = Decimal(str(round(rng.uniform(0.8, 1.3), 2)))
                    budget = budget.model_copy(update={"total": (total * change).quantize(total)})
                year_projects.append(
                    project.model_copy(update={"indicators": indicators, "budget": budget})
                )
            doc = base.model_copy(
                update={
                    "fiscal_year": year,
                    "title": f"{unit.name}{year}年部门预算绩效信息（合成数据）",
                    "projects": year_projects,
                    "warnings": [],
                }
            )
            folder = out / region
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{SYNTHETIC_PREFIX}{code}-{year}.json"
            doc = doc.model_copy(
                update={"source": doc.source.model_copy(update={"name": path.name})}
            )
            path.write_text(doc.to_json(indent=None), encoding="utf-8")
            made.files.append(path)
            made.documents.append(doc)
    return made


def repeat_corpus(src: Path, out: Path, times: int, *, rename_units: bool = True) -> None:
    """A corpus ``times`` as large as the built corpus ``src``, for measuring the statistics at
    scale without reading thousands of files: every document is repeated with a new id and,
    with ``rename_units``, a new unit (``…（副本2）``); without it, the same units hold several
    documents a year (names repeated, the case the year-over-year matching must survive)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from jixiao.corpus.dataset import CorpusDataset
    from jixiao.corpus.schema import TABLES

    join: Any = pc.binary_join_element_wise  # its stubs take no mix of column and scalar

    def suffixed(column: Any, suffix: str) -> Any:
        return join(column, pa.scalar(suffix), "")

    dataset = CorpusDataset(out)
    for name in TABLES:
        for path in sorted((src / name).rglob("*.parquet")):
            target = out / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            table = pq.read_table(path, schema=TABLES[name])
            if name == "failures":
                pq.write_table(table, target)
                continue
            with pq.ParquetWriter(target, TABLES[name], compression="zstd") as writer:
                for r in range(times):
                    copy = table
                    changed = {"doc_id": f"-{r}"}
                    if name == "documents":
                        changed |= {"sha256": f"-{r}", "source_key": f"-{r}"}
                    elif rename_units and r:
                        changed |= {"unit_name": f"（副本{r + 1}）", "unit_code": f"-{r + 1}"}
                    for column, suffix in changed.items():
                        i = copy.schema.get_field_index(column)
                        if i >= 0:
                            copy = copy.set_column(i, column, suffixed(copy[column], suffix))
                    writer.write_table(copy.cast(TABLES[name]))
    dataset.write_manifest(
        inputs=[str(src)], engine=f"repeat_corpus ×{times}", extra={"repeated_from": str(src)}
    )
