"""Every label's own examples, from its YAML: a passing message does not get the label, a failing one does.

The same examples are shown on the staff page "Handling messages from the
public", so a documented example can never be wrong.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from checks.inbox.export import Message
from checks.inbox.settings import InboxSettings
from checks.inbox.triage import triage
from checks.policy.labels import Label, LabelExample, load_labels
from checks.policy.loader import load_policy
from checks.repo.settings import settings_from_data

POLICY = load_policy()
LABELS = load_labels()
DEFAULTS = {
    "network": "facebook",
    "kind": "comment",
    "received_at": "2027-03-15T10:00:00+00:00",
    "author": "@resident",
    "author_name": "",
    "post_type": "",
}
CASES = [
    pytest.param(label, outcome, example, id=f"{label.id}-{outcome}-{number}")
    for label in LABELS.values()
    for outcome, examples in (("pass", label.passing), ("fail", label.failing))
    for number, example in enumerate(examples)
]


def message(line: int, row: dict[str, Any]) -> Message:
    values = {**DEFAULTS, **row}
    return Message(
        line=line,
        id=f"example-{line}",
        network=values["network"],
        kind=values["kind"],
        received_at=datetime.fromisoformat(values["received_at"]),
        author=values["author"],
        author_name=values["author_name"],
        text=values["text"],
        post_type=values["post_type"],
        replied_at=None,
    )


def labels_of(example: LabelExample) -> tuple[str, ...]:
    """The labels the example's message gets, read with the author's earlier and later messages around it."""
    rows = [*example.earlier, example.message, *example.later]
    messages = [message(line, row) for line, row in enumerate(rows, start=2)]
    settings = settings_from_data(example.settings, POLICY)
    triaged = triage(messages, POLICY, LABELS, settings, InboxSettings(council_accounts=frozenset({"hartdc"})))
    return triaged.results[len(example.earlier)].labels


@pytest.mark.parametrize(("label", "outcome", "example"), CASES)
def test_example(label: Label, outcome: str, example: LabelExample) -> None:
    got = labels_of(example)
    if outcome == "pass":
        assert label.id not in got, f"{label.id} given to its passing example: {example.description}"
    else:
        assert label.id in got, f"{label.id} not given to its failing example: {example.description}"


def test_every_label_has_examples_both_ways() -> None:
    assert all(label.passing and label.failing for label in LABELS.values())


def test_the_labels_are_the_contracts() -> None:
    assert sorted(LABELS) == sorted(
        [
            "foi-request",
            "foi-possible",
            "complaint",
            "consultation-comment",
            "abusive",
            "threat",
            "spam",
            "impersonation",
            "personal-data",
            "emergency",
            "safeguarding",
            "needs-reply",
        ]
    )
