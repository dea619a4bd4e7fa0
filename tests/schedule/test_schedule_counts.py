"""policy-schedule's sentences that give a count agree in number with it, for 0, 1 and 2 (checks.words)."""

from __future__ import annotations

from typing import Any

import pytest
from schedule_helpers import Repo

MEDIA = [{"file": "images/bin.jpg", "alt": "Blue bin at the kerb", "credit": "Hart District Council"}]


def posts(repo: Repo, number: int, **front: Any) -> None:
    for index in range(number):
        repo.post(f"p{index}", publish_at=f"2027-02-0{index + 1}T09:30:00+00:00", **front)


@pytest.mark.parametrize(
    ("number", "summary", "checklist"),
    [
        (0, ["out/media-checklist.md: 0 messages"], "\nNo messages were exported, so there is nothing to attach.\n"),
        (
            1,
            ["out/sprout-facebook.csv: 1 message", "out/media-checklist.md: 1 message"],
            "\n1 message, 1 with media.\n",
        ),
        (
            2,
            ["out/sprout-facebook.csv: 2 messages", "out/media-checklist.md: 2 messages"],
            "\n2 messages, 2 with media.\n",
        ),
    ],
)
def test_sprout_counts_messages(repo, schedule, number: int, summary: list[str], checklist: str) -> None:
    posts(repo, number, media=MEDIA)
    done = schedule("sprout", "--out", "out", "posts")
    assert (done.status, done.out.splitlines()) == (0, summary)
    assert checklist in (repo.root / "out" / "media-checklist.md").read_text(encoding="utf-8")


def test_the_checklist_counts_messages_with_media_apart(repo, schedule) -> None:
    repo.post("with", media=MEDIA)
    repo.post("without", publish_at="2027-02-02T09:30:00+00:00")
    schedule("sprout", "--out", "out", "posts")
    assert "\n2 messages, 1 with media.\n" in (repo.root / "out" / "media-checklist.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("number", "summary"),
    [
        (0, "c.ics: 0 posts, 0 election periods, 0 incidents"),
        (1, "c.ics: 1 post, 1 election period, 1 incident"),
        (2, "c.ics: 2 posts, 2 election periods, 2 incidents"),
    ],
)
def test_calendar_counts_posts_election_periods_and_incidents(repo, schedule, number: int, summary: str) -> None:
    periods = [
        f"  - {{name: P{index}, start: 2028-0{index + 1}-01, end: 2028-0{index + 1}-02}}\n" for index in range(number)
    ]
    repo.settings(
        "approvers: [comms-team]\n"
        + ("election_periods:\n" + "".join(periods) if number else "")
        + ("incidents:\n" + "".join(periods) if number else "")
    )
    posts(repo, number)
    done = schedule("calendar", "--out", "c.ics", "posts")
    assert (done.status, done.out, done.err) == (0, f"{summary}\n", "")
