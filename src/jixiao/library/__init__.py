"""An indicator library mined from documents: normalised 三级指标 names clustered with their
frequency, value distribution, level-1/level-2 and the units that use them.

``build`` makes one from indicator records (a corpus or the workbench's documents), ``model``
holds it (a JSON file), ``peers`` judges a value against it (the editor's hints, rule VAL-16).
"""

from jixiao.library.build import IndicatorRecord, build_library
from jixiao.library.model import Entry, Library, ValueStats, load_library
from jixiao.library.names import normalise_name

__all__ = [
    "Entry",
    "IndicatorRecord",
    "Library",
    "ValueStats",
    "build_library",
    "load_library",
    "normalise_name",
]
