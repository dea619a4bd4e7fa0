"""The menu on a phone: what opens a section's panel, and each panel's title, are buttons.

The theme draws them as labels of hidden checkboxes, which a screen reader reads
as plain text (WCAG 4.1.2); docs/assets/site.js puts real buttons in their place.
Here they are read from Chromium's own accessibility tree, as a screen reader gets
it, and driven from the keyboard alone: Tab to reach them, Enter and Space to use them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from sitekit import PROJECT, VARIANTS, new_context

PHONE = next(variant for variant in VARIANTS if variant.name == "phone-light")
BACK = ": back to the menu above"
# The focused element's name as site.js gives it: its aria-label, else its words.
FOCUSED_NAME = """() => {
  const active = document.activeElement;
  return active.getAttribute("aria-label") || active.textContent.replace(/\\s+/g, " ").trim();
}"""


def _nav_sections() -> list[str]:
    """The titles of the sections at the top of the site's nav, as mkdocs.yml gives them."""
    nav = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    sections = [entry for entry in nav if isinstance(entry, dict)]
    return [title for entry in sections for title, value in entry.items() if isinstance(value, list)]


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    context = new_context(browser, PHONE)
    try:
        yield context.new_page()
    finally:
        context.close()


def menu_buttons(page: Any) -> dict[str, bool | None]:
    """The buttons in the menu, from Chromium's accessibility tree: each one's name, and whether it is
    expanded (None when it has no such state). Only what a screen reader can reach now is there."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument", {"depth": 0})
        menu = cdp.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": ".md-sidebar--primary"})
        found = cdp.send("Accessibility.queryAXTree", {"nodeId": menu["nodeId"], "role": "button"})
    finally:
        cdp.detach()
    buttons: dict[str, bool | None] = {}
    for node in found["nodes"]:
        if node.get("ignored"):
            continue
        states = {item["name"]: item["value"].get("value") for item in node.get("properties", [])}
        buttons[node["name"]["value"]] = states.get("expanded")
    return buttons


def open_menu_from_the_keyboard(page: Any, path: str, site_url: str) -> None:
    page.goto(site_url + path)
    page.locator("[data-drawer-button]").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")


def tab_to(page: Any, name: str) -> None:
    """Press Tab until the focus is on the element whose text is ``name`` (at most 40 times)."""
    for _ in range(40):
        if page.evaluate(FOCUSED_NAME) == name:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached '{name}' in the open menu")


def wait_for_focus_on(page: Any, name: str) -> None:
    page.wait_for_function(f"name => ({FOCUSED_NAME})() === name", arg=name)


def test_each_section_opens_from_a_button_and_its_title_is_a_button_back(phone: Any, site_url: str) -> None:
    sections = _nav_sections()
    assert len(sections) >= 4, sections
    open_menu_from_the_keyboard(phone, "", site_url)
    # The home page's own entry opens its contents; each section's arrow opens its pages.
    expected = {"Home: table of contents": False} | {f"Pages in {section}": False for section in sections}
    assert menu_buttons(phone) == expected
    for number, section in enumerate(sections):
        key = "Enter" if number % 2 == 0 else "Space"  # a button works with both
        opener = f"Pages in {section}"
        tab_to(phone, opener)
        phone.keyboard.press(key)
        # The panel opens over the menu, and the focus moves to its title, a button that goes back.
        wait_for_focus_on(phone, f"{section}{BACK}")
        assert phone.evaluate("() => document.activeElement.tagName") == "BUTTON"
        buttons = menu_buttons(phone)
        assert buttons.get(f"{section}{BACK}", "missing") is None, buttons
        assert opener not in buttons, f"{opener} is under the open panel, yet a screen reader still reaches it"
        phone.keyboard.press(key)
        # Back up: the panel closes, and the focus goes back to the button that opened it.
        wait_for_focus_on(phone, opener)
        assert menu_buttons(phone)[opener] is False


def test_a_nested_section_and_the_pages_contents_open_from_buttons(phone: Any, site_url: str) -> None:
    """A rule's page: the menu opens at its category's panel, where the page's own entry opens its contents."""
    open_menu_from_the_keyboard(phone, "rules/all-caps/", site_url)
    buttons = menu_buttons(phone)
    assert buttons == {f"Accessibility{BACK}": None, "all-caps: table of contents": False}, buttons
    tab_to(phone, "all-caps: table of contents")
    phone.keyboard.press("Enter")
    wait_for_focus_on(phone, f"Table of contents{BACK}")
    assert phone.locator(".md-sidebar--primary").get_by_role("link", name="What it flags").is_visible()
    phone.keyboard.press("Enter")
    wait_for_focus_on(phone, "all-caps: table of contents")
    assert menu_buttons(phone)["all-caps: table of contents"] is False
    # Back up to "Rules for posts", where each category is a button that says it is closed.
    phone.keyboard.press("Shift+Tab")
    wait_for_focus_on(phone, f"Accessibility{BACK}")
    phone.keyboard.press("Enter")
    wait_for_focus_on(phone, "Accessibility")
    buttons = menu_buttons(phone)
    assert buttons["Accessibility"] is False and buttons[f"Rules for posts{BACK}"] is None, buttons
    phone.keyboard.press("Space")
    wait_for_focus_on(phone, f"Accessibility{BACK}")
    assert phone.get_by_role("button", name="Accessibility", exact=True).count() == 0
