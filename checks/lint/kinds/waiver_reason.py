"""waiver_reason: a waiver must say why; without a reason it does not apply.

A waiver whose ``reason`` is missing, empty or only white space fails, at its
``reason`` key when there is one, else at the waiver itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds import Check, Context, Problem
from checks.lint.post import Post

PARAMETERS: dict[str, Any] = {}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    def check(post: Post) -> Iterator[Problem]:
        for number, waiver in enumerate(post.front.get("waivers") or []):
            reason = waiver.get("reason")
            if not isinstance(reason, str) or not reason.strip():
                where = post.locate("waivers", number, "reason")  # the waiver itself when it has no reason key
                yield Problem(*where, {"waived_rule": waiver.get("rule", "")})

    return check
