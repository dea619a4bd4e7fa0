"""Working days and working hours, from GOV.UK's bank holidays as ``govuk-bank-holidays`` ships them (offline).

Working days are Monday to Friday less the bank holidays of England and Wales
(Hart is in England). For Freedom of Information deadlines a working day also
excludes the bank holidays of Scotland and Northern Ireland, as the Act counts
them. A date outside the data the package holds is an error naming the last
(or first) date it knows, never a silent "no holiday".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from checks.caches import cached
from checks.policy.london import LONDON

ENGLAND_AND_WALES = "england-and-wales"
ALL_DIVISIONS = ("england-and-wales", "scotland", "northern-ireland")
FOI_WORKING_DAYS = 20
INSTALL_HINT = "install hart-social-media-policy[inbox]"


class MissingHolidays(Exception):
    """govuk-bank-holidays is not installed."""

    def __str__(self) -> str:
        return f"policy-inbox needs the package govuk-bank-holidays: {INSTALL_HINT}"


class BeyondHolidayData(ValueError):
    """A date the bank holiday data does not cover."""


@dataclass(frozen=True)
class Holidays:
    """The bank holidays of some divisions and the span of dates the data covers."""

    dates: frozenset[date]
    first: date  # 1 January of the first year the data holds
    last: date  # the last date the data holds

    def is_working_day(self, day: date) -> bool:
        if day > self.last:
            raise BeyondHolidayData(
                f"the bank holiday data ends on {self.last.isoformat()}: working days after it are not known "
                "(a newer govuk-bank-holidays holds more)"
            )
        if day < self.first:
            raise BeyondHolidayData(f"the bank holiday data begins on {self.first.isoformat()}")
        return day.weekday() < 5 and day not in self.dates

    def next_working_day(self, day: date) -> date:
        """The first working day after ``day``."""
        day += timedelta(days=1)
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


@cached
def holidays(divisions: tuple[str, ...]) -> Holidays:
    """The union of the divisions' bank holidays, from the package's cached GOV.UK data (no network)."""
    try:
        from govuk_bank_holidays.bank_holidays import BankHolidays
    except ImportError:
        raise MissingHolidays from None
    data = BankHolidays(use_cached_holidays=True)
    per_division = [[event["date"] for event in data.get_holidays(division=d)] for d in divisions]
    every = [day for days in per_division for day in days]
    last = min(max(days) for days in per_division)  # past it, some division's holidays are unknown
    return Holidays(frozenset(every), date(min(every).year, 1, 1), last)


def working_days() -> Holidays:
    """Working days for working hours: England and Wales."""
    return holidays((ENGLAND_AND_WALES,))


def foi_working_days() -> Holidays:
    """Working days for Freedom of Information deadlines: every UK division's holidays excluded."""
    return holidays(ALL_DIVISIONS)


def london_date(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def foi_due(received: datetime) -> date:
    """The 20th working day after the day of receipt; a request received on a non-working day counts from the next."""
    calendar = foi_working_days()
    day = london_date(received)
    if not calendar.is_working_day(day):
        day = calendar.next_working_day(day)
    for _ in range(FOI_WORKING_DAYS):
        day = calendar.next_working_day(day)
    return day


def working_time_between(start: datetime, end: datetime, opens: time, closes: time) -> timedelta:
    """Elapsed time inside working hours (``opens`` included, ``closes`` not, London) between two moments.

    Elapsed, so a clock change neither adds nor removes an hour.
    """
    if end <= start:
        return timedelta(0)
    calendar = working_days()
    total = timedelta(0)
    for day in _days(london_date(start), london_date(end)):
        if not calendar.is_working_day(day):
            continue
        day_start = datetime.combine(day, opens, LONDON).astimezone(UTC)
        day_end = datetime.combine(day, closes, LONDON).astimezone(UTC)
        overlap = min(day_end, end.astimezone(UTC)) - max(day_start, start.astimezone(UTC))
        total += max(overlap, timedelta(0))
    return total


def in_working_hours(moment: datetime, opens: time, closes: time) -> bool:
    local = moment.astimezone(LONDON)
    return working_days().is_working_day(local.date()) and opens <= local.time() < closes


def _days(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)
