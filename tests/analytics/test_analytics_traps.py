"""Each trap of the acceptance corpus, with a small export written inline (so it is tested without ../shared).

Reading the export: the byte order mark, the date order, RFC 4180 quoting and
cells over several lines, ``Twitter``, not available against 0, a row of 0
impressions, rates computed (never read), halves rounded up, negative numbers.
The figures: the period, inclusive London dates, groups with no row left out,
the ties of the top posts, ``published`` and ``text``, and follower growth.
(Matching has its own file.)
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from analytics_helpers import PROFILE_HEADER, STAFF, line, post_file, row

from checks.analytics.report import rate

# -- reading the export ---------------------------------------------------------------------


def test_a_byte_order_mark_is_dropped_before_the_first_header(export, run) -> None:
    path = export(row("04/01/2027 08:30", "Facebook", "Christmas trees"))
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    status, data = run(path)
    assert status == 0 and data["rows_counted"] == 1


def test_dates_are_day_first_unless_the_settings_say_month_first(export, run, tmp_path) -> None:
    path = export(row("07/01/2027 16:00", "Facebook", "Winter Warmer"))
    status, data = run(path)
    assert status == 0
    assert data["period"] == {"from": "2027-01-07", "to": "2027-01-07"}
    settings = tmp_path / "us.yaml"
    settings.write_text("analytics:\n  date_format: mm/dd/yyyy\n", encoding="utf-8")
    _, data = run("--config", settings, path)
    assert data["period"] == {"from": "2027-07-01", "to": "2027-07-01"}
    assert data["top_posts"][0]["published"] == "2027-07-01T16:00"


def test_quoted_cells_keep_their_quotes_and_commas_and_numbers_their_separators(export, run) -> None:
    text = 'Come to our free "Winter Warmer" at Hook, from 11am to 2pm.'
    status, data = run(export(row("07/01/2027 16:00", "Facebook", text, impressions="6,410", engagements="1,318")))
    assert status == 0
    assert data["top_posts"][0]["text"] == text
    assert (data["totals"]["impressions"], data["totals"]["engagements"]) == (6410, 1318)


def test_a_record_over_several_lines_is_found_at_its_first_line(export, run) -> None:
    path = export(
        row("17/01/2027 10:30", "Facebook", "Thank you to all who came!\n\nSee you next year.", engagements=301),
        row("15/01/2027 12:40", "Instagram", "Trees for Edenbrook!\nHelp us plant", engagements=287),
        row("15/01/2027 10:00", "Facebook", "Volunteers wanted", engagements=124),
    )
    _, data = run(path)
    assert [(post["line"], post["text"]) for post in data["top_posts"]] == [
        (2, "Thank you to all who came! See you next year."),
        (5, "Trees for Edenbrook! Help us plant"),
        (7, "Volunteers wanted"),
    ]


@pytest.mark.parametrize("network", ["Twitter", "twitter", " X ", "x"])
def test_twitter_is_channel_x(export, run, network: str) -> None:
    _, data = run(export(row("19/01/2027 06:50", network, "Flood alert")))
    assert list(data["by_channel"]) == ["x"]
    assert data["top_posts"][0]["channel"] == "x"


@pytest.mark.parametrize("missing", ["", "-", "N/A", "n/a", " N/a "])
def test_not_available_is_never_read_as_0(export, run, missing: str) -> None:
    path = export(
        row("11/01/2027 07:45", "X", "Ice", reach=missing, clicks=missing, video=missing),
        row("11/01/2027 07:45", "Facebook", "Ice", reach="0", clicks="0", video="0"),
    )
    status, data = run(path)
    assert status == 0
    for key in ("reach", "link_clicks", "video_views"):
        assert data["by_channel"]["x"][key] is None
        assert data["by_channel"]["facebook"][key] == 0
        assert data["totals"][key] == 0


def test_a_row_adds_nothing_to_a_sum_where_its_value_is_not_available(export, run) -> None:
    path = export(
        row("11/01/2027 07:45", "Facebook", "Ice", reach="1,000"),
        row("11/01/2027 07:46", "Facebook", "Ice", reach="-"),
        row("11/01/2027 07:47", "Facebook", "Ice", reach="250"),
    )
    _, data = run(path)
    assert data["totals"]["reach"] == 1250 and data["totals"]["posts"] == 3


def test_impressions_not_available_leave_the_row_out_of_the_rate_only(export, run) -> None:
    path = export(
        row("11/01/2027 07:45", "Facebook", "Ice", impressions=1000, engagements=50),
        row("11/01/2027 08:45", "Facebook", "Ice", impressions="N/A", engagements=500),
    )
    _, data = run(path)
    assert data["totals"]["engagements"] == 550
    assert data["totals"]["engagement_rate"] == 0.05  # 50 / 1000: the second row has no impressions


def test_a_group_whose_impressions_sum_to_0_has_no_rate(export, run) -> None:
    path = export(
        row("08/01/2027 09:00", "LinkedIn", "Planning officer", impressions=0, engagements=0, reach=0, clicks=0),
        row("08/01/2027 09:00", "Facebook", "Join our planning team", impressions="2,540", engagements=88),
    )
    _, data = run(path)
    linkedin = data["by_channel"]["linkedin"]
    assert (linkedin["impressions"], linkedin["engagements"], linkedin["engagement_rate"]) == (0, 0, None)
    assert data["totals"]["engagement_rate"] == 0.0346
    assert [post["engagement_rate"] for post in data["top_posts"]] == [0.0346, None]


def test_rates_are_computed_and_the_tools_rate_column_is_never_read(export, run) -> None:
    header = (*HEADER_WITH_RATE,)
    path = export(line("29/01/2027 09:30", "Facebook", "Play area", "4,420", 165, "99.99%"), header=header)
    _, data = run(path)
    assert data["totals"]["engagement_rate"] == 0.0373  # 165 / 4420


HEADER_WITH_RATE = ("Date", "Network", "Post", "Impressions", "Engagements", "Engagement Rate (per Impression)")


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(287, 5600, 0.0513), (78, 4160, 0.0188), (-37, 9874, -0.0037), (1, 3, 0.3333), (2, 3, 0.6667), (0, 5, 0.0)],
)
def test_rates_round_half_away_from_zero_in_exact_arithmetic(part: int, whole: int, expected: float) -> None:
    assert rate(part, whole) == expected
    exact = Decimal(Fraction(abs(part), whole).numerator) / Decimal(Fraction(abs(part), whole).denominator)
    assert abs(rate(part, whole)) == float(exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))
    assert rate(part, 0) is None


def test_the_halfway_row_of_the_corpus_rounds_up(export, run) -> None:
    _, data = run(export(row("15/01/2027 12:40", "Instagram", "Trees", impressions="5,600", engagements=287)))
    assert data["top_posts"][0]["engagement_rate"] == 0.0513
    assert data["totals"]["engagement_rate"] == 0.0513


def test_negative_growth_is_a_number_and_not_not_available(export, run, tmp_path) -> None:
    posts = export(row("04/01/2027 08:30", "X", "Christmas trees"))
    profiles = export(
        line("04/01/2027", "X", "Hart District Council", "9,872", "-2"),
        line("05/01/2027", "X", "Hart District Council", "9,869", "\u22123"),
        header=PROFILE_HEADER,
        name="profiles.csv",
    )
    status, data = run("--profiles", profiles, posts)
    assert status == 0
    assert data["followers"] == [
        {"network": "x", "profile": "Hart District Council", "start": 9874, "end": 9869, "net_growth": -5}
        | {"growth_rate": -0.0005}
    ]


# -- the figures ----------------------------------------------------------------------------------


def test_the_period_is_the_earliest_and_latest_london_dates_of_a_newest_first_export(export, run) -> None:
    path = export(
        row("29/01/2027 09:30", "Facebook", "Newest"),
        row("15/01/2027 12:40", "Instagram", "Middle"),
        row("04/01/2027 08:30", "X", "Oldest"),
    )
    _, data = run(path)
    assert data["period"] == {"from": "2027-01-04", "to": "2027-01-29"}


def test_given_one_end_the_other_is_the_counted_rows_own(export, run) -> None:
    path = export(row("29/01/2027 09:30", "Facebook", "Newest"), row("04/01/2027 08:30", "X", "Oldest"))
    _, data = run("--from", "2027-01-10", path)
    assert data["period"] == {"from": "2027-01-10", "to": "2027-01-29"} and data["rows_counted"] == 1
    _, data = run("--to", "2027-01-10", path)
    assert data["period"] == {"from": "2027-01-04", "to": "2027-01-10"} and data["rows_counted"] == 1


def test_from_and_to_are_inclusive_london_dates(export, run) -> None:
    path = export(
        row("16/01/2027 00:00", "Facebook", "after"),
        row("15/01/2027 23:59", "Facebook", "last minute"),
        row("15/01/2027 12:40", "Instagram", "in"),
        row("08/01/2027 00:00", "LinkedIn", "first minute"),
        row("07/01/2027 23:59", "LinkedIn", "before"),
        row("2027-06-30T23:30:00Z", "X", "00:30 BST on 1 July"),
    )
    _, data = run("--from", "2027-01-08", "--to", "2027-01-15", path)
    assert data["rows_counted"] == 3
    _, data = run("--from", "2027-07-01", "--to", "2027-07-01", path)
    assert [post["published"] for post in data["top_posts"]] == ["2027-07-01T00:30"]


def test_groups_with_no_row_are_left_out(export, run, repo) -> None:
    folder = repo({"a.md": post_file("facebook", "2027-01-11T07:45:00+00:00", "Ice on the pond", type_="emergency")})
    path = export(row("11/01/2027 07:45", "Facebook", "Ice on the pond"), folder=folder)
    _, data = run("--posts", folder, path)
    assert list(data["by_channel"]) == ["facebook"]
    assert list(data["by_type"]) == ["emergency"]
    assert list(data["by_media"]) == ["none"]


def test_a_tie_on_engagements_goes_to_more_impressions_though_the_later_line(export, run) -> None:
    path = export(
        row("13/01/2027 11:00", "Facebook", "Blue bin", impressions="3,980", engagements=176),
        row("13/01/2027 11:00", "YouTube", "Blue bin", impressions="4,215", engagements=176),
    )
    _, data = run(path)
    assert [post["line"] for post in data["top_posts"]] == [3, 2]


def test_a_tie_on_engagements_and_impressions_goes_to_the_earlier_date_then_the_earlier_line(export, run) -> None:
    path = export(
        row("12/01/2027 12:30", "Facebook", "Fire safety", impressions="3,300", engagements=154),
        row("11/01/2027 07:45", "X", "Ice", impressions="3,300", engagements=154),
        row("11/01/2027 07:45", "Instagram", "Ice", impressions="3,300", engagements=154),
    )
    _, data = run(path)
    assert [post["line"] for post in data["top_posts"]] == [3, 4, 2]


def test_impressions_not_available_rank_after_those_that_have_them_and_no_engagements_are_not_ranked(
    export, run
) -> None:
    path = export(
        row("01/01/2027 09:00", "Facebook", "no impressions", impressions="-", engagements=100),
        row("02/01/2027 09:00", "Facebook", "few impressions", impressions=10, engagements=100),
        row("03/01/2027 09:00", "Facebook", "no engagements", impressions=10_000, engagements="N/A"),
    )
    _, data = run(path)
    assert [post["line"] for post in data["top_posts"]] == [3, 2]
    assert data["top_posts"][1]["engagement_rate"] is None


def test_top_lists_as_many_as_the_settings_say(export, run, tmp_path) -> None:
    path = export(*(row(f"0{day}/01/2027 09:00", "Facebook", f"day {day}", engagements=day) for day in range(1, 9)))
    _, data = run(path)
    assert [post["line"] for post in data["top_posts"]] == [9, 8, 7, 6, 5]
    settings = tmp_path / "top.yaml"
    settings.write_text("analytics:\n  top: 2\n", encoding="utf-8")
    _, data = run("--config", settings, path)
    assert [post["line"] for post in data["top_posts"]] == [9, 8]


def test_a_top_post_shows_the_rows_own_date_and_its_first_80_characters_with_white_space_made_one(export, run) -> None:
    text = "Trees   for Edenbrook!\n\tHelp us plant 500 new trees at Edenbrook Country Park on Saturday 23 January."
    _, data = run(export(row("15/01/2027 12:40", "Instagram", f"  {text}  ")))
    (post,) = data["top_posts"]
    assert post["published"] == "2027-01-15T12:40"
    assert post["text"] == " ".join(text.split())[:80]
    assert len(post["text"]) == 80 and "  " not in post["text"]


def test_a_hand_posted_top_post_has_no_file_and_no_type(export, run, repo) -> None:
    folder = repo()
    _, data = run("--posts", folder, export(row("17/01/2027 10:30", "Facebook", "Thank you"), folder=folder))
    assert (data["top_posts"][0]["post"], data["top_posts"][0]["type"]) == (None, None)
    assert data["by_type"] == {"not-from-content-repo": data["totals"]}


def test_followers_start_at_the_first_days_audience_less_its_growth_and_keep_networks_apart(export, run) -> None:
    posts = export(row("04/01/2027 08:30", "Facebook", "Trees"))
    profiles = export(
        line("04/01/2027", "Facebook", "Hart District Council", "21,365", 7),
        line("04/01/2027", "X", "Hart District Council", "9,872", -2),
        line("05/01/2027", "Facebook", "Hart District Council", "21,370", 5),
        line("05/01/2027", "X", "Hart District Council", "9,870", -2),
        line("06/01/2027", "Instagram", "hartdistrictcouncil", "4,160", 0),
        header=PROFILE_HEADER,
        name="profiles.csv",
    )
    _, data = run("--profiles", profiles, posts)
    assert [(entry["network"], entry["profile"], entry["start"], entry["end"]) for entry in data["followers"]] == [
        ("facebook", "Hart District Council", 21358, 21370),
        ("instagram", "hartdistrictcouncil", 4160, 4160),
        ("x", "Hart District Council", 9874, 9870),
    ]
    assert data["followers"][1]["growth_rate"] == 0.0
    _, data = run("--profiles", profiles, "--to", "2027-01-05", posts)  # the Instagram profile has no day in it
    assert [(entry["start"], entry["end"], entry["net_growth"]) for entry in data["followers"]] == [
        (21358, 21370, 12),
        (9874, 9870, -4),
    ]
    _, data = run("--profiles", profiles, "--from", "2027-01-05", posts)
    assert [(entry["start"], entry["net_growth"]) for entry in data["followers"]] == [(21365, 5), (4160, 0), (9872, -2)]


def test_followers_with_a_start_of_0_have_no_growth_rate(export, run) -> None:
    posts = export(row("04/01/2027 08:30", "Facebook", "Trees"))
    profiles = export(line("04/01/2027", "YouTube", "Hart", 3, 3), header=PROFILE_HEADER, name="profiles.csv")
    _, data = run("--profiles", profiles, posts)
    assert data["followers"] == [
        {"network": "youtube", "profile": "Hart", "start": 0, "end": 3, "net_growth": 3, "growth_rate": None}
    ]


def test_staff_are_never_in_the_json(export, run) -> None:
    _, data = run(export(row("04/01/2027 08:30", "Facebook", "Trees")))
    assert STAFF not in str(data)
