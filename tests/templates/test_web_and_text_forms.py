"""The same fixtures as saved web pages (HTML, MHTML) and as text copied from them (``|``
rows, tab rows, one cell per line). These need the HTML reader and the table-aware text
reader of issue 9, built in parallel: until they land these cases fail."""

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
