"""waiver_reason: a waiver must say why; without a reason it does not apply.

A waiver whose ``reason`` is missing, empty or only white space fails, at its
``reason`` key when there is one, else at the waiver itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.lint.waivers import waivers_of
from checks.repo.post import Post

PARAMETERS: tuple[Parameter, ...] = ()
VALUES: dict[str, str] = {
    "waived_rule": "The rule the waiver names (empty when it names none).",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    def check(post: Post) -> Iterator[Problem]:
        for waiver in waivers_of(post.front):
            if not waiver.applies:
                where = post.locate("waivers", waiver.number, "reason")  # the waiver itself when it has no reason key
                yield Problem(*where, {"waived_rule": "" if waiver.rule is None else waiver.rule})

    return check
