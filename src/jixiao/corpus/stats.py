"""``corpus stats``: corpus.md §4.2's statistics, by region × unit × year, on DuckDB.

DuckDB reads the Parquet tables in place (embedded, no server); every statistic is one query
whose SQL is the definition (``docs/corpus.md`` repeats them in words). Near-duplicate goals
use MinHash LSH (datasketch) over distinct texts, not a pairwise loop (``corpus.goals``).
Statistics that need monitoring or self-evaluation data (over-achievement, score inflation,
lights) wait for that data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from jixiao.corpus.dataset import MANIFEST, CorpusError
from jixiao.corpus.goals import near_duplicate_goals
from jixiao.corpus.schema import TABLES

__all__ = ["StatTable", "compute_stats", "reused_within_units", "stats_on"]


@dataclass(frozen=True, slots=True)
class StatTable:
    key: str
    title: str
    """Chinese title shown to users."""
    note: str
    """What the numbers mean, in Chinese."""
    columns: tuple[str, ...]
    """Chinese column headers."""
    rows: list[tuple[Any, ...]]
    keys: list[tuple[Any, ...]] = field(default_factory=list)
    """Per row, the references behind it that the printed table leaves out (document ids and
    project numbers), for pages that link each number to its documents; empty if none."""


def connect(root: Path) -> duckdb.DuckDBPyConnection:
    if not (root / MANIFEST).exists():
        raise CorpusError(
            "这个文件夹不是 jixiao 语料库（没有 manifest.json）",
            source=str(root),
            hint="请先运行 jixiao corpus build 生成语料库。",
        )
    con = duckdb.connect()
    # DuckDB draws a progress bar on stdout for long queries: it would end up in the report
    # that ``corpus stats -f html`` writes to stdout
    con.execute("SET enable_progress_bar = false")
    for name in TABLES:
        files = sorted(str(p) for p in (root / name).rglob("*.parquet"))
        if files:
            listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            con.execute(
                f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{listed}], "
                "hive_partitioning=false, union_by_name=true)"
            )
        else:  # no rows yet (no failures, say): an empty table with the documented columns
            con.register(name, pa.Table.from_pylist([], schema=TABLES[name]))
    return con


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in con.execute(sql).fetchall()]


_OVERVIEW = """
WITH ind AS (
  SELECT region, unit_name, fiscal_year,
         count(*) AS n,
         avg((value_number IS NOT NULL)::INT) AS quantified,
         avg((value_unit IS NOT NULL)::INT) AS with_unit,
         avg((value_op IS NOT NULL)::INT) AS with_op,
         sum((vague AND (category LIKE 'effect%' OR category LIKE 'satisfaction%'))::INT)
           / nullif(sum((category LIKE 'effect%' OR category LIKE 'satisfaction%')::INT), 0)
           AS vague_share,
         avg(placeholder::INT) AS placeholder_share,
         avg((basis IS NULL OR trim(basis) = '')::INT) AS no_basis
  FROM indicators GROUP BY ALL
), kinds AS (
  SELECT doc_id, project_seq, bool_or(category LIKE 'effect%') AS has_effect,
         bool_or(category LIKE 'satisfaction%') AS has_satisfaction
  FROM indicators GROUP BY ALL
), proj AS (
  SELECT p.region, p.unit_name, p.fiscal_year, count(*) AS projects,
         avg(p.indicators) AS per_project,
         avg((NOT coalesce(k.has_effect, false))::INT) AS no_effect,
         avg((NOT coalesce(k.has_satisfaction, false))::INT) AS no_satisfaction,
         avg(p.score) AS score,
         sum(p.budget_wan) AS budget
  FROM projects p LEFT JOIN kinds k ON k.doc_id = p.doc_id AND k.project_seq = p.seq
  GROUP BY ALL
), errs AS (
  SELECT region, unit_name, fiscal_year, count(*) AS errors
  FROM findings f JOIN (SELECT DISTINCT doc_id, unit_name FROM projects) USING (doc_id)
  WHERE severity = 'error' GROUP BY ALL
)
SELECT proj.region, proj.unit_name, proj.fiscal_year, projects, ind.n,
       round(per_project, 1), round(quantified * 100, 1), round(with_unit * 100, 1),
       round(with_op * 100, 1), round(vague_share * 100, 1), round(placeholder_share * 100, 1),
       round(no_basis * 100, 1), round(no_effect * 100, 1), round(no_satisfaction * 100, 1),
       coalesce(errors, 0), round(score, 1), round(budget, 2)
