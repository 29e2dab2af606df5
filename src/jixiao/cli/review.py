"""What ``jixiao review`` does besides printing: the configuration, rule codes, safe fixes.

Kept apart from ``main.py`` (which declares the commands) so the logic can be tested without a
command line. Problems with the command line or the configuration raise ``UsageProblem`` or
``ConfigError`` (exit status 2); nothing here prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from jixiao.cli._common import STDIN_NAME, output_name
from jixiao.model import Document
from jixiao.review.config import ConfigError, Profile, ReviewConfig, find_config, load_config
from jixiao.review.docgen import toml_value
from jixiao.review.engine import build_rules, review
from jixiao.review.finding import Finding
from jixiao.review.fixes import AppliedEdit, apply_safe_fixes
from jixiao.review.output.labels import describe_position, field_label
from jixiao.review.profiles import PROFILE_PARAMS
from jixiao.review.registry import all_rules, known_pattern
from jixiao.review.report import Report

__all__ = [
    "FORMATS",
    "MAX_FIX_PASSES",
    "PROFILES",
    "STDIN_NAME",
    "FixResult",
    "UsageProblem",
    "check_usage",
    "describe_edit",
    "fix_and_review",
    "output_target",
    "parse_codes",
    "resolve_config",
    "write_bytes",
]

FORMATS = ("text", "json", "html", "xlsx")
PROFILES: tuple[Profile, ...] = ("default", "central-2021", "legacy")
MAX_FIX_PASSES = 10
"""Fixes are applied, the document reviewed again and new safe fixes applied, until nothing
changes (a fix can only be applied when its text is still as the finding saw it)."""

_CODE_SPLIT = re.compile(r"[\s,，、;；]+")
_EDIT_PATH = re.compile(r"projects\[(\d+)\]\.(.+)")


class UsageProblem(Exception):
    """The command line asks for something that cannot be done; ``str()`` is Chinese."""


def check_usage(fmt: str, given: str, output: Path | None, *, fix: bool, several: bool) -> None:
    """Refuse combinations of --format, -o and --fix that cannot work (``fmt`` is the
    normalised format, ``given`` as typed)."""
    if fmt not in FORMATS:
        raise UsageProblem(f"不支持的输出格式“{given}”，请使用 text、json、html 或 xlsx。")
    if fix and output is None:
        raise UsageProblem("使用 --fix 时须用 -o 指定修正后文档的保存位置（多个文件时为目录）。")
    if fix and fmt in ("html", "xlsx"):
        raise UsageProblem(
            "使用 --fix 时 -o 用于保存修正后的文档，审核结果只能以 text 或 json 输出到标准输出。"
            "请先修正，再对修正后的文件生成 html 或 xlsx 报告。"
        )
    if fmt in ("html", "xlsx") and output is None:
        raise UsageProblem(
            f"{fmt} 格式须用 -o 指定输出文件"
            + ("（审核多个文件时为目录）。" if several else f"，如 -o 审核意见.{fmt}。")
        )
    if output is not None and several and (fix or fmt in ("html", "xlsx")) and output.is_file():
        raise UsageProblem(f"审核多个文件时 -o 应为目录，而 {output} 是一个文件。")
    if output is not None and not fix and fmt in ("text", "json") and output.is_dir():
        raise UsageProblem(f"{fmt} 格式的 -o 应为文件，而 {output} 是一个目录。")


def output_target(output: Path, source: Path, suffix: str, used: set[str], several: bool) -> Path:
    """Where one input's html/xlsx report or fixed JSON goes: ``output`` itself for one input
    (or ``output/<name><suffix>`` when it is an existing directory), else
    ``output/<name><suffix>``, numbered when two inputs share a name."""
    if not several and not output.is_dir():
        return output
    return output / output_name(source, suffix, used)


def write_bytes(target: Path, data: bytes) -> None:
    """Write a file, creating its folder if needed (raises ``OSError``)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def parse_codes(values: list[str] | None, option: str) -> list[str] | None:
    """``["STR-02,VAL", "DUP-01"]`` → ``["STR-02", "VAL", "DUP-01"]``, each checked to be a
    rule code, a renamed code or a family prefix (``VAL``); ``None`` when not given."""
    if not values:
        return None
    codes: list[str] = []
    unknown: list[str] = []
    for value in values:
        for part in _CODE_SPLIT.split(value.strip()):
            if not part:
                continue
            if known_pattern(part):
                codes.append(part.upper())
            else:
                unknown.append(part)
    if unknown:
        raise UsageProblem(
            f"{option} 中有不存在的规则编码：{'、'.join(unknown)}（用 jixiao rules 查看全部规则）"
        )
    if not codes:
        raise UsageProblem(f"{option} 后面没有规则编码")
    return codes


