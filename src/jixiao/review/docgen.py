"""The rule reference, generated from the registry (``docs/rules-reference.md``).

Everything comes from the rule classes themselves: metadata from their class attributes, the
text from their docstring sections, parameters and defaults from their ``Params`` model,
profile overrides from ``profiles.py``, and whether a fix is offered from running the rule on its
own ``bad()`` example. ``jixiao rules CODE`` prints the same text for one rule. Regenerate with::

    python -m jixiao.review.docgen > docs/rules-reference.md

(``tests/review/test_docs.py`` fails when the file is out of date.)
"""

from __future__ import annotations

import inspect
import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from pydantic_core import PydanticUndefined

import jixiao
from jixiao.review.config import ReviewConfig
from jixiao.review.engine import review
from jixiao.review.output.labels import SEVERITY_LABELS
from jixiao.review.profiles import PROFILE_PARAMS, PROFILE_SEVERITY
from jixiao.review.registry import all_rules
from jixiao.review.rule import Rule

__all__ = [
    "ParamDoc",
    "fix_availability",
    "main",
    "markdown_text",
    "render_rule_reference",
    "rule_markdown",
    "rule_params",
    "rule_sections",
    "source_path",
    "toml_value",
]

STATUS_LABELS = {"stable": "稳定", "preview": "预览", "deprecated": "已弃用", "removed": "已移除"}
REGENERATE = "python -m jixiao.review.docgen > docs/rules-reference.md"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def rule_sections(rule: type[Rule]) -> tuple[str, list[tuple[str, str]]]:
    """The docstring's summary (text before the first ``## `` heading) and its sections as
    ``(title, body)`` pairs, in order, dedented."""
    text = inspect.cleandoc(rule.__doc__ or "")
    parts = re.split(r"^## +(.+?)\s*$", text, flags=re.MULTILINE)
    summary = parts[0].strip()
    sections = [(parts[i].strip(), parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]
    return summary, sections


@dataclass(frozen=True)
class ParamDoc:
    name: str
    type: str
    default: str


def toml_value(value: Any) -> str:
    """A Python default as it is written in jixiao.toml."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return "[" + ", ".join(toml_value(item) for item in items) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    if value is None:
        return "（无）"
    return str(value)


def _type_name(annotation: Any) -> str:
    if isinstance(annotation, type) and not getattr(annotation, "__args__", None):
        return annotation.__name__
    return re.sub(r"\b(?:typing|decimal|builtins)\.", "", str(annotation))


def rule_params(rule: type[Rule]) -> list[ParamDoc]:
    """The rule's parameters: name (as written in the configuration), type and default (as
    TOML). What each one means is the rule's ``## 配置`` section, in Chinese."""
    params = []
    for name, info in rule.Params.model_fields.items():
        if info.default is not PydanticUndefined:
            default = toml_value(info.default)
        elif info.default_factory is not None:
            default = toml_value(info.default_factory())  # type: ignore[call-arg]
        else:
            default = "（必填）"
        params.append(
            ParamDoc(name=info.alias or name, type=_type_name(info.annotation), default=default)
        )
    return params


def _declared_fixes(rule: type[Rule]) -> set[str]:
    """The fix safeties the rule's ``## 修正`` section promises (安全修正 / 不安全修正)."""
    text = dict(rule_sections(rule)[1]).get("修正", "")
    without_unsafe = re.sub(r"[不非]安全修正", "", text)
    declared = set()
    if without_unsafe != text:
        declared.add("unsafe")
    if "安全修正" in without_unsafe:
        declared.add("safe")
    return declared


@cache
def fix_availability(code: str) -> str:
    """``安全`` (a safe fix, applied by ``--fix``), ``需确认`` (only an unsafe fix, shown as a
    suggestion) or ``否``: from the fixes the rule offers on its own ``bad()`` example and
    those its ``## 修正`` section promises (some fixes apply only to some cases)."""
    rule = all_rules()[code]
    try:
        config = ReviewConfig(select=[code], params={code: rule.example_params()})
        findings = review(rule.bad(), config).findings
    except Exception:  # a rule under construction: fall back on what its docs say
        findings = []
    safeties = {f.fix.safety for f in findings if f.fix is not None} | _declared_fixes(rule)
    if "safe" in safeties:
        return "安全"
    return "需确认" if "unsafe" in safeties else "否"


def source_path(rule: type[Rule]) -> str:
    """The rule's module in the repository: ``src/jixiao/review/rules/str_02_budget_sum.py``."""
    path = Path(inspect.getfile(rule)).resolve()
    package = Path(jixiao.__file__).resolve().parent
    try:
        return f"src/jixiao/{path.relative_to(package).as_posix()}"
    except ValueError:
        return path.name


def _profile_notes(code: str) -> list[str]:
    notes = []
    for profile, params in PROFILE_PARAMS.items():
        if code in params:
            values = "，".join(f"`{k} = {toml_value(v)}`" for k, v in params[code].items())
            notes.append(f"配置档 `{profile}`：{values}")
    for profile, severities in PROFILE_SEVERITY.items():
        if code in severities:
            severity = severities[code]
            notes.append(f"配置档 `{profile}`：级别改为{SEVERITY_LABELS[severity]}（`{severity}`）")
    return notes