FROM proj
LEFT JOIN ind ON ind.region IS NOT DISTINCT FROM proj.region
             AND ind.unit_name IS NOT DISTINCT FROM proj.unit_name
             AND ind.fiscal_year IS NOT DISTINCT FROM proj.fiscal_year
LEFT JOIN errs ON errs.region IS NOT DISTINCT FROM proj.region
              AND errs.unit_name IS NOT DISTINCT FROM proj.unit_name
              AND errs.fiscal_year IS NOT DISTINCT FROM proj.fiscal_year
ORDER BY proj.region NULLS LAST, proj.unit_name, proj.fiscal_year
"""

_REUSE = """
WITH pairs AS (
  SELECT DISTINCT region, unit_name, fiscal_year, project_seq, doc_id,
         trim(name) AS name, trim(value_text) AS value_text
  FROM indicators WHERE NOT placeholder AND trim(name) <> ''
), within_unit AS (
  SELECT region, unit_name, fiscal_year, name, value_text, count(*) AS projects
  FROM pairs GROUP BY ALL HAVING count(*) >= 2
), across_units AS (
  SELECT fiscal_year, name, value_text, count(DISTINCT unit_name) AS units
  FROM pairs GROUP BY ALL HAVING count(DISTINCT unit_name) >= 2
)
SELECT '同一单位多个项目' AS scope, fiscal_year, count(*) AS pairs,
       sum(projects) AS uses, max(projects) AS most
FROM within_unit GROUP BY ALL
UNION ALL
SELECT '不同单位之间', fiscal_year, count(*), sum(units), max(units)
FROM across_units GROUP BY ALL
ORDER BY 1, 2
"""

_TOP_REUSED = """
SELECT name, value_text, count(DISTINCT unit_name) AS units, count(DISTINCT fiscal_year) AS years,
       count(*) AS uses
FROM indicators WHERE NOT placeholder AND trim(name) <> ''
GROUP BY name, value_text HAVING count(DISTINCT unit_name) >= 2
ORDER BY units DESC, uses DESC, name, value_text LIMIT 30
"""

_MATCHED = """
WITH keyed AS (
  -- The k-th indicator of a name in a project is matched with the k-th of the year before
  -- (documents, then positions, in order), so a name repeated in a project, or a project
  -- repeated in a unit, pairs one to one instead of every one with every one.
  SELECT i.*, coalesce(i.project_code, i.project_name) AS pkey,
         row_number() OVER (PARTITION BY i.unit_name, coalesce(i.project_code, i.project_name),
                                         i.name, i.fiscal_year
                            ORDER BY i.doc_id, i.project_seq, i.position) AS k
  FROM indicators i
), pairs AS (
  SELECT cur.region, cur.unit_name, cur.pkey, cur.project_name, cur.name,
         prev.fiscal_year AS y0, cur.fiscal_year AS y1,
         prev.value_text AS v0, cur.value_text AS v1,
         prev.value_number AS n0, cur.value_number AS n1, cur.value_op AS op,
         prev.value_unit AS u0, cur.value_unit AS u1,
         prev.doc_id AS d0, prev.project_seq AS s0, cur.doc_id AS d1, cur.project_seq AS s1
  FROM keyed cur JOIN keyed prev
    ON cur.unit_name IS NOT DISTINCT FROM prev.unit_name AND cur.pkey = prev.pkey
   AND cur.name = prev.name AND cur.fiscal_year = prev.fiscal_year + 1 AND cur.k = prev.k
)
"""

_DRIFT = (
    _MATCHED
    + """
SELECT region, unit_name, project_name, name, y0, v0, y1, v1,
       round(n1 / n0 * 100, 1) AS pct, d0, s0, d1, s1
FROM pairs
WHERE op IN ('>=', '>', '=') AND n0 > 0 AND n1 IS NOT NULL AND n1 < n0
  AND u0 IS NOT DISTINCT FROM u1
ORDER BY region NULLS LAST, unit_name, project_name, name, y1, d1, s1, d0, s0
"""
)

_UNCHANGED = (
    _MATCHED
    + """
