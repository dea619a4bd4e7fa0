"""The edge of every command (policy-check, policy-schedule, policy-inbox, policy-analytics): what becomes an exit
status, and where a report is written.

A usage error, or a problem in our own data (``DataError``), is one line on
standard error and exit status 2, never a traceback; Ctrl-C is 130; a reader
that stops early (``| head``) ends the command quietly.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from typing import TextIO


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


def write_output(emit: Callable[[TextIO], None], output: Path | None, *, newline: str | None = "") -> None:
    """``emit`` a report to ``output`` (UTF-8) or to standard output; a file that cannot be written is a usage error.

    ``newline`` as ``open`` takes it: "" writes line ends as the report has them (CSV needs that), None as the
    platform writes text.
    """
    if output is None:
        if hasattr(sys.stdout, "reconfigure"):  # never fail on a character the terminal cannot show
            sys.stdout.reconfigure(errors="backslashreplace", **({} if newline is None else {"newline": newline}))
        emit(sys.stdout)
        return
    try:
        with output.open("w", encoding="utf-8", errors="backslashreplace", newline=newline) as stream:
            emit(stream)
    except OSError as error:
        raise UsageError(f"cannot write '{output}': {error.strerror}") from None
