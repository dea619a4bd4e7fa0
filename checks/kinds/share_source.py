"""share_source: a shared post must say whose post it shares, and that account must be a partner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.kinds import Check, Context, Problem
from checks.post import Post
from checks.textscan import handle_of

PARAMETERS: dict[str, Any] = {
    "types": ["share"],
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    types = frozenset(parameters["types"])

    def check(post: Post) -> Iterator[Problem]:
        if post.type not in types:
            return
        source = post.front.get("shared_from")
        if not isinstance(source, str) or not source.strip():
            yield Problem(
                *post.locate("type"), {"source": "", "problem": "does not say whose post it shares (shared_from)"}
            )
        elif handle_of(source) not in context.partners:
            yield Problem(
                *post.locate("shared_from", key=False),
                {"source": source, "problem": f"shares '{source}', which is not a partner"},
            )

    return check
