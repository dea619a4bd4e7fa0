"""emoji_count: emoji in a row and in one text, each limit its own parameter."""

from __future__ import annotations

from kindcase import KindCase

POST = """
    ---
    title: Fair
    ---
    {body}
    """


class TestEmojiCount(KindCase):
    kind = "emoji_count"

    def test_defaults_allow_three_in_a_row_and_six_in_a_text(self) -> None:
        self.check(POST.format(body="Fair 🎉 🎉 🎉 today ☀️ 🌳 🦆"))
        self.check(
            POST.format(body="Fair 🎉 🎉 🎉 🎉 today ☀️ 🌳 🦆"),
            (4, 6, {"count": 4, "limit": 3, "where": "in a row"}),
            (4, 25, {"count": 7, "limit": 6, "where": "in the post"}),
        )

    def test_max_in_a_row(self) -> None:
        self.check(
            POST.format(body="Fair 🎉🎉 today ☀️"),
            (4, 6, {"count": 2, "limit": 1, "where": "in a row"}),
            max_in_a_row=1,
        )

    def test_max_total_points_at_the_first_emoji_over_the_limit(self) -> None:
        self.check(
            POST.format(body="Fair 🎉 today ☀️ by the 🌳"),
            (4, 24, {"count": 3, "limit": 2, "where": "in the post"}),
            max_total=2,
        )

    def test_a_flag_and_a_family_count_as_one_each(self) -> None:
        self.check(POST.format(body="Go 🇬🇧 👨‍👩‍👧"), max_in_a_row=2, max_total=2)
