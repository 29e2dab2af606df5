"""Review configuration: ``[tool.jixiao]`` in pyproject.toml or a ``jixiao.toml``.

```toml
[tool.jixiao]                 # in jixiao.toml: the same keys at the top level
profile = "default"           # default | central-2021 | legacy
select = ["STR", "VAL"]       # codes or prefixes; default: all
ignore = ["CNT-01"]
[tool.jixiao.severity]
"STR-09" = "info"
[tool.jixiao.params.STR-04]
june = 40
october = 80
[tool.jixiao.per-project-ignores]
"630-0401-JBN-XTGL" = ["DUP-01"]
[tool.jixiao.grading]
error = 10
[tool.jixiao.monitoring]      # 运行监控 thresholds: preset + overrides (jixiao.lifecycle.schemes)
preset = "sichuan"
[tool.jixiao.scoring]         # 自评 scoring scheme: preset + overrides
preset = "central"
```
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from jixiao._exceptions import JixiaoError
from jixiao.review.finding import Severity

__all__ = ["ConfigError", "GradingConfig", "Profile", "ReviewConfig", "find_config", "load_config"]

Profile = Literal["default", "central-2021", "legacy"]


class ConfigError(JixiaoError):
    """The review configuration cannot be used (a usage error: exit status 2)."""

    exit_code = 2


class GradingConfig(BaseModel):
    """Points deducted per finding (each 88号 dimension has 25 points) and grade cut-offs."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    error: float = 10.0
    warning: float = 4.0
    info: float = 1.0
    dimension_points: float = 25.0
    excellent: float = Field(90.0, alias="优")
    good: float = Field(75.0, alias="良")
    fair: float = Field(60.0, alias="中")
    grade_with_errors: Literal["优", "良", "中", "差"] = "中"
    """The best grade a project can get while an error-severity finding remains (88号: 中 =
    the unit revises and resubmits)."""


class ReviewConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    profile: Profile = "default"
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    params: dict[str, dict[str, Any]] = Field(default_factory=dict)
    per_project_ignores: dict[str, list[str]] = Field(
        default_factory=dict, alias="per-project-ignores"
    )
    grading: GradingConfig = Field(default_factory=GradingConfig)
    monitoring: dict[str, Any] = Field(default_factory=dict)
    """``[tool.jixiao.monitoring]``, read by ``jixiao.lifecycle.schemes.monitoring_scheme``."""
    scoring: dict[str, Any] = Field(default_factory=dict)
    """``[tool.jixiao.scoring]``, read by ``jixiao.lifecycle.schemes.scoring_scheme``."""


def find_config(start: Path) -> Path | None:
    """The nearest jixiao.toml, or pyproject.toml with a [tool.jixiao] table, from ``start`` up."""
    for folder in [start, *start.parents]:
        candidate = folder / "jixiao.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "jixiao" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None) -> ReviewConfig:
    if path is None:
        return ReviewConfig()
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("jixiao", {})
    try:
        return ReviewConfig.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            f"审核配置有误：{where}（{first['msg']}）",
            source=str(path),
            hint="请对照 docs/review.md 检查配置项名称和取值。",
        ) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"配置文件不是有效的 TOML（{exc}）", source=str(path)) from None
    except OSError:
        raise ConfigError("无法读取配置文件", source=str(path)) from None
