"""channel_known: every channel of a post must be one the policy lists.

Channel ids compare exactly (``facebook``, not ``Facebook``; ``x``, not
``twitter``). The finding points at the channel in ``channels``; the post
schema leaves channel ids to this kind, so an unknown one is reported once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.repo.post import Post

PARAMETERS: tuple[Parameter, ...] = ()
VALUES: dict[str, str] = {
    "channel": "The unknown channel id.",
    "known": "The policy's channel ids, separated by commas.",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    known = context.policy.channels
    listing = ", ".join(known)

    def check(post: Post) -> Iterator[Problem]:
        for number, channel in enumerate(post.channels):
            if channel not in known:
                yield Problem(*post.locate("channels", number, key=False), {"channel": channel, "known": listing})

    return check
