"""policy-analytics report's three outputs: no member of staff in any, the page self-contained and escaped, words agree.

Every format reads the same figures; the text and the page say them in words
("4.6 engagements for every 100 times a post was shown"), with counts that
agree in number (checks.words).
"""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from analytics_helpers import EXAMPLE, PROFILE_HEADER, line, post_file, row

FORMATS = ("json", "text", "html")
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def staff_names(export: Path) -> set[str]:
    """Every name in the export's ``Sent by`` column, whole and by its longer parts."""
    with export.open(encoding="utf-8-sig", newline="") as stream:
        names = {record["Sent by"] for record in csv.DictReader(stream)}
    return names | {part for name in names for part in name.split() if len(part) >= 5}


@pytest.fixture(params=["acceptance", "example"])
def exports(request: pytest.FixtureRequest) -> tuple[Path, list[str]]:
    """A post export with staff names in ``Sent by``, and the options that read it with its repo and profiles."""
    folder = request.getfixturevalue("corpus") if request.param == "acceptance" else EXAMPLE
    posts = folder / ("post-performance.csv" if request.param == "acceptance" else "analytics/post-performance.csv")
    profiles = posts.with_name("profile-performance.csv")
    return posts, ["--posts", str(folder), "--profiles", str(profiles), str(posts)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_member_of_staff_is_named_in_any_output(exports, run, fmt: str) -> None:
    export, arguments = exports
    names = staff_names(export)
    assert len(names) >= 3  # the test looks for something
    status, shown = run(*arguments, fmt=fmt)
    assert status == 0
    shown = str(shown).lower()
    assert [name for name in names if name.lower() in shown] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_staff_name_in_a_bad_row_is_not_named_either(export, run, fmt: str) -> None:
    """A row that cannot be read (ragged, a bad date) is named by its line alone."""
    records = [row("99/01/2027 10:00", "Facebook", "Hi", staff="Ottoline Farquharson"), "Ottoline Farquharson,X"]
    status, shown = run(export(*records, row("04/01/2027 08:30", "X", "Trees")), fmt=fmt)
    assert status == 1 and "farquharson" not in str(shown).lower()


def test_a_posts_text_is_escaped_in_the_page(export, repo, run) -> None:
    folder = repo({"p.md": post_file("facebook", "2027-01-04T08:30:00+00:00", "Trees", type_="news")})
    profiles = export(line("04/01/2027", "Facebook", SCRIPT, 10, 1), header=PROFILE_HEADER, name="p.csv", folder=folder)
    path = export(row("04/01/2027 08:30", "Facebook", SCRIPT), folder=folder)
    status, page = run("--posts", folder, "--profiles", profiles, path, fmt="html")
    assert status == 0
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


class Page(HTMLParser):
    """What a page asks a browser to fetch, and its charts, tables and their captions."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.tags: list[str] = []
        self.charts: list[dict[str, str | None]] = []
        self.ids: dict[str, str] = {}
        self.captions: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        for key in ("src", "href", "srcset", "poster", "data"):
            if values.get(key) and not str(values[key]).startswith("#"):
                self.fetches.append(f"{tag} {key}={values[key]}")
        if tag == "svg":
            self.charts.append(values)
        if tag in ("title", "desc", "caption"):
            self._in = values.get("id") or tag

    def handle_data(self, data: str) -> None:
        if self._in == "caption":
            self.captions.append(data)
        elif self._in:
            self.ids[self._in] = self.ids.get(self._in, "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "desc", "caption"):
            self._in = None


@pytest.fixture
def page(exports, run) -> tuple[str, Page]:
    status, html = run(*exports[1], fmt="html")
    assert status == 0
    parsed = Page()
    parsed.feed(html)
    return html, parsed


def test_the_page_fetches_nothing_from_anywhere(page) -> None:
    html, parsed = page
    assert parsed.fetches == []
    assert not {"script", "link", "iframe", "object", "embed", "img"} & set(parsed.tags)
    assert "@import" not in html and not re.search(r"url\((?!#)", html)


def test_each_chart_has_a_title_a_text_alternative_and_a_table_beside_it(page) -> None:
    html, parsed = page
    assert [chart.get("aria-labelledby") for chart in parsed.charts] == [
        f"{name}-title {name}-desc" for name in ("by-type", "by-media", "by-channel")
    ]
    for name in ("by-type", "by-media", "by-channel"):
        assert all(chart.get("role") == "img" for chart in parsed.charts)
        title, desc = parsed.ids[f"{name}-title"], parsed.ids[f"{name}-desc"]
        assert title.startswith("Engagement rate, ") and desc.startswith("Bar chart of the engagement rate")
        pair = html.split(f'aria-labelledby="{name}-title')[1].split('<div class="pair">')[0]
        assert f"<caption>{title}</caption>" in pair  # the table of the same numbers stands beside the chart
        described = re.findall(r"([^;]+): (\d+(?:\.\d+)?%)", desc.split("highest first. ")[1])
        assert len(described) >= 3
        for label, rate in described:
            assert f'>{label.strip()}</th><td class="number">{rate}</td>' in pair


def test_the_page_has_the_sections_the_team_needs(page) -> None:
    html, _ = page
    for heading in (
        "Which types of content resonate",
        "Images, video or neither",
        "By channel",
        "Top posts",
        "Follower growth",
        "How each figure is counted",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "engagements for every 100 times a post was shown" in html
    assert re.search(r"Post file posts/[\w.-]+\.md, type [\w-]+\.", html)


def test_the_text_output_says_the_figures_in_words(export, repo, run) -> None:
    folder = repo({"p.md": post_file("facebook, x", "2027-01-11T07:45:00+00:00", "Ice", type_="emergency")})
    path = export(
        row("11/01/2027 07:45", "Facebook", "Ice", impressions="14,820", engagements=612, reach="12,006"),
        row("11/01/2027 07:45", "X", "Ice", impressions="3,300", engagements=154, reach="-"),
        row("17/01/2027 10:30", "Facebook", "Thank you to all who came!", impressions="5,870", engagements=301),
        folder=folder,
    )
    status, text = run("--posts", folder, path, fmt="text")
    assert status == 0
    lines = text.splitlines()
    assert lines[0] == "Social media performance (11 January 2027 to 17 January 2027)"
    assert lines[1].endswith(". 3 messages counted: 2 from the content repo, 1 posted by hand in the tool.")
    assert (
        "  23,990 impressions, 1,067 engagements: 4.45 engagements for every 100 times a post was shown "
        "(engagement rate 4.45%)" in lines
    )
    assert "  Reach 12,006; link clicks not available; video views not available" in lines
    assert "  Posted by hand in the tool     5.13%      1 message, 5,870 impressions, 301 engagements" in lines
    assert (
        "  1. Facebook 2027-01-11 07:45: 612 engagements, 14,820 impressions (4.13%); posts/p.md (emergency)" in lines
    )
    assert "  3. X 2027-01-11 07:45: 154 engagements, 3,300 impressions (4.67%); posts/p.md (emergency)" in lines


@pytest.mark.parametrize(
    ("rows", "text", "html", "top"),
    [
        (0, "0 messages counted.", "0 messages were published", "No message in the period has a count of engagements"),
        (1, "1 message counted: 0 from the content repo, 1 posted", "1 message was published", "The 1 message with"),
        (
            2,
            "2 messages counted: 0 from the content repo, 2 posted",
            "2 messages were published",
            "The 2 messages with",
        ),
    ],
)
def test_counts_in_sentences_agree_in_number(export, repo, run, rows: int, text: str, html: str, top: str) -> None:
    folder = repo()
    path = export(*(row(f"0{day + 1}/01/2027 09:00", "Facebook", "Hi") for day in range(rows)), folder=folder)
    _, shown = run("--posts", folder, path, fmt="text")
    assert text in shown.splitlines()[1]
    _, page = run("--posts", folder, path, fmt="html")
    assert html in page and top in page


@pytest.mark.parametrize(("bad", "sentence"), [(1, "1 row has a problem and was not counted."), (2, "2 rows have")])
def test_the_problem_sentence_agrees_in_number(export, run, bad: int, sentence: str) -> None:
    path = export(*(row("bad", "Facebook", "Hi") for _ in range(bad)), row("04/01/2027 08:30", "X", "Trees"))
    status, page = run(path, fmt="html")
    assert status == 1 and sentence in page


def test_without_posts_and_profiles_their_keys_are_left_out(export, run) -> None:
    _, data = run(export(row("04/01/2027 08:30", "X", "Trees")))
    assert list(data) == [
        "policy_version",
        "period",
        "rows_counted",
        "totals",
        "by_channel",
        "top_posts",
        "problems",
    ]
    assert data["top_posts"][0]["post"] is None and data["top_posts"][0]["type"] is None
