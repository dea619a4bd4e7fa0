"""The built site in headless Chromium: accessibility, colour schemes, keyboard use, requests, screenshots.

Every page is loaded once per variant (1280x800 and 375x812, light and dark) by
the ``crawl`` fixture; the tests here assert on what it found.
"""

from __future__ import annotations

import contextlib
import struct
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sitekit import SCREENSHOTS, VARIANT_NAMES, VARIANTS, Crawl, new_context, run_axe

from checks.site import markup

# -- axe-core on every page --------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_axe_finds_no_wcag_violations_on_any_page(crawl: dict[str, Crawl], built_site: Any, variant: str) -> None:
    result = crawl[variant]
    assert list(result.violations) == built_site.pages, "every built page must be checked"
    found = {path or "/": violations for path, violations in result.violations.items() if violations}
    report = "\n".join(f"  {path}:\n    " + "\n    ".join(violations) for path, violations in found.items())
    assert not found, f"axe-core found WCAG 2.2 AA violations ({variant}) on {len(found)} page(s):\n{report}"


def _luminance(css_colour: str) -> float:
    """Relative luminance (WCAG) of an ``rgb(r, g, b)`` or ``rgba(...)`` colour."""
    values = css_colour[css_colour.index("(") + 1 : css_colour.index(")")].split(",")
    channels = [int(float(value)) / 255 for value in values[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_NAMES)
def test_the_theme_follows_the_devices_colour_scheme(crawl: dict[str, Crawl], variant: Any) -> None:
    """Material picks its palette from prefers-color-scheme: dark must really give the slate scheme."""
    expected = "slate" if variant.scheme == "dark" else "default"
    wrong = {path or "/": scheme for path, (scheme, _bg) in crawl[variant.name].schemes.items() if scheme != expected}
    assert not wrong, f"data-md-color-scheme is not '{expected}' in {variant.name}: {wrong}"
    for path, (_scheme, background) in crawl[variant.name].schemes.items():
        light = _luminance(background)
        assert (light < 0.1) if variant.scheme == "dark" else (light > 0.9), f"{path}: background {background}"


def test_pages_load_nothing_from_another_host(crawl: dict[str, Crawl], site_url: str) -> None:
    own_host = urlsplit(site_url).netloc
    for name, result in crawl.items():
        assert result.requests, f"{name}: no requests were recorded"
        other = sorted(
            {url for url in result.requests if urlsplit(url).scheme not in ("data", "blob")}
            - {url for url in result.requests if urlsplit(url).netloc == own_host}
        )
        assert not other, f"{name}: requests to other hosts: {other}"
        assert not result.failed, f"{name}: failed requests: {result.failed}"
        assert not result.errors, f"{name}: JavaScript errors: {result.errors}"


def test_the_luminance_check_tells_light_from_dark() -> None:
    assert _luminance("rgb(255, 255, 255)") > 0.9
    assert _luminance("rgba(30, 33, 41, 1)") < 0.1


# -- the keyboard ---------------------------------------------------------------------

# What the focused element looks like. The palette switch is a pair of hidden radio
# buttons; the visible label of its form shows the focus. An inline link that wraps
# is judged by its first line box.
FOCUSED = """() => {
  const active = document.activeElement;
  if (!active || active === document.body || active === document.documentElement) return null;
  const shown = active.matches("input.md-option") ? active.form.querySelector("label:not([hidden])") : active;
  const box = shown.getClientRects()[0] || shown.getBoundingClientRect();
  const style = getComputedStyle(shown);
  let opacity = 1;
  for (let node = shown; node && node.nodeType === 1; node = node.parentElement) {
    opacity *= parseFloat(getComputedStyle(node).opacity);
  }
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return {
    name: (active.tagName + "." + [...active.classList].join(".") + " '" + (active.textContent ||
           active.getAttribute("aria-label") || "").trim().replace(/\\s+/g, " ").slice(0, 40) + "'"),
    key: active.outerHTML.slice(0, 200),
    inView: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 &&
            box.top < innerHeight && box.left < innerWidth,
    onTop: !!hit && (shown.contains(hit) || hit.contains(shown)),
    visible: style.visibility === "visible" && opacity > 0.99,
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none",
    inContent: !!active.closest(".md-content"),
    id: active.id,
    top: box.top,
  };
}"""
# Transitions (the skip link fading in, the search overlay fading out) settle before we judge.
SETTLED = f"""() => {{
  const state = ({FOCUSED})();
  return state === null || (state.inView && state.onTop && state.visible);
}}"""
HEADER_BOTTOM = "() => document.querySelector('.md-header').getBoundingClientRect().bottom"


def _tab(page: Any) -> dict[str, Any] | None:
    """Press Tab, let transitions finish, and describe what has the focus."""
    page.keyboard.press("Tab")
    # Still not settled after 1.5 s: what is wrong is reported from the state below.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(SETTLED, timeout=1500)
    return page.evaluate(FOCUSED)


def _focus_problems(state: dict[str, Any]) -> list[str]:
    checks = {"is off screen": state["inView"], "is covered": state["onTop"], "cannot be seen": state["visible"]}
    problems = [f"{state['name']} {what}" for what, ok in checks.items() if not ok]
    if not state["ring"]:
        problems.append(f"{state['name']} shows no focus indicator")
    return problems


SKIP_LINK_PAGES = ["", "residents/house-rules/", "rules/alt-text-missing/", "policy/", "about/accessibility/"]


@pytest.mark.parametrize("variant", ["desktop-light", "phone-dark"])
def test_the_skip_link_comes_first_shows_and_moves_focus_to_the_content(
    variant_pages: dict[str, Any], site_url: str, variant: str
) -> None:
    page = variant_pages[variant]
    for path in SKIP_LINK_PAGES:
        page.goto(site_url + path)
        state = _tab(page)
        assert state is not None and "md-skip" in state["name"], f"{path}: first Tab reached {state}"
        assert "Skip to content" in state["name"]
        assert not _focus_problems(state), f"{path}: {_focus_problems(state)}"
        target = page.evaluate("() => decodeURIComponent(document.activeElement.hash.slice(1))")
        page.keyboard.press("Enter")
        page.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=target)
        heading = page.evaluate(FOCUSED)
        assert heading["inContent"], f"{path}: focus went to {heading['name']}, not the content"
        assert page.evaluate(HEADER_BOTTOM) - 1 <= heading["top"] < page.viewport_size["height"], (
            f"{path}: the heading is not in view below the header after the skip link"
        )
        assert urlsplit(page.url).fragment == target
        after = _tab(page)
        assert after is not None and after["inContent"], f"{path}: Tab after the skip link went to {after}"


