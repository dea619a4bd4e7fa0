"""channel_media: a channel that publishes only with media (Instagram: any; YouTube: a video).

What a channel needs comes from its ``media_required`` in the policy's
channels: ``any`` (an image or a video) or ``video``. Media are the front
matter's items and the inline images of the body; an item is a video by its
``kind`` or, without one, by its file's extension. The finding points at the
channel in ``channels``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.repo.post import Post

PARAMETERS: tuple[Parameter, ...] = ()
VALUES: dict[str, str] = {
    "channel": "The channel id.",
    "needs": 'What the channel needs: "image or video" or "video".',
}
NEEDS = {"any": "image or video", "video": "video"}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    channels = context.policy.channels

    def check(post: Post) -> Iterator[Problem]:
        kinds = {item.kind for item in post.media}
        for number, channel_id in enumerate(post.channels):
            channel = channels.get(channel_id)
            if channel is None or channel.media_required is None:
                continue
            if (channel.media_required == "any" and not kinds) or (
                channel.media_required == "video" and "video" not in kinds
            ):
                needs = NEEDS[channel.media_required]
                yield Problem(*post.locate("channels", number, key=False), {"channel": channel_id, "needs": needs})

    return check
