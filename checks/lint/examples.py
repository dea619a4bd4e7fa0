"""The rules' example posts, checked: the one way into the linter for the site and the rule-example tests.

A rule's page shows what its examples give, and the tests assert the same, so
a documented example always behaves as shown.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from checks import caches
from checks.lint.engine import Engine
from checks.lint.findings import Finding
from checks.policy.model import Example, Policy, Rule

if TYPE_CHECKING:
    from checks.repo.settings import Settings


def check_example(policy: Policy, rule: Rule, example: Example, path: str = "post.md") -> list[Finding]:
    """What ``rule`` finds in one of its example posts, under the example's own settings."""
    given = json.dumps({"settings": example.settings, "register": example.register}, sort_keys=True, default=str)
    engine = _EXAMPLE_ENGINES.get(policy, given, lambda: Engine(policy, example_settings(policy, example)))
    return [finding for finding in engine.check_text(example.post, path) if finding.rule == rule.id]


def example_settings(policy: Policy, example: Example) -> Settings:
    """The settings an example runs under: its own, with its consent register when it gives one."""
    from checks.repo.settings import settings_from_data

    return settings_from_data(example.settings, policy, register=example.register)


# One engine per policy and distinct example settings and register, built on first use: compiling the rules
# takes a moment.
_EXAMPLE_ENGINES: caches.PerPolicy[Engine] = caches.PerPolicy()
