"""The acceptance corpus in ../shared: policy-check must report exactly its labelled findings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.integration  # runs processes: see the layers in tests/conftest.py


def run_json(folder: Path, *arguments: str) -> tuple[int, dict]:
    done = subprocess.run(
        [sys.executable, "-m", "checks.cli", "--format", "json", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stderr == "", done.stderr
    return done.returncode, json.loads(done.stdout)


@pytest.fixture(scope="module")
def acceptance(shared: Path) -> tuple[int, dict, Path]:
    folder = shared / "acceptance"
    status, report = run_json(folder, ".")
    return status, report, folder


def labelled(folder: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    errors = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    warnings = yaml.safe_load((folder / "expected-warnings.yaml").read_text(encoding="utf-8")) or {}
    return errors, warnings


def found(report: dict, severity: str) -> dict[str, list[str]]:
    by_file: dict[str, set[str]] = {}
    for finding in report["findings"]:
        if finding["severity"] == severity and not finding["waived"]:
            by_file.setdefault(finding["path"], set()).add(finding["rule"])
    return {path: sorted(rules) for path, rules in by_file.items()}


def mismatches(report: dict, folder: Path) -> dict[str, dict[str, dict[str, list[str]]]]:
    """Every labelled post whose unwaived errors or warnings differ from its labels, with both: empty when exact."""
    errors, warnings = labelled(folder)
    unlabelled = set(found(report, "error")) | set(found(report, "warning"))
    assert unlabelled <= set(errors), f"findings in posts the labels do not list: {sorted(unlabelled - set(errors))}"
    wrong: dict[str, dict[str, dict[str, list[str]]]] = {}
    for severity, want in (("error", errors), ("warning", warnings)):
        got = found(report, severity)
        for path in errors:
            if got.get(path, []) != want.get(path, []):
                wrong.setdefault(severity, {})[path] = {"got": got.get(path, []), "want": want.get(path, [])}
    return wrong


def test_every_post_is_checked_and_the_run_fails(acceptance) -> None:
    status, report, folder = acceptance
    errors, _ = labelled(folder)
    assert status == 1
    assert report["files_checked"] == len(errors) == 34


def test_errors_and_warnings_are_exactly_the_labelled_ones(acceptance) -> None:
    _, report, folder = acceptance
    assert mismatches(report, folder) == {}


def test_waived_finding_is_reported_but_does_not_fail(acceptance) -> None:
    _, report, _ = acceptance
    waived = [f for f in report["findings"] if f["waived"]]
    assert [(f["path"], f["rule"]) for f in waived] == [("posts/2026-06-22-hook-community-fridge.md", "personal-phone")]


def test_findings_carry_the_contract_fields(acceptance, policy) -> None:
    _, report, _ = acceptance
    assert report["policy_version"] == policy.meta.version
    for finding in report["findings"]:
        assert list(finding) == [
            "path",
            "line",
            "column",
            "rule",
            "category",
            "severity",
            "message",
            "clause",
            "url",
            "waived",
        ]
        rule = policy.rules[finding["rule"]]
        assert finding["clause"] == rule.clause and finding["clause"] in policy.clauses
        assert finding["url"] == f"{policy.meta.site_url}rules/{rule.id}/"
        assert finding["line"] >= 1 and finding["column"] >= 1


def test_the_settings_file_can_be_given_from_the_parent_folder(shared: Path, acceptance) -> None:
    _, from_inside, _ = acceptance
    status, report = run_json(shared, "--config", "acceptance/.policy-check.yaml", "acceptance")
    assert status == 1
    assert report["files_checked"] == 34
    inside = sorted((f["path"], f["rule"], f["line"], f["column"]) for f in from_inside["findings"])
    outside = sorted(
        (f["path"].removeprefix("acceptance/"), f["rule"], f["line"], f["column"]) for f in report["findings"]
    )
    assert inside == outside
