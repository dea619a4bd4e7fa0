"""policy-inbox as a process: the console script, its exit statuses, and no traceback on a hostile export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

POLICY_INBOX = Path(sys.executable).parent / "policy-inbox"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "content-repo"


def run(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(POLICY_INBOX), *arguments], cwd=cwd, capture_output=True, text=True, check=False)


def test_the_example_export_triages_with_no_problems() -> None:
    done = run("triage", "--format", "json", "inbox/sample-export.csv", cwd=EXAMPLE)
    assert (done.returncode, done.stderr) == (0, "")
    data = json.loads(done.stdout)
    labels = {label for result in data["results"] for label in result["labels"]}
    assert len(labels) == 12  # the sample covers every label
    assert data["rows_read"] == 20


def test_a_binary_file_is_exit_2_without_a_traceback(tmp_path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 10)
    done = run("triage", str(path))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("policy-inbox: ")


def test_no_command_is_a_usage_error() -> None:
    assert run().returncode == 2
