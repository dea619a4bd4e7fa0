"""The report as one self-contained HTML page for the communications team, on ``checks.htmlreport``.

Which types of content resonate: the engagement rate by type, by media and by
channel, each a chart (inline SVG with a text alternative) beside a table of
its numbers; the top posts with their post file and type; follower growth per
profile; and how each figure is counted. A post's text comes from the export
and is escaped like every other value, so it stays text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any, TextIO

from checks import htmlreport
from checks.analytics.report import Figures, report_dict
from checks.analytics.wording import (
    NOT_FROM_REPO,
    channel_name,
    growth_words,
    media_name,
    number,
    per_hundred,
    period_words,
    published_words,
    ranked,
    rate_column,
    rate_words,
    type_name,
)
from checks.charts import BarChart, Series
from checks.words import counted, noun_for, verb_for

STYLE = """
.pair { grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); }
.pair table, .scroll table { font-size: 1rem; }
@media (max-width: 48rem) { .pair { grid-template-columns: minmax(0, 1fr); } }
.scroll { overflow-x: auto; }
.scroll:focus-visible { outline: 3px solid var(--chart-1); outline-offset: 2px; }
.top { padding-left: 1.5rem; }
.top li { margin-bottom: 1.25rem; }
.top blockquote { margin: 0 0 0.25rem; font-size: 1.125rem; overflow-wrap: anywhere; }
.top p { margin: 0; color: var(--muted); overflow-wrap: anywhere; }
dt { font-weight: 700; margin-top: 0.75rem; }
dd { margin: 0.25rem 0 0; }
"""
GROUP_HEADER = ("Engagement rate", "Messages", "Impressions", "Engagements")


def write_html(figures: Figures, stream: TextIO) -> None:
    stream.write(report_page(figures))


def report_page(figures: Figures) -> str:
    data = report_dict(figures)
    period = period_words(data["period"])
    sections = [_summary(data, figures)]
    if "by_type" in data:
        sections.append(_by_type(data["by_type"]))
        sections.append(_by_media(data["by_media"]))
    sections += [_by_channel(data["by_channel"]), _top_posts(data["top_posts"])]
    if "followers" in data:
        sections.append(_followers(data["followers"]))
    sections += [_how_counted(), _problems(data["problems"])]
    lede = (
        f"Hart District Council's social media, messages published {period}. "
        f"Measured against version {data['policy_version']} of the social media policy."
    )
    note = (
        "For the communications team. The figures come from the social media management tool's exports, each "
        "message joined to the post file it came from. Rates are computed from the counts, never copied from the tool."
    )
    title = f"How our posts are doing, {period}: Hart District Council"
    return htmlreport.page(title, "How our posts are doing", lede, note, sections, STYLE)


def _summary(data: dict[str, Any], figures: Figures) -> str:
    totals = data["totals"]
    rows = data["rows_counted"]
    items = [
        (f"{rows:,}", f"{noun_for(rows, 'message')} published"),
        (number(totals["impressions"]), "impressions: times a post was shown"),
        (number(totals["engagements"]), "engagements: reactions, comments, shares and clicks"),
        (rate_words(totals["engagement_rate"]), "engagement rate"),
    ]
    sentence = f"{counted(rows, 'message')} {verb_for(rows, 'was')} published in the period."
    if "by_type" in data and rows:
        by_hand = data["by_type"].get(NOT_FROM_REPO, {}).get("posts", 0)
        sentence += (
            f" {figures.rows_from_repo} came from a post file in the content repo; {by_hand} "
            f"{verb_for(by_hand, 'was')} posted by hand in the tool."
        )
    rate = totals["engagement_rate"]
    if rate is not None:
        sentence += f" Overall there were {per_hundred(rate)}."
    return f"{htmlreport.at_a_glance(items)}\n<p>{escape(sentence)}</p>"


def _by_type(groups: dict[str, dict[str, Any]]) -> str:
    text = (
        "<p>Which types of content resonate: the engagement rate of each type of post, highest first. "
        "A type with a high rate held the attention of the people it was shown to. "
        "Messages posted by hand in the tool have no post file, so no type; they are counted on their own.</p>"
    )
    return _group_section("by-type", "Which types of content resonate", "Type of post", groups, type_name, text)


def _by_media(groups: dict[str, dict[str, Any]]) -> str:
    text = (
        "<p>The engagement rate of posts with video, with images (and no video), and with no media at all. "
        "A post with a video and an image counts as video.</p>"
    )
    return _group_section("by-media", "Images, video or neither", "Media", groups, media_name, text)


def _by_channel(groups: dict[str, dict[str, Any]]) -> str:
    text = "<p>The engagement rate on each of our accounts, highest first.</p>"
    section = _group_section("by-channel", "By channel", "Channel", groups, channel_name, text)
    rows = [
        (channel_name(key), number(group["reach"]), number(group["link_clicks"]), number(group["video_views"]))
        for key, group in groups.items()
    ]
    header = ("Channel", "Reach", "Link clicks", "Video views")
    reach = _scrolling_table("Reach, link clicks and video views by channel", header, rows)
    note = (
        "<p>Reach is the number of people who saw a post, where the network reports it. "
        "“Not available” means no message of that channel had the figure: it is not a zero.</p>"
    )
    return f"{section}\n{note}\n{reach}"


def _group_section(
    chart_id: str,
    heading: str,
    first: str,
    groups: dict[str, dict[str, Any]],
    name: Callable[[str], str],
    text: str,
) -> str:
    if not groups:
        return f"<h2>{escape(heading)}</h2>\n<p>No message was published in the period.</p>"
    order = ranked(groups)
    names = [name(key) for key, _ in order]
    rates = [group["engagement_rate"] for _, group in order]
    values = [None if value is None else round(value * 100, 2) for value in rates]
    described = "; ".join(f"{label}: {rate_column(value)}" for label, value in zip(names, rates, strict=True))
    caption = f"Engagement rate, {first.lower()}"  # the chart's title and its table's caption
    chart = BarChart(
        chart_id=chart_id,
        title=caption,
        description=f"Bar chart of the engagement rate (engagements per 100 impressions), highest first. {described}.",
        categories=names,
        series=[Series("Engagement rate (%)", values)],
        value_label="Engagement rate (%)",
        horizontal=True,
    )
    rows = [
        (label, rate_column(rate), f"{group['posts']:,}", number(group["impressions"]), number(group["engagements"]))
        for label, (_, group), rate in zip(names, order, rates, strict=True)
    ]
    table = _scrolling_table(caption, (first, *GROUP_HEADER), rows)
    return f"<h2>{escape(heading)}</h2>\n{text}\n{htmlreport.pair(chart, table)}"


def _top_posts(posts: list[dict[str, Any]]) -> str:
    if not posts:
        return "<h2>Top posts</h2>\n<p>No message in the period has a count of engagements.</p>"
    items = []
    for post in posts:
        source = (
            f"Post file {post['post']}, type {post['type']}."
            if post["post"]
            else "Posted by hand in the tool: no post file."
        )
        details = (
            f"{channel_name(post['channel'])}, {published_words(post['published'])}: "
            f"{counted(post['engagements'], 'engagement')} from {number(post['impressions'])} impressions "
            f"(engagement rate {rate_words(post['engagement_rate'])}). {source}"
        )
        items.append(f"<li><blockquote>{escape(post['text'])}</blockquote><p>{escape(details)}</p></li>")
    intro = (
        f"<p>The {counted(len(posts), 'message')} with the most engagements, most first. "
        "Each shows the first 80 characters of its text as published.</p>"
    )
    return f'<h2>Top posts</h2>\n{intro}\n<ol class="top">{"".join(items)}</ol>'


def _followers(entries: list[dict[str, Any]]) -> str:
    if not entries:
        return "<h2>Follower growth</h2>\n<p>The profile export has no day in the period.</p>"
    sentences = "".join(
        f"<li>{escape(channel_name(entry['network']))}, {escape(entry['profile'])}: {escape(growth_words(entry))}</li>"
        for entry in entries
    )
    rows = [
        (
            f"{channel_name(entry['network'])}, {entry['profile']}",
            f"{entry['start']:,}",
            f"{entry['end']:,}",
            f"{entry['net_growth']:+,}",
            rate_words(entry["growth_rate"]),
        )
        for entry in entries
    ]
    caption = "Followers at the start and end of the period"
    header = ("Profile", "Start", "End", "Net growth", "Growth rate")
    table = _scrolling_table(caption, header, rows)
    return f"<h2>Follower growth</h2>\n<ul>{sentences}</ul>\n{table}"


def _scrolling_table(caption: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A table of a label column then numbers, that scrolls sideways on a narrow screen and from the keyboard."""
    table = htmlreport.table(caption, header, rows, (False, *(True for _ in header[1:])))
    return f'<div class="scroll" role="region" aria-label="{escape(caption)}" tabindex="0">{table}</div>'


