"""The rules' example posts, checked: the one way into the linter for the site and the rule-example tests.

A rule's page shows what its examples give, and the tests assert the same, so
a documented example always behaves as shown.
"""

from __future__ import annotations

import json
from typing import Any

from checks import caches
from checks.lint.engine import Engine
from checks.lint.findings import Finding
from checks.policy.model import Example, Policy, Rule


def check_example(policy: Policy, rule: Rule, example: Example, path: str = "post.md") -> list[Finding]:
    """What ``rule`` finds in one of its example posts, under the example's own settings."""
    engine = _EXAMPLE_ENGINES.get(policy, example.settings)
    return [finding for finding in engine.check_text(example.post, path) if finding.rule == rule.id]


class _EngineStore:
    """One engine per policy and distinct example settings, built on first use: compiling the rules takes a moment.

    Kept by the policy's folder and the settings' text, and used only for the
    very policy object it was built for, so a policy read afresh gets a new engine.
    """

    def __init__(self) -> None:
        self._engines: dict[tuple[str, str], tuple[Policy, Engine]] = {}

    def get(self, policy: Policy, settings: dict[str, Any]) -> Engine:
        from checks.repo.settings import settings_from_data

        key = (policy.folder, json.dumps(settings, sort_keys=True, default=str))
        built = self._engines.get(key)
        if built is None or built[0] is not policy:
            built = (policy, Engine(policy, settings_from_data(settings, policy)))
            self._engines[key] = built
        return built[1]

    def cache_clear(self) -> None:
        self._engines.clear()


_EXAMPLE_ENGINES = _EngineStore()
caches.register(_EXAMPLE_ENGINES)
