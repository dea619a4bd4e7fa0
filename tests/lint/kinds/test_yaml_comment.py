"""yaml_comment: a comment YAML drops from a value of the post's text."""

from __future__ import annotations

from kindcase import KindCase

POST = """
    ---
    title: Bins as normal #HartNews
    text:
      x: Bins are collected as normal #HartNews
      facebook: "Bins are collected #HartNews"
    media:
      - file: bins.jpg
        alt: Bins at the kerb #Bins
    ---
    Body.
    """


class TestYamlComment(KindCase):
    kind = "yaml_comment"

    def test_default_fields_are_channel_texts_and_alt_texts(self) -> None:
        self.check(
            POST,
            (4, 35, {"hashtag": "#HartNews", "field": "text.x"}),
            (8, 27, {"hashtag": "#Bins", "field": "media[0].alt"}),
        )

    def test_fields_name_other_values(self) -> None:
        self.check(POST, (2, 23, {"hashtag": "#HartNews", "field": "title"}), fields=["title"])

    def test_pattern_is_what_a_comment_must_start_with(self) -> None:
        self.check(POST, (8, 27, {"hashtag": "#B", "field": "media[0].alt"}), pattern="#B")
        self.check(POST, pattern=r"#\d")
