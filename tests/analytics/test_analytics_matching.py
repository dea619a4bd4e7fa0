"""Which post file a message came from (the contract, section 2): rule 1, rule 2, first come first served.

Each test writes a small content repo and an export beside it, and reads which
post file (``top_posts[].post``, in the export's order when engagements fall
line by line) and which group each row joined.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from analytics_helpers import post_file, row

ICE = "Please stay off the ice at Fleet Pond. It is not thick enough to hold your weight. #FleetPond"


def matched(run: Any, folder: Path, export: Path, *options: str) -> list[str | None]:
    """The post file of each row, in the export's order (each row has fewer engagements than the one before)."""
    status, data = run("--posts", folder, *options, export)
    assert status == 0, data["problems"]
    top = sorted(data["top_posts"], key=lambda post: post["line"])
    return [post["post"] for post in top]


def rows(*specs: tuple[str, str, str]) -> list[str]:
    """Records whose engagements fall line by line, so that ``top`` holds every one of them in order."""
    return [row(when, network, text, engagements=100 - number) for number, (when, network, text) in enumerate(specs)]


@pytest.fixture
def write(export, repo):
    def make(posts: dict[str, str], *specs: tuple[str, str, str], settings: str | None = None) -> tuple[Path, Path]:
        folder = repo(posts) if settings is None else repo(posts, settings)
        return folder, export(*rows(*specs), folder=folder)

    return make


TOP_ALL = "approvers: [comms-team]\nanalytics:\n  top: 50\n"


def test_rule_1_is_by_channel_and_minute_alone_so_an_edited_message_still_joins(write, run) -> None:
    posts = {"ice.md": post_file("facebook, x", "2027-01-11T07:45:30+00:00", ICE, type_="emergency")}
    folder, export = write(
        posts, ("11/01/2027 07:45", "Facebook", "Edited in the tool: " + ICE), ("11/01/2027 07:46", "X", ICE)
    )
    assert matched(run, folder, export) == ["posts/ice.md", "posts/ice.md"]  # the X row by rule 2: same day, text


def test_a_publish_at_that_is_a_date_alone_goes_out_at_0900_london(write, run) -> None:
    posts = {"job.md": post_file("linkedin, facebook", "2027-01-08", "We are hiring a planning officer.")}
    folder, export = write(
        posts, ("08/01/2027 09:00", "Facebook", "Join our planning team!"), ("08/01/2027 00:00", "LinkedIn", "We are")
    )
    assert matched(run, folder, export) == ["posts/job.md", None]


def test_a_publish_at_in_utc_is_matched_in_london_time(write, run) -> None:
    posts = {"bin.md": post_file("facebook", "2027-06-07T09:00:00Z", "Blue bins.")}
    folder, export = write(posts, ("07/06/2027 10:00", "Facebook", "Something else entirely"))
    assert matched(run, folder, export) == ["posts/bin.md"]


def test_rule_2_uses_the_channels_own_text_with_white_space_made_one(write, run) -> None:
    own = "Trees for Edenbrook! Help us plant 500 new trees at Edenbrook Country Park on Saturday."
    extra = f'text:\n  instagram: "{own}"\n'
    posts = {"trees.md": post_file("facebook, instagram", "2027-01-15T10:00:00+00:00", "Volunteers wanted: help us.")}
    posts["trees.md"] = posts["trees.md"].replace("approved_by: comms-team\n", f"approved_by: comms-team\n{extra}")
    folder, export = write(
        posts,
        ("15/01/2027 12:40", "Instagram", own.replace("Edenbrook! ", "Edenbrook!\n")),
        ("15/01/2027 12:45", "Facebook", "Volunteers wanted: help us."),
        ("15/01/2027 12:50", "Instagram", "Volunteers wanted: help us."),
    )
    assert matched(run, folder, export) == ["posts/trees.md", "posts/trees.md", None]


