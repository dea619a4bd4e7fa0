"""The staff page "Check a draft": policy-check in the browser gives the command line's answers, and tells nobody.

Every post of the example content repo and of the acceptance corpora that a
person could paste (UTF-8 text with no NUL byte) is pasted into the page with
its corpus's settings (and consent register) loaded from files, and the page's
findings (rule, severity, line, column, message, waived) are those of
``policy-check --format json`` on the same file; ``window.hartPolicy.check``
gives the very object. The form builds a post file that policy-check accepts,
with the keyboard alone; axe finds nothing before or after a check, in every
variant; and no request goes to another host or carries a word of the draft.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sitekit import PROJECT, VARIANT_NAMES, VARIANTS, new_context, page_file, pasteable, run_axe

PAGE = "staff/check-a-draft/"
EXAMPLE = PROJECT / "examples" / "content-repo"
SHARED = PROJECT.parent / "shared"
POLICY_CHECK = Path(sys.executable).parent / "policy-check"
CHECK = "([text, options]) => window.hartPolicy.check(text, options)"
CHECKED = "(n) => Number(document.getElementById('draft-summary').dataset.checks || 0) >= n"
FINDINGS = """() => [...document.querySelectorAll('#draft-summary .draft-finding')].map(item => ({
  rule: item.dataset.rule, severity: item.dataset.severity, line: Number(item.dataset.line),
  column: Number(item.dataset.column), waived: item.dataset.waived === 'true',
  message: item.querySelector(':scope > a').textContent}))"""
# Front matter that is not YAML, each a different error of the parser: the browser's pure PyYAML
# must word each as the command line does.
BROKEN_YAML = [
    "title: Bins: collected\n",
    'title: "Bins\n',
    "title: Bins\n  channels: [x]\n",
    "title: Bins\n\tchannels: [x]\n",
    "channels: [x\n",
    "- a\nb: c\n",
    "title: {a: b\n",
    "title: Bins\ntitle: Bins again\n",
    "title: !!python/object:os.system rm\n",
    "&a title: *a\n",
    "? [a, b]\n: c\n",
]


# -- the command line's answers -------------------------------------------------------------------


def policy_check(folder: Path, settings: Path | None) -> dict[str, list[dict[str, Any]]]:
    """``policy-check --format json`` on every post of ``folder``: its findings by path."""
    arguments = [str(POLICY_CHECK), "--format", "json", *(["--config", str(settings)] if settings else []), "."]
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(arguments, cwd=folder, capture_output=True, text=True, env=env, check=False, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    found: dict[str, list[dict[str, Any]]] = {}
    for finding in json.loads(done.stdout)["findings"]:
        found.setdefault(finding["path"], []).append(finding)
    return found


def seen(finding: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(finding[key] for key in ("line", "column", "rule", "severity", "message", "waived"))


# -- the page in the browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def context(browser: Any) -> Iterator[Any]:
    """A browser context of this module's own, in British English (the form's date and time fields)."""
    made = new_context(browser, VARIANTS[0], locale="en-GB")
    yield made
    made.close()


def open_page(context: Any, site_url: str) -> tuple[Any, list[Any]]:
    """The page, freshly loaded, and every request it and its worker make from now on."""
    page = context.new_page()
    page.set_default_timeout(60_000)
    requests: list[Any] = []
    page.on("request", lambda request: requests.append(request))
    page.goto(site_url + PAGE)
    return page, requests


def submit_paste(page: Any, text: str, timeout: float | None = None) -> None:
    """Paste a post file into the page, press its button, and wait until the page has shown the result."""
    done = page.evaluate("() => Number(document.getElementById('draft-summary').dataset.checks || 0)")
    page.fill("#draft-paste", text)
    page.click("#draft-paste-form button[type=submit]")
    page.wait_for_function(CHECKED, arg=done + 1, timeout=timeout)


def paste_and_check(page: Any, text: str) -> list[tuple[Any, ...]]:
    """Paste a post file into the page, press its button, and read the findings it lists."""
    submit_paste(page, text)
    return sorted(seen(finding) for finding in page.evaluate(FINDINGS))


def use_settings(page: Any, settings: Path, register: Path | None) -> None:
    """Load a content repo's settings file and register into the page, as a person chooses them."""
    page.set_input_files("#draft-own-settings", str(settings))
    if register is not None:
        page.set_input_files("#draft-own-register", str(register))
    page.wait_for_function("() => !document.getElementById('draft-site-settings').hidden")


