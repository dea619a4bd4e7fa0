"""The exports' dates, read as the analytics contract has them: London times in the tool's own formats.

A post's ``Date`` is ``dd/mm/yyyy`` or ``mm/dd/yyyy`` (as ``date_format``
says) and a time on a 24-hour clock (``14:05``) or a 12-hour one
(``2:05 pm``), in Europe/London; or ISO 8601 with an offset, whatever
``date_format`` says. A London time that does not exist (the clocks went
forward) is refused; one that happens twice (the clocks went back) is read as
the first, in BST. A profile's ``Date`` is a day alone, in either order, or
``YYYY-MM-DD``. Every reason is a ``ValueError`` in words that quote nothing.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from checks.caches import lru_cached
from checks.policy.london import LONDON

LOCAL = re.compile(
    r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})[ \t]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:[ \t]*(?P<half>[AaPp][Mm]))?"
)
ISO = re.compile(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")
DAY = re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def not_a_moment(day_first: bool) -> str:
    order = "dd/mm/yyyy" if day_first else "mm/dd/yyyy"
    return f"is not a date and time ({order} with a time such as 14:05 or 2:05 pm, or ISO 8601 with an offset)"


def not_a_day(day_first: bool) -> str:
    order = "dd/mm/yyyy" if day_first else "mm/dd/yyyy"
    return f"is not a date ({order} or YYYY-MM-DD)"


CLOCKS_FORWARD = "is a London time that does not exist (the clocks went forward)"


@lru_cached(4096)  # the channels of one post share their minute: each Date is read once
def published(value: str, day_first: bool) -> datetime:
    """A post's ``Date`` as an aware Europe/London datetime; ValueError saying why it is not one."""
    if ISO.match(value):
        return _iso(value, day_first)
    found = LOCAL.fullmatch(value)
    if found is None:
        raise ValueError(not_a_moment(day_first))
    try:
        hour = _hour(int(found["hour"]), found["half"])
        day = _day(found, day_first)
        wall = datetime(day.year, day.month, day.day, hour, int(found["minute"]), int(found["second"] or 0))
    except ValueError:
        raise ValueError(not_a_moment(day_first)) from None
    return _london(wall)


def profile_day(value: str, day_first: bool) -> date:
    """A profile row's ``Date``: a day alone; ValueError saying why it is not one."""
    try:
        if ISO_DAY.fullmatch(value):
            return date.fromisoformat(value)
        found = DAY.fullmatch(value)
        if found is not None:
            return _day(found, day_first)
    except ValueError:
        pass
    raise ValueError(not_a_day(day_first))


def _iso(value: str, day_first: bool) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(not_a_moment(day_first)) from None
    if moment.tzinfo is None:
        raise ValueError(not_a_moment(day_first))
    return moment.astimezone(LONDON)


def _hour(hour: int, half: str | None) -> int:
    """The hour on a 24-hour clock: 12 am is 0, 12 pm is 12; a 12-hour clock has no hour 0 or 13."""
    if half is None:
        if hour > 23:
            raise ValueError("hour")
        return hour
    if not 1 <= hour <= 12:
        raise ValueError("hour")
    return hour % 12 + (12 if half.lower() == "pm" else 0)


def _day(found: re.Match[str], day_first: bool) -> date:
    first, second = int(found["a"]), int(found["b"])
    day, month = (first, second) if day_first else (second, first)
    return date(int(found["year"]), month, day)


def _london(wall: datetime) -> datetime:
    """A London wall-clock time as an aware datetime; the first of two (BST) when the clocks went back."""
    moment = wall.replace(tzinfo=LONDON, fold=0)
    there_and_back = moment.astimezone(UTC).astimezone(LONDON)
    if there_and_back.replace(tzinfo=None) != wall:
        raise ValueError(CLOCKS_FORWARD)
    return there_and_back