SELECT y1, count(*) AS matched, sum((v0 = v1)::INT) AS unchanged,
       round(avg((v0 = v1)::INT) * 100, 1) AS pct
FROM pairs GROUP BY y1 ORDER BY y1
"""
)

_COHERENCE = """
WITH p AS (
  -- the k-th project of a key in a unit's year is matched with the k-th of the year before
  SELECT doc_id, region, unit_name, fiscal_year, seq, name,
         coalesce(code, name) AS pkey, budget_wan,
         row_number() OVER (PARTITION BY unit_name, coalesce(code, name), fiscal_year
                            ORDER BY doc_id, seq) AS k
  FROM projects
), q AS (
  SELECT doc_id, project_seq, string_agg(name || '=' || value_text, '|' ORDER BY name) AS qty
  FROM indicators WHERE category = 'output.quantity' GROUP BY ALL
), joined AS (
  SELECT p.*, q.qty FROM p LEFT JOIN q ON q.doc_id = p.doc_id AND q.project_seq = p.seq
)
SELECT cur.region, cur.unit_name, cur.name, prev.fiscal_year, round(prev.budget_wan, 2),
       cur.fiscal_year, round(cur.budget_wan, 2),
       round((cur.budget_wan / prev.budget_wan - 1) * 100, 1) AS change
FROM joined cur JOIN joined prev
  ON cur.unit_name IS NOT DISTINCT FROM prev.unit_name AND cur.pkey = prev.pkey
 AND cur.fiscal_year = prev.fiscal_year + 1 AND cur.k = prev.k
WHERE prev.budget_wan > 0 AND cur.budget_wan IS NOT NULL AND cur.qty IS NOT NULL
  AND cur.qty = prev.qty AND abs(cur.budget_wan / prev.budget_wan - 1) > {threshold}
ORDER BY abs(cur.budget_wan / prev.budget_wan - 1) DESC, cur.region NULLS LAST, cur.unit_name,
         cur.name, cur.fiscal_year, cur.doc_id, cur.seq
LIMIT 100
"""

_UNIT_COST = """
WITH costs AS (
  SELECT i.region, i.unit_name, i.fiscal_year, i.project_name, i.name, i.value_text,
         i.value_unit, i.doc_id, i.project_seq, i.position, p.budget_wan / i.value_number AS cost,
         ln(p.budget_wan / i.value_number) AS lc
  FROM indicators i JOIN projects p ON p.doc_id = i.doc_id AND p.seq = i.project_seq
  WHERE i.category = 'output.quantity' AND i.value_number > 0 AND p.budget_wan > 0
    AND i.value_unit IS NOT NULL AND i.value_unit NOT IN ('%', '百分比')
), groups AS (
  SELECT name, value_unit, median(lc) AS med, count(*) AS n FROM costs GROUP BY ALL
  HAVING count(*) >= {min_group}
), dev AS (
  SELECT c.*, g.med, g.n, abs(c.lc - g.med) AS d FROM costs c JOIN groups g USING (name, value_unit)
), mad AS (
  SELECT name, value_unit, median(d) AS mad, avg(d) AS meanad FROM dev GROUP BY ALL
), scored AS (
  -- Iglewicz & Hoaglin's modified z; where most peers cost exactly the same (MAD = 0) the
  -- mean absolute deviation stands in, so a lone outlier among equals is still seen.
  SELECT dev.*, CASE WHEN mad > 0 THEN 0.6745 * (lc - med) / mad
                     WHEN meanad > 0 THEN (lc - med) / (1.253314 * meanad) END AS z
  FROM dev JOIN mad USING (name, value_unit)
)
SELECT region, unit_name, fiscal_year, project_name, name, value_text,
       round(cost * 10000, 2) AS yuan_per_unit, round(exp(med) * 10000, 2) AS peer_median, n,
       round(z, 2) AS z
FROM scored
WHERE abs(z) > {z}
ORDER BY abs(z) DESC, region NULLS LAST, unit_name, fiscal_year, project_name, name,
         doc_id, project_seq, position
LIMIT 100
"""

_LEVEL_MIX = """
SELECT fiscal_year, level1, level2, count(*) AS n,
       round(count(*) * 100.0 / sum(count(*)) OVER (PARTITION BY fiscal_year), 1) AS pct,
       count(DISTINCT unit_name) AS units
