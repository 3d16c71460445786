"""The `remit` command line: a thin layer over remit.queries and remit.loader, as sqlite-utils is
over its library. Commands are listed in `remit.cli.main.COMMANDS`; each lives in its own module
with a `register(subparsers)`."""

from .main import main

__all__ = ["main"]
