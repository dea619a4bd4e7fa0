"""The pre-commit hook (.pre-commit-hooks.yaml), tried on a content repo with `pre-commit try-repo`.

`pre-commit try-repo` wants a git repository with the hook manifest committed,
and installs the hook by pip-installing that repository into an environment of
its own. So that the test is independent of what is committed here (the lead
engineer commits), the files the wheel needs (pyproject.toml, README.md,
checks/, policy/, .pre-commit-hooks.yaml) are copied from the working tree into
a temporary folder, once per run, and committed there with a fixed author and date.

Timing: try-repo builds the hook's environment afresh in a temporary store each
time (it does not use PRE_COMMIT_HOME): a pip install of this project and its
dependencies. pip's download cache is the run's own (tests/conftest.py), empty
when the run starts, so the first try-repo takes a minute or so and the second
about 15 seconds. It runs twice here, once on a clean post and once on a bad one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from gitkit import git, git_environment

pytestmark = pytest.mark.integration  # runs processes: see the layers in tests/conftest.py

PROJECT = Path(__file__).resolve().parents[2]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
HOOK_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "checks", "policy")
SKIPPED = {"__pycache__", "_policy", ".pytest_cache"}


def hook_files() -> list[Path]:
    """The working tree's files that the hook repo holds, as paths relative to the project."""
    found: list[Path] = []
    for name in HOOK_FILES:
        path = PROJECT / name
        if path.is_file():
            found.append(Path(name))
            continue
        for root, folders, files in os.walk(path):
            folders[:] = sorted(folder for folder in folders if folder not in SKIPPED)
            found += [Path(root, file).relative_to(PROJECT) for file in sorted(files) if not file.endswith(".pyc")]
    return found


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository of the working tree's hook, and its commit."""
    folder = tmp_path_factory.mktemp("hook-repo")
    for file in hook_files():
        (folder / file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / file, folder / file)
    git(folder, "init", "--quiet", "--initial-branch=main")
    git(folder, "add", "-A")
    git(folder, "commit", "--quiet", "--no-gpg-sign", "-m", "The working tree's policy-check hook")
    return folder, git(folder, "rev-parse", "HEAD")


SETTINGS = "approvers: [comms-team]\nexclude: [README.md]\n"

CLEAN = """\
---
title: Garden waste renewals
channels: [facebook]
publish_at: 2027-02-01T09:30:00+00:00
type: service-update
approved_by: comms-team
---
Garden waste permits for 2027 are on sale now. Renew yours by 28 February at
https://www.hart.gov.uk/garden-waste #GardenWaste
"""

BAD = """\
---
title: Yateley lido jobs
channels: [facebook]
publish_at: 2027-05-24T10:00:00+01:00
type: job-vacancy
approved_by: comms-team
---
We are hiring lifeguards for Yateley lido. To find out more, text Jo on 07700 900123.
"""


@pytest.fixture
def content_repo(tmp_path: Path) -> Path:
    """A content repo with its settings, a README, a clean post and a bad post, all staged."""
    folder = tmp_path / "content"
    (folder / "posts").mkdir(parents=True)
    (folder / ".policy-check.yaml").write_text(SETTINGS, encoding="utf-8")
    (folder / "README.md").write_text("# Our posts\n\nNot a post.\n", encoding="utf-8")
    (folder / "posts" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (folder / "posts" / "bad.md").write_text(BAD, encoding="utf-8")
    (folder / "notes.txt").write_text("Not Markdown, so not checked.\n", encoding="utf-8")
    git(folder, "init", "--quiet", "--initial-branch=main")
    git(folder, "add", "-A")
    return folder


def pre_commit(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **git_environment(),  # PRE_COMMIT_HOME and pip's cache are the run's own (tests/conftest.py)
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
    }
    return subprocess.run(
        [str(PRE_COMMIT), *arguments],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


def test_the_manifest_is_valid() -> None:
    done = subprocess.run(
        [str(PRE_COMMIT), "validate-manifest", str(PROJECT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (hook,) = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "policy-check"
    assert hook["entry"] == "policy-check"
    assert hook["language"] == "python"
    assert hook["types"] == ["markdown"]


def try_repo(hook_repo: tuple[Path, str], content_repo: Path, *files: str) -> tuple[int, str]:
    repo, _ = hook_repo
    done = pre_commit(content_repo, "try-repo", str(repo), "policy-check", "--verbose", "--files", *files)
    return done.returncode, done.stdout + done.stderr


def test_try_repo_passes_a_clean_post(hook_repo: tuple[Path, str], content_repo: Path) -> None:
    status, log = try_repo(hook_repo, content_repo, "posts/clean.md", "README.md", "notes.txt")
    assert status == 0, log
    assert "Passed" in log
    # README.md is excluded by the content repo's settings; notes.txt is not Markdown, so pre-commit
    # does not pass it on.
    assert "1 file checked: no problems found" in log


def test_try_repo_fails_a_bad_post(hook_repo: tuple[Path, str], content_repo: Path) -> None:
    status, log = try_repo(hook_repo, content_repo, "posts/bad.md", "posts/clean.md")
    assert status == 1, log
    assert "Failed" in log
    assert "posts/bad.md:8:" in log and "[personal-phone]" in log
    assert "posts/clean.md:" not in log  # checked, and nothing found
    assert "2 files checked: 1 error, 0 warnings in 1 file" in log  # one policy-check run for all the files
