"""The policy-schedule console script as a process, from the README's set-up: the example content repo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from schedule_helpers import EXAMPLE, GOLDEN, NOW

pytestmark = pytest.mark.integration
POLICY_SCHEDULE = Path(sys.executable).parent / "policy-schedule"  # the console script beside pytest's Python


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(POLICY_SCHEDULE), *args], cwd=EXAMPLE, capture_output=True, text=True, check=False)


def test_sprout_on_the_example_gives_the_golden_files(tmp_path) -> None:
    done = run("sprout", "--now", NOW, "--out", str(tmp_path), ".")
    assert done.returncode == 1
    assert done.stderr == (GOLDEN / "refused.txt").read_text(encoding="utf-8")
    for name in ("sprout-facebook.csv", "sprout-instagram.csv", "sprout-x.csv", "media-checklist.md"):
        assert (tmp_path / name).read_bytes() == (GOLDEN / name).read_bytes(), name


def test_calendar_on_the_example(tmp_path) -> None:
    done = run("calendar", "--now", NOW, "--out", str(tmp_path / "calendar.ics"), ".")
    assert (done.returncode, done.stderr) == (0, "")
    calendar = icalendar.Calendar.from_ical((tmp_path / "calendar.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) == 18


def test_a_usage_error_is_one_line_and_exit_2() -> None:
    done = run("sprout", "--out", "out", "nowhere")
    assert (done.returncode, done.stdout, done.stderr) == (2, "", "policy-schedule: path 'nowhere' not found\n")


def test_version() -> None:
    done = run("--version")
    assert done.returncode == 0 and done.stdout.startswith("policy-schedule ")
