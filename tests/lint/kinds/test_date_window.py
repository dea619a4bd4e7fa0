"""date_window: posts of some types that go out inside a period; the docstring's examples run here."""

from __future__ import annotations

from kindcase import KindCase

ELECTION = {"election_periods": [{"name": "Hart elections 2027", "start": "2027-03-29", "end": "2027-05-06"}]}
INCIDENT = {"incidents": [{"name": "the flood", "start": "2027-04-06T08:00:00+01:00", "end": "2027-04-06T12:00"}]}
POST = """
    ---
    title: Fleet Pond walk
    publish_at: {when}
    type: {type}
    ---
    Body.
    """
NEW_INITIATIVES = {"periods": "election_periods", "types_key": "new_initiative_types"}


class TestDateWindow(KindCase):
    kind = "date_window"

    def test_docstring_passes_an_event_the_day_after_the_period(self) -> None:
        self.check(POST.format(when="2027-05-07T09:00:00+01:00", type="event"), settings=ELECTION, **NEW_INITIATIVES)

    def test_docstring_fails_a_consultation_published_on_the_periods_last_day(self) -> None:
        self.check(
            POST.format(when="2027-05-06T18:00:00+01:00", type="consultation"),
            (3, 13, {"period": "Hart elections 2027", "type": "consultation"}),
            settings=ELECTION,
            **NEW_INITIATIVES,
        )

    def test_dates_are_inclusive_in_london_time(self) -> None:
        # 23:30 GMT on 6 May is 00:30 on 7 May in London: after the period; 22:30 GMT is still inside.
        self.check(POST.format(when="2027-05-06T23:30:00+00:00", type="event"), settings=ELECTION, **NEW_INITIATIVES)
        self.check(
            POST.format(when="2027-05-06T22:30:00+00:00", type="event"),
            (3, 13, {"period": "Hart elections 2027", "type": "event"}),
            settings=ELECTION,
            **NEW_INITIATIVES,
        )

    def test_by_default_every_type_breaks_it(self) -> None:
        self.check(
            POST.format(when="2027-04-06T09:00:00+01:00", type="service-update"),
            (3, 13, {"period": "Hart elections 2027", "type": "service-update"}),
            settings=ELECTION,
        )

    def test_types_names_the_types_that_break_it(self) -> None:
        post = POST.format(when="2027-04-06T09:00:00+01:00", type="service-update")
        self.check(post, settings=ELECTION, types=["event"])
        self.check(
            post,
            (3, 13, {"period": "Hart elections 2027", "type": "service-update"}),
            settings=ELECTION,
            types=["event", "service-update"],
        )

    def test_except_types_never_break_it(self) -> None:
        post = POST.format(when="2027-04-06T10:00:00+01:00", type="emergency")
        self.check(post, settings=INCIDENT, periods="incidents", except_types=["emergency"])
        self.check(post, (3, 13, {"period": "the flood", "type": "emergency"}), settings=INCIDENT, periods="incidents")

    def test_outside_every_period_passes(self) -> None:
        self.check(POST.format(when="2027-04-06T13:00:00+01:00", type="news"), settings=INCIDENT, periods="incidents")
