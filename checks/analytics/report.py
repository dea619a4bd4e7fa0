"""The figures of ``policy-analytics report`` (the analytics contract, sections 3 and 4), and the contract's object.

Every row of the post export is read and matched first (matching runs over the
whole export, in its order); the figures then count the rows published in the
period. Sums leave out a row whose value is not available, so a sum is null
only when no row of its group has the value. Every rate is computed from
whole numbers exactly and rounded half away from zero to 4 places, so
287 / 5600 = 0.05125 is 0.0513 (binary floating point would say 0.0512).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from checks.analytics.exports import METRICS, Day, Message, RowProblem
from checks.analytics.matching import Index, PostFile
from checks.policy.london import LONDON

NOT_FROM_REPO = "not-from-content-repo"
CHANNELS = ("facebook", "x", "instagram", "linkedin", "youtube")
MEDIA = ("image", "video", "none")
IMPRESSIONS, ENGAGEMENTS = 0, 1  # their places in Message.values


@dataclass(frozen=True)
class Period:
    """London dates, both included; an open end is None."""

    first: date | None = None
    last: date | None = None

    def holds(self, day: date) -> bool:
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)


@dataclass(frozen=True, slots=True)
class Row:
    """A message of the export with the post file it came from (None: posted by hand in the tool)."""

    message: Message
    post: PostFile | None

    @property
    def day(self) -> date:
        return self.message.published.date()  # a London time already


@dataclass
class Group:
    """The sums of one group of rows and what its engagement rate is pooled from."""

    posts: int = 0
    sums: list[int | None] = field(default_factory=lambda: [None] * len(METRICS))
    rate_engagements: int = 0  # over the rows where both engagements and impressions are available
    rate_impressions: int = 0

    def add(self, values: tuple[int | None, ...]) -> None:
        self.posts += 1
        for place, value in enumerate(values):
            if value is not None:
                self.sums[place] = (self.sums[place] or 0) + value
        if values[IMPRESSIONS] is not None and values[ENGAGEMENTS] is not None:
            self.rate_engagements += values[ENGAGEMENTS]
            self.rate_impressions += values[IMPRESSIONS]

    def as_dict(self) -> dict[str, Any]:
        return {
            "posts": self.posts,
            **dict(zip(METRICS, self.sums, strict=True)),
            "engagement_rate": rate(self.rate_engagements, self.rate_impressions),
        }


@dataclass
class Figures:
    """Everything a report shows, from the rows of the period."""

    policy_version: str
    period: Period
    totals: Group
    by_channel: dict[str, Group]
    by_type: dict[str, Group] | None
    by_media: dict[str, Group] | None
    top_posts: list[Row]
    followers: list[dict[str, Any]] | None
    problems: list[dict[str, Any]]
    rows_from_repo: int = 0


def rate(part: int, whole: int) -> float | None:
    """``part / whole`` to 4 places, halves away from zero, in exact integers; None when ``whole`` is 0."""
    if whole == 0:
        return None
    magnitude = (abs(part) * 20_000 + abs(whole)) // (2 * abs(whole))  # floor(|part / whole| * 10^4 + 1/2)
    sign = -1 if (part < 0) != (whole < 0) else 1
    return float(Decimal(sign * magnitude).scaleb(-4))


# -- reading and matching ---------------------------------------------------------------


def match_rows(items: Iterable[Message | RowProblem], index: Index | None) -> tuple[list[Row], list[RowProblem]]:
    """Every row of the post export, matched in the export's order, and the rows that have a problem."""
    rows: list[Row] = []
    problems: list[RowProblem] = []
    for item in items:
        if isinstance(item, RowProblem):
            problems.append(item)
        else:
            rows.append(Row(item, index.match(item) if index is not None else None))
    return rows, problems


def split_days(items: Iterable[Day | RowProblem]) -> tuple[list[Day], list[RowProblem]]:
    """The profile export's days, and its rows that have a problem."""
    read = list(items)
    return [item for item in read if isinstance(item, Day)], [item for item in read if isinstance(item, RowProblem)]


# -- counting ------------------------------------------------------------------------------


