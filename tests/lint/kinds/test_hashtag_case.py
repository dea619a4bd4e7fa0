"""hashtag_case: hashtags of several words in one case, split by a word list."""

from __future__ import annotations

from kindcase import KindCase

POST = """
    ---
    title: Fair
    ---
    {body}
    """


class TestHashtagCase(KindCase):
    kind = "hashtag_case"

    def test_several_words_in_one_case(self) -> None:
        self.check(
            POST.format(body="See you at #fleetsummerfair and #HARTNEWS, not #FleetPond or #NHS."),
            (4, 12, {"hashtag": "#fleetsummerfair", "suggestion": "#FleetSummerFair"}),
            (4, 33, {"hashtag": "#HARTNEWS", "suggestion": "#HartNews"}),
        )

    def test_digits_stand_alone_and_are_not_words(self) -> None:
        self.check(
            POST.format(body="#fleet2027 and #hart2027news"),
            (4, 16, {"hashtag": "#hart2027news", "suggestion": "#Hart2027News"}),
        )

    def test_min_words(self) -> None:
        body = POST.format(body="#fleetsummerfair and #hartnews")
        self.check(body, (4, 1, {"hashtag": "#fleetsummerfair", "suggestion": "#FleetSummerFair"}), min_words=3)
        self.check(body, min_words=4)

    def test_the_word_and_acronym_lists_are_parameters(self) -> None:
        body = POST.format(body="#morehere #OFCOM #fleetsummerfair")
        more = (4, 1, {"hashtag": "#morehere", "suggestion": "#MoreHere"})
        fleet = (4, 18, {"hashtag": "#fleetsummerfair", "suggestion": "#FleetSummerFair"})
        self.check(body, more, fleet)  # OFCOM is a known acronym
        self.check(
            body, more, (4, 11, {"hashtag": "#OFCOM", "suggestion": "#OfCom"}), fleet, acronyms_list="generic-alt-text"
        )
        self.check(body, more, list="generic-link-text")  # which knows "more" and "here", not "fleet" or "of"

    def test_hashtags_inside_urls_pass(self) -> None:
        self.check(POST.format(body="https://www.hart.gov.uk/news#binsandrecycling"))
