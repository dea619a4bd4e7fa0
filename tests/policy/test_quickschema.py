"""QuickSchema says "valid" only where jsonschema finds no error, and says it for the valid posts it is there for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checks.policy import schemas
from checks.policy.model import Policy
from checks.policy.quickschema import QuickSchema
from checks.repo.post import Post, parse_post


def _front_matters(policy: Policy) -> list[object]:
    """The front matter of every rule example, valid and not."""
    found = []
    for rule in policy.rules.values():
        for example in (*rule.passing, *rule.failing):
            post = parse_post(example.post.encode("utf-8"), "example.md")
            if isinstance(post, Post):
                found.append(post.front)
    return found


def test_quick_yes_agrees_with_jsonschema_on_every_example(policy: Policy) -> None:
    quick = QuickSchema.of(policy.post_schema)
    assert quick is not None
    validator = schemas.validator(policy.schema_dir, "post")
    fronts = _front_matters(policy)
    said_valid = [front for front in fronts if quick.valid(front)]
    assert all(not list(validator.iter_errors(front)) for front in said_valid)
    truly_valid = [front for front in fronts if not list(validator.iter_errors(front))]
    assert len(said_valid) == len(truly_valid), "the quick check should recognise every valid example"
    assert len(truly_valid) < len(fronts), "the examples should include front matter that breaks the schema"


@pytest.mark.parametrize(
    "value",
    [
        {"channels": "x"},  # wrong type
        {"channels": []},  # too few items
        {"chanels": ["x"]},  # unknown key
        {"channels": [True]},  # a boolean where text belongs
        [],  # not a mapping
    ],
)
def test_quick_check_leaves_broken_front_matter_to_jsonschema(policy: Policy, value: object) -> None:
    quick = QuickSchema.of(policy.post_schema)
    assert quick is not None
    assert not quick.valid(value)


def test_a_keyword_outside_the_subset_leaves_the_schema_to_jsonschema() -> None:
    assert QuickSchema.of({"type": "object", "properties": {"a": {"maxLength": 3}}}) is None
    assert QuickSchema.of({"$ref": "#/$defs/missing"}) is None


def test_the_settings_schema_is_within_the_subset(policy: Policy) -> None:
    schema = json.loads(Path(policy.schema_dir, "settings.schema.json").read_text(encoding="utf-8"))
    quick = QuickSchema.of(schema)
    assert quick is not None
    assert quick.valid({}) and not quick.valid({"unknown": 1})