CORPORA = {
    "example": (EXAMPLE, ".policy-check.yaml", "consent/register.yaml"),
    "acceptance": (SHARED / "acceptance", ".policy-check.yaml", None),
    "consent-acceptance": (SHARED / "consent-acceptance", ".policy-check.yaml", "consent/register.yaml"),
}


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_every_post_pasted_gets_the_command_lines_findings(
    context: Any, site_url: str, policy: Any, corpus: str
) -> None:
    folder, settings_name, register_name = CORPORA[corpus]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not beside the project")
    settings = folder / settings_name
    register = folder / register_name if register_name else None
    expected = policy_check(folder, settings)
    page, _ = open_page(context, site_url)
    try:
        use_settings(page, settings, register)
        texts = {path.relative_to(folder).as_posix(): pasteable(path) for path in sorted(folder.glob("posts/*.md"))}
        assert sum(text is not None for text in texts.values()) >= 10
        options = {"settings": settings.read_text(encoding="utf-8")}
        if register:
            options |= {"register": register.read_text(encoding="utf-8"), "registerName": register.name}
        for path, text in texts.items():
            if text is None:
                continue
            cli = expected.get(path, [])
            assert paste_and_check(page, text) == sorted(seen(finding) for finding in cli), path
            report = page.evaluate(CHECK, [text, options | {"path": path}])
            assert (report["files_checked"], report["findings"]) == (1, cli), path
            assert report["policy_version"] == policy.meta.version
    finally:
        page.close()


def test_yaml_errors_are_worded_as_the_command_line_words_them(context: Any, site_url: str, tmp_path: Path) -> None:
    """PyYAML without libyaml in the browser: each parser error in the command line's words and place."""
    for number, front in enumerate(BROKEN_YAML):
        (tmp_path / f"post-{number:02}.md").write_text(f"---\n{front}---\nBins go out on Monday.\n", encoding="utf-8")
    expected = policy_check(tmp_path, None)
    assert sum(len(found) for found in expected.values()) == len(BROKEN_YAML)
    page, _ = open_page(context, site_url)
    try:
        for path in sorted(expected):
            text = (tmp_path / path).read_text(encoding="utf-8")
            report = page.evaluate(CHECK, [text, {"path": path, "settings": ""}])
            assert report["findings"] == expected[path], path
    finally:
        page.close()


# -- the form, by keyboard ------------------------------------------------------------------------

CLEAN_FILE = """\
---
title: "Fleet Pond clean-up"
channels: [facebook]
publish_at: 2027-06-01T10:30:00+01:00
type: "event"
approved_by: "comms-team"
media:
  - file: "images/fleet-pond.jpg"
    alt: "Volunteers clearing reeds at the edge of Fleet Pond"
    credit: "Hart District Council"
---
Join us at Fleet Pond on Saturday 5 June to help clear the reeds. Gloves are provided. #FleetPond
"""


def type_date(page: Any, day: str, month: str, year: str) -> None:
    """Type a date into the focused date field, whose order of fields follows the browser's language:
    month first, and if that was not the order, back to its first field and day first."""
    page.keyboard.type(month + day + year)
    if page.evaluate("() => document.activeElement.value") != f"{year}-{month}-{day}":
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        page.keyboard.type(day + month + year)


def type_time(page: Any, hours: str, minutes: str) -> None:
    """Type a time into the focused time field: on a 12-hour clock it also wants AM or PM."""
    page.keyboard.type(hours + minutes)
    if page.evaluate("() => document.activeElement.value") == "":
        page.keyboard.type("A" if int(hours) < 12 else "P")


