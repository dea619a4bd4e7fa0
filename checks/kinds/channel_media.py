"""channel_media: a channel that publishes only with media (Instagram: any; YouTube: a video)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.kinds import Check, Context, Problem
from checks.post import Post

PARAMETERS: dict[str, Any] = {}
NEEDS = {"any": "an image or a video", "video": "a video"}


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
