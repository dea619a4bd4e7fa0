"""A settings file's unknown rule id suggests the nearest known one, as the front matter does for keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.policy.errors import DataError
from checks.policy.model import Policy
from checks.repo.settings import load_settings

pytestmark = pytest.mark.unit


def _load(tmp_path: Path, policy: Policy, text: str) -> DataError:
    path = tmp_path / ".policy-check.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_settings(path, policy)
    return raised.value


def test_a_near_miss_of_a_rule_id_names_the_rule_meant(tmp_path: Path, policy: Policy) -> None:
    error = _load(tmp_path, policy, "partners: ['@a']\nrules:\n  alt-txt-missing: off\n")
    assert error.message == "key 'rules': unknown rule id 'alt-txt-missing' (did you mean 'alt-text-missing'?)"
    assert (error.line, error.column, error.data_path) == (3, 3, "$.rules.alt-txt-missing")


def test_a_rule_id_far_from_every_known_one_gets_no_suggestion(tmp_path: Path, policy: Policy) -> None:
    error = _load(tmp_path, policy, "rules: {no-such-rule: off}\n")
    assert error.message == "key 'rules': unknown rule id 'no-such-rule'"
