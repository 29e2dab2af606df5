"""The same fixtures as saved web pages (HTML in UTF-8 and GBK, MHTML) and as text copied from
them (``|`` rows, tab rows, space-aligned columns, one cell per line), read by the HTML reader
and the table-aware text reader of issue 9.

Copied text loses the merges: one cell per line drops every blank cell, so rows under a
merged 一级指标 have fewer lines than the header has columns, and the reader has to re-align
them (it warns ``cell_lines_ambiguous`` when it cannot); space-aligned columns lose a column
that is blank below its header (the 绩效指标 group label), which the reader keeps from the
first header row. Every family reads back right in every form."""

from __future__ import annotations

import pytest

from tests.templates._read import read_fixture
from tests.templates.builders import WEB_AND_TEXT_FORMS
from tests.templates.compare import compare
from tests.templates.layouts import FAMILIES


@pytest.mark.slow
@pytest.mark.parametrize("form", WEB_AND_TEXT_FORMS)
@pytest.mark.parametrize("family", FAMILIES)
def test_family_read_back_field_by_field(family: str, form: str) -> None:
    doc = read_fixture(family, form)
    result = compare(family, doc)
    assert result.checked > 50
    assert not result.differences, f"{family} × {form}:\n{result.report()}"


@pytest.mark.parametrize("form", ["text-lines", "text-pipe", "html"])
def test_unknown_column_title_kept_and_said(form: str) -> None:
    """E3's 数据来源 is in no dictionary: its column is kept (checked field by field above)
    and each project says so, also when one cell per line hides where the header ends."""
    doc = read_fixture("E3", form)
    unknown = [w for w in doc.warnings if w.code == "columns_unrecognised"]
    assert len(unknown) == len(doc.projects) == 2
    assert all("“数据来源”" in w.message for w in unknown)
    assert not [w for w in doc.warnings if w.code == "cell_lines_ambiguous"]
    # each kept cell says where it was printed
    extras = [e for p in doc.projects for i in p.indicators for e in i.extra]
    assert extras and all(e.label == "数据来源" for e in extras)
    for e in extras:
        assert e.source is not None and e.source.table is not None
        assert e.source.line is not None if form.startswith("text") else e.source.col is not None
