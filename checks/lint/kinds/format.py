"""format: problems with the file itself, found while reading it, not by a check.

The rules of this kind are reported by the post reader (``checks.lint.post``:
file-unreadable, front-matter-missing, front-matter-invalid) and by the
engine's schema step (front-matter-schema, in words from
``checks.policy.schemas.describe_front_matter``), each with a full sentence as the
finding's ``detail``. A file with such a problem gets no other finding. Their
check finds nothing more in a post that was read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds import Check, Context, Problem
from checks.lint.post import Post

PARAMETERS: dict[str, Any] = {}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    def check(post: Post) -> Iterator[Problem]:
        return iter(())

    return check
