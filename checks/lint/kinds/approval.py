"""approval: a post must name who approved it, and that person must be an approver when the settings list them.

``approved_by`` missing, empty or only white space fails (pointing at the
front matter's start, or at the key). When the settings list ``approvers``,
the name must be one of them, compared without case; otherwise any name passes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.repo.post import Post

PARAMETERS: tuple[Parameter, ...] = ()
VALUES: dict[str, str] = {
    "problem": "What is wrong with the approval, as the end of a sentence about the post.",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    def check(post: Post) -> Iterator[Problem]:
        approver = post.front.get("approved_by")
        if not isinstance(approver, str) or not approver.strip():
            where = post.locate("approved_by") if "approved_by" in post.front else (1, 1)
            yield Problem(*where, {"problem": "does not say who approved it (approved_by is missing or empty)"})
        elif context.approvers is not None and approver.strip().lower() not in context.approvers:
            yield Problem(
                *post.locate("approved_by", key=False),
                {"problem": f'is approved by "{approver.strip()}", who is not in the approvers list'},
            )

    return check
