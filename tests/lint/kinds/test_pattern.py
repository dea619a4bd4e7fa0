"""pattern: regular expressions, the rule's own or a list's, with exceptions and URLs."""

from __future__ import annotations

from kindcase import KindCase

POST = """
    ---
    title: Notes
    ---
    {body}
    """


class TestPattern(KindCase):
    kind = "pattern"

    def test_a_plain_string_pattern_and_matches_in_urls_pass_by_default(self) -> None:
        self.check(
            POST.format(body="A secret: see https://www.hart.gov.uk/secret"),
            (4, 3, {"match": "secret"}),
            patterns=["secret"],
        )

    def test_skip_urls_false_finds_matches_in_urls_too(self) -> None:
        self.check(
            POST.format(body="A secret: see https://www.hart.gov.uk/secret"),
            (4, 3, {"match": "secret"}),
            (4, 39, {"match": "secret"}),
            patterns=["secret"],
            skip_urls=False,
        )

    def test_ignore_case_is_per_pattern(self) -> None:
        body = POST.format(body="SECRET and Draft")
        self.check(
            body,
            (4, 1, {"match": "SECRET"}),
            patterns=[{"pattern": "secret", "ignore_case": True}, {"pattern": "draft", "label": "a draft"}],
        )

    def test_a_lists_entries_are_patterns_too(self) -> None:
        self.check(
            POST.format(body="Internal use only: the draft is embargoed until Monday."),
            (4, 24, {"match": "draft"}),  # the rule's own patterns first, then the list's, each in text order
            (4, 1, {"match": "Internal use only"}),
            (4, 33, {"match": "embargoed until"}),
            patterns=["draft"],
            list="protective-markings",
        )

    def test_matches_equal_to_an_exception_pass(self) -> None:
        self.check(
            POST.format(body="The NHS and DVLA, and the HRTX."),
            (4, 27, {"match": "HRTX"}),
            patterns=[r"\b[A-Z]{3,}\b"],
            exceptions_list="acronyms",
        )
