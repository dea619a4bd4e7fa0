"""Checking many files, in one process or several.

Workers are forked from the process that built the engine, so each starts
with the policy loaded and the rules prepared. Files are handed to them in
chunks as they come, so ``targets`` may be a generator: files are then checked
while later ones are still being found. Results come back in file order, and
only files with findings add to what is kept. One process imports nothing of
multiprocessing: checking one file from the command line does not pay for it.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from checks.lint.draft import check_post
from checks.lint.findings import Finding
from checks.repo.post import FormatProblem, read_bytes

if TYPE_CHECKING:
    from checks.lint.engine import Engine
    from checks.repo.files import Target

_engine: Engine | None = None
CHUNK = 64  # files per message to a worker: few messages, and a short wait at the end


def check(targets: Iterable[Target], engine: Engine, workers: int) -> tuple[list[Finding], list[str]]:
    """All findings, and messages for files that could not be checked at all (a bug, never a post's fault)."""
    global _engine
    _engine = engine
    if workers <= 1 or (isinstance(targets, list) and len(targets) < 2) or sys.platform == "win32":
        return _collect(_check_one(target.path, target.display, target.refused) for target in targets)
    return _check_in_workers(targets, workers)


def _check_in_workers(targets: Iterable[Target], workers: int) -> tuple[list[Finding], list[str]]:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    # The collector leaves the objects made so far alone, so the workers do not write to (and so copy)
    # the memory pages they share with this process.
    gc.freeze()
    try:
        with context.Pool(workers) as pool:
            # Plain text goes to the workers: a third of the time of sending Target and Path objects.
            sent = ((os.fspath(target.path), target.display, target.refused) for target in targets)
            return _collect(pool.imap(_check_sent, sent, chunksize=CHUNK))
    finally:
        gc.unfreeze()


def _collect(results: Iterable[tuple[list[Finding], str]]) -> tuple[list[Finding], list[str]]:
    findings: list[Finding] = []
    failures: list[str] = []
    for found, failure in results:
        findings += found
        if failure:
            failures.append(failure)
    return findings, failures


def _check_sent(sent: tuple[str, str, str]) -> tuple[list[Finding], str]:
    path, display, refused = sent
    return _check_one(Path(path), display, refused)


def _check_one(path: Path, display: str, refused: str) -> tuple[list[Finding], str]:
    """One file's findings; ``refused`` is why the file must not be read, if it must not."""
    assert _engine is not None
    if refused:
        problem = FormatProblem("file-unreadable", refused)
        return _engine.report_problem(display, problem), ""
    raw = read_bytes(path)
    if isinstance(raw, FormatProblem):
        return _engine.report_problem(display, raw), ""
    try:
        return check_post(_engine, raw, display), ""  # as the staff page checks a draft
    except Exception as error:  # a bug of ours: say so, check the other files, exit 2
        return [], f"internal error while checking {display}: {type(error).__name__}: {error}"
