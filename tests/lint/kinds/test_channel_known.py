"""channel_known: every channel must be one the policy lists, compared exactly."""

from __future__ import annotations

from kindcase import KindCase

KNOWN = "facebook, x, instagram, linkedin, youtube"


class TestChannelKnown(KindCase):
    kind = "channel_known"

    def test_each_unknown_channel_at_its_place_in_the_list(self) -> None:
        self.check(
            """
            ---
            channels: [facebook, Twitter, x, twitter]
            ---
            """,
            (2, 22, {"channel": "Twitter", "known": KNOWN}),
            (2, 34, {"channel": "twitter", "known": KNOWN}),
        )

    def test_known_channels_pass(self) -> None:
        self.check(
            """
            ---
            channels:
              - facebook
              - youtube
            ---
            """
        )
