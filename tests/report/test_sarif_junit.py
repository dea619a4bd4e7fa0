"""SARIF for GitHub code scanning and JUnit XML, on the acceptance corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

pytestmark = pytest.mark.integration  # runs processes: see the layers in tests/conftest.py

PROJECT = Path(__file__).resolve().parents[2]
MULTITOOL = PROJECT / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"


def report(folder: Path, output_format: str, target: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "checks", "--format", output_format, "--output", str(target), "."],
        cwd=folder,
        check=False,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def acceptance_sarif(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("sarif") / "acceptance.sarif"
    report(shared / "acceptance", "sarif", target)
    return target


def test_sarif_shape(acceptance_sarif: Path, policy) -> None:
    sarif = json.loads(acceptance_sarif.read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "policy-check"
    assert {rule["id"] for rule in driver["rules"]} == set(policy.rules)
    for rule in driver["rules"]:
        assert rule["helpUri"] == policy.rule_url(rule["id"])
        assert rule["defaultConfiguration"]["level"] == policy.rules[rule["id"]].severity
        assert rule["properties"]["clause"] == policy.rules[rule["id"]].clause
    results = run["results"]
    assert len(results) >= 30
    assert all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("posts/") for r in results)
    suppressed = [r for r in results if r.get("suppressions")]
    assert len(suppressed) == 1 and suppressed[0]["ruleId"] == "personal-phone"


def test_sarif_passes_the_multitool_with_github_rules(acceptance_sarif: Path) -> None:
    if not MULTITOOL.is_file():
        if os.environ.get("CI"):
            pytest.fail("node_modules is not installed: run scripts/setup.sh --tests")
        pytest.skip("the SARIF multitool is not installed")
    output = acceptance_sarif.with_suffix(".validation.sarif")
    done = subprocess.run(
        [str(MULTITOOL), "validate", "--rule-kind", "Gh;Sarif", "--output", str(output), str(acceptance_sarif)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DOTNET_CLI_TELEMETRY_OPTOUT": "1"},
    )
    assert "Analysis completed successfully" in done.stdout, done.stdout + done.stderr
    # It exits 0 even when it finds errors: count them, warnings too.
    problems = [line for line in done.stdout.splitlines() if ": error " in line or ": warning " in line]
    assert problems == []


def test_junit_parses_with_one_case_per_file(shared: Path, tmp_path: Path) -> None:
    target = tmp_path / "acceptance.xml"
    report(shared / "acceptance", "junit", target)
    root = ElementTree.parse(target).getroot()
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert len(cases) == 34 == int(suite.get("tests", "0"))
    failing = [case for case in cases if case.find("failure") is not None]
    labelled = yaml.safe_load((shared / "acceptance" / "expected.yaml").read_text(encoding="utf-8"))
    with_errors = {path for path, rules in labelled.items() if rules}
    assert int(suite.get("failures", "0")) == len(failing) == len(with_errors)
    assert {case.get("name") for case in failing} == with_errors
    for case in failing:
        failure = case.find("failure")
        assert failure is not None and failure.get("message") and failure.text
