"""The acceptance corpus (../shared/inbox-acceptance): triage gives exactly expected.yaml's labels and fields."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from checks.inbox.cli import main

FIELDS = ("valid", "missing", "due", "identified", "repeat_breacher")


@pytest.fixture(scope="module")
def expected(corpus: Path) -> dict[str, Any]:
    return yaml.safe_load((corpus / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any]]:
    """`policy-inbox triage --format json inbox.csv`, in this process; the settings are found beside the export."""
    output = tmp_path_factory.mktemp("inbox") / "triage.json"
    status = main(["triage", "--format", "json", "-o", str(output), str(corpus / "inbox.csv")])
    return status, json.loads(output.read_text(encoding="utf-8"))


def _as_expected(result: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    shown = {"line": result["line"], "labels": result["labels"]}
    for key in FIELDS:
        if key in wanted:
            value = result.get(key)
            shown[key] = date.fromisoformat(value) if key == "due" and value else value
    return shown


def test_exit_status_is_zero_with_no_problems(report) -> None:
    status, data = report
    assert status == 0
    assert data["problems"] == []
    assert data["rows_read"] == 40


def test_every_row_has_exactly_its_expected_labels_and_fields(report, expected) -> None:
    _, data = report
    got = {result["id"]: result for result in data["results"]}
    assert sorted(got) == sorted(expected["results"])
    mismatched = {
        row_id: (_as_expected(got[row_id], wanted), wanted)
        for row_id, wanted in expected["results"].items()
        if _as_expected(got[row_id], wanted) != wanted
    }
    assert mismatched == {}


def test_fields_appear_only_where_the_contract_defines_them(report, expected) -> None:
    _, data = report
    for result in data["results"]:
        wanted = expected["results"][result["id"]]
        assert ("valid" in result) == ("foi-request" in result["labels"])
        assert ("identified" in result) == ("consultation-comment" in result["labels"])
        breach = {"abusive", "threat", "spam", "impersonation"} & set(result["labels"])
        assert ("repeat_breacher" in result) == bool(breach)
        assert ("due" in result) == ("due" in wanted)


def test_council_rows_are_read_but_never_triaged(report, expected) -> None:
    _, data = report
    ids = {result["id"] for result in data["results"]}
    assert set(expected["not_triaged"]).isdisjoint(ids)


def test_a_repeat_breach_adds_block_to_the_actions(report) -> None:
    _, data = report
    for result in data["results"]:
        assert ("block" in result["actions"]) == bool(result.get("repeat_breacher"))
