"""Commands added by later features register their parsers with dashboard.cli on import.

Each module appends a function `extend(add)` to `dashboard.cli._EXTENSIONS`; `add(name, func,
help)` is the same helper the core commands use, so every command gets --format/--backend.
"""
from . import cli_check, cli_dashboard, cli_diff  # noqa: F401
