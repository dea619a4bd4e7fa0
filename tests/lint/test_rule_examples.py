"""Every rule's own examples, from its YAML: passing ones pass, failing ones fail at the stated places.

The same examples are shown on the rule's page of the site, so a documented
example can never be wrong.
"""

from __future__ import annotations

import pytest

from checks.lint.engine import Engine
from checks.lint.examples import example_settings
from checks.policy.loader import load_policy
from checks.policy.model import Example, Rule

POLICY = load_policy()
CASES = [
    pytest.param(rule, outcome, example, id=f"{rule.id}-{outcome}-{number}")
    for rule in POLICY.rules.values()
    for outcome, examples in (("pass", rule.passing), ("fail", rule.failing))
    for number, example in enumerate(examples)
]


def run(rule: Rule, example: Example) -> list[tuple[int, int]]:
    engine = Engine(POLICY, example_settings(POLICY, example))
    findings = engine.check_text(example.post, f"{rule.id}.md")
    return [(f.line, f.column) for f in findings if f.rule == rule.id]


@pytest.mark.parametrize(("rule", "outcome", "example"), CASES)
def test_example(rule: Rule, outcome: str, example: Example) -> None:
    positions = run(rule, example)
    if outcome == "pass":
        assert positions == [], f"{rule.id} fired on its passing example: {example.description}"
    else:
        assert positions == sorted(example.expect), f"{rule.id} on: {example.description}"


def test_every_fail_example_states_where_its_findings_are() -> None:
    missing = [rule.id for rule in POLICY.rules.values() for ex in rule.failing if not ex.expect]
    assert missing == []


def test_passing_examples_are_clean_under_every_rule() -> None:
    """A passing example shows good practice: no rule at all may fire on it."""
    dirty = {}
    for rule in POLICY.rules.values():
        for example in rule.passing:
            engine = Engine(POLICY, example_settings(POLICY, example))
            found = sorted({f.rule for f in engine.check_text(example.post) if not f.waived})
            if found:
                dirty[f"{rule.id}: {example.description}"] = found
    assert dirty == {}