def test_rule_2_compares_the_text_as_published_not_the_markdown(write, run) -> None:
    body = "Join our [knit and natter](https://www.hart.gov.uk/knit) group\nat Fleet library on Mondays at 2pm."
    posts = {"knit.md": post_file("facebook", "2027-03-08T10:00:00+00:00", body)}
    published = "Join our knit and natter https://www.hart.gov.uk/knit group at Fleet library on Mondays at 2pm."
    folder, export = write(
        posts, ("08/03/2027 14:20", "Facebook", "Join our [knit and natter](https://www.hart.gov.uk/knit) group")
    )
    assert matched(run, folder, export) == [None]
    folder, export = write(posts, ("08/03/2027 14:20", "Facebook", published))
    assert matched(run, folder, export) == ["posts/knit.md"]


def test_rule_2_needs_the_same_london_date(write, run) -> None:
    posts = {"late.md": post_file("facebook", "2027-03-28T23:30:00+01:00", ICE)}  # 23:30 BST on 28 March
    folder, export = write(posts, ("29/03/2027 00:10", "Facebook", ICE), ("28/03/2027 23:50", "Facebook", ICE))
    assert matched(run, folder, export) == [None, "posts/late.md"]


def test_the_channel_must_be_listed(write, run) -> None:
    posts = {"budget.md": post_file("facebook, x", "2027-01-06T12:00:00+00:00", ICE, type_="consultation")}
    folder, export = write(posts, ("06/01/2027 12:00", "LinkedIn", ICE), ("06/01/2027 12:00", "Facebook", ICE))
    assert matched(run, folder, export) == [None, "posts/budget.md"]


def test_forty_characters_and_not_fewer_and_a_near_miss_takes_nothing(write, run) -> None:
    alert = "Flood alert for Blackwater. The river is rising after heavy rain. #BlackwaterFlood"
    posts = {"alert.md": post_file("facebook, x", "2027-01-19T06:50:00+00:00", alert, type_="emergency")}
    lifted = "Flood alert for Blackwater lifted. The river is falling. #BlackwaterFlood"
    assert lifted[:26] == alert[:26] and lifted[:40] != alert[:40]
    folder, export = write(
        posts,
        ("19/01/2027 16:05", "X", lifted),
        ("19/01/2027 06:50", "Twitter", alert),
        ("19/01/2027 17:00", "Facebook", alert[:40] + " and then something else"),
    )
    assert matched(run, folder, export) == [None, "posts/alert.md", "posts/alert.md"]


@pytest.mark.parametrize(
    ("published", "joins"), [("Bins today  #Hart", True), ("Bins today #Hart!", False), ("Bins today", False)]
)
def test_texts_shorter_than_forty_characters_must_be_equal_whole(write, run, published: str, joins: bool) -> None:
    posts = {"bins.md": post_file("facebook", "2027-02-01T09:30:00+00:00", "Bins today #Hart")}
    folder, export = write(posts, ("01/02/2027 13:00", "Facebook", published))
    assert matched(run, folder, export) == (["posts/bins.md"] if joins else [None])


def test_a_posts_channel_is_taken_by_the_first_row_that_matches_it(write, run) -> None:
    posts = {"ice.md": post_file("facebook", "2027-01-11T07:45:00+00:00", ICE)}
    folder, export = write(posts, ("11/01/2027 07:45", "Facebook", ICE), ("11/01/2027 07:45", "Facebook", ICE))
    assert matched(run, folder, export) == ["posts/ice.md", None]


def test_rule_1_then_rule_2_row_by_row_in_the_exports_order(write, run) -> None:
    """A row moved by hand comes first and takes the post by rule 2; the later row at its minute finds it taken."""
    posts = {"ice.md": post_file("instagram", "2027-01-15T10:00:00+00:00", ICE)}
    folder, export = write(posts, ("15/01/2027 12:40", "Instagram", ICE), ("15/01/2027 10:00", "Instagram", "Hi"))
    assert matched(run, folder, export) == ["posts/ice.md", None]


