"""format: problems with the file itself, found while reading it, not by a check.

The rules of this kind (file-unreadable, front-matter-missing, -invalid,
-schema) are reported by the post reader and the schema; their check finds
nothing more in a post that was read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.kinds import Check, Context, Problem
from checks.post import Post

PARAMETERS: dict[str, Any] = {}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    def check(post: Post) -> Iterator[Problem]:
        return iter(())

    return check
