"""Profiles: which template generation a document follows changes what some rules expect.

- ``default``: the 88号-era local templates the seeds use (成本 as a 二级 under 产出 allowed).
- ``central-2021``: 财预〔2021〕101号 central template: 成本指标 required as a 一级, and the
  old label 效果指标 no longer accepted.
- ``legacy``: 2020-style templates: 效果指标 accepted, 指标值确定依据 often absent (info only).
"""

from __future__ import annotations

from typing import Any

from jixiao.review.finding import Severity

__all__ = ["PROFILE_PARAMS", "PROFILE_SEVERITY"]

PROFILE_PARAMS: dict[str, dict[str, dict[str, Any]]] = {
    "default": {},
    "central-2021": {
        "STR-06": {"require_cost_level1": True},
        "STR-07": {"accept_legacy_labels": False},
    },
    "legacy": {},
}

PROFILE_SEVERITY: dict[str, dict[str, Severity]] = {
    "default": {},
    "central-2021": {},
    "legacy": {"STR-09": "info"},
}
