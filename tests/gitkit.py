"""git for the tests: run in a folder with none of the user's or the machine's git settings.

A user's ``commit.gpgsign``, hooks path or init template would otherwise reach the
tests' repositories; the author and the dates are fixed, so commits are the same each run.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

FIXED_DATE = "2024-04-01T09:00:00+01:00"


def git_environment() -> dict[str, str]:
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "policy-check tests",
        "GIT_AUTHOR_EMAIL": "tests@example.org",
        "GIT_COMMITTER_NAME": "policy-check tests",
        "GIT_COMMITTER_EMAIL": "tests@example.org",
        "GIT_AUTHOR_DATE": FIXED_DATE,
        "GIT_COMMITTER_DATE": FIXED_DATE,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def git(folder: Path, *arguments: str) -> str:
    """git's output, stripped; a failing git command fails the test."""
    done = subprocess.run(
        ["git", *arguments], cwd=folder, env=git_environment(), capture_output=True, text=True, check=True
    )
    return done.stdout.strip()
