"""Checking one post imports only what one post needs: what a pre-commit hook or an editor pays at each start.

policy-check runs in a process of its own here, and says which modules it
imported (``sys.modules`` once it is done). With the policy cache warm, one post
needs neither workers (multiprocessing), nor schema validation (jsonschema), nor
git (subprocess). benchmarks/startup.py shows the time that saves; nothing here
measures a time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration  # runs processes: see the layers in tests/conftest.py

SMALL = Path(__file__).resolve().parent.parent / "fixtures" / "small-repo"
NEVER_FOR_ONE_POST = ("multiprocessing", "concurrent.futures", "jsonschema", "referencing", "subprocess", "tempfile")
# Runs policy-check as the console script does, then lists every module it imported on standard error.
CHECK_AND_LIST = (
    "import sys; from checks.cli import main; status = main(sys.argv[1:]); "
    "sys.stderr.write('\\n'.join(sorted(sys.modules))); sys.exit(status)"
)


def imported(cache: Path, *arguments: str) -> set[str]:
    environment = {**os.environ, "NO_COLOR": "1", "POLICY_CHECK_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", CHECK_AND_LIST, *arguments],
        cwd=SMALL,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return set(done.stderr.split())


def _loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(module.startswith(f"{name}.") for module in modules)


def test_one_post_with_a_warm_cache_imports_no_workers_schemas_or_git(tmp_path: Path) -> None:
    post = next(SMALL.glob("posts/*.md")).relative_to(SMALL).as_posix()
    cold = imported(tmp_path, post)
    warm = imported(tmp_path, post)
    assert _loaded(cold, "jsonschema")  # the policy was validated, and cached
    assert [name for name in NEVER_FOR_ONE_POST if _loaded(warm, name)] == []
    assert "checks.lint.engine" in warm  # it did check the post


def test_a_second_worker_brings_multiprocessing(tmp_path: Path) -> None:
    imported(tmp_path, ".")
    assert _loaded(imported(tmp_path, "--jobs", "2", "."), "multiprocessing")
