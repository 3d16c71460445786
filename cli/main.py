"""Build the `remit` parser from the command list and run a command with design.md's exit codes."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import NoReturn

from remit.extensions import COMMANDS

from .common import EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE, CommandError
from .terminal import stderr_as_text, stdout_as_text


class Parser(argparse.ArgumentParser):
    """argparse's parser, but a usage error is a CommandError (exit 2, "remit: ..." on stderr, after
    the usage line) returned by main() like every other, instead of argparse's sys.exit."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        command = self.prog.removeprefix("remit").strip()  # "ask" for `remit ask`, "" for remit itself
        raise CommandError(f"{command}: {message}" if command else message)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="remit",
        description="Who answers for what in a council's senior structure, and what a restructure changes.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:  # each a module with register(subparsers), listed in remit.extensions
        importlib.import_module(name).register(sub)
    return parser


def subcommands(parser: argparse.ArgumentParser) -> argparse._SubParsersAction[argparse.ArgumentParser]:
    """The parser's list of sub-commands (argparse keeps no public handle on it)."""
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def command_names() -> list[str]:
    return list(subcommands(build_parser()).choices)


def main(argv: list[str] | None = None) -> int:
    with stderr_as_text():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    from remit.formats.spreadsheet import raw_cells
    from remit.loader import InvalidStructureFiles
    from remit.loader.text import visible
    from remit.queries.backend import BackendError

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return EXIT_USAGE
        with stdout_as_text(getattr(args, "format", None)), raw_cells(getattr(args, "raw_csv", False)):
            code: int = args.func(args)
        return code
    except InvalidStructureFiles as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"remit: {len(exc.problems)} problem(s); nothing was loaded", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as exc:
        print(f"remit: {exc}", file=sys.stderr)
        return exc.code
    except BackendError as exc:  # a store failing during a command: its message and exit code, no traceback
        print(f"remit: {visible(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        # The connection lost midway (the server stopped): a message and exit 3, not the driver's traceback.
        # The driver is imported only by commands that use Neo4j; without it nothing here can be its error.
        driver_error = getattr(sys.modules.get("neo4j.exceptions"), "DriverError", None)
        if driver_error is None or not isinstance(exc, driver_error):
            raise
        print("remit: the database (Neo4j) stopped answering during the command; nothing was changed", file=sys.stderr)
        return EXIT_UNREACHABLE
    except KeyboardInterrupt:
        print("remit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
