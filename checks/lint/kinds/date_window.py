"""date_window: a post of certain types that goes out inside a period (election periods or incidents).

Periods come from the settings and are compared in Europe/London: an election
period's dates are inclusive, so a post at ``2026-05-07T23:30:00+00:00`` (00:30
on 8 May in London) is outside a period that ends on 7 May. The finding points
at ``publish_at``.

Passes (periods: election_periods, types_key: new_initiative_types): an event the day after the period
Fails: a consultation published on the period's last day

These examples run as tests, in tests/lint/kinds/test_date_window.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.repo.post import Post

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "periods", "election_periods", "Which periods of the settings.", {"enum": ["election_periods", "incidents"]}
    ),
    Parameter(
        "types",
        None,
        "Post types that break the rule; null for all.",
        {"type": ["array", "null"], "items": {"type": "string"}},
    ),
    Parameter(
        "types_key",
        None,
        "A list of pre-election.yaml holding the post types instead.",
        {"enum": ["new_initiative_types"]},
    ),
    Parameter(
        "except_types", (), "Post types that never break the rule.", {"type": "array", "items": {"type": "string"}}
    ),
)
VALUES: dict[str, str] = {
    "period": "The name of the period the post goes out in.",
    "type": "The post's type.",
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
