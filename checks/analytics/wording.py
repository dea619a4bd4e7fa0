"""The report's figures in words a person reads: names of channels, types and media, numbers, rates and periods.

The text and the HTML page both read the contract's object (``report_dict``)
through these, so they say the same thing; counts in sentences agree in number
through ``checks.words``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from checks.analytics.report import NOT_FROM_REPO
from checks.policy.london import long_date

CHANNEL_NAMES = {
    "facebook": "Facebook",
    "x": "X",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "youtube": "YouTube",
}
MEDIA_NAMES = {"image": "Images", "video": "Video", "none": "No media"}
BY_HAND = "Posted by hand in the tool"
NOT_AVAILABLE = "not available"


def channel_name(channel: str) -> str:
    return CHANNEL_NAMES.get(channel, channel)


def type_name(post_type: str) -> str:
    """``service-update`` as ``Service update``; rows with no post file as posted by hand."""
    return BY_HAND if post_type == NOT_FROM_REPO else post_type.replace("-", " ").capitalize()


def media_name(media: str) -> str:
    return BY_HAND if media == NOT_FROM_REPO else MEDIA_NAMES.get(media, media)


def number(value: int | None) -> str:
    """``12,345``; ``not available`` when no row had the value."""
    return NOT_AVAILABLE if value is None else f"{value:,}"


def hundredths(value: float) -> str:
    """A rate (4 places) per 100, as exact as it is: 0.0513 is ``5.13``, 0.035 is ``3.5``, 0.03 is ``3``."""
    return f"{value * 100:.2f}".rstrip("0").rstrip(".")


def rate_words(value: float | None) -> str:
    """``5.13%``, or ``no rate`` when nothing was shown."""
    return "no rate" if value is None else f"{hundredths(value)}%"


def rate_column(value: float | None) -> str:
    """A rate in a column of rates: always two places, so the column lines up (``3.00%`` under ``4.87%``)."""
    return "no rate" if value is None else f"{value * 100:.2f}%"


def per_hundred(value: float | None) -> str:
    """The engagement rate as people say it: ``4.6 engagements for every 100 times a post was shown``."""
    if value is None:
        return "no engagement rate: no post was shown"
    return f"{hundredths(value)} engagements for every 100 times a post was shown"


def period_words(period: dict[str, str | None]) -> str:
    """``4 January 2027 to 29 January 2027``, from the report's ``period``."""
    first, last = period["from"], period["to"]
    if first is None and last is None:
        return "no messages"
    shown = [long_date(date.fromisoformat(day)) if day else "the start" for day in (first, last)]
    return f"{shown[0]} to {shown[1] if last else 'the end'}"


def ranked(groups: dict[str, dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Groups by engagement rate, highest first; groups with no rate last, in their own order."""
    order = {key: place for place, key in enumerate(groups)}
    return sorted(
        groups.items(),
        key=lambda item: (item[1]["engagement_rate"] is None, -(item[1]["engagement_rate"] or 0), order[item[0]]),
    )


def published_words(published: str) -> str:
    """``2027-01-11T07:45`` as ``11 January 2027 at 07:45``."""
    day, clock = published.split("T")
    return f"{long_date(date.fromisoformat(day))} at {clock}"


def growth_words(entry: dict[str, Any]) -> str:
    """A profile's follower growth in words: ``21,358 to 21,502 followers: 144 more (up 0.67%)``."""
    growth = entry["net_growth"]
    change = f"{growth:,} more" if growth > 0 else f"{-growth:,} fewer" if growth < 0 else "no change"
    direction = "up" if growth > 0 else "down"
    rate = entry["growth_rate"]
    share = f" ({direction} {rate_words(abs(rate))})" if growth and rate is not None else ""
    return f"{entry['start']:,} to {entry['end']:,} followers: {change}{share}"
