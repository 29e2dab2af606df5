"""Text copied one cell per line: a money-unit line among the header values (单位：万元 beside
the unit's name) is a row of its own. It once stopped the reader making progress (the same
line added as a row again and again until memory ran out)."""

from __future__ import annotations

from decimal import Decimal

from jixiao import read_bytes

TEXT = """1、学前教育幼儿资助资金绩效目标表
130821某县教育和体育局
单位：万元
项目编码
13082124P0001203
项目名称
学前教育幼儿资助资金
预算数
86.40
绩效目标
资助家庭经济困难幼儿864人次。
一级指标
二级指标
三级指标
指标值
产出指标
数量指标
资助幼儿人次
≥864人次
"""


def test_a_money_unit_line_between_values_is_read_once() -> None:
    doc = read_bytes(TEXT.encode("utf-8"), name="copied.txt")
    (project,) = doc.projects
    assert project.name == "学前教育幼儿资助资金"
    assert project.money_unit == "万元"
    assert project.budget.total == Decimal("86.40")
    assert [i.name for i in project.indicators] == ["资助幼儿人次"]
