"""Dates and times as the content contract defines them: ISO 8601 text read as Europe/London moments.

One parser serves every reader. A post's ``publish_at`` (``publish_time``): a
bare date means 09:00 London time that day, a date-time must carry an offset
(``Z`` is UTC). A settings period (``period_start``, ``period_end``): a bare date
is the whole day, from 00:00 to its last microsecond, and a date-time without an
offset is London time. Every result is an aware datetime in Europe/London.

Callers import this module where they first need it: zoneinfo then stays out of
start-up for commands that read no dates.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
PUBLISH_TIME = time(9, 0)  # the content contract: a bare publish_at date means 09:00 Europe/London
START_OF_DAY = time(0)

Naive = Literal["london", "refuse"]


def parse(value: str, *, bare_date_at: time | Literal["end of day"], naive: Naive) -> datetime:
    """``value`` as an aware Europe/London datetime, or ValueError saying why not.

    A bare date (``2027-06-01``) is that day at ``bare_date_at``, or at its last
    microsecond for "end of day". A date-time with an offset or ``Z`` is converted
    to London time; one without is taken as London time (``naive="london"``) or
    refused (``naive="refuse"``).
    """
    try:
        moment = _read(value, bare_date_at)
        if moment.tzinfo is not None:
            return moment.astimezone(LONDON)
    except ValueError:
        raise ValueError(f"'{value}' is not a valid date") from None
    except OverflowError:  # the end of 9999-12-31, or a moment London time would put outside years 1 to 9999
        raise ValueError(f"'{value}' is outside the dates that can be used") from None
    if naive == "refuse":
        raise ValueError(f"'{value}' has no offset from UTC (such as +01:00 or Z)")
    return moment.replace(tzinfo=LONDON)


def _read(value: str, bare_date_at: time | Literal["end of day"]) -> datetime:
    """The date or date-time as written; a bare date is already placed in London time."""
    if len(value) == 10:
        day = date.fromisoformat(value)
        if bare_date_at == "end of day":
            return datetime.combine(day + timedelta(days=1), START_OF_DAY, LONDON) - timedelta(microseconds=1)
        return datetime.combine(day, bare_date_at, LONDON)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def publish_time(value: str) -> datetime:
    """A post's ``publish_at``: a bare date is 09:00 London time; a date-time needs an offset."""
    return parse(value, bare_date_at=PUBLISH_TIME, naive="refuse")


def period_start(value: str) -> datetime:
    """When a settings period starts: a bare date from 00:00 London time; a naive date-time is London time."""
    return parse(value, bare_date_at=START_OF_DAY, naive="london")


def period_end(value: str) -> datetime:
    """A settings period's end (inclusive): a bare date's last microsecond; a naive date-time is London time."""
    return parse(value, bare_date_at="end of day", naive="london")


def long_date(day: date) -> str:
    """A date as people write it: ``18 June 2027``."""
    return f"{day.day} {day:%B %Y}"
