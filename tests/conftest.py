from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

EXAMPLES = Path(str(files("jixiao") / "examples"))
SEEDS = {path.name[:3]: path for path in sorted(EXAMPLES.glob("*.txt"))}
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="session")
def seed_paths() -> dict[str, Path]:
    return SEEDS
