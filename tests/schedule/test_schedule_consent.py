"""policy-schedule and the consent register: a post that fails any of the register's errors is refused and tentative."""

from __future__ import annotations

from typing import Any

import icalendar
import pytest
from schedule_helpers import Repo

REGISTER = """\
- {ref: CR-OK, given: 2027-01-01}
- {ref: CR-GONE, given: 2027-01-01, withdrawn: 2027-01-20}
- {ref: CR-OLD, given: 2026-01-01, expires: 2026-12-31}
- {ref: CR-FB, given: 2027-01-01, channels: [instagram]}
- {ref: CR-LATE, given: 2027-01-01, withdrawn: 2027-03-01}
"""
# publish_at of the clean post in schedule_helpers is 2027-02-01T09:30:00+00:00.
ERRORS = {
    "CR-NONE": "image-consent-unknown",
    "CR-GONE": "image-consent-withdrawn",
    "CR-OLD": "image-consent-expired",
    "CR-FB": "image-consent-scope",
}


def with_register(repo: Repo) -> None:
    (repo.root / "consent").mkdir()
    (repo.root / "consent" / "register.yaml").write_text(REGISTER, encoding="utf-8")
    repo.settings("approvers: [comms-team]\nconsent_register: consent/register.yaml\n")


def media(ref: str) -> list[dict[str, Any]]:
    return [
        {
            "file": "images/fleet-library.jpg",
            "alt": "Two readers choosing books at Fleet library",
            "people": True,
            "consent": ref,
            "credit": "Hart District Council",
        }
    ]


@pytest.mark.parametrize(("ref", "rule"), ERRORS.items())
def test_a_post_with_a_register_error_is_refused_with_the_rule_on_stderr(repo, schedule, ref: str, rule: str) -> None:
    with_register(repo)
    repo.post("library", media=media(ref))
    done = schedule("sprout", "--out", "out", ".")
    assert done.status == 1
    assert done.refused == [f"policy-schedule: posts/library.md: facebook: fails policy-check ({rule})"]
    assert done.out == "out/media-checklist.md: 0 messages\n"  # no Sprout file at all


def test_consent_that_covers_the_post_goes_and_the_warning_alone_refuses_nothing(repo, schedule) -> None:
    with_register(repo)
    repo.post("covered", media=media("CR-OK"))
    repo.post("withdrawn-later", media=media("CR-LATE"), publish_at="2027-02-02T09:30:00+00:00")
    done = schedule("sprout", "--out", "out", ".")
    assert (done.status, done.refused) == (0, [])
    assert "out/sprout-facebook.csv: 2 messages" in done.out


def test_the_calendar_marks_it_tentative_with_the_reason(repo, schedule) -> None:
    with_register(repo)
    repo.post("gone", media=media("CR-GONE"), title="Fleet library (consent withdrawn)")
    repo.post("fine", media=media("CR-OK"), title="Fleet library (consent given)", publish_at="2027-02-03T09:30:00Z")
    done = schedule("calendar", "--out", "c.ics", ".")
    assert done.status == 0, done.err
    calendar = icalendar.Calendar.from_ical((repo.root / "c.ics").read_bytes())
    found = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    gone, fine = found["Fleet library (consent withdrawn)"], found["Fleet library (consent given)"]
    assert gone["status"] == "TENTATIVE"
    assert "Not ready for Sprout: fails policy-check (image-consent-withdrawn)" in str(gone["description"])
    assert fine["status"] == "CONFIRMED"


def test_a_broken_register_stops_the_command_with_file_line_and_field(repo, schedule) -> None:
    with_register(repo)
    (repo.root / "consent" / "register.yaml").write_text("- {ref: CR-1, given: 2027-02-30}\n", encoding="utf-8")
    repo.post("library", media=media("CR-1"))
    done = schedule("sprout", "--out", "out", ".")
    register = repo.root / "consent" / "register.yaml"
    assert (done.status, done.out) == (2, "")
    assert (
        done.err == f"policy-schedule: {register}:1:22: field 'given': '2027-02-30' is not a real date at $[0].given\n"
    )
