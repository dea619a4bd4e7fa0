"""The text policy-schedule hands over is the post's Markdown as it reads: message_text, calendar and checklist agree.

A line break inside a paragraph is a soft break, published as a space, so a
post wrapped at 72 columns is not published with lines broken mid-sentence;
paragraph breaks, hard breaks and list items keep their line.
"""

from __future__ import annotations

import textwrap

import icalendar
from schedule_helpers import rows

LATER = "2027-02-02T09:30:00+00:00"

UNWRAPPED = (
    "Flood warning for Blackwater. The river is over its banks near the bridge and the road is closed. "
    "Sandbags are at the Hawley Lane depot until 8pm. If you are in danger, call 999. #BlackwaterFlood"
)
BODY = (
    textwrap.fill(UNWRAPPED, width=72) + "\n\n"
    "Bring to the depot:  \n"  # a hard break: two spaces
    "- proof of address\n"
    "- a car, as sandbags are\n"
    "  heavy\n"
    "1. Fill the bags\n"
    "2. Stack them by the door\\\n"  # a hard break: a backslash
    "and the airbricks\n"
)
PUBLISHED = (
    UNWRAPPED + "\n\n"
    "Bring to the depot:\n"
    "- proof of address\n"
    "- a car, as sandbags are heavy\n"
    "1. Fill the bags\n"
    "2. Stack them by the door\n"
    "and the airbricks"
)


def test_message_text_keeps_paragraphs_hard_breaks_and_list_items_but_no_wrapping(repo, schedule) -> None:
    assert "\n" in textwrap.fill(UNWRAPPED, width=72)
    repo.post("flood", body=BODY, channels=["facebook"])
    done = schedule("sprout", "--out", "out", "posts")
    assert done.status == 0, done.err
    assert rows(repo.root / "out" / "sprout-facebook.csv")[1][2] == PUBLISHED


def test_the_calendar_and_the_checklist_show_the_text_message_text_holds(repo, schedule) -> None:
    repo.post("flood", body=BODY, title="Flood", channels=["facebook", "linkedin"])
    own = {"x": "Flood warning,\nsee the web"}
    repo.post("own", body=BODY, title="Own x text", channels=["facebook", "x"], text=own, publish_at=LATER)
    assert schedule("sprout", "--out", "out", "posts").status == 0
    assert schedule("calendar", "--out", "c.ics", "posts").status == 0
    checklist = (repo.root / "out" / "media-checklist.md").read_text(encoding="utf-8")
    calendar = icalendar.Calendar.from_ical((repo.root / "c.ics").read_bytes())
    descriptions = {str(event["summary"]): str(event["description"]) for event in calendar.walk("VEVENT")}
    for channel in ("facebook", "linkedin", "x"):
        for message in rows(repo.root / "out" / f"sprout-{channel}.csv")[1:]:
            assert f"```text\n{message[2]}\n```\n" in checklist
    assert descriptions["Flood"].endswith(f"\n\nText for facebook, linkedin:\n{PUBLISHED}")
    assert descriptions["Own x text"].endswith(
        f"\n\nText for facebook:\n{PUBLISHED}\n\nText for x:\nFlood warning, see the web"
    )


def test_front_matter_of_the_wrong_shape_is_refused_and_shown_without_text(repo, schedule) -> None:
    repo.post("broken", channels=5, text="Flood warning")
    done = schedule("sprout", "--out", "out", "posts")
    assert (done.status, done.refused) == (
        1,
        ["policy-schedule: posts/broken.md: -: fails policy-check (front-matter-schema)"],
    )
    assert schedule("calendar", "--out", "c.ics", "posts").status == 0
    (event,) = icalendar.Calendar.from_ical((repo.root / "c.ics").read_bytes()).walk("VEVENT")
    assert "Channels: (none)\n" in str(event["description"]) and "Text for" not in str(event["description"])
