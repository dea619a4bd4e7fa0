"""max_length: a channel's text, or an alt text, over the channel's limit."""

from __future__ import annotations

import textwrap

from kindcase import KindCase


class TestMaxLength(KindCase):
    kind = "max_length"

    def test_x_counts_wide_characters_twice_and_other_channels_count_characters(self) -> None:
        wide = "界" * 141  # 141 characters, 282 by X's weighting
        post = f"""
            ---
            channels: [{{channel}}]
            ---
            {wide}
            """
        self.check(post.format(channel="x"), (4, 1, {"channel": "x", "length": 282, "limit": 280}))
        self.check(post.format(channel="facebook"))

    def test_x_counts_a_url_as_23(self) -> None:
        self.check(
            f"""
            ---
            channels: [x]
            ---
            {"a" * 250} https://www.hart.gov.uk/{"p" * 100}
            """
        )

    def test_a_channels_own_text_is_pointed_at_by_its_key(self) -> None:
        self.check(
            f"""
            ---
            channels: [facebook, x]
            text:
              x: {"a" * 281}
            ---
            Short enough for Facebook.
            """,
            (4, 3, {"channel": "x", "length": 281, "limit": 280}),
        )

    def test_a_link_counts_as_its_text_a_space_and_its_url_and_an_image_not_at_all(self) -> None:
        post = """
            ---
            channels: [x]
            ---
            {text} [Fleet Pond](https://www.hart.gov.uk/fleet-pond) ![A heron](heron.jpg)
            """
        # " Fleet Pond " and a URL's 23 make 35, so the text before may be 245 characters, not 246.
        self.check(post.format(text="a" * 245))
        self.check(post.format(text="a" * 246), (4, 1, {"channel": "x", "length": 281, "limit": 280}))

    def test_a_body_wrapped_at_72_columns_counts_as_its_unwrapped_twin(self) -> None:
        words = ("Sandbags are at the Hawley Lane depot until 8pm. " * 6).strip()
        for text, length in ((words[:280], 280), (words[:280] + "s", 281)):
            wrapped = textwrap.fill(text, width=72)
            assert "\n" in wrapped and " " in text
            found = [] if length <= 280 else [(4, 1, {"channel": "x", "length": length, "limit": 280})]
            self.check(f"---\nchannels: [x]\n---\n{text}\n", *found)
            self.check(f"---\nchannels: [x]\n---\n{wrapped}\n", *found)
            for line_end in (" \n", "   \n", "\\\n"):  # a space left by the editor, and two hard breaks
                self.check(f"---\nchannels: [x]\n---\n{wrapped.replace(chr(10), line_end)}\n", *found)

    def test_a_hard_break_counts_one_and_a_paragraph_break_two(self) -> None:
        post = "---\nchannels: [x]\n---\n{a}  \n{b}\n\n\n\n{c}\n"
        # 100 + 1 + 100 + 2 + 77 = 280: the two spaces and the extra blank lines are not published
        self.check(post.format(a="a" * 100, b="b" * 100, c="c" * 77))
        self.check(
            post.format(a="a" * 100, b="b" * 100, c="c" * 78), (4, 1, {"channel": "x", "length": 281, "limit": 280})
        )

    def test_alt_text_on_channels_with_an_alt_text_limit(self) -> None:
        self.check(
            f"""
            ---
            channels: [facebook, x]
            media:
              - file: pond.jpg
                alt: {"a" * 1001}
            ---
            """,
            (5, 10, {"channel": "x", "length": 1001, "limit": 1000, "file": "pond.jpg"}),
            subject="alt_text",
        )

    def test_alt_text_on_channels_without_one_passes(self) -> None:
        self.check(
            f"""
            ---
            channels: [facebook]
            ---
            ![{"a" * 1001}](pond.jpg)
            """,
            subject="alt_text",
        )