FROM indicators WHERE NOT placeholder
GROUP BY fiscal_year, level1, level2 ORDER BY fiscal_year NULLS LAST, n DESC, level1, level2
"""

_FINDINGS = """
SELECT code, string_agg(DISTINCT severity, ',') AS severity, count(*) AS findings,
       count(DISTINCT doc_id) AS documents,
       round(count(DISTINCT doc_id) * 100.0 / (SELECT count(*) FROM documents), 1) AS pct
FROM findings GROUP BY code ORDER BY findings DESC, code
"""

_FAILURES = """
SELECT file_name, region, reason, message FROM failures ORDER BY region NULLS LAST, file_name
"""

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def _severities(joined: str) -> str:
    """``warning,info`` → ``警告、提示`` (most severe first)."""
    levels = sorted(
        joined.split(","), key=lambda s: list(_SEVERITY).index(s) if s in _SEVERITY else 9
    )
    return "、".join(_SEVERITY.get(s, s) for s in levels)


_WITHIN_UNIT = """
SELECT region, unit_name, fiscal_year, name, value_text, count(*) AS projects,
       list(DISTINCT doc_id ORDER BY doc_id) AS documents
FROM (SELECT DISTINCT region, unit_name, fiscal_year, project_seq, doc_id, name, value_text
      FROM indicators WHERE NOT placeholder AND trim(name) <> '')
