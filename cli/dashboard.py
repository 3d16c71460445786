"""`remit dashboard`: start the Streamlit app (the CLI starts it as a program; it never imports it)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .common import EXIT_OK, CommandError, Subparsers, add_command, open_backend

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"
# What `streamlit run` is given: app.py wrapped with the security headers (dashboard/server.py).
SERVER = APP.with_name("server.py")


DEFAULT_HOST = "127.0.0.1"  # the dashboard has no login: only this machine, unless --host says otherwise


def upload_limit_mb() -> int:
    """Streamlit's own upload cap (MB), from REMIT_UPLOAD_MAX_BYTES (the Load page checks it too)."""
    limit = int(os.environ.get("REMIT_UPLOAD_MAX_BYTES") or 5_000_000)
    return max(1, -(-limit // 1_000_000))


def streamlit_command(port: int, host: str = DEFAULT_HOST) -> list[str]:
    # Error details stay in the server's log: a page shows users a generic message, never a
    # traceback (which can carry file paths, settings or query text).
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(SERVER),
        "--server.headless",
        "true",
        "--server.address",
        host,
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.maxUploadSize",
        str(upload_limit_mb()),
        "--client.showErrorDetails",
        "none",
    ]


def cmd_dashboard(args: argparse.Namespace) -> int:
    """Start the Streamlit dashboard (headless: open the printed URL in a browser).

    The app reads the backend and the data folder from REMIT_BACKEND and REMIT_DATA, which this
    command sets from --backend and --data."""
    env = dict(os.environ)
    if args.backend:
        env["REMIT_BACKEND"] = args.backend
    if args.data:
        data = Path(args.data)
        if not data.exists():
            raise CommandError(f"--data {args.data}: no such file or folder")
        env["REMIT_DATA"] = str(data.resolve())
    name = env.get("REMIT_BACKEND") or "memory"
    if name not in ("memory", "neo4j"):
        raise CommandError(f"unknown backend '{name}' (use memory or neo4j)")
    if args.overlay:
        # Laid over the server's files for every visitor (each visitor's own decisions come on top);
        # read now, so a bad overlay is FILE:LINE and exit 2 here, not a message inside the page.
        from remit.loader import InvalidStructureFiles
        from remit.loader.overlay import read_overlay

        if name != "memory":
            raise CommandError("--overlay with --backend neo4j: load it with `remit load PATH --overlay FILE`")
        problems = [p for f in args.overlay for p in read_overlay(Path(f))[1]]
        if problems:
            raise InvalidStructureFiles(problems)
        env["REMIT_OVERLAYS"] = os.pathsep.join(str(Path(f).resolve()) for f in args.overlay)
    if name == "neo4j":
        open_backend(argparse.Namespace(backend="neo4j"))  # fail now (exit 3), not inside the page
    where = "localhost" if args.host == DEFAULT_HOST else args.host
    print(
        f"remit: dashboard on http://{where}:{args.port} (backend: {name}); Ctrl+C stops it",
        file=sys.stderr,
        flush=True,
    )
    if args.host != DEFAULT_HOST:
        print(
            f"remit: listening on {args.host}: the dashboard has no login; put it behind a proxy with "
            "authentication before exposing it",
            file=sys.stderr,
            flush=True,
        )
    command = streamlit_command(args.port, args.host)
    os.execvpe(command[0], command, env)
    return EXIT_OK  # not reached


def register(sub: Subparsers) -> None:
    p = add_command(
        sub, "dashboard", cmd_dashboard, "the Streamlit app (headless: open the printed address)", fmt=False
    )
    p.add_argument(
        "--port", type=int, default=int(os.environ.get("REMIT_PORT", "8501")), help="port to serve on (default: 8501)"
    )
    p.add_argument(
        "--host",
        default=os.environ.get("REMIT_HOST", DEFAULT_HOST),
        help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for every interface)",
    )
