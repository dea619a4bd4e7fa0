"""Every run starts from an empty home: the caches the tests touch are the run's own (tests/conftest.py).

A home folder may hold matplotlib's font list, pip's, npm's and pre-commit's caches,
the policy cache and Chromium's settings. A test that passes only because one of
them was built by an earlier run fails on a new machine, so every run puts them in
a temporary folder made when it starts. These tests ask each tool where it looks,
in this process and in the processes the tests start.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
from runhome import RunHome

from checks.policy import cache

PROJECT = Path(__file__).resolve().parents[2]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
# The folders these tools use when nothing tells them otherwise.
HOME_DEFAULTS = (".cache", ".config", ".local", ".npm", ".pki")


def inside(path: str | Path, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(folder)


def test_the_run_folder_is_outside_the_home_folders_caches(run_home: RunHome) -> None:
    assert run_home.root.is_dir()
    home = Path.home().resolve()
    for name in HOME_DEFAULTS:
        assert not inside(run_home.root, home / name), f"{run_home.root} is in {home / name}"


def test_matplotlib_keeps_its_font_list_in_the_run_folder_built_by_this_run(run_home: RunHome) -> None:
    assert inside(matplotlib.get_cachedir(), run_home.root), matplotlib.get_cachedir()
    assert inside(matplotlib.get_configdir(), run_home.root), matplotlib.get_configdir()
    # Built when this run started, before any unit test, not found from an earlier run.
    (font_list,) = Path(matplotlib.get_cachedir()).glob("fontlist-*.json")
    assert font_list.stat().st_mtime >= run_home.made - 1  # a coarse file-system clock rounds down


def test_a_unit_test_finds_a_font_without_running_fc_list() -> None:
    """A unit test may start no process; matplotlib's first font list runs fc-list, so it must be built already."""
    from matplotlib import font_manager

    assert Path(font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))).is_file()


def test_the_policy_cache_is_in_the_run_folder(run_home: RunHome) -> None:
    assert inside(cache.cache_dir(), run_home.root), cache.cache_dir()


@pytest.mark.integration
def test_the_processes_the_tests_start_use_the_run_folder(run_home: RunHome, tmp_path: Path) -> None:
    python = (
        "import json, matplotlib; from checks.policy import cache; "
        "print(json.dumps([matplotlib.get_cachedir(), matplotlib.get_configdir(), str(cache.cache_dir())]))"
    )
    done = subprocess.run([sys.executable, "-c", python], capture_output=True, text=True, check=True)
    found = json.loads(done.stdout)
    pip = [sys.executable, "-m", "pip", "cache", "dir"]
    found.append(subprocess.run(pip, capture_output=True, text=True, check=True).stdout.strip())
    npm = shutil.which("npm")
    assert npm, "npm is not on PATH: the tests need Node.js 20+"
    found.append(subprocess.run([npm, "config", "get", "cache"], capture_output=True, text=True, check=True).stdout)
    for path in found:
        assert inside(path.strip(), run_home.root), f"{path.strip()} is not in {run_home.root}"

    # pre-commit makes its store on any command; it must be the run's.
    manifest = str(PROJECT / ".pre-commit-hooks.yaml")
    subprocess.run([str(PRE_COMMIT), "validate-manifest", manifest], cwd=tmp_path, capture_output=True, check=True)
    store = Path(os.environ["PRE_COMMIT_HOME"])
    assert inside(store, run_home.root), store
    assert (store / "db.db").is_file()
