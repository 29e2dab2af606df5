"""The ``jixiao`` command line (typer + rich); all user-visible text is Chinese."""
