"""Build the `remit` parser from the command list and run a command with design.md's exit codes."""

from __future__ import annotations

import argparse
import importlib
import sys

from remit.extensions import COMMANDS

from .common import EXIT_OK, EXIT_USAGE, CommandError
from .terminal import shown_as_text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="remit",
        description="Who answers for what in a council's senior structure, and what a restructure changes.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:  # each a module with register(subparsers), listed in remit.extensions
        importlib.import_module(name).register(sub)
    return parser


def command_names() -> list[str]:
    return list(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    with shown_as_text(getattr(args, "format", None)):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from remit.loader import InvalidStructureFiles

    try:
        return args.func(args)
    except InvalidStructureFiles as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"remit: {len(exc.problems)} problem(s); nothing was loaded", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as exc:
        print(f"remit: {exc}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("remit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
