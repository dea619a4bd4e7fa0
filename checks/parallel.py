"""Checking many files, in one process or several.

Workers are forked after the engine is built, so each starts with the policy
loaded and the rules compiled. Results come back in file order.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterable

from checks.engine import Engine
from checks.files import Target
from checks.findings import Finding
from checks.model import Policy
from checks.post import FormatProblem
from checks.settings import Settings

_engine: Engine | None = None
CHUNK = 64


def check(targets: list[Target], policy: Policy, settings: Settings, workers: int) -> tuple[list[Finding], list[str]]:
    """All findings, and messages for files that could not be checked at all (a bug, never a post's fault)."""
    global _engine
    _engine = Engine(policy, settings)
    if workers <= 1 or len(targets) < 2 or sys.platform == "win32":
        results: Iterable[tuple[list[Finding], str]] = map(_check_one, targets)
        return _collect(results)
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        return _collect(pool.imap(_check_one, targets, chunksize=CHUNK))


def _collect(results: Iterable[tuple[list[Finding], str]]) -> tuple[list[Finding], list[str]]:
    findings: list[Finding] = []
    failures: list[str] = []
    for found, failure in results:
        findings += found
        if failure:
            failures.append(failure)
    return findings, failures


def _check_one(target: Target) -> tuple[list[Finding], str]:
    assert _engine is not None
    if target.refused:
        problem = FormatProblem("file-unreadable", target.refused)
        return _engine.report_problem(target.display, problem), ""
    try:
        return _engine.check_file(target.path, target.display), ""
    except RecursionError:
        problem = FormatProblem("front-matter-invalid", "Front matter is nested too deeply to check")
        return _engine.report_problem(target.display, problem), ""
    except Exception as error:  # a bug of ours: say so, check the other files, exit 2
        return [], f"internal error while checking {target.display}: {type(error).__name__}: {error}"
