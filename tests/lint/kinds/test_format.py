"""format: the post reader and the front-matter check report these; the kind prepares no check."""

from __future__ import annotations

from kindcase import KindCase

from checks.lint.kinds import KINDS, Context
from checks.policy.model import Policy
from checks.repo.settings import settings_from_data


class TestFormat(KindCase):
    kind = "format"

    def test_prepares_no_check(self, policy: Policy) -> None:
        assert KINDS["format"].prepare({}, Context(policy, settings_from_data({}, policy))) is None

    def test_so_a_post_gets_nothing_from_it(self) -> None:
        self.check(
            """
            ---
            title: Bins
            ---
            Body.
            """
        )