def tab_to(page: Any, element_id: str, most: int = 200) -> None:
    """Press Tab until the element has the focus, as a keyboard user moves through the page."""
    for _ in range(most):
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_the_form_builds_a_post_file_and_checks_it_with_the_keyboard_alone(
    context: Any, site_url: str, tmp_path: Path
) -> None:
    page, _ = open_page(context, site_url)
    try:
        keys = page.keyboard
        tab_to(page, "draft-title")
        keys.type("Fleet Pond clean-up")
        tab_to(page, "draft-channel-facebook")
        keys.press("Space")
        tab_to(page, "draft-type")
        keys.type("Event")
        tab_to(page, "draft-date")
        type_date(page, "01", "06", "2027")
        tab_to(page, "draft-time")
        type_time(page, "10", "30")
        tab_to(page, "draft-approved-by")
        keys.type("comms-team")
        tab_to(page, "draft-text")
        keys.type("Join us at Fleet Pond on Saturday 5 June to help clear the reeds. Gloves are provided. #FleetPond")
        tab_to(page, "draft-media-add")
        keys.press("Enter")  # the new item's first field takes the focus
        keys.type("images/fleet-pond.jpg")
        tab_to(page, "draft-media-1-alt")
        keys.type("Volunteers clearing reeds at the edge of Fleet Pond")
        tab_to(page, "draft-media-1-credit")
        keys.type("Hart District Council")
        keys.press("Enter")  # Enter in a field submits the form, as in any form
        page.wait_for_function(CHECKED, arg=1)
        assert page.text_content("#draft-file") == CLEAN_FILE
        assert page.evaluate(FINDINGS) == []
        assert page.text_content("#draft-summary-title") == "This post passes every rule"
        assert page.evaluate("() => document.activeElement.id") == "draft-summary"
        assert page.get_attribute("#draft-status", "role") == "status"
        assert page.text_content("#draft-status") == "Checked: 0 errors, 0 warnings."
        (tmp_path / "posts").mkdir()
        (tmp_path / "posts" / "clean.md").write_text(page.text_content("#draft-file"), encoding="utf-8")
        assert policy_check(tmp_path, EXAMPLE / ".policy-check.yaml") == {}

        # Now a failing post: alt text that says nothing, and people shown without a consent reference.
        tab_to(page, "draft-media-1-alt")
        keys.press("Control+A")
        keys.type("photo")
        tab_to(page, "draft-media-1-people")
        keys.press("Space")
        tab_to(page, "draft-media-1-credit")
        keys.press("Enter")
        page.wait_for_function(CHECKED, arg=2)
        built = page.text_content("#draft-file")
        assert '    alt: "photo"\n    people: true\n' in built
        (tmp_path / "posts" / "clean.md").write_text(built, encoding="utf-8")
        expected = policy_check(tmp_path, EXAMPLE / ".policy-check.yaml")["posts/clean.md"]
        assert sorted(seen(finding) for finding in page.evaluate(FINDINGS)) == sorted(map(seen, expected))
        assert {finding["rule"] for finding in expected} == {"alt-text-placeholder", "image-consent-missing"}
        assert page.text_content("#draft-summary-title") == "There is a problem with this post"

        # The first finding's link takes the focus to the field of the line it is about.
        keys.press("Tab")
        first = min(expected, key=lambda finding: (finding["line"], finding["column"]))
        assert page.evaluate("() => document.activeElement.textContent") == first["message"]
        keys.press("Enter")
        key = built.splitlines()[first["line"] - 1].strip(" -").split(":")[0]
        assert page.evaluate("() => document.activeElement.id") == f"draft-media-1-{key}"
    finally:
        page.close()


# -- accessible before and after a check, in every variant ----------------------------------------

