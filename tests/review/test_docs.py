"""The review docs cannot drift from the code: the rule reference is generated from the registry,
and docs/review.md names every configuration key and profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.review import all_rules
from jixiao.review.config import GradingConfig, ReviewConfig
from jixiao.review.docgen import (
    REGENERATE,
    markdown_text,
    render_rule_reference,
    rule_params,
    rule_sections,
)
from jixiao.review.profiles import PROFILE_PARAMS
from jixiao.review.rule import DOC_SECTIONS

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_rule_reference_is_up_to_date() -> None:
    expected = render_rule_reference()
    actual = (DOCS / "rules-reference.md").read_text(encoding="utf-8")
    assert actual == expected, (
        f"docs/rules-reference.md is out of date; regenerate it: {REGENERATE}"
    )


def test_rule_reference_documents_every_rule() -> None:
    text = render_rule_reference()
    for code, rule in all_rules().items():
        assert f"| [{code}](#{code.lower()}) | {rule.name} |" in text
        assert f'<a id="{code.lower()}"></a>\n\n## {code} {rule.name}\n' in text


@pytest.mark.parametrize("code", list(all_rules()))
def test_every_docstring_section_is_rendered(code: str) -> None:
    rule = all_rules()[code]
    summary, sections = rule_sections(rule)
    assert summary
    assert [f"## {title}" for title, _ in sections] == list(DOC_SECTIONS)
    for param in rule_params(rule):
        assert param.name in rule.Params.model_fields or any(
            f.alias == param.name for f in rule.Params.model_fields.values()
        )


def test_wrapped_lines_are_joined_and_examples_kept_apart() -> None:
    lines = [
        "缺少以下任一项：项目编码、",
        "项目名称。按 `field`",
        "报告。",
        "反例：甲。",
        "正例：乙。",
    ]
    body = "\n".join([*lines, "", "- 一", "- 二"])
    expected = "缺少以下任一项：项目编码、项目名称。按 `field`报告。\n\n反例：甲。\n\n正例：乙。"
    assert markdown_text(body) == expected + "\n\n- 一\n- 二"
    assert markdown_text("see the\nmodule docs\n```toml\na = 1\nb = 2\n```") == (
        "see the module docs\n\n```toml\na = 1\nb = 2\n```"
    )


def test_review_doc_names_every_config_key_and_profile() -> None:
    text = (DOCS / "review.md").read_text(encoding="utf-8")
    keys = [field.alias or name for name, field in ReviewConfig.model_fields.items()]
    keys += [field.alias or name for name, field in GradingConfig.model_fields.items()]
    missing = [key for key in keys if f"`{key}`" not in text]
    assert not missing, f"docs/review.md does not mention {missing}"
    for profile in PROFILE_PARAMS:
        assert f"`{profile}`" in text
