"""format: problems with the file itself, found while reading it, not by a check of the post.

The rules of this kind are reported by the post reader (``checks.repo.post``:
file-unreadable, front-matter-missing, front-matter-invalid) and by the
front-matter check (``checks.lint.frontmatter``: front-matter-schema), each
with a full sentence as the finding's ``detail``. A file with such a problem
gets no other finding. So the kind prepares no check: ``prepare`` gives None.
"""

from __future__ import annotations

from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter

PARAMETERS: tuple[Parameter, ...] = ()
VALUES: dict[str, str] = {
    "detail": "What is wrong with the file, as a full sentence.",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check | None:
    return None
