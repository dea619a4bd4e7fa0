"""The import contracts in pyproject.toml ([tool.importlinter]) hold, and fail when a forbidden import is planted.

The layering of checks/ (policy data, linter, reporting, site, commands) is
written down as import-linter contracts, so it cannot rot quietly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

PROJECT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = PROJECT / ".venv" / "bin" / "lint-imports"
PYPROJECT = PROJECT / "pyproject.toml"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports on the ``checks`` package under ``root``, with that root's pyproject.toml."""
    if not LINT_IMPORTS.exists():
        pytest.fail(f"lint-imports is not at {LINT_IMPORTS}: run `bash scripts/setup.sh`")
    environment = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_contracts_hold() -> None:
    done = lint_imports(PROJECT)
    assert done.returncode == 0, done.stdout + done.stderr
    contracts = PYPROJECT.read_text(encoding="utf-8").count("[[tool.importlinter.contracts]]")
    assert contracts >= 10
    assert f"Contracts: {contracts} kept, 0 broken." in done.stdout


@pytest.mark.parametrize(
    ("module", "planted", "contract"),
    [
        ("policy/model.py", "checks.lint.engine", "The policy data imports nothing of the linter"),
        ("policy/loader.py", "checks.lint.kinds", "The policy data imports nothing of the linter"),
        ("lint/kinds/pattern.py", "checks.report.formats", "Kinds never import reporting"),
        ("lint/engine.py", "checks.site.rules", "The linter imports nothing of reporting"),
        ("report/formats.py", "checks.cli", "Reporting imports nothing of the site or the commands"),
        ("site/rules.py", "checks.lint.engine", "The site reaches the linter only through"),
        ("policy/labels.py", "checks.inbox.triage", "The policy data imports nothing of the linter"),
        ("lint/engine.py", "checks.schedule.selection", "The linter imports nothing of reporting"),
        ("schedule/cli.py", "checks.inbox.cli", "policy-schedule, policy-inbox and policy-analytics are independent"),
        (
            "analytics/cli.py",
            "checks.inbox.export",
            "policy-schedule, policy-inbox and policy-analytics are independent",
        ),
        ("inbox/report.py", "checks.analytics.report", "policy-schedule, policy-inbox and policy-analytics are"),
        ("analytics/matching.py", "checks.lint.engine", "policy-analytics reads a content repo through checks.repo"),
        ("analytics/report.py", "checks.report.formats", "policy-analytics reads a content repo through checks.repo"),
        ("repo/files.py", "checks.analytics.matching", "What a content repo holds (checks.repo) is read below every"),
        ("csvfile.py", "checks.inbox.export", "The CSV and HTML report modules are leaves"),
        ("htmlreport.py", "checks.policy.model", "The CSV and HTML report modules are leaves"),
        # The imports policy-inbox used before checks.repo: the linter's settings and its kinds' patterns.
        ("inbox/kinds.py", "checks.lint.kinds.email", "policy-inbox reads a content repo through checks.repo"),
        ("inbox/settings.py", "checks.lint.engine", "policy-inbox reads a content repo through checks.repo"),
        ("repo/post.py", "checks.lint.engine", "What a content repo holds (checks.repo) is read below every product"),
        ("repo/settings.py", "checks.schedule.cli", "What a content repo holds (checks.repo) is read below every"),
        ("policy/loader.py", "checks.repo.settings", "The policy data imports nothing of the linter"),
        ("words.py", "checks.policy.model", "The words module is a leaf"),
        # The browser has no processes and no policy files: what it runs must not reach for either.
        ("lint/draft.py", "checks.lint.parallel", "What the browser runs (checks.lint.draft) starts no process"),
        ("lint/engine.py", "checks.policy.loader", "What the browser runs (checks.lint.draft) starts no process"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path: Path, module: str, planted: str, contract: str) -> None:
    shutil.copytree(PROJECT / "checks", tmp_path / "checks", ignore=shutil.ignore_patterns("__pycache__", "_policy"))
    shutil.copy(PROJECT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "checks" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\nimport {planted}  # planted\n", encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    output = " ".join(done.stdout.split())  # lint-imports wraps long contract names
    assert contract in output
    source = "checks." + module.removesuffix(".py").replace("/", ".")
    assert f"{source} -> {planted}" in output
