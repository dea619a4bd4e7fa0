"""`python -m checks` runs policy-check."""

import sys

from checks.cli import main

sys.exit(main())
