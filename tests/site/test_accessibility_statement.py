"""The accessibility statement holds every part the regulations and GOV.UK's sample statement ask for.

Regulation 7(4) of the Public Sector Bodies (Websites and Mobile Applications)
(No. 2) Accessibility Regulations 2018: which content is not accessible and why,
the accessible alternatives, a contact form to report a problem or ask for
content in another format, and a link to the enforcement procedure. GOV.UK's
sample statement adds the structure (its headings, in order), the compliance
status against WCAG 2.2 AA, how the website was tested, and the dates the
statement was prepared and last reviewed. Every check reads the built page.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from html import unescape
from typing import Any

import pytest
from sitekit import html_text, page_file

PAGE = "about/accessibility/"

# GOV.UK's sample statement: (heading level, heading), in its order.
HEADINGS = [
    (2, "How accessible this website is"),
    (2, "Feedback and contact information"),
    (2, "Reporting accessibility problems with this website"),
    (2, "Enforcement procedure"),
    (2, "Technical information about this website's accessibility"),
    (3, "Compliance status"),
    (2, "Non-accessible content"),
    (2, "How we tested this website"),
    (2, "What we're doing to improve accessibility"),
    (2, "Preparation of this accessibility statement"),
]
REGULATIONS = "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018"
COMPLIANCE = re.compile(
    r"This website is (fully|partially|not) compliant with the Web Content Accessibility Guidelines version 2\.2 AA "
    r"standard"
)
LONG_DATE = r"(\d{1,2} [A-Z][a-z]+ \d{4})"
DATES = re.compile(rf"This statement was prepared on {LONG_DATE}\. It was last reviewed on {LONG_DATE}\.")
CHECKED = re.compile(rf"We last checked this on {LONG_DATE}\.")
HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.S)
LINK = re.compile(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', re.S)


@pytest.fixture(scope="module")
def html(built_site: Any) -> str:
    """The statement itself: the page's article, without the menus, the table of contents or the footer."""
    page = page_file(built_site.root, PAGE).read_text(encoding="utf-8")
    article = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', page, re.S)
    assert article, "no article on the page"
    return article.group(1)


@pytest.fixture(scope="module")
def text(html: str) -> str:
    return html_text(html)


