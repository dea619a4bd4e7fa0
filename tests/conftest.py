"""Shared fixtures (the policy as loaded once, paths to the project and ../shared) and the test layers.

Every test is in exactly one layer, chosen with ``-m``:

- ``unit``: in this process only. No subprocess, browser or server: a unit test
  that tries to start a process or listen on a socket fails, saying so.
- ``integration``: policy-check, git, pre-commit, the action's scripts and the npm
  tools run as processes. Marked in its module (``pytestmark``) or on the test.
- ``site``: the website built with mkdocs and checked in Chromium, axe-core and
  linkchecker; everything under ``tests/site/``.

A test with no layer marker is ``site`` under tests/site/ and ``unit`` elsewhere.

Every run starts from an empty home: the caches a home folder may hold go to a
temporary folder of the run's own, and matplotlib's font list is built there
before any test (tests/runhome.py).
"""

from __future__ import annotations

import multiprocessing.util
import os
import socket
import subprocess
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from runhome import RunHome, close_run_home, open_run_home

from checks.caches import clear_caches
from checks.policy.loader import load_policy
from checks.policy.model import Policy

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SITE_TESTS = PROJECT / "tests" / "site"
LAYERS = ("unit", "integration", "site")


# -- an empty home for every run (tests/runhome.py) -----------------------------------

RUN_HOME = pytest.StashKey[RunHome]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[RUN_HOME] = open_run_home()


def pytest_unconfigure(config: pytest.Config) -> None:
    home = config.stash.get(RUN_HOME, None)
    if home is not None:
        close_run_home(home)


@pytest.fixture(scope="session")
def run_home(pytestconfig: pytest.Config) -> RunHome:
    """The temporary folder that holds every cache of this run."""
    return pytestconfig.stash[RUN_HOME]


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Every cache of the package emptied before and after the test, for a test that edits policy files on disk."""
    clear_caches()
    yield
    clear_caches()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "acceptance").is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


# -- layers ----------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)  # before -m deselects by these markers
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give each test its layer; a test marked with two layers stops the run."""
    doubled = []
    for item in items:
        layers = sorted({mark.name for mark in item.iter_markers() if mark.name in LAYERS})
        if len(layers) > 1:
            doubled.append(f"{item.nodeid}: {', '.join(layers)}")
        elif not layers:
            item.add_marker("site" if item.path.is_relative_to(SITE_TESTS) else "unit")
    if doubled:
        raise pytest.UsageError("a test must be in exactly one layer:\n  " + "\n  ".join(doubled))


# Every way this project's code or a library could start a process (subprocess, os,
# multiprocessing with fork or spawn) or open a server socket.
_STARTERS: list[tuple[Any, str]] = [
    (subprocess.Popen, "_execute_child"),
    (os, "fork"),
    (os, "forkpty"),
    (os, "posix_spawn"),
    (os, "posix_spawnp"),
    (os, "system"),
    (multiprocessing.util, "spawnv_passfds"),
    (socket.socket, "listen"),
]


@contextmanager
def _no_processes(item: pytest.Item) -> Iterator[None]:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(
            f"{item.nodeid} is a unit test, and unit tests start no process and no server. "
            "If it must, mark it integration: `pytestmark = pytest.mark.integration` in its module "
            "or `@pytest.mark.integration` on the test."
        )

    saved = [(owner, name, getattr(owner, name)) for owner, name in _STARTERS if hasattr(owner, name)]
    for owner, name, _ in saved:
        setattr(owner, name, refuse)
    try:
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


# Around setup as well as the call, so that a fixture a unit test asks for cannot start a process either.
@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    if item.get_closest_marker("unit") is None:
        return (yield)
    with _no_processes(item):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    if item.get_closest_marker("unit") is None:
        return (yield)
    with _no_processes(item):
        return (yield)
