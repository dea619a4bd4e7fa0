"""max_length: a channel's text, or an alt text, longer than the channel allows.

X counts its weighted length (URLs 23, wide characters and emoji 2); the
other channels count characters. What is counted is the published text
(``Post.published_texts``): each Markdown link as its text, a space and its
URL, inline images left out, and a line break inside a paragraph as a space.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.lint.xcount import weighted_length
from checks.repo.post import Post

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("subject", "channel_text", "Channel text or alt text.", {"enum": ["channel_text", "alt_text"]}),
)
VALUES: dict[str, str] = {
    "channel": "The channel id.",
    "length": "The text's length as the channel counts it.",
    "limit": "The channel's limit.",
    "file": "The media file whose alt text it is (alt_text only).",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    channels = context.policy.channels
    subject = parameters["subject"]

    def check_text(post: Post) -> Iterator[Problem]:
        for channel_id, source in post.channel_sources().items():
            channel = channels.get(channel_id)
            if channel is None:
                continue
            text = post.published_texts[channel_id]  # exactly what policy-schedule hands over
            length = weighted_length(text) if channel.counting == "x-weighted" else len(text)
            if length > channel.text_limit:
                where = post.locate("text", channel_id) if source.where != "body" else (post.body_line, 1)
                yield Problem(*where, {"channel": channel_id, "length": length, "limit": channel.text_limit})

    def check_alt(post: Post) -> Iterator[Problem]:
        for channel_id in post.channels:
            channel = channels.get(channel_id)
            if channel is None or channel.alt_text_limit is None:
                continue
            for text, item in post.alt_texts:
                if len(text.value) > channel.alt_text_limit:
                    yield Problem(
                        *text.position(0),
                        {
                            "channel": channel_id,
                            "length": len(text.value),
                            "limit": channel.alt_text_limit,
                            "file": item.file,
                        },
                    )

    return check_alt if subject == "alt_text" else check_text
