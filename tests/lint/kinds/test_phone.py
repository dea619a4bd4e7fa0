"""phone: personal numbers, by prefix; published ones and numbers in URLs pass. The docstring's examples run here."""

from __future__ import annotations

from kindcase import KindCase, docstring_example

POST = """
    ---
    title: Contact
    ---
    {body}
    """


class TestPhone(KindCase):
    kind = "phone"

    def test_docstring_passes_organisational_and_short_numbers(self) -> None:
        self.check(POST.format(body=docstring_example(self.kind, "Passes")))

    def test_docstring_fails_a_mobile(self) -> None:
        self.check(
            POST.format(body=docstring_example(self.kind, "Fails")),
            (4, 12, {"number": "07700 900123", "kind": "mobile"}),
        )

    def test_allowed_phones_compare_by_digits(self) -> None:
        body = POST.format(body="Ring +44 (0)1252 622122 or (01252) 622122 or 01252 622123.")
        self.check(
            body,
            (4, 46, {"number": "01252 622123", "kind": "phone"}),
            settings={"allowed_phones": ["01252 622122"]},
        )

    def test_personal_prefixes(self) -> None:
        body = POST.format(body="Ring 01252 622122 or 07700 900123.")
        self.check(body, (4, 22, {"number": "07700 900123", "kind": "mobile"}), personal_prefixes=["07"])
        self.check(body, (4, 6, {"number": "01252 622122", "kind": "phone"}), personal_prefixes=["01"])

    def test_numbers_inside_urls_pass(self) -> None:
        self.check(POST.format(body="See https://www.hart.gov.uk/07700900123 for more."))
