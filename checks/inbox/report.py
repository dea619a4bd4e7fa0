"""The service standards, measured: the figures of ``policy-inbox report`` from the triaged rows of an export.

The labels come from the triage, run once over the whole export (so a spam
group or a repeat breach at the edge of the period is judged with its
neighbours); the figures then count the triaged rows received in the period.
The triage keeps no times, so the report notes each message's times and
author as the export streams past on its way into the triage, joined back by
line. Durations are elapsed seconds, so a clock change neither adds nor
removes an hour; hours are rounded half up at the edge, never before.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from statistics import median
from typing import Any

from checks.inbox.export import Message, RowProblem, read_export
from checks.inbox.settings import InboxSettings, account_key
from checks.inbox.triage import Result, Triage, Triaged
from checks.inbox.workdays import in_working_hours, london_date, working_time_between
from checks.policy import london
from checks.policy.labels import Label
from checks.policy.model import Policy
from checks.repo.settings import Settings

NEEDS_REPLY = "needs-reply"
EMERGENCY = "emergency"
FOI_REQUEST = "foi-request"
FOI_POSSIBLE = "foi-possible"
NO_LABEL = "none"


@dataclass(frozen=True, slots=True)
class Timing:
    """What the report needs of a message that the triage does not keep."""

    received_at: datetime
    replied_at: datetime | None
    author: str  # as compared: no case, no leading @


@dataclass(frozen=True)
class Period:
    """The moments a report covers (both included); ``None`` ends are open."""

    start: datetime | None = None
    end: datetime | None = None

    def holds(self, moment: datetime) -> bool:
        return (self.start is None or moment >= self.start) and (self.end is None or moment <= self.end)


@dataclass
class Figures:
    """Everything a report shows. Per-row values carry the message id: ``public_dict`` leaves them out."""

    policy_version: str
    first: date | None
    last: date | None
    rows_triaged: int = 0
    rows_not_triaged: int = 0
    needs_reply: int = 0
    reply_seconds: list[tuple[str, float]] = field(default_factory=list)  # (id, working seconds), replied rows
    unanswered: list[str] = field(default_factory=list)
    target_hours: float | None = None
    emergencies: list[tuple[str, float | None]] = field(default_factory=list)  # (id, elapsed seconds or None)
    foi_requests: int = 0
    foi_valid: int = 0
    foi_possible: int = 0
    foi_due: dict[str, date] = field(default_factory=dict)
    moderation: dict[str, int] = field(default_factory=dict)
    repeat_breachers: set[str] = field(default_factory=set)  # authors
    labels: dict[str, int] = field(default_factory=dict)

    @property
    def within_target(self) -> int | None:
        if self.target_hours is None:
            return None
        return sum(seconds <= self.target_hours * 3600 for _, seconds in self.reply_seconds)


# -- reading and counting ------------------------------------------------------------


def report_export(
    path: Path,
    policy: Policy,
    labels: dict[str, Label],
    settings: Settings,
    inbox: InboxSettings,
    period: Period | None = None,
) -> tuple[Figures, Triaged]:
    """The figures of an export file for the period (default: every row), and the triage they come from."""
    return report(read_export(path, inbox), policy, labels, settings, inbox, period or Period())


def report(
    items: Iterable[Message | RowProblem],
    policy: Policy,
    labels: dict[str, Label],
    settings: Settings,
    inbox: InboxSettings,
    period: Period,
) -> tuple[Figures, Triaged]:
    times: dict[int, Timing] = {}
    council: list[datetime] = []
    run = Triage(policy, labels, settings, inbox)
    for item in _noted(items, inbox, times, council):
        run.add(item)
    triaged = run.finish()
    figures = count(triaged, times, labels, inbox, period)
    figures.rows_not_triaged = len(triaged.problems) + sum(period.holds(moment) for moment in council)
    return figures, triaged


def _noted(
    items: Iterable[Message | RowProblem], inbox: InboxSettings, times: dict[int, Timing], council: list[datetime]
) -> Iterator[Message | RowProblem]:
    """The items unchanged, noting each message's times and author (the council's own only by time)."""
    for item in items:
        if isinstance(item, Message):
            if inbox.is_council(item.author):
                council.append(item.received_at)
            else:
                times[item.line] = Timing(item.received_at, item.replied_at, account_key(item.author))
        yield item


def count(
    triaged: Triaged, times: dict[int, Timing], labels: dict[str, Label], inbox: InboxSettings, period: Period
) -> Figures:
    """The figures of the triaged rows received in the period."""
    rows = [(result, times[result.line]) for result in triaged.results if period.holds(times[result.line].received_at)]
    dates = [london_date(timing.received_at) for _, timing in rows]
    figures = Figures(
        triaged.policy_version,
        _day(period.start) or min(dates, default=None),
        _day(period.end) or max(dates, default=None),
        rows_triaged=len(rows),
        target_hours=inbox.reply_target_hours,
        labels=dict.fromkeys([*sorted(labels), NO_LABEL], 0),
        moderation={label_id: 0 for label_id in sorted(labels) if labels[label_id].house_rule_breach},
    )
    for result, timing in rows:
        _add(figures, result, timing, inbox)
    figures.reply_seconds.sort(key=lambda pair: (pair[1], pair[0]))
    return figures


def _day(moment: datetime | None) -> date | None:
    return london_date(moment) if moment is not None else None


def _add(figures: Figures, result: Result, timing: Timing, inbox: InboxSettings) -> None:
    for label_id in result.labels or (NO_LABEL,):
        figures.labels[label_id] = figures.labels.get(label_id, 0) + 1
        if label_id in figures.moderation:
            figures.moderation[label_id] += 1
    if result.repeat_breacher:
        figures.repeat_breachers.add(timing.author)
    if NEEDS_REPLY in result.labels:
        _add_reply(figures, result, timing, inbox)
    if EMERGENCY in result.labels and not in_working_hours(timing.received_at, inbox.opens, inbox.closes):
        elapsed = (timing.replied_at - timing.received_at).total_seconds() if timing.replied_at else None
        figures.emergencies.append((result.id, max(elapsed, 0.0) if elapsed is not None else None))
    if result.foi is not None:
        figures.foi_requests += 1
        figures.foi_valid += result.foi.valid
        if result.foi.due is not None:
            figures.foi_due[result.id] = result.foi.due
    figures.foi_possible += FOI_POSSIBLE in result.labels


def _add_reply(figures: Figures, result: Result, timing: Timing, inbox: InboxSettings) -> None:
    figures.needs_reply += 1
    if timing.replied_at is None:
        figures.unanswered.append(result.id)
        return
    spent = working_time_between(timing.received_at, timing.replied_at, inbox.opens, inbox.closes)
    figures.reply_seconds.append((result.id, spent.total_seconds()))


# -- statistics ---------------------------------------------------------------------------


def middle(values: list[float]) -> float | None:
    """The median (the mean of the two middle values of an even count); None for no values."""
    return median(values) if values else None


def nearest_rank(values: list[float], percent: int) -> float | None:
    """The smallest value with at least ``percent``% of the values at or below it; None for no values."""
    if not values:
        return None
    rank = -(-percent * len(values) // 100)  # ceil in integers: 0.9 * 10 is 9.000000000000002 in floats
    return sorted(values)[max(rank, 1) - 1]


def hours(seconds: float | None, places: int = 2) -> float | None:
    """Seconds as decimal hours, rounded half up (37.5 minutes is 0.63 hours, not 0.62)."""
    return None if seconds is None else rounded(seconds / 3600, places)


def rounded(value: float, places: int) -> float:
    return float(Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def share(part: int | None, whole: int) -> float | None:
    """A share to 4 places (0.625); None without a part or a whole to divide by."""
    return None if part is None or whole == 0 else rounded(part / whole, 4)


# -- the contract's object -------------------------------------------------------------------


def report_dict(figures: Figures, *, public: bool = False) -> dict[str, Any]:
    """The report in the contract's JSON shape; ``public`` leaves out the due dates of single requests."""
    replies = [seconds for _, seconds in figures.reply_seconds]
    emergency_replies = [seconds for _, seconds in figures.emergencies if seconds is not None]
    foi: dict[str, Any] = {
        "requests": figures.foi_requests,
        "valid": figures.foi_valid,
        "possible": figures.foi_possible,
    }
    if not public:
        foi["due"] = {request: due.isoformat() for request, due in figures.foi_due.items()}
    return {
        "policy_version": figures.policy_version,
        "period": {"from": _iso(figures.first), "to": _iso(figures.last)},
        "rows_triaged": figures.rows_triaged,
        "rows_not_triaged": figures.rows_not_triaged,
        "needs_reply": {
            "count": figures.needs_reply,
            "replied": len(replies),
            "unanswered": len(figures.unanswered),
            "first_reply_working_hours": {"median": hours(middle(replies)), "p90": hours(nearest_rank(replies, 90))},
            "reply_target_hours": figures.target_hours,
            "within_target": share(figures.within_target, figures.needs_reply),
        },
        "out_of_hours_emergencies": {
            "count": len(figures.emergencies),
            "replied": len(emergency_replies),
            "median_hours_to_first_reply": hours(middle(emergency_replies)),
        },
        "foi": foi,
        "moderation": {**figures.moderation, "repeat_breachers": len(figures.repeat_breachers)},
        "labels": dict(figures.labels),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


# -- for people -------------------------------------------------------------------------------

# Bands of first-reply time in working hours, each up to and including its limit.
REPLY_BANDS = ((1.0, "Up to 1 hour"), (2.0, "1 to 2 hours"), (4.0, "2 to 4 hours"), (8.0, "4 to 8 hours"))
LAST_BAND = "Over 8 hours"
NO_REPLY = "No reply"


def reply_bands(figures: Figures) -> list[tuple[str, int]]:
    """How many replies took how long (working hours), and how many have none: counts only."""
    counts = dict.fromkeys([*(name for _, name in REPLY_BANDS), LAST_BAND, NO_REPLY], 0)
    for _, seconds in figures.reply_seconds:
        band = next((name for limit, name in REPLY_BANDS if seconds <= limit * 3600), LAST_BAND)
        counts[band] += 1
    counts[NO_REPLY] = len(figures.unanswered)
    return list(counts.items())


def long_date(value: str) -> str:
    """An ISO date as GOV.UK writes it: 15 April 2027."""
    return london.long_date(date.fromisoformat(value))


def period_words(period: dict[str, str | None]) -> str:
    """``8 March 2027 to 9 April 2027``, from the report's ``period``."""
    if period["from"] is None or period["to"] is None:
        return "no messages"
    return f"{long_date(period['from'])} to {long_date(period['to'])}"
