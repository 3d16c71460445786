"""design.md's exit codes, defined once: the library's errors carry one, the command line exits with it.

0 success; 1 a check flagged a rule (`remit check` only); 2 bad input or usage; 3 the Neo4j
backend cannot be reached."""

from __future__ import annotations

EXIT_OK, EXIT_FLAGGED, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3
