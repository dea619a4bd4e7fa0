"""The staff index lists every staff page of the menu, from the one list both come from: the nav of mkdocs.yml."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from sitekit import PROJECT, page_file

from checks.site import navigation
from checks.site.markup import SiteError

INDEX = "staff/index.md"
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
LINK = re.compile(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)


def _nav() -> list[Any]:
    return yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]


def _staff_section(nav: list[Any]) -> list[Any]:
    (section,) = [value for entry in nav if isinstance(entry, dict) for value in entry.values() if INDEX in value]
    return section


def _plain(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", fragment).split())


def test_the_staff_index_lists_every_staff_page_the_menu_lists(built_site: Any) -> None:
    html = page_file(built_site.root, "staff/").read_text(encoding="utf-8")
    article = ARTICLE.search(html)
    assert article
    listed = article.group(1).split('id="every-page-for-staff"')[1]
    links = [(href, _plain(text)) for href, text in LINK.findall(listed)]
    # The nav's staff pages, in its order, with its titles, as directory URLs relative to staff/.
    pages = [entry for entry in _staff_section(_nav()) if isinstance(entry, dict)]
    expected = [
        (path.removeprefix("staff/").removesuffix(".md") + "/", title) for page in pages for title, path in page.items()
    ]
    assert len(expected) >= 7
    assert links == expected
    assert ("handling-messages/", "Handling messages from the public") in links
    # And the menu on the same page links the same pages.
    menu = html.split('class="md-sidebar md-sidebar--primary"')[1].split('class="md-sidebar md-sidebar--secondary"')[0]
    menu_links = {href for href, _ in LINK.findall(menu)}
    assert {href for href, _ in links} <= menu_links


def test_a_page_added_to_the_nav_is_listed_at_once() -> None:
    """Pages still to come (such as "Check a draft") need no change to the index: the nav is the one list."""
    nav = _nav()
    _staff_section(nav).extend(
        [{"Check a draft": "staff/check-a-draft.md"}, {"How our posts are doing": "staff/posts.md"}]
    )
    listed = navigation.section_pages(nav, INDEX)
    assert listed.strip().splitlines()[-2:] == [
        "- [Check a draft](check-a-draft.md)",
        "- [How our posts are doing](posts.md)",
    ]
    assert "- [Handling messages from the public](handling-messages.md)" in listed


def test_a_section_inside_a_section_is_listed_with_its_pages() -> None:
    nav = [{"Staff": [INDEX, {"Drafts": ["staff/drafts/index.md", {"Check a draft": "staff/drafts/check.md"}]}]}]
    assert navigation.section_pages(nav, INDEX).strip().splitlines() == [
        "- [Drafts](drafts/index.md)",
        "    - [Check a draft](drafts/check.md)",
    ]


@pytest.mark.parametrize(
    ("nav", "problem"),
    [
        ([{"Staff": [INDEX, "staff/untitled.md"]}], "the nav entry 'staff/untitled.md' has no title"),
        ([{"Staff": ["staff/other.md"]}], "'staff/index.md' is not in a section of the nav"),
        ([{"Staff": [INDEX]}], "has no other pages to list"),
    ],
    ids=["an-untitled-page", "not-in-the-nav", "an-empty-section"],
)
def test_a_nav_it_cannot_list_stops_the_build_with_what_is_wrong(nav: list[Any], problem: str) -> None:
    with pytest.raises(SiteError, match=re.escape(problem)):
        navigation.section_pages(nav, INDEX)
