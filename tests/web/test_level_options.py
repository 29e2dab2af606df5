"""The editor's 一级/二级 menus (rendered once per selected label)."""

from __future__ import annotations

from jixiao.web.level_options import framework_labels, level1_options, level2_options


def test_the_current_label_is_the_one_selected() -> None:
    menu = str(level1_options("效益指标"))
    assert menu.count(" selected") == 1
    assert "<option selected>效益指标</option>" in menu
    assert [label for label in framework_labels() if f"<option>{label}</option>" in menu] == [
        label for label in framework_labels() if label != "效益指标"
    ]


def test_a_label_outside_the_framework_comes_first_and_selected() -> None:
    menu = str(level2_options("<自定义>指标"))
    assert menu.startswith("<option selected>&lt;自定义&gt;指标</option><optgroup")
    assert menu.count(" selected") == 1
    assert menu.count("<optgroup") == len(framework_labels())


def test_the_blank_row_selects_nothing() -> None:
    assert " selected" not in str(level1_options(None)) + str(level2_options(None))
    assert "<option>数量指标</option>" in str(level2_options(None))
