"""The edge of every command (policy-check, policy-schedule, policy-inbox): what becomes an exit status.

A usage error, or a problem in our own data (``DataError``), is one line on
standard error and exit status 2, never a traceback; Ctrl-C is 130; a reader
that stops early (``| head``) ends the command quietly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable


class UsageError(Exception):
    """Bad arguments or files given on the command line; exit status 2."""


def at_the_edge(prog: str, run: Callable[[], int], usage_errors: tuple[type[Exception], ...] = ()) -> int:
    """``run()``'s exit status, with every usage error (and ``DataError``) as one line on standard error and 2."""
    from checks.policy.errors import DataError

    try:
        return run()
    except (DataError, UsageError, *usage_errors) as error:
        sys.stderr.write(f"{prog}: {error}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # no traceback, and no second error when Python flushes stdout at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
