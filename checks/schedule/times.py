"""London time for policy-schedule: the one place this package names the time zone.

Posts and settings are already in Europe/London (``checks.lint``); this reads
the command's own ``--now``, ``--from`` and ``--to`` as settings periods are read
(``checks.policy.london``) and writes times for people.
"""

from __future__ import annotations

from datetime import datetime

from checks.policy.london import LONDON, period_end, period_start

DATE_FORMATS = {"dd/mm/yyyy": "%d/%m/%Y", "mm/dd/yyyy": "%m/%d/%Y"}


def parse_moment(text: str, *, end_of_day: bool = False) -> datetime:
    """A date or date-time as an aware London time; a naive time is London's, a date its day's start (or end)."""
    try:
        return period_end(text) if end_of_day else period_start(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date (2027-01-31) or a date-time (2027-01-31T09:00:00+00:00)") from None


def now() -> datetime:
    return datetime.now(LONDON)


def london(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)


def shown(moment: datetime) -> str:
    """A time as people read it in messages: 2027-01-14 09:00 (London)."""
    return london(moment).strftime("%Y-%m-%d %H:%M")
