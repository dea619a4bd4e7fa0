"""waiver_reason: a waiver without a reason does not apply, and says so."""

from __future__ import annotations

from kindcase import KindCase


class TestWaiverReason(KindCase):
    kind = "waiver_reason"

    def test_a_missing_or_blank_reason(self) -> None:
        self.check(
            """
            ---
            waivers:
              - rule: readability
                reason: The quoted statutory notice must be worded as it is.
              - rule: all-caps
              - rule: emoji-overuse
                reason: "  "
              - reason: ""
            ---
            """,
            (5, 5, {"waived_rule": "all-caps"}),
            (7, 5, {"waived_rule": "emoji-overuse"}),
            (8, 5, {"waived_rule": ""}),
        )