def resolve_config(
    config_path: Path | None,
    *,
    profile: str | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    cwd: Path | None = None,
) -> tuple[ReviewConfig, Path | None]:
    """The configuration to review with, and the file it came from.

    ``config_path`` if given (it must exist), else the nearest ``jixiao.toml`` or
    ``pyproject.toml`` with ``[tool.jixiao]`` from ``cwd`` up, else the defaults. Command-line
    values then apply as in ruff: ``profile`` replaces the file's; ``select`` replaces the file's
    selection *and* its ignore list (what was asked for by name runs); ``ignore`` adds to the
    file's ignore list. Raises ``ConfigError`` for an unusable file or unknown codes in it.
    """
    if config_path is not None:
        if not config_path.is_file():
            raise ConfigError(
                "配置文件不存在" if not config_path.exists() else "这不是一个文件",
                source=str(config_path),
                hint="请检查 --config 的路径。",
            )
        path: Path | None = config_path
    else:
        path = find_config(cwd or Path.cwd())
    config = load_config(path)
    if profile is not None:
        if profile not in PROFILES:
            raise UsageProblem(f"没有这个配置档：{profile}（可选：{'、'.join(PROFILES)}）")
        config = config.model_copy(update={"profile": profile})
    if select is not None:
        config = config.model_copy(update={"select": select, "ignore": list(ignore or [])})
    elif ignore:
        config = config.model_copy(update={"ignore": [*config.ignore, *ignore]})
    _check_params(config, path)
    try:
        build_rules(config)  # unknown codes in the file: fail before reading any input
    except ConfigError as err:
        if err.source is None and path is not None:
            err.source = str(path)
        raise
    return config, path


_PYDANTIC_MESSAGES = {
    "extra_forbidden": "没有这个参数",
    "missing": "缺少此参数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数值",
    "float_type": "应为数值",
    "decimal_parsing": "应为数值",
    "decimal_type": "应为数值",
    "string_type": "应为文字（用引号括起）",
    "list_type": '应为列表，如 ["甲", "乙"]',
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than": "数值过大",
    "less_than_equal": "数值过大",
    "literal_error": "取值不在允许的范围内",
}


def _check_params(config: ReviewConfig, path: Path | None) -> None:
    """Each rule's parameters from the file, checked with a Chinese message naming the
    parameter (the engine would report pydantic's English text)."""
    rules = all_rules()
    for code, values in config.params.items():
        rule = rules.get(code)
        if rule is None:
            continue  # build_rules reports unknown codes
        merged = {**PROFILE_PARAMS[config.profile].get(code, {}), **values}
        try:
            rule.Params.model_validate(merged)
        except ValidationError as exc:
            problems = []
            for error in exc.errors():
                name = ".".join(str(part) for part in error["loc"]) or "（参数）"
                reason = _PYDANTIC_MESSAGES.get(error["type"], error["msg"])
                given = "" if error["type"] == "missing" else f"，现为 {toml_value(error['input'])}"
                problems.append(f"{name} {reason}{given}")
            raise ConfigError(
                f"规则 {code} 的参数有误：{'；'.join(problems)}",
                source=str(path) if path is not None else None,
                hint=f"用 jixiao rules {code} 查看该规则的参数及默认值。",
            ) from None


@dataclass
class FixResult:
    document: Document
    report: Report
    """The review of the fixed document."""
    applied: list[AppliedEdit] = field(default_factory=list)


def fix_and_review(doc: Document, config: ReviewConfig) -> FixResult:
    """Apply safe fixes until none applies (at most ``MAX_FIX_PASSES`` rounds) and review the
    result."""
    report = review(doc, config)
    applied: list[AppliedEdit] = []
    for _ in range(MAX_FIX_PASSES):
        fixed, edits = apply_safe_fixes(doc, report.findings)
        if not edits:
            break
        applied.extend(edits)
        doc = fixed
        report = review(doc, config)
    return FixResult(document=doc, report=report, applied=applied)


def _quote(value: str | None) -> str:
    return "（空）" if value is None or value == "" else f"“{value}”"


def describe_edit(doc: Document, edit: AppliedEdit) -> str:
    """One applied fix in Chinese: which project, where, old → new, and the rule.

    ``doc`` is the document before the fix (for the project's and indicator's names).
    """
    where = edit.path
    match = _EDIT_PATH.fullmatch(edit.path)
    if match is not None and int(match.group(1)) < len(doc.projects):
        project = doc.projects[int(match.group(1))]
        rest = match.group(2)
        indicator = re.match(r"indicators\[(\d+)\]", rest)
        probe = Finding(  # a stand-in finding, to describe the place as findings are
            code=edit.code,
            severity="info",
            dimension="规范性",
            message="",
            project_seq=project.seq,
            indicator_index=int(indicator.group(1)) if indicator else None,
            field=rest,
        )
        name = f"{project.code} {project.name}" if project.code else project.name
        where = f"项目 {project.seq}（{name}）{describe_position(probe, project)}"
    else:
        where = field_label(edit.path)
    return f"{where}：{_quote(edit.old)} → {_quote(edit.new)}（{edit.code}，{edit.path}）"
