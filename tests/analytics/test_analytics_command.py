"""policy-analytics as a process: the console script, its exit statuses, and no traceback on a hostile export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from analytics_helpers import EXAMPLE

pytestmark = pytest.mark.integration

POLICY_ANALYTICS = Path(sys.executable).parent / "policy-analytics"


def run(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(POLICY_ANALYTICS), *arguments], cwd=cwd, capture_output=True, text=True, check=False)


def test_the_acceptance_corpus_as_its_readme_runs_it(corpus: Path) -> None:
    arguments = ("report", "--format", "json", "--posts", ".", "--profiles", "profile-performance.csv")
    done = run(*arguments, "post-performance.csv", cwd=corpus)
    assert (done.returncode, done.stderr) == (0, "")
    data = json.loads(done.stdout)
    del data["policy_version"]
    assert data == yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))


def test_the_example_reports_in_text_with_exit_0() -> None:
    arguments = ("report", "--posts", ".", "--profiles", "analytics/profile-performance.csv")
    done = run(*arguments, "analytics/post-performance.csv", cwd=EXAMPLE)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("Social media performance (14 January 2027 to 20 April 2027)\n")


def test_a_binary_file_is_exit_2_without_a_traceback(tmp_path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 10)
    done = run("report", str(path))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("policy-analytics: ") and done.stderr.count("\n") == 1


def test_a_row_with_a_problem_is_exit_1(tmp_path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text("Date,Network,Post,Impressions,Engagements\nsoon,Facebook,Hi,1,1\n", encoding="utf-8")
    done = run("report", str(path))
    assert done.returncode == 1 and done.stderr == ""
    assert f"  {path}:2: column 'Date' is not a date and time" in done.stdout


def test_no_command_is_a_usage_error_and_help_says_what_it_does() -> None:
    assert run().returncode == 2
    done = run("report", "--help")
    assert done.returncode == 0 and "--profiles FILE" in done.stdout and "--posts DIR" in done.stdout
