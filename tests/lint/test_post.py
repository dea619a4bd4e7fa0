"""The post reader: front matter, body, positions, media, links and what each channel publishes."""

from __future__ import annotations

import pytest

from checks.lint.xcount import weighted_length
from checks.repo.post import FormatProblem, Post, parse_post, published_text
from checks.repo.settings import glob_pattern
from checks.repo.textscan import handle_of, phone_digits

POST = """---
title: Fleet Pond walk
channels: [facebook, x]
publish_at: 2027-03-28T23:30:00+00:00
type: event
approved_by: comms-team
media:
  - file: images/pond.jpg
    alt: "Swans on Fleet Pond"
    credit: Hart District Council
text:
  x: |
    Walk round Fleet Pond.
    See [the walk page](https://www.hart.gov.uk/walk)
---
Join our walk round Fleet Pond on Sunday.
![Boardwalk over the reeds](images/boardwalk.jpg) and
[the walk page](https://www.hart.gov.uk/walk).
"""


def read(text: str) -> Post:
    post = parse_post(text.encode("utf-8"), "post.md")
    assert isinstance(post, Post), post
    return post


def test_front_matter_and_body() -> None:
    post = read(POST)
    assert post.front["title"] == "Fleet Pond walk"
    assert post.body_line == 16
    assert post.body.startswith("Join our walk")
    assert post.channels == ["facebook", "x"]


def test_publish_time_is_in_london() -> None:
    post = read(POST)
    assert (post.publish.year, post.publish.month, post.publish.day, post.publish.hour) == (2027, 3, 29, 0)
    assert str(post.publish.tzinfo) == "Europe/London"


def test_a_bare_date_means_nine_in_the_morning_in_london() -> None:
    post = read(POST.replace("2027-03-28T23:30:00+00:00", "2027-07-01"))
    assert post.publish.isoformat() == "2027-07-01T09:00:00+01:00"


def test_positions_of_keys_values_and_body() -> None:
    post = read(POST)
    assert post.locate("media", 0, "alt") == (9, 5)
    assert post.locate("media", 0, "alt", key=False) == (9, 10)
    assert post.body_position(0) == (16, 1)
    assert post.body_position(post.body.index("Boardwalk")) == (17, 3)


def test_text_offsets_map_into_quoted_and_literal_scalars() -> None:
    post = read(POST)
    alt, _ = post.alt_texts[0]
    assert alt.position(0) == (9, 11)  # inside the quotes
    x_text = post.channel_sources()["x"]
    assert x_text.position(x_text.value.index("See")) == (14, 5)


def test_inline_images_and_links() -> None:
    post = read(POST)
    assert [(i.src, i.alt, i.line, i.column) for i in post.inline_images] == [
        ("images/boardwalk.jpg", "Boardwalk over the reeds", 17, 1)
    ]
    links = {(link.text, link.url, link.line) for link in post.inline_links}
    assert links == {
        ("the walk page", "https://www.hart.gov.uk/walk", 18),
        ("the walk page", "https://www.hart.gov.uk/walk", 14),
    }
    files = [item.file for item in post.media]
    assert files == ["images/pond.jpg", "images/boardwalk.jpg"]  # an inline image with no item is media too


def test_each_channel_publishes_its_own_text() -> None:
    post = read(POST)
    sources = post.channel_sources()
    assert sources["facebook"].where == "body"
    assert sources["x"].where == "text.x"


def test_published_text_counts_links_as_text_and_url_and_drops_images() -> None:
    assert published_text("See [the page](https://a.uk/p) ![cat](c.jpg)now") == "See the page https://a.uk/p now"


def test_crlf_and_byte_order_mark_read_like_plain_lf() -> None:
    plain = read(POST)
    windows = parse_post(b"\xef\xbb\xbf" + POST.replace("\n", "\r\n").encode("utf-8"), "post.md")
    assert isinstance(windows, Post)
    assert windows.front == plain.front and windows.body == plain.body
    assert windows.locate("media", 0, "alt") == plain.locate("media", 0, "alt")


@pytest.mark.parametrize(
    ("raw", "rule", "line"),
    [
        (b"No front matter here\n", "front-matter-missing", 1),
        (b"---\ntitle: [unclosed\n---\nbody\n", "front-matter-invalid", 3),
        (b"---\ntitle: x\nbody without an end\n", "front-matter-invalid", 1),
        (b"---\n- a\n- list\n---\nbody\n", "front-matter-schema", 2),
        (b"---\ntitle: caf\xe9\n---\n", "file-unreadable", 2),
        (b"---\ntitle: a\x00b\n---\n", "file-unreadable", 2),
    ],
)
def test_format_problems(raw: bytes, rule: str, line: int) -> None:
    problem = parse_post(raw, "post.md")
    assert isinstance(problem, FormatProblem)
    assert (problem.rule, problem.line) == (rule, line)


def test_x_weighted_length() -> None:
    assert weighted_length("abc") == 3
    assert weighted_length("see https://www.hart.gov.uk/a/very/long/path/that/goes/on/and/on") == 4 + 23
    assert weighted_length("🎉") == 2
    assert weighted_length("👩‍👩‍👧‍👦") == 2  # one emoji sequence, however many code points
    assert weighted_length("日本") == 4
    assert weighted_length("café") == 4


def test_phone_digits_and_handles() -> None:
    assert phone_digits("01252 622122") == phone_digits("+44 1252 622122") == "01252622122"
    assert handle_of("@HantsFRS") == handle_of("https://x.com/HantsFRS/status/1") == "@hantsfrs"
    assert handle_of("https://www.facebook.com/HantsFRS") == "@hantsfrs"


def test_globs_match_any_depth_with_double_star() -> None:
    assert glob_pattern("**/README.md").fullmatch("README.md")
    assert glob_pattern("**/README.md").fullmatch("a/b/README.md")
    assert not glob_pattern("*.md").fullmatch("a/b.md")
    assert glob_pattern("posts/**").fullmatch("posts/2027/a.md")
