"""policy-schedule calendar: the content calendar, parsed back with icalendar and checked event by event."""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from schedule_helpers import EXAMPLE

LONDON = ZoneInfo("Europe/London")
STAMP = datetime(2027, 1, 1, tzinfo=ZoneInfo("UTC"))


def read(path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def example(schedule, monkeypatch, tmp_path) -> icalendar.Calendar:
    monkeypatch.chdir(EXAMPLE)
    out = tmp_path / "calendar.ics"
    done = schedule("calendar", "--out", str(out), ".")
    assert done.status == 0, done.err
    assert done.out == f"{out}: 16 posts, 1 election period, 1 incident\n"
    return read(out)


def test_the_calendar_itself(example) -> None:
    assert example["version"] == "2.0"
    assert example["prodid"].startswith("-//Hart District Council//policy-schedule ")
    assert example["x-wr-calname"] == "Hart District Council social media"
    (zone,) = example.walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/London"
    assert len(example.walk("VEVENT")) == 18  # 16 posts, the election period, the incident


def test_a_ready_post_is_a_confirmed_event_in_london_time(example) -> None:
    event = events(example)["Garden waste permits on sale"]
    assert event.decoded("dtstart") == datetime(2027, 2, 1, 9, 30, tzinfo=LONDON)
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=15)
    assert event.decoded("dtstamp") == STAMP
    assert event["status"] == "CONFIRMED"
    assert event["transp"] == "TRANSPARENT"
    assert event["description"] == (
        "Channels: facebook, x, instagram\nType: service-update\nApproved by: comms-team\n"
        "Post: posts/2027-02-01-garden-waste-renewals.md\n\n"
        "Text for facebook, x, instagram:\nGarden waste permits for 2027 are on sale now. Renew yours by 28 February"
        " so your bin keeps being emptied. Buy online at https://www.hart.gov.uk/garden-waste or call us on"
        " 01252 622122. #GardenWaste"
    )
    assert event["uid"].endswith("@policy.hart.gov.uk")


def test_a_summer_post_keeps_its_london_hour(example) -> None:
    event = events(example)["Hook play area reopens (in the election period, and fine)"]
    assert event.decoded("dtstart") == datetime(2027, 4, 6, 10, 0, tzinfo=LONDON)
    assert event.decoded("dtstart").utcoffset() == timedelta(hours=1)


def test_a_failing_or_unapproved_post_is_tentative_and_says_why(example) -> None:
    found = events(example)
    unapproved = found["Summer reading challenge (no approval, and a lower case hashtag)"]
    assert unapproved["status"] == "TENTATIVE"
    assert "\nNot ready for Sprout: fails policy-check (approval-missing)\n" in unapproved["description"]
    assert "Approved by: (nobody yet)" in unapproved["description"]
    typo = found["Church Crookham fun run (a typo in the front matter)"]
    assert typo["status"] == "TENTATIVE"
    assert "Not ready" in [str(category) for category in typo["categories"].cats]


def test_every_post_is_an_event_and_only_posts_with_errors_are_tentative(example) -> None:
    import yaml

    expected = yaml.safe_load((EXAMPLE / "expected.yaml").read_text(encoding="utf-8"))
    posts = [event for event in example.walk("VEVENT") if "Post: " in str(event.get("description", ""))]
    by_path = {str(event["description"]).split("Post: ")[1].split("\n")[0]: event for event in posts}
    assert sorted(by_path) == sorted(expected)
    for path, errors in expected.items():
        assert by_path[path]["status"] == ("TENTATIVE" if errors else "CONFIRMED"), path


def test_the_election_period_is_all_day_with_an_exclusive_end(example) -> None:
    event = events(example)["Election period: Hart District Council elections 2027"]
    assert event.decoded("dtstart") == date(2027, 3, 22)
    assert event.decoded("dtend") == date(2027, 5, 7)
    assert event["dtstart"].params["VALUE"] == "DATE"
    assert [str(category) for category in event["categories"].cats] == ["Election period"]


def test_the_incident_is_timed(example) -> None:
    event = events(example)["Incident: Blackwater Valley flooding"]
    assert event.decoded("dtstart") == datetime(2027, 1, 14, 6, 0, tzinfo=LONDON)
    assert event.decoded("dtend") == datetime(2027, 1, 15, 20, 0, tzinfo=LONDON)
    assert [str(category) for category in event["categories"].cats] == ["Incident"]


def test_uids_are_stable_and_unique(example, schedule, monkeypatch, tmp_path) -> None:
    """The same post has the same UID whichever folder the command runs in, so calendar apps update it."""
    monkeypatch.chdir(EXAMPLE.parent)
    out = tmp_path / "again.ics"
    done = schedule("calendar", "--config", "content-repo/.policy-check.yaml", "--out", str(out), "content-repo")
    assert done.status == 0, done.err
    first = {str(event["uid"]) for event in example.walk("VEVENT")}
    assert len(first) == 18
    assert {str(event["uid"]) for event in read(out).walk("VEVENT")} == first


def test_the_same_input_gives_the_same_bytes(schedule, monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(EXAMPLE)
    schedule("calendar", "--out", str(tmp_path / "a.ics"), ".")
    schedule("calendar", "--out", str(tmp_path / "b.ics"), ".")
    assert (tmp_path / "a.ics").read_bytes() == (tmp_path / "b.ics").read_bytes()


def test_whole_day_incidents_and_timed_election_ends(repo, schedule) -> None:
    repo.settings(
        "election_periods:\n  - {name: By-election, start: 2027-06-01, end: 2027-06-03}\n"
        "incidents:\n  - {name: Storm, start: 2027-02-01, end: 2027-02-01}\n"
    )
    done = schedule("calendar", "--out", "c.ics", "posts")
    assert done.status == 0, done.err
    found = events(read(repo.root / "c.ics"))
    assert (found["Incident: Storm"].decoded("dtstart"), found["Incident: Storm"].decoded("dtend")) == (
        date(2027, 2, 1),
        date(2027, 2, 2),
    )
    election = found["Election period: By-election"]
    assert (election.decoded("dtstart"), election.decoded("dtend")) == (date(2027, 6, 1), date(2027, 6, 4))


def test_a_post_with_no_time_is_left_out_and_named(repo, schedule) -> None:
    repo.post("good")
    repo.post("no-time", publish_at="someday", title="No time")
    done = schedule("calendar", "--out", "c.ics", "posts")
    assert done.status == 1
    assert done.refused == [
        "policy-schedule: posts/no-time.md: not in the calendar: publish_at is not a date or date-time"
    ]
    assert list(events(read(repo.root / "c.ics"))) == ["Library opening hours"]


def test_without_icalendar_the_calendar_is_a_usage_error(repo, schedule, monkeypatch) -> None:
    import checks.schedule

    monkeypatch.delitem(sys.modules, "checks.schedule.calendar", raising=False)
    monkeypatch.delattr(checks.schedule, "calendar", raising=False)
    monkeypatch.setitem(sys.modules, "icalendar", None)  # import icalendar now raises ImportError
    done = schedule("calendar", "--out", "c.ics", "posts")
    assert done.status == 2
    assert done.err.startswith("policy-schedule: the calendar needs icalendar: install ")
    assert "hart-social-media-policy[schedule]" in done.err and done.err.count("\n") == 1
    assert not (repo.root / "c.ics").exists()
