"""share_source: a share names its source, and the source is a partner; the docstring's examples run here."""

from __future__ import annotations

from kindcase import KindCase

PARTNERS = {"partners": ["@HantsFRS"]}
NO_SOURCE = {"source": "", "problem": "does not say whose post it shares (shared_from)"}
POST = """
    ---
    title: Fire safety
    type: {type}
    {source}
    ---
    Body.
    """


def post(source: str = "", type: str = "share") -> str:
    return POST.format(type=type, source=source)


class TestShareSource(KindCase):
    kind = "share_source"

    def test_docstring_passes_a_partners_post_url(self) -> None:
        self.check(post("shared_from: https://x.com/hantsfrs/status/1"), settings=PARTNERS)

    def test_docstring_fails_no_shared_from(self) -> None:
        self.check(post(), (3, 1, NO_SOURCE), settings=PARTNERS)

    def test_docstring_fails_a_handle_that_is_not_a_partner(self) -> None:
        self.check(
            post('shared_from: "@SamPatelYateley"'),
            (4, 14, {"source": "@SamPatelYateley", "problem": "is from '@SamPatelYateley', which is not a partner"}),
            settings=PARTNERS,
        )

    def test_a_blank_shared_from_points_at_its_value(self) -> None:
        self.check(post('shared_from: " "'), (4, 14, NO_SOURCE), settings=PARTNERS)

    def test_types_names_the_post_types_that_are_shares(self) -> None:
        self.check(post(type="news"), settings=PARTNERS)
        self.check(post(type="repost"), settings=PARTNERS)
        self.check(post(type="repost"), (3, 1, NO_SOURCE), settings=PARTNERS, types=["share", "repost"])