def count(
    rows: Iterable[Row],
    period: Period,
    *,
    policy_version: str,
    top: int,
    with_posts: bool,
    days: list[Day] | None = None,
    type_order: Iterable[str] = (),
) -> Figures:
    """The figures of the rows published in the period (and of the profile days in it, when given)."""
    counted = [row for row in rows if period.holds(row.day)]
    dates = [row.day for row in counted]
    shown = Period(period.first or min(dates, default=None), period.last or max(dates, default=None))
    figures = Figures(
        policy_version,
        shown,
        Group(),
        defaultdict(Group),  # a group is made the first time its key is met, not once a row
        defaultdict(Group) if with_posts else None,
        defaultdict(Group) if with_posts else None,
        top_rows(counted, top),
        followers([day for day in days if period.holds(day.day)]) if days is not None else None,
        [],
    )
    for row in counted:
        _add(figures, row)
    figures.by_channel = _ordered(figures.by_channel, CHANNELS)
    if figures.by_type is not None and figures.by_media is not None:
        figures.by_type = _ordered(figures.by_type, (*type_order, *sorted(figures.by_type), NOT_FROM_REPO))
        figures.by_media = _ordered(figures.by_media, (*MEDIA, NOT_FROM_REPO))
    return figures


def _add(figures: Figures, row: Row) -> None:
    values = row.message.values
    figures.totals.add(values)
    figures.by_channel[row.message.channel].add(values)
    if figures.by_type is not None and figures.by_media is not None:
        figures.by_type[row.post.type if row.post else NOT_FROM_REPO].add(values)
        figures.by_media[row.post.media if row.post else NOT_FROM_REPO].add(values)
    figures.rows_from_repo += row.post is not None


def _ordered(groups: dict[str, Group], order: Iterable[str]) -> dict[str, Group]:
    keys = [*dict.fromkeys(order)]
    return {key: groups[key] for key in keys if key in groups}


def top_rows(rows: list[Row], top: int) -> list[Row]:
    """The rows with the most engagements; ties: more impressions (not available last), earlier Date, earlier line."""

    def rank(row: Row) -> tuple[int, bool, int, float, int]:
        impressions = row.message.values[IMPRESSIONS]
        return (
            -(row.message.values[ENGAGEMENTS] or 0),
            impressions is None,
            -(impressions or 0),
            row.message.published.timestamp(),
            row.message.line,
        )

    ranked = [row for row in rows if row.message.values[ENGAGEMENTS] is not None]
    return sorted(ranked, key=rank)[:top]


def followers(days: list[Day]) -> list[dict[str, Any]]:
    """Per network and profile: followers at the start of its first day in the period, at the end of its last."""
    profiles: dict[tuple[str, str], list[Day]] = {}
    for day in days:
        profiles.setdefault((day.channel, day.profile), []).append(day)
    entries = []
    for (channel, profile), seen in sorted(profiles.items()):
        first = min(seen, key=lambda day: day.day)
        last = max(seen, key=lambda day: day.day)
        start, end = first.audience - first.growth, last.audience
        entries.append(
            {
                "network": channel,
                "profile": profile,
                "start": start,
                "end": end,
                "net_growth": end - start,
                "growth_rate": rate(end - start, start),
            }
        )
    return entries


# -- the contract's object -------------------------------------------------------------------


def report_dict(figures: Figures) -> dict[str, Any]:
    """The report in the contract's JSON shape: by_type and by_media only with --posts, followers with --profiles."""
    data: dict[str, Any] = {
        "policy_version": figures.policy_version,
        "period": {"from": _iso(figures.period.first), "to": _iso(figures.period.last)},
        "rows_counted": figures.totals.posts,
        "totals": figures.totals.as_dict(),
        "by_channel": {key: group.as_dict() for key, group in figures.by_channel.items()},
    }
    if figures.by_type is not None and figures.by_media is not None:
        data["by_type"] = {key: group.as_dict() for key, group in figures.by_type.items()}
        data["by_media"] = {key: group.as_dict() for key, group in figures.by_media.items()}
    data["top_posts"] = [_top_post(row) for row in figures.top_posts]
    if figures.followers is not None:
        data["followers"] = figures.followers
    data["problems"] = figures.problems
    return data


def _top_post(row: Row) -> dict[str, Any]:
    message = row.message
    impressions, engagements = message.values[IMPRESSIONS], message.values[ENGAGEMENTS]
    return {
        "line": message.line,
        "channel": message.channel,
        "published": message.published.astimezone(LONDON).strftime("%Y-%m-%dT%H:%M"),
        "engagements": engagements,
        "impressions": impressions,
        "engagement_rate": rate(engagements or 0, impressions) if impressions else None,
        "post": row.post.path if row.post else None,
        "type": row.post.type if row.post else None,
        "text": message.text,
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
