"""political_reference: parties, people, councillors and campaign words; the docstring's examples run here."""

from __future__ import annotations

from kindcase import KindCase, docstring_example

SETTINGS = {
    "election_periods": [{"name": "Hart elections 2027", "start": "2027-03-29", "end": "2027-05-06"}],
    "people": ["Sam Patel", "@SamPatelYateley"],
}
INSIDE = "2027-04-12T09:00:00+01:00"
OUTSIDE = "2027-06-01T09:00:00+01:00"
POST = """
    ---
    title: Play area
    publish_at: {when}
    type: {type}
    ---
    {body}
    """
PRE_ELECTION = {"when": "inside", "match": ["parties", "people", "councillors", "electioneering"]}
PERIOD = "Hart elections 2027"


def post(body: str, when: str = INSIDE, type: str = "news") -> str:
    return POST.format(body=body, when=when, type=type)


class TestPoliticalReference(KindCase):
    kind = "political_reference"

    def test_docstring_passes_inside_a_period(self) -> None:
        self.check(post(docstring_example(self.kind, "Passes")), settings=SETTINGS, **PRE_ELECTION)

    def test_docstring_fails_inside_a_period(self) -> None:
        # Cllr Sam Patel is a councillor and a person of the register: one finding, at the first and longest.
        self.check(
            post(docstring_example(self.kind, "Fails")),
            (6, 1, {"period": PERIOD, "what": "the councillor 'Cllr Sam Patel'"}),
            settings=SETTINGS,
            **PRE_ELECTION,
        )

    def test_parties_match_with_their_capitals_and_only_parties_by_default(self) -> None:
        self.check(
            post("Labour and the labour market; Sam Patel says vote for me."),
            (6, 1, {"period": PERIOD, "what": "the political party 'Labour'"}),
            settings=SETTINGS,
        )

    def test_when_outside_checks_only_outside_a_period(self) -> None:
        body = "The Green Party visited."
        self.check(post(body), settings=SETTINGS, when="outside")
        self.check(
            post(body, when=OUTSIDE),
            (6, 5, {"period": "", "what": "the political party 'Green Party'"}),
            settings=SETTINGS,
            when="outside",
        )

    def test_electioneering_words_from_their_list(self) -> None:
        body = "Please re-elect us and read our manifesto."
        self.check(
            post(body),
            (6, 8, {"period": PERIOD, "what": "the electioneering words 're-elect'"}),
            (6, 33, {"period": PERIOD, "what": "the electioneering words 'manifesto'"}),
            settings=SETTINGS,
            match=["electioneering"],
        )
        self.check(
            post("Read more about it."),
            (6, 1, {"period": PERIOD, "what": "the electioneering words 'Read more'"}),
            settings=SETTINGS,
            match=["electioneering"],
            electioneering_list="generic-link-text",
        )

    def test_a_channel_url_names_the_account_of_its_handle(self) -> None:
        self.check(
            post("See https://x.com/SamPatelYateley for more."),
            (6, 5, {"period": PERIOD, "what": "the councillor or candidate 'https://x.com/SamPatelYateley'"}),
            settings=SETTINGS,
            match=["people"],
        )

    def test_exempt_types_are_never_checked(self) -> None:
        body = "Labour and the Conservatives stand."
        self.check(post(body, type="election-information"), settings=SETTINGS)
        self.check(post(body, type="emergency"), settings=SETTINGS)  # exempt_types: emergency, election-information
        self.check(
            post(body, type="emergency"),
            (6, 1, {"period": PERIOD, "what": "the political party 'Labour'"}),
            (6, 16, {"period": PERIOD, "what": "the political party 'Conservatives'"}),
            settings=SETTINGS,
            exempt_types_key="political_reference_exempt_types",
        )

    def test_also_check_credits_and_shared_from(self) -> None:
        # shared_from is a channel address without https://: it names the account of its handle.
        text = """
            ---
            publish_at: 2027-04-12T09:00:00+01:00
            shared_from: x.com/SamPatelYateley
            media:
              - file: fair.jpg
                credit: Labour Party
            ---
            Fair today.
            """
        self.check(text, settings=SETTINGS, match=["parties", "people"])
        self.check(
            text,
            (6, 13, {"period": PERIOD, "what": "the political party 'Labour Party'"}),
            settings=SETTINGS,
            match=["parties", "people"],
            also_check=["credits"],
        )
        self.check(
            text,
            (3, 14, {"period": PERIOD, "what": "the councillor or candidate 'x.com/SamPatelYateley'"}),
            settings=SETTINGS,
            match=["parties", "people"],
            also_check=["shared_from"],
        )
