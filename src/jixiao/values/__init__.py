"""The indicator value grammar: printed 指标值 text <-> ``IndicatorValue``.

See ``docs/value-grammar.md`` for the grammar, the operator words and the anomaly codes.
"""

from jixiao.values.anomalies import ANOMALIES as ANOMALIES
from jixiao.values.grammar import parse_value as parse_value
from jixiao.values.render import render_value as render_value

__all__ = ["ANOMALIES", "parse_value", "render_value"]