MIXED = """\
---
title: Bins
channels: [x]
publish_at: 2027-06-01
type: news
approved_by: comms-team
waivers:
  - rule: all-caps
    reason: FLEET is how the event is branded
---
Bins go out EARLY on Monday, click [here](https://www.hart.gov.uk/bins). FLEET #binday
"""


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_axe_finds_nothing_before_or_after_a_check(variant_pages: dict[str, Any], site_url: str, variant: str) -> None:
    page = variant_pages[variant]
    page.goto(site_url + PAGE)
    assert run_axe(page) == [], "before a check"
    submit_paste(page, MIXED, timeout=60_000)
    groups = page.eval_on_selector_all("#draft-summary h3", "headings => headings.map(h => h.textContent)")
    assert [group.split(" (")[0] for group in groups] == ["Errors", "Warnings", "Waived"]
    assert run_axe(page) == [], "after a check"


# -- nothing leaves the machine ------------------------------------------------------------------

SECRET = "Zebedee Quinlan-Okafor, 14 Pondtail Road"


def test_no_request_leaves_the_site_or_carries_the_draft(context: Any, site_url: str) -> None:
    page, requests = open_page(context, site_url)
    try:
        page.wait_for_load_state("networkidle")
        checker = ("/assets/check-a-draft-worker.js", "/assets/check-a-draft/")  # the worker, Pyodide, the archives
        assert not [r.url for r in requests if any(part in r.url for part in checker)], "the checker loads unasked"
        post = MIXED.replace("Bins go out", f"{SECRET} says bins go out")
        assert paste_and_check(page, post)
        page.fill("#draft-title", SECRET)  # the form too
        page.click("#draft-form button[type=submit]")
        page.wait_for_function(CHECKED, arg=2)
    finally:
        page.close()
    own = urlsplit(site_url).netloc
    assert any("pyodide.asm.wasm" in r.url for r in requests), "the checker was not loaded from the site"
    elsewhere = [r.url for r in requests if urlsplit(r.url).scheme not in ("data", "blob")]
    assert [url for url in elsewhere if urlsplit(url).netloc != own] == []
    assert {r.method for r in requests} == {"GET"}
    words = [word for word in SECRET.replace(",", "").split() if len(word) > 3]
    for request in requests:
        sent = " ".join([request.url, request.post_data or "", *request.headers.values()])
        assert not [word for word in words if word in sent], f"{request.url} carries the draft"


# -- found from the posting guidance --------------------------------------------------------------


@pytest.mark.parametrize("path", ["staff/", "staff/officer-conduct/", "staff/policy-check/"])
def test_the_staff_pages_link_to_it(built_site: Any, path: str) -> None:
    html = page_file(built_site.root, path).read_text(encoding="utf-8")
    content = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    assert 'href="../check-a-draft/"' in content or 'href="check-a-draft/"' in content, path


# -- what cannot be checked is said in a line ------------------------------------------------------

REJECTED = "([text, options]) => window.hartPolicy.check(text, options).then(() => 'resolved', error => error.message)"


def test_broken_settings_and_a_post_that_is_not_text_are_refused_in_words(
    context: Any, site_url: str, policy: Any, tmp_path: Path
) -> None:
    from checks.lint.draft import check_draft
    from checks.policy.errors import DataError

    broken = "rules:\n  alt-text-mising: off\n"
    with pytest.raises(DataError) as raised:
        check_draft(policy, MIXED, settings=broken)
    page, _ = open_page(context, site_url)
    try:
        assert page.evaluate(REJECTED, [MIXED, {"settings": broken}]) == str(raised.value)
        assert page.evaluate(REJECTED, [None, {}]).startswith("hartPolicy.check: the post must be text")
        register = tmp_path / "register.csv"
        register.write_text("ref,given\nCR-1,2027-01-01\n", encoding="utf-8")
        page.set_input_files("#draft-own-register", str(register))  # the site's settings name a YAML register
        submit_paste(page, MIXED)
        assert page.text_content("#draft-summary-title") == "The post was not checked"
        assert page.text_content(".draft-summary__problem") == (
            "register.csv: is a CSV file, but the settings name the register "
            "'examples/content-repo/consent/register.yaml', a YAML file: give the file the settings name"
        )
        assert page.evaluate("() => document.activeElement.id") == "draft-summary"
    finally:
        page.close()
