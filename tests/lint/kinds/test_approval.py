"""approval: who approved the post, and whether the settings list them."""

from __future__ import annotations

from kindcase import KindCase

MISSING = {"problem": "does not say who approved it (approved_by is missing or empty)"}


class TestApproval(KindCase):
    kind = "approval"

    def test_no_approved_by_points_at_the_front_matters_start(self) -> None:
        self.check(
            """
            ---
            title: Bins
            ---
            Body.
            """,
            (1, 1, MISSING),
        )

    def test_blank_approved_by_points_at_its_key(self) -> None:
        self.check(
            """
            ---
            title: Bins
            approved_by: "  "
            ---
            """,
            (3, 1, MISSING),
        )

    def test_any_name_passes_when_the_settings_list_no_approvers(self) -> None:
        self.check(
            """
            ---
            approved_by: Jo Bloggs
            ---
            """
        )

    def test_a_name_the_approvers_list_lacks_points_at_the_value(self) -> None:
        approvers = {"approvers": ["comms-team"]}
        post = """
            ---
            title: Bins
            approved_by: {name}
            ---
            """
        self.check(post.format(name="Comms-Team"), settings=approvers)
        self.check(
            post.format(name="Jo Bloggs"),
            (3, 14, {"problem": 'is approved by "Jo Bloggs", who is not in the approvers list'}),
            settings=approvers,
        )
