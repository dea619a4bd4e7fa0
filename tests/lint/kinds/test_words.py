"""words: whole words or phrases from a list; or link text that is only such a phrase."""

from __future__ import annotations

from kindcase import KindCase

POST = """
    ---
    title: Links
    ---
    {body}
    """


class TestWords(KindCase):
    kind = "words"

    def test_whole_words_without_case_outside_urls(self) -> None:
        self.check(
            POST.format(body="Read More here, or see https://www.hart.gov.uk/read-more-here, then learn moreover."),
            (4, 1, {"match": "Read More"}),
            (4, 11, {"match": "here"}),
            list="generic-link-text",
        )

    def test_ignore_case_false(self) -> None:
        self.check(
            POST.format(body="Read More here, or Here."),
            (4, 11, {"match": "here"}),
            list="generic-link-text",
            ignore_case=False,
        )

    def test_link_text_is_the_whole_text_of_a_link_a_channel_publishes(self) -> None:
        self.check(
            """
            ---
            channels: [facebook, x]
            text:
              x: "[Read  more](https://x.example)"
            ---
            [Click here.](https://a.example) [here](https://b.example) [More about bins](https://c.example)
            """,
            (6, 1, {"match": "Click here."}),  # in the order of the channels: facebook publishes the body
            (6, 34, {"match": "here"}),
            (4, 7, {"match": "Read  more"}),
            list="generic-link-text",
            subject="link_text",
        )
