"""`python -m remit.cli ...` is the same as `remit ...`."""

import sys

from .main import main

sys.exit(main())
