"""Options several commands share, so each reads and is documented the same way."""

from __future__ import annotations

from typing import Any

import typer

__all__ = ["FormatOption", "OutputOption"]


def FormatOption(help_text: str) -> Any:
    """``--format`` / ``-f``: the output format; each command lists its formats in ``help_text``."""
    return typer.Option("--format", "-f", metavar="格式", help=help_text, show_default=False)


def OutputOption(help_text: str, metavar: str = "路径") -> Any:
    """``--output`` / ``-o``: where the output is written (a file, or a folder for several)."""
    return typer.Option("--output", "-o", metavar=metavar, help=help_text, show_default=False)
