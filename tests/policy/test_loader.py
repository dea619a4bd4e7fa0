"""The loader: the real policy loads; each kind of broken policy stops with exit 2 and an exact message."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from checks.caches import clear_caches
from checks.policy.errors import DataError
from checks.policy.loader import load_policy
from checks.policy.model import Clause

POLICY_DIR = Path(__file__).resolve().parents[2] / "policy"


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None) -> Path:
    """A copy of the policy to break, read without the disk cache and with every cache emptied."""
    monkeypatch.setenv("POLICY_CHECK_NO_CACHE", "1")
    copy = tmp_path / "policy"
    shutil.copytree(POLICY_DIR, copy)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    return path.read_text(encoding="utf-8").split(fragment)[0].count("\n") + 1


def load_error(folder: Path) -> str:
    clear_caches()  # a test may break the same copy twice
    with pytest.raises(DataError) as caught:
        load_policy(folder)
    return str(caught.value)


def test_the_policy_loads_with_every_part(policy) -> None:
    assert policy.meta.title == "Social media policy 2024-27"
    assert policy.meta.owner == "Communications team"
    assert [s.label for s in policy.sections][-1] == "Appendix A"
    assert set(policy.channels) == {"facebook", "x", "instagram", "linkedin", "youtube"}
    assert isinstance(policy.clauses["service-standards.commitment.accessible"], Clause)
    assert all(link.url is None for link in policy.links.values())
    assert policy.meta.effective < policy.meta.review_due


def test_every_schema_is_valid_and_resolves_from_disk() -> None:
    # No $id on disk: relative $refs resolve against the file's own place (the site publishes them with their $id).
    for path in sorted((POLICY_DIR / "schemas").glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert "$id" not in schema, path.name
        assert "://policy." not in path.read_text(encoding="utf-8"), f"{path.name} refers to a schema by URL"
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema.get("title") and schema.get("description")


def test_every_policy_file_names_its_schema_for_editors() -> None:
    for path in sorted(POLICY_DIR.glob("*.yaml")) + sorted((POLICY_DIR / "rules").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path.name
        assert (path.parent / match[1]).is_file()


def test_missing_key(broken: Path) -> None:
    rules = broken / "rules" / "approval-missing.yaml"
    edit(rules, "severity: error\n", "")
    # The rule's mapping starts on line 2, under the schema comment.
    assert load_error(broken) == "policy/rules/approval-missing.yaml:2:1: missing required key 'severity'"


def test_wrong_type(broken: Path) -> None:
    channels = broken / "channels.yaml"
    line = line_of(channels, "text_limit: 280")
    edit(channels, "text_limit: 280", "text_limit: two hundred and eighty")
    assert (
        load_error(broken)
        == f"policy/channels.yaml:{line}:17: expected integer, got string at $.channels[1].text_limit"
    )


def test_unknown_key(broken: Path) -> None:
    meta = broken / "policy.yaml"
    edit(meta, "owner: Communications team\n", "owner: Communications team\nowners: Comms\n")
    line = line_of(meta, "owners:")
    assert (
        load_error(broken) == f"policy/policy.yaml:{line}:1: unknown key 'owners' (did you mean 'owner'?) at $.owners"
    )


def test_duplicate_clause_id(broken: Path) -> None:
    rules = broken / "house-rules.yaml"
    edit(rules, "id: house-rules.not-tolerated", "id: house-rules.intro")
    second = rules.read_text(encoding="utf-8").split("id: house-rules.intro")
    line = second[0].count("\n") + second[1].count("\n") + 1
    message = load_error(broken)
    assert message.startswith(f"policy/house-rules.yaml:{line}:")
    assert message.endswith(
        "duplicate clause id 'house-rules.intro' (also in policy/house-rules.yaml) at " + message.rsplit(" at ", 1)[1]
    )


def test_reference_to_a_clause_that_does_not_exist(broken: Path) -> None:
    rule = broken / "rules" / "personal-email.yaml"
    edit(rule, "clause: service-standards.commitment.privacy", "clause: service-standards.commitment.secrecy")
    line = line_of(rule, "clause:")
    assert load_error(broken) == (
        f"policy/rules/personal-email.yaml:{line}:1: refers to clause 'service-standards.commitment.secrecy', "
        "which does not exist at $.clause"
    )


def test_invalid_yaml(broken: Path) -> None:
    edit(broken / "lists.yaml", "lists:\n", "lists:\n  - [unclosed\n")
    assert load_error(broken).startswith("policy/lists.yaml:")


def test_unknown_kind_is_refused_by_the_schemas_enum(broken: Path) -> None:
    rule = broken / "rules" / "channel-too-long.yaml"
    edit(rule, "kind: max_length", "kind: max_lenght")
    message = load_error(broken)
    assert message.startswith(
        f"policy/rules/channel-too-long.yaml:{line_of(rule, 'kind:')}:7: 'max_lenght' is not one of:"
    )
    assert message.endswith("at $.kind")


def test_message_placeholder_its_kind_does_not_give(broken: Path) -> None:
    rule = broken / "rules" / "channel-too-long.yaml"
    edit(rule, "is {length} characters", "is {numbr} characters")
    assert load_error(broken) == (
        f"policy/rules/channel-too-long.yaml:{line_of(rule, 'message:')}:10: message names placeholder '{{numbr}}', "
        "which kind 'max_length' does not give (it gives: channel, file, length, limit) at $.message"
    )


def test_message_placeholder_is_read_up_to_its_attribute_index_or_format(broken: Path) -> None:
    rule = broken / "rules" / "readability.yaml"
    edit(rule, "reading ease {score}", "reading ease {score:.1f} {threshold!r} {scor[0]}")
    assert (
        "message names placeholder '{scor}', which kind 'readability' does not give (it gives: score, threshold)"
        in (load_error(broken))
    )


def test_message_that_is_not_a_template(broken: Path) -> None:
    rule = broken / "rules" / "readability.yaml"
    edit(rule, "(at least {threshold})", "(at least {threshold)")
    line = line_of(rule, "message:")
    assert load_error(broken).startswith(f"policy/rules/readability.yaml:{line}:10: message is not a valid template: ")


def check_with_policy(policy_dir: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """policy-check as a process, on a small post, with the policy in ``policy_dir`` and no disk cache."""
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: t\n---\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "checks", "--policy", str(policy_dir), str(post)],
        capture_output=True,
        text=True,
        check=False,
        env={"POLICY_CHECK_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.integration
def test_unknown_message_placeholder_exits_2_naming_file_line_and_placeholder(broken: Path, tmp_path: Path) -> None:
    rule = broken / "rules" / "channel-too-long.yaml"
    edit(rule, "is {length} characters", "is {numbr} characters")
    done = check_with_policy(broken, tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        f"policy-check: policy/rules/channel-too-long.yaml:{line_of(rule, 'message:')}:10: "
        "message names placeholder '{numbr}', which kind 'max_length' does not give "
        "(it gives: channel, file, length, limit) at $.message\n"
    )


@pytest.mark.integration
def test_broken_policy_exits_2_with_the_message_and_no_traceback(broken: Path, tmp_path: Path) -> None:
    edit(broken / "channels.yaml", "counting: x-weighted", "counting: tweets")
    done = check_with_policy(broken, tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("policy-check: policy/channels.yaml:")
    assert "'tweets' is not one of: characters, x-weighted at $.channels[1].counting" in done.stderr
