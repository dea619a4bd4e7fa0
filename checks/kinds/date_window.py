"""date_window: a post of certain types that goes out inside a period (election periods or incidents)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.kinds import Check, Context, Problem
from checks.post import Post

PARAMETERS: dict[str, Any] = {
    "periods": "election_periods",  # or "incidents"
    "types": None,  # the post types that break the rule; None for all
    "types_key": None,  # or the name of a list of pre-election.yaml holding them
    "except_types": [],  # post types that never break it
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    periods = getattr(context, parameters["periods"])
    types = parameters["types"]
    if parameters["types_key"]:
        types = getattr(context.policy.pre_election, parameters["types_key"])
    flagged = frozenset(types) if types is not None else None
    excepted = frozenset(parameters["except_types"])

    def check(post: Post) -> Iterator[Problem]:
        if post.type in excepted or (flagged is not None and post.type not in flagged):
            return
        period = context.period_at(periods, post.publish)
        if period is not None:
            yield Problem(*post.locate("publish_at", key=False), {"period": period.name, "type": post.type})

    return check