def _merge_notes(rule: type[Rule]) -> list[str]:
    """How the report merges this rule's findings (``jixiao.review.merge``), when it declares it."""
    notes = []
    if rule.merge_rows:
        notes.append("同一项目中多行有此问题时，报告为一条意见，并列出其余各行。")
    if rule.merge_projects:
        notes.append("多个项目有完全相同的此问题时，报告为一条针对全文的意见，并列出各项目。")
    return [f"合并：{''.join(notes)}", ""] if notes else []


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


_BLOCK_START = re.compile(r"^(?:[-*+] |\d+[.、)] |\||>|```|反例|正例)")
_CJK_EDGE = re.compile(r"[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef“”‘’]")


def _join(left: str, right: str) -> str:
    """Join a wrapped line: no space between Chinese text (a space would show), else one."""
    if left and right and (_CJK_EDGE.match(left[-1]) or _CJK_EDGE.match(right[0])):
        return left + right
    return f"{left} {right}"


def markdown_text(body: str) -> str:
    """A docstring section as Markdown: lines wrapped in the source are joined again, each
    remaining line (反例, 正例, a sentence on its own line) becomes its own paragraph, list
    items and tables stay together, and fenced code is kept as is."""
    out: list[str] = []
    in_code = False
    for raw in body.splitlines():
        line = raw.rstrip()
        if line.startswith("```"):
            if not in_code and out and out[-1] != "":
                out.append("")
            in_code = not in_code
            out.append(line)
            continue
        if in_code:
            out.append(line)
            continue
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        stripped = line.strip()
        previous = out[-1] if out else ""
        starts_block = bool(_BLOCK_START.match(stripped))
        if (
            previous
            and not previous.startswith("```")
            and not starts_block
            and not line.startswith("    ")
        ):
            out[-1] = _join(previous, stripped)
            continue
        if previous and not (
            _BLOCK_START.match(previous) and starts_block and previous[0] == stripped[0]
        ):
            out.append("")
        out.append(stripped if not line.startswith("    ") else line)
    return "\n".join(out).strip("\n")


def _config_section(rule: type[Rule], body: str) -> list[str]:
    """The ``## 配置`` prose plus the generated parameter table, TOML snippet and profiles."""
    lines = [markdown_text(body), ""] if body else []
    params = rule_params(rule)
    if params:
        lines += ["| 参数 | 类型 | 默认值 |", "|---|---|---|"]
        lines += [f"| `{p.name}` | `{_cell(p.type)}` | `{_cell(p.default)}` |" for p in params]
        lines += [
            "",
            "在 `pyproject.toml` 中修改（在 `jixiao.toml` 中去掉 `tool.jixiao.` 前缀）：",
            "",
            "```toml",
            f"[tool.jixiao.params.{rule.code}]",
            *(f"{p.name} = {p.default}" for p in params if p.default != "（必填）"),
            "```",
            "",
        ]
    notes = _profile_notes(rule.code)
    if notes:
        lines += [*(f"- {note}" for note in notes), ""]
    return lines


def rule_markdown(rule: type[Rule], *, level: int = 2) -> str:
    """One rule's documentation as Markdown; its title is a heading of ``level``."""
    head = "#" * level
    sub = "#" * (level + 1)
    summary, sections = rule_sections(rule)
    if not any(title == "配置" for title, _ in sections):
        sections.append(("配置", ""))
    lines = [f"{head} {rule.code} {rule.name}", ""]
    if summary:
        lines += [markdown_text(summary), ""]
    lines += [
        "| 维度 | 级别 | 依据 | 自动修正 | 状态 |",
        "|---|---|---|---|---|",
        f"| {rule.dimension} | {SEVERITY_LABELS[rule.severity]}（`{rule.severity}`） "
        f"| {_cell(rule.source)} | {fix_availability(rule.code)} "
        f"| {STATUS_LABELS.get(rule.status, rule.status)} |",
        "",
    ]
    lines += _merge_notes(rule)
    for title, body in sections:
        lines += [f"{sub} {title}", ""]
        if title == "配置":
            lines += _config_section(rule, body)
        elif body:
            lines += [markdown_text(body), ""]
    lines += [f"源代码：`{source_path(rule)}`", ""]
    return "\n".join(lines)


def render_rule_reference() -> str:
    """The whole reference: an index table, then one section per rule, in code order."""
    rules = all_rules()
    lines = [
        "# 审核规则参考",
        "",
        "<!-- 本文件由代码生成，请勿手工修改。重新生成：",
        f"     {REGENERATE} -->",
        "",
        f"共 {len(rules)} 条规则。级别是默认级别，可在配置中按规则修改"
        "（`[tool.jixiao.severity]`）；"
        "“自动修正”为“安全”的规则，其修正只改格式、不改含义，由 `jixiao review --fix` 自动应用；"
        "“需确认”的修正只作为建议显示。单条规则的说明也可用 `jixiao rules 规则编码` 查看。",
        "",
        "| 编码 | 名称 | 维度 | 级别 | 自动修正 |",
        "|---|---|---|---|---|",
    ]
    for code, rule in rules.items():
        lines.append(
            f"| [{code}](#{code.lower()}) | {_cell(rule.name)} | {rule.dimension} "
            f"| {SEVERITY_LABELS[rule.severity]} | {fix_availability(code)} |"
        )
    lines.append("")
    for code, rule in rules.items():
        lines += [f'<a id="{code.lower()}"></a>', "", rule_markdown(rule, level=2)]
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> None:
    """Write the reference to standard output as UTF-8 (whatever the locale)."""
    sys.stdout.buffer.write(render_rule_reference().encode("utf-8"))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
