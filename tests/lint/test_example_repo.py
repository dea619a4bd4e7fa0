"""examples/content-repo: policy-check reports exactly the labelled findings of each post."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_acceptance import found  # unwaived rule ids by file, as the labels list them

PROJECT = Path(__file__).resolve().parents[2]
EXAMPLE = PROJECT / "examples" / "content-repo"
POLICY_CHECK = Path(sys.executable).parent / "policy-check"  # the console script beside pytest's Python


@pytest.fixture(scope="module")
def checked() -> tuple[int, dict, str]:
    """The README's command, `policy-check .` inside the example, with JSON output."""
    done = subprocess.run(
        [str(POLICY_CHECK), "--format", "json", "."], cwd=EXAMPLE, capture_output=True, text=True, check=False
    )
    return done.returncode, json.loads(done.stdout), done.stderr


def labelled(name: str) -> dict[str, list[str]]:
    return yaml.safe_load((EXAMPLE / name).read_text(encoding="utf-8")) or {}


@pytest.mark.integration
def test_every_post_is_labelled_and_checked(checked) -> None:
    status, report, errors = checked
    expected = labelled("expected.yaml")
    posts = sorted(path.relative_to(EXAMPLE).as_posix() for path in EXAMPLE.glob("posts/*.md"))
    assert sorted(expected) == posts
    assert 12 <= len(posts) <= 16
    assert errors == ""
    assert status == 1  # the example holds unwaived errors on purpose
    assert report["files_checked"] == len(posts)  # README.md is excluded by the settings
    assert all(finding["path"].startswith("posts/") for finding in report["findings"])


@pytest.mark.integration
def test_errors_are_exactly_the_labelled_ones(checked) -> None:
    _, report, _ = checked
    expected = labelled("expected.yaml")
    got = found(report, "error")
    assert {path: got.get(path, []) for path in expected} == expected
    assert set(got) <= set(expected)


@pytest.mark.integration
def test_warnings_are_exactly_the_labelled_ones(checked) -> None:
    _, report, _ = checked
    expected = labelled("expected.yaml")
    warnings = labelled("expected-warnings.yaml")
    assert set(warnings) <= set(expected)
    got = found(report, "warning")
    assert {path: got.get(path, []) for path in expected} == {path: warnings.get(path, []) for path in expected}


@pytest.mark.integration
def test_the_waiver_is_reported_and_does_not_fail(checked) -> None:
    _, report, _ = checked
    waived = [(f["path"], f["rule"]) for f in report["findings"] if f["waived"]]
    assert waived == [("posts/2027-07-05-share-cricket-club.md", "share-source-not-partner")]


def test_the_example_shows_clean_and_failing_posts() -> None:
    expected = labelled("expected.yaml")
    clean = [path for path, rules in expected.items() if not rules]
    assert 4 <= len(clean) < len(expected)


def test_the_settings_hold_what_the_example_shows() -> None:
    settings = yaml.safe_load((EXAMPLE / ".policy-check.yaml").read_text(encoding="utf-8"))
    for key in ("election_periods", "partners", "people", "approvers", "allowed_phones", "incidents"):
        assert settings[key], key
    assert "README.md" in settings["exclude"]


def test_the_register_is_used_by_the_posts_and_one_record_is_withdrawn() -> None:
    """serve.sh shows the register's rules at work: the withdrawn record's uses are an error and a warning."""
    settings = yaml.safe_load((EXAMPLE / ".policy-check.yaml").read_text(encoding="utf-8"))
    register = yaml.safe_load((EXAMPLE / settings["consent_register"]).read_text(encoding="utf-8"))
    uses: dict[str, list[str]] = {}
    for post in sorted(EXAMPLE.glob("posts/*.md")):
        for ref in re.findall(r"^\s+consent: (\S+)$", post.read_text(encoding="utf-8"), re.MULTILINE):
            uses.setdefault(ref, []).append(post.relative_to(EXAMPLE).as_posix())
    assert sorted(uses) == sorted(record["ref"] for record in register)
    (withdrawn,) = [record["ref"] for record in register if record.get("withdrawn")]
    errors, warnings = labelled("expected.yaml"), labelled("expected-warnings.yaml")
    assert sorted(
        rule for path in uses[withdrawn] for rule in errors[path] + warnings.get(path, []) if "consent" in rule
    ) == ["image-consent-withdrawn", "image-consent-withdrawn-after-publishing"]


def test_the_readme_gives_the_command() -> None:
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    assert "\n    policy-check .\n" in readme
    assert f"the {len(labelled('expected.yaml'))} posts" in readme