def test_of_several_posts_the_earliest_publish_at_wins_then_the_first_path(write, run) -> None:
    posts = {
        "b-late.md": post_file("facebook", "2027-01-11T12:00:00+00:00", ICE),
        "c-early.md": post_file("facebook", "2027-01-11T08:00:00+00:00", ICE),
        "a-late.md": post_file("facebook", "2027-01-11T12:00:00+00:00", ICE),
    }
    folder, export = write(
        posts,
        ("11/01/2027 18:00", "Facebook", ICE),
        ("11/01/2027 18:01", "Facebook", ICE),
        ("11/01/2027 18:02", "Facebook", ICE),
        ("11/01/2027 18:03", "Facebook", ICE),
        settings=TOP_ALL,
    )
    assert matched(run, folder, export) == ["posts/c-early.md", "posts/a-late.md", "posts/b-late.md", None]


def test_a_row_with_a_problem_is_never_matched(write, run, export) -> None:
    posts = {"ice.md": post_file("facebook", "2027-01-11T07:45:00+00:00", ICE)}
    folder, _ = write(posts)
    path = export(
        row("11/01/2027 07:45", "Facebook", ICE, impressions="lots", engagements=90),
        row("11/01/2027 07:45", "Facebook", ICE, engagements=80),
        folder=folder,
    )
    status, data = run("--posts", folder, path)
    assert status == 1 and [problem["line"] for problem in data["problems"]] == [2]
    assert [(post["line"], post["post"]) for post in data["top_posts"]] == [(3, "posts/ice.md")]


@pytest.mark.parametrize(
    ("media", "expected"),
    [
        ("media:\n  - {file: a.jpg, alt: A map}\n  - {file: b.mp4, alt: A film}\n", "video"),
        ("media:\n  - {file: a.jpg, alt: A map}\n", "image"),
        ("media:\n  - {file: clip, kind: video, alt: A film}\n", "video"),
        ("", "none"),
    ],
)
def test_media_is_video_over_image_over_none(write, run, media: str, expected: str) -> None:
    posts = {"p.md": post_file("facebook", "2027-01-25T10:00:00+00:00", ICE, extra=media)}
    folder, export = write(posts, ("25/01/2027 10:00", "Facebook", ICE))
    _, data = run("--posts", folder, export)
    assert list(data["by_media"]) == [expected]


def test_an_inline_image_in_the_body_is_media(write, run) -> None:
    posts = {"p.md": post_file("facebook", "2027-01-25T10:00:00+00:00", ICE + "\n\n![The pond](pond.jpg)")}
    folder, export = write(posts, ("25/01/2027 10:00", "Facebook", ICE))
    _, data = run("--posts", folder, export)
    assert list(data["by_media"]) == ["image"]


def test_every_readable_post_is_a_candidate_whatever_its_findings(write, run) -> None:
    posts = {
        "unapproved.md": post_file("facebook", "2027-01-25T10:00:00+00:00", ICE).replace(
            "approved_by: comms-team\n", ""
        ),
        "broken.md": "---\nchannels: [facebook\n---\nNot YAML\n",
        "README.md": post_file("facebook", "2027-01-25T11:00:00+00:00", ICE),
    }
    folder, export = write(
        posts,
        ("25/01/2027 10:00", "Facebook", ICE),
        ("25/01/2027 11:00", "Facebook", ICE),
        settings="approvers: [comms-team]\nexclude: [posts/README.md]\n",
    )
    assert matched(run, folder, export) == ["posts/unapproved.md", None]


def test_a_post_without_a_type_is_grouped_as_no_type(write, run) -> None:
    posts = {"p.md": post_file("facebook", "2027-01-25T10:00:00+00:00", ICE).replace("type: news\n", "")}
    folder, export = write(posts, ("25/01/2027 10:00", "Facebook", ICE))
    _, data = run("--posts", folder, export)
    assert list(data["by_type"]) == ["no-type"] and data["top_posts"][0]["type"] == "no-type"


def test_rule_2_makes_the_posts_paragraph_breaks_one_space_too(write, run) -> None:
    body = "Flood alert lifted.\n\nThe road by the bridge is open again and the river is falling."
    posts = {"lifted.md": post_file("facebook", "2027-01-19T16:00:00+00:00", body)}
    folder, export = write(posts, ("19/01/2027 16:30", "Facebook", body.replace("\n\n", " ")))
    assert matched(run, folder, export) == ["posts/lifted.md"]
