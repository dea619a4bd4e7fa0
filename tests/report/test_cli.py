"""The command line: formats (golden output), exit codes, usage errors, options."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from gitkit import git

from checks import __version__

pytestmark = pytest.mark.integration  # runs processes: see the layers in tests/conftest.py

HERE = Path(__file__).resolve().parent
SMALL = HERE.parent / "fixtures" / "small-repo"
GOLDEN = HERE / "golden"
FORMATS = ("text", "json", "github", "sarif", "junit")


def policy_check(
    *arguments: str, cwd: Path = SMALL, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "checks", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )


@pytest.mark.parametrize("output_format", FORMATS)
def test_golden_output(output_format: str) -> None:
    done = policy_check("--format", output_format, ".")
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    golden = GOLDEN / f"small-repo.{output_format}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(done.stdout, encoding="utf-8")
    assert done.stdout == golden.read_text(encoding="utf-8")


def test_text_output_reads_like_a_linter() -> None:
    lines = policy_check(".").stdout.splitlines()
    assert lines[0].startswith("posts/problems.md:")
    assert all(line.count(":") >= 3 for line in lines[:-1])
    assert lines[-1].startswith("2 files checked:")
    assert any("error (waived) [personal-phone]" in line for line in lines)


def test_colour_only_when_asked(tmp_path: Path) -> None:
    assert "\033[" not in policy_check(".").stdout
    assert "\033[" in policy_check(".", env={"FORCE_COLOR": "1", "NO_COLOR": ""}).stdout


def test_clean_post_exits_0() -> None:
    done = policy_check("posts/clean.md")
    assert done.returncode == 0
    assert done.stdout == "1 file checked: no problems found\n"


def test_json_shape_is_the_contract() -> None:
    report = json.loads(policy_check("--format", "json", ".").stdout)
    assert list(report) == ["policy_version", "files_checked", "findings"]
    assert report["files_checked"] == 2
    positions = [(f["path"], f["line"], f["column"]) for f in report["findings"]]
    assert positions == sorted(positions)


def test_sarif_has_rule_metadata_and_help_urls(policy) -> None:
    sarif = json.loads(policy_check("--format", "sarif", ".").stdout)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == list(policy.rules)
    assert all(rule["helpUri"] == policy.rule_url(rule["id"]) for rule in rules)
    assert all(rule["help"]["text"] and rule["shortDescription"]["text"] for rule in rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    waived = [r for r in run["results"] if r.get("suppressions")]
    assert [r["ruleId"] for r in waived] == ["personal-phone"]


def test_junit_has_one_case_per_file() -> None:
    root = ElementTree.fromstring(policy_check("--format", "junit", ".").stdout)
    suite = root.find("testsuite")
    assert suite is not None
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert set(cases) == {"posts/clean.md", "posts/problems.md"}
    assert cases["posts/clean.md"].find("failure") is None
    assert cases["posts/problems.md"].find("failure") is not None
    assert suite.get("tests") == "2" and suite.get("failures") == "1"


def test_github_annotations_escape_their_values() -> None:
    lines = policy_check("--format", "github", ".").stdout.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations and all(line.split(" ", 1)[0] in ("::error", "::warning", "::notice") for line in annotations)
    assert all("%0Ahttps://" in line for line in annotations)


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.sarif"
    done = policy_check("--format", "sarif", "--output", str(target), ".")
    assert done.returncode == 1 and done.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("no-such-folder",), "policy-check: path 'no-such-folder' not found"),
        (("--config", "missing.yaml", "."), "policy-check: settings file 'missing.yaml' not found"),
        (("--format", "xml", "."), "invalid choice: 'xml'"),
        (("--jobs", "many", "."), "'many' is not a whole number"),
        (("--changed-since", "no-such-ref", "."), "cannot compare with 'no-such-ref'"),
    ],
)
def test_usage_errors_exit_2(arguments: tuple[str, ...], message: str) -> None:
    done = policy_check(*arguments)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_broken_settings_name_file_key_and_problem(tmp_path: Path) -> None:
    (tmp_path / ".policy-check.yaml").write_text(
        'partners: ["@HantsFRS"]\nrules:\n  all-caps: loud\n', encoding="utf-8"
    )
    done = policy_check(".", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        f"policy-check: {tmp_path / '.policy-check.yaml'}:3:13: key 'rules': "
        "'loud' is not one of: off, warning, error at $.rules.all-caps\n"
    )


def test_settings_unknown_rule_and_bad_date(tmp_path: Path) -> None:
    settings = tmp_path / ".policy-check.yaml"
    settings.write_text("rules:\n  no-such-rule: off\n", encoding="utf-8")
    assert "unknown rule id 'no-such-rule'" in policy_check(".", cwd=tmp_path).stderr
    settings.write_text("election_periods:\n  - {name: May, start: 2027-02-30, end: 2027-05-06}\n", encoding="utf-8")
    done = policy_check(".", cwd=tmp_path)
    assert done.returncode == 2
    assert "'2027-02-30' is not a valid date" in done.stderr and ":2:" in done.stderr


def test_settings_found_in_a_parent_folder() -> None:
    done = policy_check("--format", "json", ".", cwd=SMALL / "posts")
    paths = {f["path"] for f in json.loads(done.stdout)["findings"]}
    assert paths == {"problems.md"}
    rules = {f["rule"] for f in json.loads(done.stdout)["findings"]}
    assert "approval-missing" in rules  # the parent's approvers list was used


def test_rule_levels_from_settings(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text((SMALL / "posts" / "problems.md").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".policy-check.yaml").write_text(
        "approvers: [comms-team]\nrules:\n  approval-missing: off\n  personal-email: warning\n", encoding="utf-8"
    )
    findings = json.loads(policy_check("--format", "json", ".", cwd=tmp_path).stdout)["findings"]
    levels = {f["rule"]: f["severity"] for f in findings}
    assert "approval-missing" not in levels
    assert levels["personal-email"] == "warning"


def test_version_and_list_rules(policy) -> None:
    assert policy_check("--version").stdout.strip() == f"policy-check {__version__}"
    listing = policy_check("--list-rules").stdout.splitlines()
    assert [line.split()[0] for line in listing] == list(policy.rules)


def test_help_explains_exit_status() -> None:
    text = policy_check("--help").stdout
    assert "Exit status" in text and "--changed-since" in text and "--jobs" in text


def test_jobs_give_the_same_report() -> None:
    one = policy_check("--format", "json", "--jobs", "1", ".").stdout
    two = policy_check("--format", "json", "--jobs", "2", ".").stdout
    assert one == two


def test_changed_since_checks_only_changed_posts(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "posts").mkdir(parents=True)
    problems = (SMALL / "posts" / "problems.md").read_text(encoding="utf-8")
    (repo / "posts" / "old.md").write_text(problems, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-q", "-b", "change")
    (repo / "posts" / "new.md").write_text(problems, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "change")
    (repo / "posts" / "draft.md").write_text(problems, encoding="utf-8")  # untracked counts as changed
    report = json.loads(policy_check("--format", "json", "--changed-since", "main", ".", cwd=repo).stdout)
    assert report["files_checked"] == 2
    assert {f["path"] for f in report["findings"]} == {"posts/new.md", "posts/draft.md"}
