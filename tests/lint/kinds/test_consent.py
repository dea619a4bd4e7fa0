"""consent: each media item's consent against the register, one finding per item in the contract's order."""

from __future__ import annotations

from textwrap import dedent
from typing import Any

from kindcase import KindCase, run_kind

from checks.lint.kinds.consent import ORDER

POST = dedent("""\
    ---
    title: Yateley lake clean-up
    channels: [facebook, x]
    publish_at: {when}
    type: news
    media:
      - file: images/lake.jpg
        people: true
        consent: {ref}
    ---
    Thank you to the volunteers. ![Volunteers at the lake](images/lake.jpg)
    """)
CONSENT = (9, 5)  # the item's consent key
BASE = {"ref": "CR-1", "file": "images/lake.jpg", "channels": "facebook, x", "withdrawn": "", "problem": ""}


def post(ref: str = "CR-1", when: str = "2027-06-17T10:00:00+01:00") -> str:
    return POST.format(ref=ref, when=when)


def found(**values: str) -> tuple[int, int, dict[str, Any]]:
    return (*CONSENT, {**BASE, "published": "17 June 2027", **values})


def every_check(text: str, register: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """What each rule of the kind (one per check) reports for the post: only the ones that found something."""
    reported = {check: run_kind("consent", text, register=register, check=check) for check in ORDER}
    return {check: problems for check, problems in reported.items() if problems}


class TestConsent(KindCase):
    kind = "consent"

    def test_without_a_register_nothing_runs(self) -> None:
        self.check(post("CR-404"), check="unknown")

    def test_a_ref_not_in_the_register_is_unknown(self) -> None:
        register = [{"ref": "CR-10", "given": "2027-01-01"}]
        self.check(post("CR-1"), found(), register=register, check="unknown")

    def test_refs_are_trimmed_then_compared_exactly(self) -> None:
        register = [{"ref": " CR-1 ", "given": "2027-01-01"}]
        self.check(post('"  CR-1  "'), register=register, check="unknown")
        self.check(post("cr-1"), found(ref="cr-1"), register=register, check="unknown")

    def test_withdrawn_on_the_publish_date_is_an_error(self) -> None:
        register = [{"ref": "CR-1", "given": "2027-01-01", "withdrawn": "2027-06-17"}]
        self.check(post(), found(withdrawn="17 June 2027"), register=register, check="withdrawn")
        self.check(post(), register=register, check="withdrawn-after-publishing")

    def test_withdrawn_the_day_after_is_the_warning_naming_date_and_channels(self) -> None:
        register = [{"ref": "CR-1", "given": "2027-01-01", "withdrawn": "2027-06-18"}]
        self.check(post(), found(withdrawn="18 June 2027"), register=register, check="withdrawn-after-publishing")
        self.check(post(), register=register, check="withdrawn")

    def test_the_publish_date_is_the_london_date(self) -> None:
        # 23:30 GMT on 28 March 2027 is 00:30 BST on 29 March: withdrawn on 29 March is on the publish date.
        register = [{"ref": "CR-1", "given": "2027-03-01", "withdrawn": "2027-03-29"}]
        late = post(when="2027-03-28T23:30:00+00:00")
        expected = (*CONSENT, {**BASE, "published": "29 March 2027", "withdrawn": "29 March 2027"})
        self.check(late, expected, register=register, check="withdrawn")

    def test_expires_is_inclusive_and_given_may_be_the_publish_date(self) -> None:
        register = [{"ref": "CR-1", "given": "2027-06-17", "expires": "2027-06-17"}]
        assert every_check(post(), register) == {}

    def test_expired_and_not_yet_given(self) -> None:
        ran_out = [{"ref": "CR-1", "given": "2026-06-01", "expires": "2027-06-16"}]
        self.check(post(), found(problem="ran out on 16 June 2027"), register=ran_out, check="expired")
        early = [{"ref": "CR-1", "given": "2027-06-18"}]
        self.check(post(), found(problem="was not given until 18 June 2027"), register=early, check="expired")

    def test_scope_channels_and_children(self) -> None:
        facebook = [{"ref": "CR-1", "given": "2027-01-01", "channels": ["facebook", "instagram"]}]
        self.check(post(), found(problem="covers facebook, instagram, not x"), register=facebook, check="scope")
        longer = [{"ref": "CR-1", "given": "2027-01-01", "channels": ["x", "linkedin", "facebook"]}]
        self.check(post(), register=longer, check="scope")
        children = post().replace("people: true", "children: true")
        adults = [{"ref": "CR-1", "given": "2027-01-01", "channels": "all"}]
        problem = "is not a parent's or carer's consent for children, and the item shows children"
        self.check(children, found(problem=problem), register=adults, check="scope")
        self.check(children, register=[{**adults[0], "children": True}], check="scope")

    def test_a_channel_the_policy_does_not_list_is_left_to_channel_unknown(self) -> None:
        typo = post().replace("channels: [facebook, x]", "channels: [facebook, twiter]")
        facebook = [{"ref": "CR-1", "given": "2027-01-01", "channels": ["facebook"]}]
        self.check(typo, register=facebook, check="scope")
        gone = [{**facebook[0], "withdrawn": "2027-06-18"}]
        expected = found(withdrawn="18 June 2027", channels="facebook")
        self.check(typo, expected, register=gone, check="withdrawn-after-publishing")

    def test_an_item_gets_only_the_first_finding_in_the_contracts_order(self) -> None:
        everything = {"ref": "CR-1", "given": "2027-06-18", "expires": "2027-06-20", "channels": ["facebook"]}
        withdrawn = every_check(post(), [{**everything, "withdrawn": "2027-06-19"}])
        assert list(withdrawn) == ["withdrawn-after-publishing"]
        assert list(every_check(post(), [everything])) == ["expired"]
        assert list(every_check(post("CR-2"), [everything])) == ["unknown"]

    def test_any_named_consent_is_checked_and_an_empty_one_is_not(self) -> None:
        register = [{"ref": "CR-10", "given": "2027-01-01"}]
        no_people = post().replace("    people: true\n", "")
        self.check(no_people, (8, 5, found()[2]), register=register, check="unknown")
        self.check(post('""'), register=register, check="unknown")

    def test_an_inline_image_of_the_item_is_one_finding_and_one_without_an_item_none(self) -> None:
        register = [{"ref": "CR-10", "given": "2027-01-01"}]
        self.check(post(), found(), register=register, check="unknown")  # the body shows images/lake.jpg too
        only_inline = post().replace("images/lake.jpg)", "images/other.jpg)")
        self.check(only_inline, found(), register=register, check="unknown")

    def test_each_item_gets_its_own_finding(self) -> None:
        two = post().replace(
            "    consent: CR-1\n",
            "    consent: CR-1\n  - file: images/shore.jpg\n    people: true\n    consent: CR-2\n",
        )
        register = [{"ref": "CR-1", "given": "2027-07-01"}, {"ref": "CR-2", "given": "2027-08-01"}]
        self.check(
            two,
            found(problem="was not given until 1 July 2027"),
            (12, 5, found(ref="CR-2", file="images/shore.jpg", problem="was not given until 1 August 2027")[2]),
            register=register,
            check="expired",
        )
