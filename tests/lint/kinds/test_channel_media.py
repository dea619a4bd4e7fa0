"""channel_media: Instagram needs an image or a video; YouTube needs a video."""

from __future__ import annotations

from kindcase import KindCase

POST = """
    ---
    channels: [facebook, instagram, youtube]
    {media}
    ---
    Body.
    """
INSTAGRAM = (2, 22, {"channel": "instagram", "needs": "image or video"})
YOUTUBE = (2, 33, {"channel": "youtube", "needs": "video"})


class TestChannelMedia(KindCase):
    kind = "channel_media"

    def test_no_media_fails_both(self) -> None:
        self.check(POST.format(media=""), INSTAGRAM, YOUTUBE)

    def test_an_image_satisfies_instagram_only(self) -> None:
        self.check(POST.format(media="media: [{file: bins.jpg, alt: Bins}]"), YOUTUBE)

    def test_a_video_by_its_extension_or_its_kind_satisfies_both(self) -> None:
        self.check(POST.format(media="media: [{file: walk.mp4}]"))
        self.check(POST.format(media="media: [{file: walk.stream, kind: video}]"))

    def test_an_inline_image_counts_as_media(self) -> None:
        self.check(
            """
            ---
            channels: [instagram]
            ---
            ![Bins out](bins.jpg)
            """
        )
