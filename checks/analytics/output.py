"""The report's outputs: JSON (the contract's object), text and HTML, picked from ``REPORTERS`` by name.

Every format reads the same figures through ``report_dict``, so they cannot disagree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from checks.analytics.report import Figures, report_dict
from checks.analytics.report_html import write_html
from checks.analytics.wording import (
    NOT_FROM_REPO,
    channel_name,
    growth_words,
    media_name,
    number,
    per_hundred,
    period_words,
    ranked,
    rate_column,
    rate_words,
    type_name,
)
from checks.words import counted


def write_json(figures: Figures, stream: TextIO) -> None:
    stream.write(json.dumps(report_dict(figures), indent=2, ensure_ascii=False) + "\n")


def write_text(figures: Figures, stream: TextIO) -> None:
    """A short summary a person reads in a terminal or an e-mail."""
    stream.write("\n".join(text_lines(report_dict(figures), figures)) + "\n")


def text_lines(data: dict[str, Any], figures: Figures) -> list[str]:
    lines = [*_heading(data, figures), "", *_overall(data["totals"])]
    if "by_type" in data:
        lines += ["", *_groups("Engagement rate by type of post, highest first", data["by_type"], type_name)]
        lines += ["", *_groups("By media", data["by_media"], media_name)]
    lines += ["", *_groups("By channel", data["by_channel"], channel_name)]
    lines += ["", *_top(data["top_posts"])]
    if "followers" in data:
        lines += ["", *_followers(data["followers"])]
    if data["problems"]:
        lines += ["", "Rows with a problem (not counted)"]
        lines += [f"  {problem['file']}:{problem['line']}: {problem['message']}" for problem in data["problems"]]
    return lines


def _heading(data: dict[str, Any], figures: Figures) -> list[str]:
    rows = data["rows_counted"]
    counted_line = f"Policy version {data['policy_version']}. {counted(rows, 'message')} counted"
    if "by_type" in data:
        by_hand = data["by_type"].get(NOT_FROM_REPO, {}).get("posts", 0)
        counted_line += (
            f": {figures.rows_from_repo} from the content repo, {by_hand} posted by hand in the tool" if rows else ""
        )
    return [f"Social media performance ({period_words(data['period'])})", counted_line + "."]


def _overall(totals: dict[str, Any]) -> list[str]:
    return [
        "Overall",
        f"  {number(totals['impressions'])} impressions, {number(totals['engagements'])} engagements: "
        f"{per_hundred(totals['engagement_rate'])} (engagement rate {rate_words(totals['engagement_rate'])})",
        f"  Reach {number(totals['reach'])}; link clicks {number(totals['link_clicks'])}; "
        f"video views {number(totals['video_views'])}",
    ]


def _groups(title: str, groups: dict[str, dict[str, Any]], name: Callable[[str], str]) -> list[str]:
    lines = [title]
    for key, group in ranked(groups):
        lines.append(
            f"  {name(key):<28}{rate_column(group['engagement_rate']):>8}  {counted(group['posts'], 'message'):>13}, "
            f"{number(group['impressions'])} impressions, {number(group['engagements'])} engagements"
        )
    return lines


def _top(top_posts: list[dict[str, Any]]) -> list[str]:
    lines = [f"Top {counted(len(top_posts), 'post')} (most engagements)"]
    for place, post in enumerate(top_posts, start=1):
        source = f"{post['post']} ({post['type']})" if post["post"] else "posted by hand in the tool"
        lines.append(
            f"  {place}. {channel_name(post['channel'])} {post['published'].replace('T', ' ')}: "
            f"{number(post['engagements'])} engagements, {number(post['impressions'])} impressions "
            f"({rate_words(post['engagement_rate'])}); {source}"
        )
        lines.append(f"     {post['text']}")
    return lines


def _followers(entries: list[dict[str, Any]]) -> list[str]:
    lines = ["Followers"]
    lines += [f"  {channel_name(entry['network'])}, {entry['profile']}: {growth_words(entry)}" for entry in entries]
    if not entries:
        lines.append("  No profile has a day in the period")
    return lines


Reporter = Callable[[Figures, TextIO], None]
REPORTERS: dict[str, Reporter] = {"json": write_json, "text": write_text, "html": write_html}
