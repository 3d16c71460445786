"""`remit dashboard`: start the Streamlit app (the CLI starts it as a program; it never imports it)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .common import EXIT_OK, CommandError, add_command, open_backend

APP = Path(__file__).resolve().parents[1] / "dashboard" / "app.py"


def streamlit_command(port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(APP), "--server.headless", "true",
            "--server.port", str(port), "--browser.gatherUsageStats", "false"]


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
    if name == "neo4j":
        open_backend(argparse.Namespace(backend="neo4j"))  # fail now (exit 3), not inside the page
    print(f"remit: dashboard on http://localhost:{args.port} (backend: {name}); Ctrl+C stops it", file=sys.stderr,
          flush=True)
    command = streamlit_command(args.port)
    os.execvpe(command[0], command, env)
    return EXIT_OK  # not reached


def register(sub) -> None:
    p = add_command(sub, "dashboard", cmd_dashboard, "the Streamlit app (headless: open the printed address)", fmt=False)
    p.add_argument("--port", type=int, default=int(os.environ.get("REMIT_PORT", "8501")),
                   help="port to serve on (default: 8501)")

