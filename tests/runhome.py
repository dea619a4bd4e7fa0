"""An empty home for every test run: the caches a home folder may hold go to a new temporary folder.

matplotlib's font list, pip's, npm's and pre-commit's caches, the policy cache,
and the settings Chromium and Lighthouse keep would otherwise come from the home
folder, and a test could pass only because an earlier run had filled them. Each
run makes one temporary folder, points the variables below at folders inside it
(every process a test starts inherits them), does the first run's work there,
and removes it at the end. tests/conftest.py opens and closes it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Each variable, and its folder inside the run's folder. The XDG folders catch what follows
# them (pip, pre-commit, virtualenv, fontconfig, Chromium, Lighthouse); the rest are named
# as well, so that a value the caller's shell sets cannot bring an old cache in.
RUN_FOLDERS = {
    "XDG_CACHE_HOME": "cache",
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "XDG_STATE_HOME": "state",
    "MPLCONFIGDIR": "cache/matplotlib",
    "POLICY_CHECK_CACHE_DIR": "cache/policy-check",
    "PIP_CACHE_DIR": "cache/pip",
    "PRE_COMMIT_HOME": "cache/pre-commit",
    "npm_config_cache": "cache/npm",
}
PREFIX = "hart-policy-tests-"
STALE = 24 * 3600  # a run's folder this old was left by a run that was killed


@dataclass(frozen=True)
class RunHome:
    """The run's folder, when it was made (``time.time()``), and the caller's values of the variables."""

    root: Path
    made: float
    saved: dict[str, str | None]


def open_run_home() -> RunHome:
    """Make the run's folder, point the variables into it, and build matplotlib's font list there.

    Building the font list runs ``fc-list``, a process that a unit test may not start,
    so it is built here, before any test, on every run.
    """
    made = time.time()
    _forget_killed_runs(made)
    root = Path(tempfile.mkdtemp(prefix=PREFIX)).resolve()
    saved = {name: os.environ.get(name) for name in RUN_FOLDERS}
    for name, folder in RUN_FOLDERS.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(root / folder)
    import matplotlib  # only now that MPLCONFIGDIR is set
    import matplotlib.font_manager  # builds the font list

    if not Path(matplotlib.get_cachedir()).is_relative_to(root):
        raise RuntimeError(
            f"matplotlib was imported before the tests set MPLCONFIGDIR: its cache is {matplotlib.get_cachedir()}"
        )
    return RunHome(root, made, saved)


def _forget_killed_runs(now: float) -> None:
    """Remove the folders of runs that ended without removing theirs (killed, not stopped with Ctrl-C)."""
    for old in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            if now - old.stat().st_mtime > STALE:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue


def close_run_home(home: RunHome) -> None:
    """Give the caller's values back and remove the run's folder."""
    for name, value in home.saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    shutil.rmtree(home.root, ignore_errors=True)