HOW_COUNTED = (
    (
        "Impressions",
        "The times a message was shown on screen, as the network counts them. One person can see it more than once.",
    ),
    ("Engagements", "The tool's total of reactions, comments, shares, clicks and the like on a message."),
    (
        "Engagement rate",
        "All engagements divided by all impressions, over the messages that have both: 4.6% means 4.6 engagements "
        "for every 100 times a post was shown. It is computed from the counts and rounded to 4 decimal places, "
        "never copied from the tool.",
    ),
    (
        "Not available",
        "A network that does not report a figure leaves it empty (or writes - or N/A). Such a message adds nothing "
        "to that sum, and a sum with no figure at all says “not available”, never 0.",
    ),
    (
        "Type and media",
        "Each message is matched to the post file it came from: the post for that channel published in the same "
        "minute, or, for a message moved by hand in the tool, the post for that channel on the same day whose text "
        "starts with the same 40 characters. A message that matches no post file was posted by hand.",
    ),
    (
        "Top posts",
        "The messages with the most engagements; a tie goes to the one shown more often, then the earlier one.",
    ),
    (
        "Follower growth",
        "Followers at the start of the first day of the period (that day's audience less its net growth) and at "
        "the end of the last day; the growth rate is the net growth over the followers at the start.",
    ),
)


def _how_counted() -> str:
    items = "".join(f"<dt>{escape(term)}</dt><dd>{escape(meaning)}</dd>" for term, meaning in HOW_COUNTED)
    return f"<h2>How each figure is counted</h2>\n<dl>{items}</dl>"


def _problems(problems: list[dict[str, Any]]) -> str:
    if not problems:
        return "<h2>Rows with a problem</h2>\n<p>Every row of the exports was read.</p>"
    items = "".join(
        f"<li>{escape(problem['file'])}, line {problem['line']}: {escape(problem['message'])}</li>"
        for problem in problems
    )
    count = len(problems)
    intro = f"{counted(count, 'row')} {verb_for(count, 'has')} a problem and {verb_for(count, 'was')} not counted."
    return f"<h2>Rows with a problem</h2>\n<p>{escape(intro)}</p>\n<ul>{items}</ul>"