FOCUS_PAGES = ["", "residents/house-rules/"]


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_everything_the_keyboard_reaches_is_visible_and_shows_focus(
    variant_pages: dict[str, Any], site_url: str, variant: str
) -> None:
    page = variant_pages[variant]
    for path in FOCUS_PAGES:
        page.goto(site_url + path)
        seen: list[str] = []
        problems: list[str] = []
        for _ in range(300):
            state = _tab(page)
            if state is None or (seen and state["key"] == seen[0]):
                break
            seen.append(state["key"])
            problems += _focus_problems(state)
        assert len(seen) > 5, f"{path}: Tab reached only {len(seen)} elements"
        assert not problems, f"{path} ({variant}):\n  " + "\n  ".join(problems)


def test_the_menu_button_opens_the_navigation_from_the_keyboard(variant_pages: dict[str, Any], site_url: str) -> None:
    page = variant_pages["phone-light"]
    page.goto(site_url + "residents/house-rules/")
    _tab(page)  # the skip link
    button = _tab(page)
    # site.js puts a real button in place of Material's label (a label may carry no role or aria-expanded).
    assert button is not None and button["name"].startswith("BUTTON.md-header__button"), button
    assert page.get_attribute(".md-header [data-drawer-button]", "aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    assert page.is_checked("#__drawer")
    assert page.get_attribute(".md-header [data-drawer-button]", "aria-expanded") == "true"
    page.wait_for_function(SETTLED)
    assert not _focus_problems(page.evaluate(FOCUSED))
    for _ in range(5):
        state = _tab(page)
        assert state is not None and not _focus_problems(state), state
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert page.evaluate("() => document.activeElement.hasAttribute('data-drawer-button')")
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility === 'hidden'"
    )


# -- the review state, on the reader's day ---------------------------------------------------


def _banner(page: Any) -> tuple[str, str]:
    state = page.get_attribute(".review-state", "data-state")
    shown = page.locator(".review-state p:visible").all_inner_texts()
    return state, " ".join(shown)


@pytest.mark.parametrize("overdue", [False, True], ids=["on-the-due-date", "the-day-after"])
def test_the_banner_says_on_the_readers_day_whether_the_review_is_overdue(
    browser: Any, site_url: str, overdue_url: str, policy: Any, overdue: bool
) -> None:
    """The client-side check: whichever day the copy was built, the reader's clock decides."""
    due = date.fromisoformat(policy.meta.review_due)
    now = datetime(due.year, due.month, due.day, 23, 0) + (timedelta(hours=10) if overdue else timedelta())
    # The overdue banner has colours of its own: check them in both schemes.
    variants = (VARIANTS[0], VARIANTS[3]) if overdue else (VARIANTS[0],)
    for url in (site_url, overdue_url):
        for variant in variants:
            context = new_context(browser, variant)
            try:
                page = context.new_page()
                page.clock.set_fixed_time(now)
                page.goto(url + "residents/house-rules/")
                state, text = _banner(page)
                if overdue:
                    assert state == "overdue", url
                    assert "This policy is overdue for review." in text
                    assert f"due to be reviewed by {markup.long_date(due)}" in text
                else:
                    assert state == "current", url
                    assert text == (
                        f"This is version {policy.meta.version} of the policy. "
                        f"Its next review is due by {markup.long_date(due)}."
                    )
                assert run_axe(page) == [], f"{variant.name}: the banner fails WCAG"
            finally:
                context.close()


# -- screenshots for people to look at -------------------------------------------------------

SCREENSHOT_PAGES = {"home": "", "house-rules": "residents/house-rules/"}


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_NAMES)
def test_screenshots_of_the_home_page_and_the_house_rules(
    variant_pages: dict[str, Any], site_url: str, variant: Any
) -> None:
    """The whole page, in a window as tall as the page: a full-page capture leaves the sticky menus half painted."""
    page = variant_pages[variant.name]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for name, path in SCREENSHOT_PAGES.items():
            page.set_viewport_size({"width": variant.width, "height": variant.height})
            page.goto(site_url + path)
            tall = page.evaluate("() => document.documentElement.scrollHeight")
            page.set_viewport_size({"width": variant.width, "height": tall})
            page.wait_for_function("h => document.documentElement.scrollHeight <= h", arg=tall)
            target = SCREENSHOTS / f"{name}-{variant.name}.png"
            page.screenshot(path=str(target))
            width, height = _png_size(target.read_bytes())
            assert (width, height) == (variant.width, tall), target
            assert tall > variant.height, f"{target}: the page is shorter than the window"
    finally:
        page.set_viewport_size({"width": variant.width, "height": variant.height})
