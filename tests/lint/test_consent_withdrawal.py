"""One data change finds every use: set `withdrawn` on a record, run policy-check, see every post that uses it.

Posts not yet out get the error; posts already published get the warning, with
the withdrawal date and the channels to take the image down from. A branch that
changes only the register still checks every post with --changed-since.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from gitkit import git

pytestmark = pytest.mark.integration  # runs policy-check and git as processes

POLICY_CHECK = Path(sys.executable).parent / "policy-check"
REGISTER = "- {ref: CR-7, given: 2027-01-01}\n- {ref: CR-8, given: 2027-01-01}\n"
POST = """\
---
title: {title}
channels: [{channels}]
publish_at: {when}
type: news
approved_by: comms-team
media:
  - file: images/hook-choir.jpg
    alt: The Hook community choir singing on the steps of the library
    people: true
    consent: {ref}
    credit: Hart District Council
---
Thank you to the Hook community choir for singing at the library. #HookChoir
"""
POSTS = {
    "2027-02-01-choir-concert.md": ("facebook, x", "2027-02-01T10:00:00+00:00", "CR-7"),
    "2027-05-01-choir-open-day.md": ("instagram", "2027-05-01T10:00:00+01:00", "CR-7"),
    "2027-07-01-choir-summer.md": ("facebook", "2027-07-01T10:00:00+01:00", "CR-7"),
    "2027-06-01-other-choir.md": ("facebook", "2027-06-01T10:00:00+01:00", "CR-8"),
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "consent").mkdir()
    (tmp_path / "consent" / "register.yaml").write_text(REGISTER, encoding="utf-8")
    (tmp_path / ".policy-check.yaml").write_text("consent_register: consent/register.yaml\n", encoding="utf-8")
    for name, (channels, when, ref) in POSTS.items():
        post = POST.format(title=name, channels=channels, when=when, ref=ref)
        (tmp_path / "posts" / name).write_text(post, encoding="utf-8")
    return tmp_path


def check(repo: Path, *arguments: str) -> tuple[int, list[tuple[str, str, str]]]:
    done = subprocess.run(
        [str(POLICY_CHECK), "--format", "json", *arguments, "."], cwd=repo, capture_output=True, text=True, check=False
    )
    assert done.stderr == ""
    report = json.loads(done.stdout)
    return done.returncode, sorted((f["path"], f["rule"], f["message"]) for f in report["findings"])


def withdraw(repo: Path) -> None:
    register = repo / "consent" / "register.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(
        text.replace("{ref: CR-7, given: 2027-01-01}", "{ref: CR-7, given: 2027-01-01, withdrawn: 2027-04-15}")
    )


EVERY_USE = [
    (
        "posts/2027-02-01-choir-concert.md",
        "image-consent-withdrawn-after-publishing",
        "Consent CR-7 for images/hook-choir.jpg was withdrawn on 15 April 2027, after this post went out on"
        " 1 February 2027 on facebook, x: take it down where the channel allows and do not use it again",
    ),
    (
        "posts/2027-05-01-choir-open-day.md",
        "image-consent-withdrawn",
        "Consent CR-7 for images/hook-choir.jpg was withdrawn on 15 April 2027 (the post goes out on 1 May 2027)",
    ),
    (
        "posts/2027-07-01-choir-summer.md",
        "image-consent-withdrawn",
        "Consent CR-7 for images/hook-choir.jpg was withdrawn on 15 April 2027 (the post goes out on 1 July 2027)",
    ),
]


def test_setting_withdrawn_lists_every_post_that_uses_the_record(repo: Path) -> None:
    assert check(repo) == (0, [])
    withdraw(repo)
    assert check(repo) == (1, EVERY_USE)


def test_a_branch_that_changes_only_the_register_checks_every_post(repo: Path) -> None:
    git(repo, "init", "-q", "-b", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "start")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "posts")
    git(repo, "checkout", "-q", "-b", "withdraw-cr-7")
    withdraw(repo)
    git(repo, "commit", "-q", "-am", "CR-7 withdrawn")
    assert check(repo, "--changed-since", "main") == (1, EVERY_USE)
    git(repo, "checkout", "-q", "main")
    assert check(repo, "--changed-since", "main") == (0, [])  # nothing changed: nothing checked
