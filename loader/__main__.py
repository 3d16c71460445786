"""`python -m loader ...` is the same as `remit ...` (handy before the package is installed)."""
import sys

from dashboard.cli import main

sys.exit(main())
