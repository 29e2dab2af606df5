"""Every template family (templates.md §1) built as DOCX, XLSX and PDF by our own writers and
read back: the model must hold, field by field, what the fixture says."""

from __future__ import annotations

import pytest

from tests.templates._read import read_fixture
from tests.templates.builders import PAGED_FORMS
from tests.templates.compare import compare
from tests.templates.layouts import FAMILIES


@pytest.mark.slow
@pytest.mark.parametrize("form", PAGED_FORMS)
@pytest.mark.parametrize("family", FAMILIES)
def test_family_read_back_field_by_field(family: str, form: str) -> None:
    doc = read_fixture(family, form)
    result = compare(family, doc)
    assert result.checked > 50
    assert not result.differences, f"{family} × {form}:\n{result.report()}"
