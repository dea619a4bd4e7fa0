"""The example content repo's invented exports (examples/content-repo/analytics/): most messages join their posts."""

from __future__ import annotations

from typing import Any

import pytest
from analytics_helpers import EXAMPLE, report

EXPORT = EXAMPLE / "analytics" / "post-performance.csv"
PROFILES = EXAMPLE / "analytics" / "profile-performance.csv"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    arguments = ["--posts", str(EXAMPLE), "--profiles", str(PROFILES), str(EXPORT)]
    status, data = report(arguments, tmp_path_factory.mktemp("example"))
    assert status == 0
    return data


def test_every_row_is_read_and_most_join_a_post_file(data) -> None:
    assert data["problems"] == []
    assert data["rows_counted"] == 16
    assert data["by_type"]["not-from-content-repo"]["posts"] == 2  # two posted by hand in the tool
    assert data["period"] == {"from": "2027-01-14", "to": "2027-04-20"}


def test_the_instagram_message_moved_by_hand_joins_its_post_by_its_text(data, tmp_path) -> None:
    status, day = report(["--posts", str(EXAMPLE), "--from", "2027-03-08", "--to", "2027-03-08", str(EXPORT)], tmp_path)
    assert status == 0
    moved = next(post for post in day["top_posts"] if post["channel"] == "instagram")
    assert (moved["published"], moved["post"]) == (
        "2027-03-08T14:20",
        "posts/2027-03-08-fleet-library-knit-and-natter.md",
    )


def test_only_posts_that_passed_policy_check_were_published(data) -> None:
    """The example's failing posts never went out, so no row names them (as in life: policy-schedule refused them)."""
    assert "job-vacancy" not in data["by_type"] and "consultation" not in data["by_type"]


def test_followers_cover_each_profile(data) -> None:
    assert [(entry["network"], entry["profile"]) for entry in data["followers"]] == [
        ("facebook", "Hart District Council"),
        ("instagram", "hartdistrictcouncil"),
        ("x", "Hart District Council"),
    ]


def test_the_readmes_quoted_output_is_the_real_output(tmp_path, monkeypatch) -> None:
    """README.md quotes policy-analytics on the example: each quoted line is really there, in order ("..." skips)."""
    readme = (EXAMPLE.parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```text\n$ policy-analytics report ")[1].split("```")[0]
    arguments, *quoted = block.splitlines()
    monkeypatch.chdir(EXAMPLE)
    status, text = report(arguments.split(), tmp_path, fmt="text")
    assert status == 0
    real = iter(text.splitlines())
    for wanted in (line for line in quoted if line != "..."):
        assert wanted in real, f"README.md quotes a line policy-analytics does not write: {wanted}"
