"""share_source: a shared post must say whose post it shares, and that account must be a partner.

``shared_from`` is a handle (``@HantsFRS``) or the URL of a post or profile on
a channel (``https://x.com/HantsFRS/status/1``), which names that account;
accounts compare without case against the settings' ``partners``.

Passes: ``type: share`` with ``shared_from: https://x.com/hantsfrs/status/1``
Fails: ``type: share`` with no ``shared_from``, or ``shared_from: "@SamPatelYateley"``

These examples run as tests, in tests/lint/kinds/test_share_source.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.repo.post import Post
from checks.repo.textscan import handle_of

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("types", ("share",), "Post types that are shares.", {"type": "array", "items": {"type": "string"}}),
)
VALUES: dict[str, str] = {
    "source": "The shared_from value (empty when there is none).",
    "problem": "What is wrong with the source, as the end of a sentence about the post.",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    types = frozenset(parameters["types"])

    def check(post: Post) -> Iterator[Problem]:
        if post.type not in types:
            return
        source = post.front.get("shared_from")
        if not isinstance(source, str) or not source.strip():
            where = post.locate("shared_from", key=False) if "shared_from" in post.front else post.locate("type")
            yield Problem(*where, {"source": "", "problem": "does not say whose post it shares (shared_from)"})
        elif handle_of(source) not in context.partners:
            yield Problem(
                *post.locate("shared_from", key=False),
                {"source": source, "problem": f"is from '{source.strip()}', which is not a partner"},
            )

    return check
