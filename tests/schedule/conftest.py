"""Fixtures for policy-schedule's tests: a content repo as the working folder, and the command run in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from schedule_helpers import NOW, Done, Repo

from checks.schedule.cli import main


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    root = tmp_path / "content"
    root.mkdir()
    monkeypatch.chdir(root)
    return Repo(root)


@pytest.fixture
def schedule(capsys: pytest.CaptureFixture[str]) -> Callable[..., Done]:
    """Run ``policy-schedule`` in this process; ``--now`` is fixed unless given."""

    def run(*args: str) -> Done:
        argv = list(args)
        if "--now" not in argv:
            argv[1:1] = ["--now", NOW]
        status = main(argv)
        captured = capsys.readouterr()
        return Done(status, captured.out, captured.err)

    return run