def _plain(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def _headings(html: str) -> list[tuple[int, str]]:
    return [(int(level), _plain(inner)) for level, inner in HEADING.findall(html)]


def _links(html: str) -> list[tuple[str, str]]:
    return [(unescape(href), _plain(inner)) for href, inner in LINK.findall(html)]


def section(text: str, heading: str) -> str:
    """The text under ``heading``, up to the next heading of the model (or the end of the page)."""
    lines = text.split("\n")
    start = lines.index(heading) + 1
    others = {name for _, name in HEADINGS} - {heading}
    end = next((i for i in range(start, len(lines)) if lines[i] in others), len(lines))
    return "\n".join(lines[start:end])


def test_the_statement_has_gov_uks_headings_in_order(html: str, policy: Any) -> None:
    headings = _headings(html)
    assert headings[0] == (1, f"Accessibility statement for {policy.meta.organisation}'s social media policy website")
    found = [heading for heading in headings if heading in HEADINGS]
    assert found == HEADINGS, f"missing or out of order: {[h for h in HEADINGS if h not in headings]}"


def test_it_says_which_site_it_covers_and_who_runs_it(text: str, policy: Any) -> None:
    assert f"This accessibility statement applies to {policy.meta.site_url}" in text
    assert f"This website is run by {policy.meta.organisation}." in text


def test_the_compliance_status_is_against_wcag_2_2_aa(html: str, text: str) -> None:
    status = section(text, "Compliance status")
    match = COMPLIANCE.search(status)
    assert match, f"no compliance status sentence in:\n{status}"
    assert ("https://www.w3.org/TR/WCAG22/", "Web Content Accessibility Guidelines version 2.2") in _links(html)
    listed = section(text, "Non-compliance with the accessibility regulations")
    if match.group(1) == "fully":
        # Nothing is left to list, and the statement says when that was last checked.
        checked = CHECKED.search(status)
        assert checked, f"a fully compliant statement says when it was last checked:\n{status}"
        assert datetime.strptime(checked.group(1), "%d %B %Y").date() <= date.today()
        assert "We know of no content on this website that fails" in listed, listed
        assert not re.search(r"fails WCAG 2\.2 success criterion", text), "fully compliant, yet a failure is listed"
    else:
        # Partially or not compliant: the non-compliance is listed, each with the criterion it fails.
        assert "due to the non-compliance listed below" in status or "listed below" in status
        assert re.search(r"fails WCAG 2\.2 success criterion \d\.\d\.\d+", listed), listed
        assert "Accessible alternatives:" in listed


def test_the_statement_says_fully_compliant_now_that_the_menu_has_real_buttons(text: str) -> None:
    """The one failure it listed (4.1.2: the phone menu's titles read as plain text) is fixed, and
    tests/site/test_site_menu.py keeps it fixed: nothing is left to list."""
    status = COMPLIANCE.search(section(text, "Compliance status"))
    assert status and status.group(1) == "fully"
    assert "not as buttons" not in text and "real buttons" not in text


def test_it_says_what_is_not_accessible_and_why(text: str) -> None:
    known = section(text, "How accessible this website is")
    assert "We know of these limits of this website. None of them fails the accessibility standard:" in known
    content = section(text, "Non-accessible content")
    assert "We know of no content on this website that is not accessible." in content
    for heading in (
        "Non-compliance with the accessibility regulations",
        "Disproportionate burden",
        "Content that's not within the scope of the accessibility regulations",
    ):
        assert f"\n{heading}\n" in text, heading


def test_it_gives_a_contact_route_for_problems_and_other_formats(html: str, text: str, policy: Any) -> None:
    contact = policy.meta.contact
    feedback = section(text, "Feedback and contact information")
    assert "in a different format" in feedback and contact in feedback
    reporting = section(text, "Reporting accessibility problems with this website")
    assert "If you find any problems not listed on this page" in reporting and contact in reporting
    assert (f"mailto:{contact}", contact) in _links(html)


def test_the_contact_form_is_listed_as_a_link_still_to_supply(html: str, text: str, built_site: Any) -> None:
    """Regulation 7(4)(c) asks for a link to a contact form; the council has not given its address yet."""
    feedback = section(text, "Feedback and contact information")
    assert "use our contact form" in feedback
    assert ("../#links-the-council-still-has-to-supply", "links the council still has to supply") in _links(html)
    assert not [link for link in _links(html) if link[1] == "contact form"], "no address is known: plain text"
    # On the About page it stands in the table of links to supply, like the policy's own, pointing back here.
    about = " ".join(html_text(page_file(built_site.root, "about/").read_text(encoding="utf-8")).split())
    row = "contact form Where the council's contact form for accessibility problems and requests is"
    assert f"{row} Accessibility statement" in about


def test_it_links_to_the_enforcement_procedure(html: str, text: str) -> None:
    enforcement = section(text, "Enforcement procedure")
    assert f"The Equality and Human Rights Commission (EHRC) is responsible for enforcing the {REGULATIONS}" in (
        enforcement
    )
    links = _links(html)
    assert ("https://www.equalityhumanrights.com/", "Equality and Human Rights Commission (EHRC)") in links
    assert ("https://www.equalityadvisoryservice.com/", "Equality Advisory and Support Service (EASS)") in links


def test_it_says_how_the_site_was_tested(text: str) -> None:
    tested = section(text, "How we tested this website")
    what_is_tested = ("axe-core", "WCAG 2.0, 2.1 and 2.2 A and AA", "keyboard", "light and the dark", "Lighthouse")
    for what in (*what_is_tested, "are read by a screen reader as buttons"):
        assert what in tested, what


def test_it_gives_the_dates_it_was_prepared_and_last_reviewed(text: str) -> None:
    preparation = section(text, "Preparation of this accessibility statement")
    match = DATES.search(preparation)
    assert match, preparation
    prepared, reviewed = (datetime.strptime(value, "%d %B %Y").date() for value in match.groups())
    assert prepared <= reviewed <= date.today(), (prepared, reviewed)
    assert "This website was last tested on" in preparation
