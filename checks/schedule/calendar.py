"""The content calendar as iCalendar (RFC 5545), for staff to subscribe to in Outlook or Google Calendar.

Every post is an event, ready or not: a post that fails policy-check or has no
approver is TENTATIVE, with the reason in its description, so the calendar
shows the plan and what still blocks it. The description ends with the text
each channel publishes, as Sprout's CSV holds it. The settings' election periods and
incidents are events too (all-day when they are whole days). Each event's UID
comes from what it is (a post's path from the settings' folder, a period's
name and start), so a calendar app updates an event rather than adding a copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

import icalendar

from checks import __version__
from checks.policy.model import Policy
from checks.repo.settings import Period, Settings
from checks.schedule.selection import Checked
from checks.schedule.times import LONDON, london

POST_LENGTH = timedelta(minutes=15)  # a post is a moment; a short event keeps it visible in a day view
NAME = "Hart District Council social media"


def build(checked: Iterable[Checked], settings: Settings, policy: Policy, stamp: datetime) -> icalendar.Calendar:
    """The calendar. ``stamp`` is DTSTAMP on every event: the time of this export, which revises every event.

    RFC 5545 requires DTSTAMP; with no METHOD it is when the event was last
    revised in the store, and each export is a new revision of the whole store.
    Passing it in (``--now``) keeps the output the same for the same input.
    """
    host = urlsplit(policy.meta.site_url).hostname or "policy.hart.gov.uk"
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{policy.meta.organisation}//policy-schedule {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", NAME)
    calendar.add("x-wr-timezone", "Europe/London")
    for item in checked:
        if item.publish is not None:
            calendar.add_component(post_event(item, host, stamp))
    for category, periods in (("Election period", settings.election_periods), ("Incident", settings.incidents)):
        for period in periods:
            calendar.add_component(period_event(period, category, host, stamp))
    _add_timezone(calendar)
    return calendar


def _add_timezone(calendar: icalendar.Calendar) -> None:
    """VTIMEZONE for Europe/London, its changes listed only for the years the events span (short and exact)."""
    years = [event.start.year for event in calendar.walk("VEVENT")] or [2000]
    calendar.add_missing_timezones(first_date=date(min(years), 1, 1), last_date=date(max(years) + 1, 1, 1))


def uid(key: str, host: str) -> str:
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{host}"


def post_event(item: Checked, host: str, stamp: datetime) -> icalendar.Event:
    assert item.post is not None and item.publish is not None
    problems = item.problems()
    event = icalendar.Event()
    event.add("uid", uid(f"post:{item.relative}", host))
    event.add("dtstamp", stamp.astimezone(LONDON))
    event.add("dtstart", item.publish)
    event.add("dtend", item.publish + POST_LENGTH)
    event.add("summary", str(item.post.front.get("title") or item.display))
    event.add("description", _description(item, problems))
    event.add("status", "TENTATIVE" if problems else "CONFIRMED")
    event.add("categories", ["Social media post", *(["Not ready"] if problems else [])])
    event.add("transp", "TRANSPARENT")  # a post does not make anyone busy
    return event


def _description(item: Checked, problems: list[str]) -> str:
    assert item.post is not None
    lines = [
        f"Channels: {', '.join(item.channels) or '(none)'}",
        f"Type: {item.post.type or '(none)'}",
        f"Approved by: {item.approver or '(nobody yet)'}",
        f"Post: {item.relative}",
    ]
    if problems:
        lines.append(f"Not ready for Sprout: {'; '.join(problems)}")
    by_text: dict[str, list[str]] = {}  # channels that publish the same text share it
    for channel, text in item.post.published_texts.items():
        by_text.setdefault(text, []).append(channel)
    lines += [f"\nText for {', '.join(channels)}:\n{text}" for text, channels in by_text.items()]
    return "\n".join(lines)


def period_event(period: Period, category: str, host: str, stamp: datetime) -> icalendar.Event:
    """An election period or incident: all-day when it covers whole London days, else timed."""
    event = icalendar.Event()
    event.add("uid", uid(f"{category}:{period.name}:{period.start.isoformat()}", host))
    event.add("dtstamp", stamp.astimezone(LONDON))
    start, end = _span(period)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"{category}: {period.name}")
    event.add("categories", [category])
    event.add("transp", "TRANSPARENT")
    return event


def _span(period: Period) -> tuple[date, date] | tuple[datetime, datetime]:
    """Whole days as dates, the end exclusive (RFC 5545); other spans as London times."""
    start, end = london(period.start), london(period.end)
    last_moment = (end + timedelta(microseconds=1)).time() == time(0)
    if start.time() == time(0) and last_moment:
        return start.date(), (end + timedelta(microseconds=1)).date()
    return start, end
