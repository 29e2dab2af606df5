"""The example documents every benchmark starts from (run as scripts: ``benchmarks/`` is on
``sys.path``)."""

from __future__ import annotations

from importlib.resources import files


def seed_files() -> list[tuple[str, bytes]]:
    """The four seed text files shipped with jixiao, as (file name, bytes), in name order."""
    examples = files("jixiao") / "examples"
    entries = sorted(
        (e for e in examples.iterdir() if e.name.endswith(".txt")), key=lambda e: e.name
    )
    return [(e.name, e.read_bytes()) for e in entries]
