"""Working days and hours from govuk-bank-holidays' cached data; FOI due dates; the end of the data."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from checks.inbox import workdays
from checks.inbox.workdays import BeyondHolidayData, foi_due, working_time_between

NINE, FIVE = time(9), time(17)


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_england_works_on_st_patricks_day_but_foi_counting_does_not() -> None:
    st_patrick = date(2027, 3, 17)
    assert workdays.working_days().is_working_day(st_patrick)
    assert not workdays.foi_working_days().is_working_day(st_patrick)


def test_good_friday_and_easter_monday_are_not_working_days() -> None:
    calendar = workdays.working_days()
    assert not calendar.is_working_day(date(2027, 3, 26))
    assert not calendar.is_working_day(date(2027, 3, 29))
    assert calendar.next_working_day(date(2027, 3, 25)) == date(2027, 3, 30)


def test_scottish_holidays_count_for_foi_only() -> None:
    second_of_january = date(2027, 1, 4)  # 2 January 2027 is a Saturday: Scotland's substitute day is Monday 4th
    assert workdays.working_days().is_working_day(second_of_january)
    assert not workdays.foi_working_days().is_working_day(second_of_january)


def test_a_request_on_a_saturday_counts_from_the_next_working_day() -> None:
    assert foi_due(moment("2027-03-13T11:20:00+00:00")) == date(2027, 4, 15)


def test_a_request_late_on_a_working_day_counts_from_the_next() -> None:
    assert foi_due(moment("2027-03-16T23:30:00+00:00")) == date(2027, 4, 16)


def test_the_london_date_decides_the_day_of_receipt() -> None:
    # 23:30 UTC on 5 April is 00:30 on Tuesday 6 April in London (BST).
    assert foi_due(moment("2027-04-05T23:30:00+00:00")) == foi_due(moment("2027-04-06T10:00:00+01:00"))


def test_working_hours_across_good_friday_easter_monday_and_the_clock_change() -> None:
    took = working_time_between(moment("2027-03-25T14:00:00+00:00"), moment("2027-03-30T11:00:00+01:00"), NINE, FIVE)
    assert took == timedelta(hours=5)


def test_working_hours_are_elapsed_time_on_the_day_the_clocks_go_back() -> None:
    # Sunday 31 October 2027: the clocks go back. A working day around it has eight hours, elapsed.
    took = working_time_between(moment("2027-10-29T09:00:00+01:00"), moment("2027-11-01T17:00:00+00:00"), NINE, FIVE)
    assert took == timedelta(hours=16)


def test_a_reply_before_the_message_takes_no_time() -> None:
    assert working_time_between(
        moment("2027-03-10T12:00:00+00:00"), moment("2027-03-10T11:00:00+00:00"), NINE, FIVE
    ) == (timedelta(0))


def test_a_date_past_the_data_is_an_error_naming_its_last_date() -> None:
    last = workdays.foi_working_days().last
    with pytest.raises(BeyondHolidayData, match=f"ends on {last.isoformat()}"):
        foi_due(datetime.combine(last - timedelta(days=3), time(10), workdays.LONDON))


def test_the_data_ends_where_the_package_says() -> None:
    assert workdays.working_days().last == date(2028, 12, 26)


def test_a_date_before_the_data_is_an_error_too() -> None:
    with pytest.raises(BeyondHolidayData, match="begins on"):
        workdays.working_days().is_working_day(date(1999, 12, 31))