GROUP BY ALL HAVING count(*) >= 2
ORDER BY region NULLS LAST, unit_name, fiscal_year, projects DESC, name, value_text
"""


def reused_within_units(con: duckdb.DuckDBPyConnection) -> StatTable:
    """Each indicator setting (name and value) a unit used in several projects of one year:
    the rows behind the “同一单位多个项目” counts of ``reuse``, with the documents as keys."""
    rows = _rows(con, _WITHIN_UNIT)
    return StatTable(
        "reused_within_unit",
        "同一单位多个项目重复使用的指标",
        "同一单位同一年度在两个及以上项目中使用完全相同的三级指标名称和指标值。",
        ("地区", "单位", "年度", "三级指标", "指标值", "项目数"),
        [r[:6] for r in rows],
        [(tuple(r[6]),) for r in rows],
    )


def compute_stats(
    root: Path,
    *,
    budget_change: float = 0.2,
    cost_z: float = 3.5,
    cost_min_group: int = 5,
    goal_similarity: float = 0.8,
    goal_pairs: int = 1000,
) -> list[StatTable]:
    """The statistics of the corpus at ``root`` (its Parquet tables read in place)."""
    return stats_on(
        connect(root),
        budget_change=budget_change,
        cost_z=cost_z,
        cost_min_group=cost_min_group,
        goal_similarity=goal_similarity,
        goal_pairs=goal_pairs,
    )


def stats_on(
    con: duckdb.DuckDBPyConnection,
    *,
    budget_change: float = 0.2,
    cost_z: float = 3.5,
    cost_min_group: int = 5,
    goal_similarity: float = 0.8,
    goal_pairs: int = 1000,
) -> list[StatTable]:
    """The statistics over the tables ``documents``, ``units``, ``projects``, ``indicators``,
    ``findings`` and ``failures`` of ``con`` (the corpus schema, ``schema.TABLES``), wherever
    they come from: a corpus's Parquet files or the workbench's stored documents.
    ``goal_pairs`` caps the listed near-duplicate goal pairs (their counts are complete)."""
    fmt = {"threshold": budget_change, "z": cost_z, "min_group": cost_min_group}
    overview = _rows(con, _OVERVIEW)
    # One row a rule; a rule with findings of two levels (VAL-08: one info for a document's
    # spelled-out units, warnings on other rows) names both.
    findings = [(c, _severities(s), *rest) for c, s, *rest in _rows(con, _FINDINGS)]
    goals = near_duplicate_goals(con, goal_similarity, goal_pairs)
    drift = _rows(con, _DRIFT)
    return [
        StatTable(
            "overview",
            "各单位各年度概况",
            "比例均为百分数。量化率：指标值含数值的比例；含糊表述：效益和满意度指标中没有数值、"
            "只有“有效改善”“明显提升”等措辞的比例；占位文字：名称或指标值仍是模板文字的比例。",
            (
                "地区",
                "单位",
                "年度",
                "项目数",
                "指标数",
                "每项目指标数",
                "量化率",
                "含计量单位",
                "含运算符",
                "含糊表述",
                "占位文字",
                "未填确定依据",
                "缺效益指标的项目",
                "缺满意度指标的项目",
                "审核错误",
                "平均得分",
                "预算（万元）",
            ),
            overview,
        ),
        StatTable(
            "reuse",
            "指标重复使用",
            "相同的三级指标名称和指标值：同一单位在多个项目中重复使用，或多个单位使用完全相同的设置。",
            ("范围", "年度", "重复的指标设置数", "使用次数", "最多使用"),
            _rows(con, _REUSE),
        ),
        StatTable(
            "top_reused",
            "最常被多个单位使用的指标设置",
            "按使用的单位数排序，前 30 条。",
            ("三级指标", "指标值", "单位数", "年度数", "使用次数"),
            _rows(con, _TOP_REUSED),
        ),
        StatTable(
            "unchanged",
            "逐年未变的指标值",
            "同一单位同一项目（按项目编码，无编码按名称）同名指标与上一年相比指标值完全相同的比例。",
            ("年度", "可比指标数", "未变", "未变比例"),
            _rows(con, _UNCHANGED),
        ),
        StatTable(
            "drift",
            "目标下调",
            "“≥”“>”或只写数值的目标比上一年调低（同一单位、同一项目、同名指标、同一计量单位）。",
            (
                "地区",
                "单位",
                "项目",
                "三级指标",
                "上年",
                "上年指标值",
                "本年",
                "本年指标值",
                "本年/上年(%)",
            ),
            [r[:9] for r in drift],
            [r[9:] for r in drift],
        ),
        StatTable(
            "near_duplicate_goals_by_year",
            "不同单位雷同的绩效目标（按年度统计）",
            "同一年度不同单位的项目绩效目标文字高度相似"
            f"（按字的三元组计算的 Jaccard 相似度 ≥ {goal_similarity}）的项目对数，"
            "其中文字完全相同的对数，以及涉及的单位数。",
            ("年度", "雷同的项目对", "其中文字完全相同", "涉及单位数"),
            list(goals.by_year),
        ),
        StatTable(
            "near_duplicate_goals",
            "不同单位雷同的绩效目标",
            "同一年度不同单位的项目绩效目标文字高度相似"
            f"（按字的三元组计算的 Jaccard 相似度 ≥ {goal_similarity}）。"
            f"按相似度从高到低列出，最多 {goal_pairs} 对；全部对数见按年度的统计。",
            ("单位甲", "年度", "项目甲", "单位乙", "年度", "项目乙", "相似度"),
            list(goals.rows),
        ),
        StatTable(
            "coherence",
            "预算与产出不匹配",
            f"与上一年相比预算变化超过 ±{budget_change:.0%}，而数量指标完全未变。",
            (
                "地区",
                "单位",
                "项目",
                "上年",
                "上年预算（万元）",
                "本年",
                "本年预算（万元）",
                "变化(%)",
            ),
            _rows(con, _COHERENCE.format(**fmt)),
        ),
        StatTable(
            "unit_cost",
            "单位成本异常",
            f"项目预算 ÷ 数量指标值，与同名同计量单位指标（至少 {cost_min_group} 个）的中位数相比，"
            f"稳健 z 值绝对值大于 {cost_z}。",
            (
                "地区",
                "单位",
                "年度",
                "项目",
                "三级指标",
                "指标值",
                "单位成本（元）",
                "同类中位数（元）",
                "同类数",
                "z 值",
            ),
            _rows(con, _UNIT_COST.format(**fmt)),
        ),
        StatTable(
            "level_mix",
            "一级/二级指标构成",
            "各年度各一级、二级指标的指标数及占当年全部指标的百分比（不含模板占位文字）。",
            ("年度", "一级指标", "二级指标", "指标数", "占比(%)", "单位数"),
            _rows(con, _LEVEL_MIX),
        ),
        StatTable(
            "findings",
            "审核意见分布",
            "各审核规则的意见条数，以及涉及的文件数和占全部文件的比例。",
            ("规则", "级别", "意见条数", "文件数", "文件占比(%)"),
            findings,
        ),
        StatTable(
            "failures",
            "未能读取的文件",
            "这些文件没有进入统计；说明中给出了原因和处理建议。",
            ("文件", "地区", "类别", "说明"),
            _rows(con, _FAILURES),
        ),
    ]
