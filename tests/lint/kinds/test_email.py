"""email: addresses whose domain the council does not publish."""

from __future__ import annotations

from kindcase import KindCase

POST = """
    ---
    title: Contact
    ---
    Write to jo.bloggs@gmail.com, waste@hart.gov.uk,
    parking@mail.hart.gov.uk or fire@hantsfire.gov.uk.
    """


class TestEmail(KindCase):
    kind = "email"

    def test_the_policys_domains_and_their_subdomains_pass(self) -> None:
        self.check(
            POST,
            (4, 10, {"address": "jo.bloggs@gmail.com"}),
            (5, 29, {"address": "fire@hantsfire.gov.uk"}),
        )

    def test_the_settings_add_domains(self) -> None:
        self.check(
            POST,
            (4, 10, {"address": "jo.bloggs@gmail.com"}),
            settings={"allowed_email_domains": ["@HantsFire.gov.uk"]},
        )
