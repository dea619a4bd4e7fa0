"""The GitHub Action (action.yml), run the way a runner runs a composite action.

``run_action`` parses action.yml and runs each ``run:`` step's script with bash,
its ``env:`` evaluated from the inputs and the runner's contexts, and the runner's
``GITHUB_*`` files and variables pointing into a temporary folder, on a temporary
git repository holding a pull request (a base branch and a change).

What a real runner would do differently, on purpose:

- ``uses:`` steps (actions/setup-python) are not run: the project's ``.venv`` is
  first on PATH and already has the checker.
- The step with ``id: install`` (pip install of the action's own folder) is
  skipped, as GitHub skips a step: its outputs are empty, so the check step uses
  ``policy-check`` and ``python`` from PATH, that is from ``.venv``. The wheel
  install itself is exercised by tests/report/test_precommit.py, which pip-installs
  this project into pre-commit's environment.

The expression evaluator knows only ``${{ a.b.c }}`` lookups (inputs, github,
runner, steps); any other expression in action.yml fails these tests, which keeps
the action's expressions simple enough for this runner to be honest.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from gitkit import git

from checks.lint.findings import Finding, Report
from checks.report import action as glue
from checks.report.formats import as_json

PROJECT = Path(__file__).resolve().parents[2]
ACTION = yaml.safe_load((PROJECT / "action.yml").read_text(encoding="utf-8"))
SKIPPED_STEPS = {"install"}  # by id: see the module docstring
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
LOOKUP = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*")
SITE = "https://policy.hart.gov.uk/rules/"


# -- a tiny runner --------------------------------------------------------------


def evaluate(text: str, context: dict[str, Any]) -> str:
    """Replace each ``${{ a.b.c }}`` in ``text`` by its value; a missing value is '' as on GitHub."""

    def one(match: re.Match[str]) -> str:
        expression = match.group(1)
        assert LOOKUP.fullmatch(expression), f"expression too complex for the test runner: {expression!r}"
        value: Any = context
        for part in expression.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, bool):
            return "true" if value else "false"
        return "" if value is None else str(value)

    return EXPRESSION.sub(one, text)


def read_outputs(path: Path) -> dict[str, str]:
    """``$GITHUB_OUTPUT`` as the runner reads it: ``name=value`` lines and ``name<<EOF`` blocks."""
    outputs: dict[str, str] = {}
    lines = iter(path.read_text(encoding="utf-8").splitlines()) if path.exists() else iter(())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            for value in lines:
                if value == delimiter:
                    break
                block.append(value)
            outputs[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


@dataclass
class Run:
    status: int  # the exit status of the step that ended the action
    log: str  # stdout of every step run, in order
    errors: str  # stderr of every step run
    summary: str  # what the steps appended to their $GITHUB_STEP_SUMMARY files
    outputs: dict[str, str]  # the action's outputs, evaluated from its `outputs:`
    ran: list[str]  # ids of the steps run


def run_action(workspace: Path, temp: Path, inputs: dict[str, str], event: dict[str, Any]) -> Run:
    runner_temp = temp / "runner-temp"
    runner_temp.mkdir(parents=True, exist_ok=True)
    event_path = temp / "event.json"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    pull = event.get("pull_request") or {}
    github = {
        "action_path": str(PROJECT),
        "workspace": str(workspace),
        "event": event,
        "event_name": "pull_request" if pull else "push",
        "base_ref": pull.get("base", {}).get("ref", ""),
        "head_ref": pull.get("head", {}).get("ref", ""),
    }
    context: dict[str, Any] = {"github": github, "runner": {"temp": str(runner_temp), "os": "Linux"}, "steps": {}}
    given = {}
    for name, spec in ACTION["inputs"].items():
        default = evaluate(str(spec.get("default", "")), context)
        given[name] = inputs.get(name, default)
    assert set(inputs) <= set(given), f"unknown inputs: {set(inputs) - set(given)}"
    context["inputs"] = given

    base_environment = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "RUNNER_"))}
    base_environment.update(
        PATH=f"{PROJECT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}",
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_WORKSPACE=str(workspace),
        GITHUB_EVENT_PATH=str(event_path),
        GITHUB_EVENT_NAME=github["event_name"],
        GITHUB_BASE_REF=github["base_ref"],
        GITHUB_HEAD_REF=github["head_ref"],
        GITHUB_ACTION_PATH=str(PROJECT),
        RUNNER_TEMP=str(runner_temp),
        RUNNER_OS="Linux",
        POLICY_CHECK_CACHE_DIR=str(temp / "policy-cache"),
    )
    log, errors, summary, ran = [], [], [], []
    status = 0
    for number, step in enumerate(ACTION["runs"]["steps"]):
        step_id = step.get("id", f"step{number}")
        if "uses" in step or step_id in SKIPPED_STEPS:
            context["steps"][step_id] = {"outputs": {}, "outcome": "skipped"}
            continue
        assert step["shell"] == "bash"
        files = {name: temp / f"{step_id}.{name}" for name in ("output", "env", "path", "summary")}
        for file in files.values():
            file.write_text("", encoding="utf-8")
        environment = dict(base_environment)
        environment.update(
            GITHUB_OUTPUT=str(files["output"]),
            GITHUB_ENV=str(files["env"]),
            GITHUB_PATH=str(files["path"]),
            GITHUB_STEP_SUMMARY=str(files["summary"]),
        )
        environment.update({key: evaluate(str(value), context) for key, value in step.get("env", {}).items()})
        cwd = evaluate(step.get("working-directory", "${{ github.workspace }}"), context)
        script = temp / f"{step_id}.sh"
        script.write_text(step["run"], encoding="utf-8")
        # What the runner runs for `shell: bash`.
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        ran.append(step_id)
        log.append(done.stdout)
        errors.append(done.stderr)
        summary.append(files["summary"].read_text(encoding="utf-8"))
        assert files["env"].read_text(encoding="utf-8") == "", "the action must not change the caller's environment"
        assert files["path"].read_text(encoding="utf-8") == "", "the action must not change the caller's PATH"
        context["steps"][step_id] = {
            "outputs": read_outputs(files["output"]),
            "outcome": "success" if done.returncode == 0 else "failure",
        }
        status = done.returncode
        if status != 0:
            break
    outputs = {name: evaluate(spec["value"], context) for name, spec in ACTION["outputs"].items()}
    return Run(status, "".join(log), "".join(errors), "".join(summary), outputs, ran)


# -- a content repository with a pull request ------------------------------------

SETTINGS = """\
approvers: [comms-team]
allowed_phones: ["01252 622122"]
exclude: [README.md]
"""

CLEAN = """\
---
title: Garden waste renewals
channels: [facebook, x]
publish_at: 2027-02-01T09:30:00+00:00
type: service-update
approved_by: comms-team
---
Garden waste permits for 2027 are on sale now. Renew yours by 28 February.
Call 01252 622122 or go to https://www.hart.gov.uk/garden-waste #HartNews
"""

UNCHANGED_BAD = """\
---
title: Fleet Pond clean-up (no approval)
channels: [facebook]
publish_at: 2027-02-02T10:00:00+00:00
type: event
---
Join the Fleet Pond clean-up on Saturday at 10am. Meet at the car park.
"""

CHANGED_BAD = """\
---
title: Yateley lido jobs (personal phone number)
channels: [facebook]
publish_at: 2027-02-03T10:00:00+00:00
type: job-vacancy
approved_by: comms-team
---
We are hiring lifeguards for Yateley lido this summer.
To find out more, text Jo on 07700 900123.
"""


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@dataclass
class PullRequest:
    workspace: Path
    temp: Path
    event: dict[str, Any]


def pull_request(tmp_path: Path, changes: dict[str, str]) -> PullRequest:
    """A repo whose main branch has a clean and a bad post, and a branch that makes ``changes``."""
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    git(workspace, "init", "--quiet", "--initial-branch=main")
    write(
        workspace,
        {
            ".policy-check.yaml": SETTINGS,
            "README.md": "# Posts\n",
            "posts/2027-02-01-garden-waste.md": CLEAN,
            "posts/2027-02-02-fleet-pond.md": UNCHANGED_BAD,
        },
    )
    git(workspace, "add", "-A")
    git(workspace, "commit", "--quiet", "-m", "Posts so far")
    base = git(workspace, "rev-parse", "HEAD")
    git(workspace, "update-ref", "refs/remotes/origin/main", base)
    git(workspace, "switch", "--quiet", "-c", "new-posts")
    write(workspace, changes)
    git(workspace, "add", "-A")
    git(workspace, "commit", "--quiet", "-m", "New posts")
    head = git(workspace, "rev-parse", "HEAD")
    event = {
        "action": "synchronize",
        "number": 7,
        "pull_request": {
            "number": 7,
            "base": {"ref": "main", "sha": base},
            "head": {"ref": "new-posts", "sha": head},
        },
    }
    return PullRequest(workspace, tmp_path / "runner", event)


CHANGED = "posts/2027-02-03-yateley-lido-jobs.md"
UNCHANGED = "posts/2027-02-02-fleet-pond.md"


@pytest.fixture
def bad_change(tmp_path: Path) -> PullRequest:
    return pull_request(tmp_path, {CHANGED: CHANGED_BAD})


def annotations(log: str) -> list[tuple[str, str, str, str]]:
    """(command, file, line, title) of every workflow command annotation in the log."""
    pattern = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),col=\d+,title=([^:]+)::", re.MULTILINE)
    return pattern.findall(log)


# -- the action on a pull request -------------------------------------------------


@pytest.mark.integration
def test_changed_only_annotates_summarises_and_fails(bad_change: PullRequest) -> None:
    run = run_action(
        bad_change.workspace,
        bad_change.temp,
        {"changed-only": "true", "sarif-file": "reports/policy-check.sarif"},
        bad_change.event,
    )
    assert run.ran == ["check"]
    assert run.status == 1, run.errors
    assert run.errors == ""
    # Annotations on the changed post's lines, none on the unchanged bad post.
    assert annotations(run.log) == [("error", CHANGED, "9", "personal-phone")]
    assert "1 file checked: 1 error, 0 warnings in 1 file" in run.log
    # The job summary: a table with the finding and a link to the rule's page.
    assert "## Social media policy check: failed" in run.summary
    assert "| File | Line | Severity | Rule | Finding |" in run.summary
    assert "| posts/2027-02-03-yateley-lido-jobs.md | 9:" in run.summary
    assert f"| error | [personal-phone]({SITE}personal-phone/) |" in run.summary
    assert UNCHANGED not in run.summary
    # SARIF for code scanning: the changed post only.
    sarif = json.loads((bad_change.workspace / "reports" / "policy-check.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    results = sarif["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results] == [CHANGED]
    assert [r["ruleId"] for r in results] == ["personal-phone"]
    # The action's outputs.
    assert run.outputs["status"] == "1"
    assert run.outputs["errors"] == "1"
    assert run.outputs["warnings"] == "0"
    assert run.outputs["files-checked"] == "1"
    assert run.outputs["sarif-file"] == "reports/policy-check.sarif"
    assert Path(run.outputs["summary-file"]).read_text(encoding="utf-8") == run.summary
    report = json.loads(Path(run.outputs["report"]).read_text(encoding="utf-8"))
    assert report["files_checked"] == 1


@pytest.mark.integration
def test_without_changed_only_every_post_is_checked(bad_change: PullRequest) -> None:
    run = run_action(bad_change.workspace, bad_change.temp, {}, bad_change.event)
    assert run.status == 1
    assert annotations(run.log) == [
        ("error", UNCHANGED, "1", "approval-missing"),
        ("error", CHANGED, "9", "personal-phone"),
    ]
    assert run.outputs["files-checked"] == "3"  # README.md is excluded by the settings
    assert run.outputs["errors"] == "2"
    assert run.outputs["sarif-file"] == ""


@pytest.mark.integration
def test_a_clean_change_passes(tmp_path: Path) -> None:
    change = pull_request(tmp_path, {"posts/2027-02-04-council-tax.md": CLEAN.replace("Garden waste", "Council tax")})
    run = run_action(
        change.workspace, change.temp, {"changed-only": "true", "sarif-file": "policy-check.sarif"}, change.event
    )
    assert run.status == 0, run.log + run.errors
    assert annotations(run.log) == []
    assert "1 file checked: no problems found" in run.log
    assert "## Social media policy check: passed" in run.summary
    assert "| File |" not in run.summary
    sarif = json.loads((change.workspace / "policy-check.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"] == []
    assert run.outputs["errors"] == "0"


@pytest.mark.integration
def test_a_waived_finding_does_not_fail(tmp_path: Path) -> None:
    waived = CHANGED_BAD.replace(
        "approved_by: comms-team\n",
        "approved_by: comms-team\n"
        "waivers:\n"
        "  - rule: personal-phone\n"
        "    reason: Jo's work mobile, agreed on 1 February\n",
    )
    change = pull_request(tmp_path, {CHANGED: waived})
    run = run_action(change.workspace, change.temp, {"changed-only": "true"}, change.event)
    assert run.status == 0, run.log + run.errors
    assert annotations(run.log) == [("notice", CHANGED, "12", "personal-phone (waived)")]
    assert "| error (waived) | [personal-phone]" in run.summary
    assert run.outputs["waived"] == "1"
    assert run.outputs["errors"] == "0"


@pytest.mark.integration
def test_base_branch_is_used_when_the_event_has_no_base_commit(bad_change: PullRequest) -> None:
    event = {"pull_request": {"base": {"ref": "main"}, "head": {"ref": "new-posts"}}}
    run = run_action(bad_change.workspace, bad_change.temp, {"changed-only": "true"}, event)
    assert run.status == 1
    assert [a[1] for a in annotations(run.log)] == [CHANGED]


@pytest.mark.integration
def test_a_shallow_checkout_is_a_clear_error(bad_change: PullRequest) -> None:
    run = run_action(
        bad_change.workspace, bad_change.temp, {"changed-only": "true", "base": "f" * 40}, bad_change.event
    )
    assert run.status == 2
    assert "fetch-depth: 0" in run.log
    assert run.outputs["status"] == ""  # policy-check never ran


@pytest.mark.integration
def test_changed_only_on_a_push_checks_everything(bad_change: PullRequest) -> None:
    run = run_action(bad_change.workspace, bad_change.temp, {"changed-only": "true"}, {"ref": "refs/heads/main"})
    assert run.status == 1
    assert "::notice title=policy-check::No pull request base" in run.log
    assert run.outputs["files-checked"] == "3"


@pytest.mark.integration
def test_a_usage_error_fails_with_its_message(bad_change: PullRequest) -> None:
    run = run_action(bad_change.workspace, bad_change.temp, {"config": "missing.yaml"}, bad_change.event)
    assert run.status == 2
    assert "policy-check: settings file 'missing.yaml' not found" in run.errors
    assert "::error title=policy-check::policy-check could not run (exit status 2)" in run.log
    assert run.outputs["status"] == "2"
    assert run.summary == ""


@pytest.mark.integration
def test_paths_and_settings_inputs(bad_change: PullRequest) -> None:
    write(bad_change.workspace, {"other/settings.yaml": "approvers: [someone-else]\n"})
    run = run_action(
        bad_change.workspace,
        bad_change.temp,
        {"paths": f"{CHANGED}\n  posts/2027-02-01-garden-waste.md", "config": "other/settings.yaml", "format": "text"},
        bad_change.event,
    )
    assert run.status == 1
    assert annotations(run.log) == []  # text, not workflow commands
    assert f"{CHANGED}:6:14: error [approval-missing]" in run.log
    assert run.outputs["files-checked"] == "2"


@pytest.mark.integration
def test_a_bad_input_is_a_usage_error(bad_change: PullRequest) -> None:
    run = run_action(bad_change.workspace, bad_change.temp, {"format": "junit"}, bad_change.event)
    assert run.status == 2
    assert "The format input must be github, text or json" in run.log


# -- the action's own shape ------------------------------------------------------------


def run_steps() -> list[dict[str, Any]]:
    return [step for step in ACTION["runs"]["steps"] if "run" in step]


def test_inputs_reach_scripts_only_through_env() -> None:
    for step in run_steps():
        assert "${{" not in step["run"], f"step {step.get('id')}: an expression inside run: (script injection)"
    used = {m for step in run_steps() for value in step.get("env", {}).values() for m in EXPRESSION.findall(str(value))}
    assert {f"inputs.{name}" for name in ACTION["inputs"]} - {"inputs.python-version"} <= used


def test_the_action_is_composite_with_pinned_actions_and_an_install_step() -> None:
    assert ACTION["runs"]["using"] == "composite"
    uses = [step["uses"] for step in ACTION["runs"]["steps"] if "uses" in step]
    assert [use.split("@")[0] for use in uses] == ["actions/setup-python"]  # pinned: tests/project/test_pinning.py
    install = next(step for step in ACTION["runs"]["steps"] if step.get("id") == "install")
    assert '"$ACTION_PATH"' in install["run"] and install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert all(step.get("shell") == "bash" for step in run_steps())


@pytest.mark.integration
def test_the_scripts_are_valid_bash() -> None:
    for step in run_steps():
        done = subprocess.run(["bash", "-n"], input=step["run"], capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"step {step.get('id')}: {done.stderr}"


# -- checks.report.action on its own -----------------------------------------------------------


def finding(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "path": "posts/a.md",
        "line": 7,
        "column": 5,
        "rule": "alt-text-missing",
        "severity": "error",
        "message": "Image images/bin.jpg has no alt text",
        "category": "accessibility",
        "clause": "service-standards.commitment.accessible",
        "url": f"{SITE}alt-text-missing/",
        "waived": False,
    }
    values.update(changes)
    return Finding(**values)


def test_a_report_survives_the_round_trip_through_json(policy, tmp_path: Path) -> None:
    original = Report("2024.1", ["posts/a.md", "posts/b.md", "posts/c.md"], [finding(), finding(path="posts/b.md")])
    path = tmp_path / "report.json"
    with path.open("w", encoding="utf-8") as stream:
        as_json(original, policy, stream)
    rebuilt = glue.read_report(path)
    assert rebuilt.findings == original.findings
    assert [f.as_dict() for f in rebuilt.findings] == [f.as_dict() for f in original.findings]
    assert rebuilt.files_checked == 3
    assert rebuilt.failed


def test_a_broken_report_is_exit_status_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "report.json"
    path.write_text('{"findings": []}', encoding="utf-8")
    assert glue.main([str(path)]) == 2
    assert "not a policy-check JSON report" in capsys.readouterr().err
    assert glue.main([str(tmp_path / "missing.json")]) == 2


def test_the_summary_shows_post_text_as_plain_text() -> None:
    message = 'Alt text "<img src=x> | *bold* [x](y)" does not describe the image'
    markdown = glue.summary_markdown(Report("2024.1", ["posts/a.md"], [finding(message=message)]))
    row = next(line for line in markdown.splitlines() if line.startswith("| posts/a.md"))
    assert row.count(" | ") == 4  # the pipe in the message does not add a column
    assert "&lt;img src=x&gt; \\| \\*bold\\* \\[x\\](y)" in row


def test_the_summary_links_each_file_to_its_line_on_github() -> None:
    blob = glue.blob_url_from_environment(
        {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "hart/posts", "GITHUB_SHA": "abc123"}
    )
    markdown = glue.summary_markdown(Report("2024.1", ["posts/a b.md"], [finding(path="posts/a b.md")]), blob)
    assert "| [posts/a b.md](https://github.com/hart/posts/blob/abc123/posts/a%20b.md#L7) | 7:5 |" in markdown
    assert glue.blob_url_from_environment({}) == ""


def test_a_long_summary_is_cut_short() -> None:
    findings = [finding(line=number) for number in range(1, glue.MAX_ROWS + 6)]
    markdown = glue.summary_markdown(Report("2024.1", ["posts/a.md"], findings))
    assert markdown.count("\n| posts/a.md |") == glue.MAX_ROWS
    assert "5 more findings are not shown here" in markdown
