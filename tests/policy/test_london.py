"""The content contract's dates and times, in one place: checks.policy.london.

Posts: a bare ``publish_at`` date is 09:00 Europe/London (GMT in winter, BST in
summer); a date-time needs an offset or ``Z`` and is converted to London time.
Settings periods: a bare date runs from 00:00 to the day's last microsecond in
London, whatever the clocks do that day; a date-time without an offset is London
time. An impossible date is refused with a message that names it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta

import pytest

from checks.policy import london
from checks.repo.post import publish_time_problem


def iso(moment: datetime) -> str:
    assert moment.tzinfo is london.LONDON
    return moment.isoformat()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2027-01-15", "2027-01-15T09:00:00+00:00"),  # GMT
        ("2027-06-15", "2027-06-15T09:00:00+01:00"),  # BST
        ("2027-03-28", "2027-03-28T09:00:00+01:00"),  # the clocks went forward at 01:00 GMT that morning
        ("2027-10-31", "2027-10-31T09:00:00+00:00"),  # and back at 02:00 BST
    ],
)
def test_a_bare_publish_date_is_nine_in_the_morning_in_london(value: str, expected: str) -> None:
    assert iso(london.publish_time(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2027-03-28T00:30:00+00:00", "2027-03-28T00:30:00+00:00"),  # 00:30 GMT, before the change
        ("2027-03-28T01:30:00+00:00", "2027-03-28T02:30:00+01:00"),  # after it: 02:30 BST
        ("2027-06-01T09:30:00+01:00", "2027-06-01T09:30:00+01:00"),
        ("2027-06-01T17:00:00-04:00", "2027-06-01T22:00:00+01:00"),
        ("2027-05-04T08:30:00Z", "2027-05-04T09:30:00+01:00"),  # Z is UTC
        ("2027-12-01T08:30:00Z", "2027-12-01T08:30:00+00:00"),
        ("2027-10-31T00:30:00Z", "2027-10-31T01:30:00+01:00"),  # the first 01:30 of the autumn change
        ("2027-10-31T01:30:00Z", "2027-10-31T01:30:00+00:00"),  # and the second
    ],
)
def test_a_date_time_with_an_offset_is_converted_to_london(value: str, expected: str) -> None:
    assert iso(london.publish_time(value)) == expected
    assert iso(london.period_start(value)) == iso(london.period_end(value)) == expected


def test_a_date_time_without_an_offset_is_refused_for_a_post() -> None:
    with pytest.raises(ValueError, match=r"'2027-06-01T09:30:00' has no offset from UTC"):
        london.publish_time("2027-06-01T09:30:00")
    assert publish_time_problem("2027-06-01T09:30:00") == (
        "Front matter key 'publish_at' is '2027-06-01T09:30:00', which is not a real date (2027-06-01)"
        " or a date-time with an offset (2027-06-01T09:30:00+01:00)"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2027-01-14T06:00:00", "2027-01-14T06:00:00+00:00"), ("2027-06-14T06:00:00", "2027-06-14T06:00:00+01:00")],
)
def test_a_date_time_without_an_offset_is_london_time_in_settings(value: str, expected: str) -> None:
    assert iso(london.period_start(value)) == iso(london.period_end(value)) == expected


@pytest.mark.parametrize(
    ("day", "start", "end", "hours"),
    [
        ("2027-01-15", "2027-01-15T00:00:00+00:00", "2027-01-15T23:59:59.999999+00:00", 24),
        ("2027-03-28", "2027-03-28T00:00:00+00:00", "2027-03-28T23:59:59.999999+01:00", 23),  # clocks forward
        ("2027-10-31", "2027-10-31T00:00:00+01:00", "2027-10-31T23:59:59.999999+00:00", 25),  # clocks back
    ],
)
def test_a_settings_period_takes_whole_london_days(day: str, start: str, end: str, hours: int) -> None:
    first, last = london.period_start(day), london.period_end(day)
    assert (iso(first), iso(last)) == (start, end)
    assert last.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=hours) - timedelta(microseconds=1)
    # The day's last moment is inside the period; the next day's first is not.
    next_day = london.period_start((first + timedelta(days=1)).date().isoformat())
    assert last < next_day and next_day.astimezone(UTC) - last.astimezone(UTC) == timedelta(microseconds=1)


@pytest.mark.parametrize(
    "value", ["2027-02-30", "2027-13-01", "2027-02-29", "27-01-01", "tomorrow", "2027-01-01T25:00"]
)
def test_an_impossible_date_is_refused_with_a_message_naming_it(value: str) -> None:
    for read in (london.publish_time, london.period_start, london.period_end):
        with pytest.raises(ValueError, match=f"^'{value}' is not a valid date$"):
            read(value)
    assert publish_time_problem(value) == (
        f"Front matter key 'publish_at' is '{value}', which is not a real date (2027-06-01)"
        " or a date-time with an offset (2027-06-01T09:30:00+01:00)"
    )


def test_publish_at_that_is_not_text_is_left_to_the_schema() -> None:
    assert publish_time_problem(None) is None
    assert publish_time_problem(20270601) is None


def test_one_parser_with_named_choices() -> None:
    assert time(9, 0) == london.PUBLISH_TIME
    assert iso(london.parse("2027-07-01", bare_date_at=time(12, 0), naive="refuse")) == "2027-07-01T12:00:00+01:00"
    assert iso(london.parse("2027-07-01T12:00", bare_date_at=time(0), naive="london")) == "2027-07-01T12:00:00+01:00"
    with pytest.raises(ValueError, match="no offset"):
        london.parse("2027-07-01T12:00", bare_date_at=time(0), naive="refuse")


@pytest.mark.parametrize(
    ("value", "parse"),
    [
        ("9999-12-31", london.period_end),
        ("9999-12-31T23:59:59-01:00", london.publish_time),
        ("0001-01-01T00:00:00+01:00", london.publish_time),
        ("0001-01-01T00:00:00+01:00", london.period_start),
    ],
)
def test_a_date_at_the_calendar_edge_is_refused_not_a_crash(value: str, parse: Callable[[str], datetime]) -> None:
    with pytest.raises(ValueError, match="outside the dates that can be used"):
        parse(value)
