"""placeholder: alt text that is a generic word, a file name, or the media file's own name."""

from __future__ import annotations

from kindcase import KindCase


class TestPlaceholder(KindCase):
    kind = "placeholder"

    def test_a_generic_word_a_file_name_and_the_files_own_name(self) -> None:
        self.check(
            """
            ---
            media:
              - file: images/boardwalk.jpg
                alt: "  Photo. "
              - file: images/heron.jpg
                alt: DSC_0042.JPG
              - file: images/pond.jpg
                alt: Pond
            ---
            ![heron.jpg](images/duck.png) ![A heron by the boardwalk](images/boardwalk2.jpg)
            """,
            (4, 13, {"alt": "Photo.", "file": "images/boardwalk.jpg"}),
            (6, 10, {"alt": "DSC_0042.JPG", "file": "images/heron.jpg"}),
            (8, 10, {"alt": "Pond", "file": "images/pond.jpg"}),
            (10, 3, {"alt": "heron.jpg", "file": "images/duck.png"}),
        )

    def test_the_lists_are_parameters(self) -> None:
        post = """
            ---
            title: Pond
            ---
            ![Click here](pond.webp) ![Pond at dawn.tiff](dawn.jpg)
            """
        self.check(post, (4, 28, {"alt": "Pond at dawn.tiff", "file": "dawn.jpg"}))
        self.check(
            post,
            (4, 3, {"alt": "Click here", "file": "pond.webp"}),
            list="generic-link-text",
            extensions_list="video-file-extensions",
        )
