"""policy-analytics's HTML report in Chromium, and the staff page "How our posts are doing" in the built site.

The report is the acceptance corpus's (the example content repo's when ../shared
is absent), written by ``policy-analytics report --format html`` and served
alone: axe finds no violation at either size, light or dark, and it asks no
other host for anything. Modelled on the inbox report's tests in
test_site_performance.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from sitekit import (
    PROJECT,
    VARIANT_NAMES,
    VARIANTS,
    axe_and_other_hosts,
    body_backgrounds,
    html_text,
    new_context,
    page_file,
    serve,
)

from checks.analytics.cli import main as policy_analytics

CORPUS = PROJECT.parent / "shared" / "analytics-acceptance"
EXAMPLE = PROJECT / "examples" / "content-repo"
PAGE = "staff/how-our-posts-are-doing/"


def _arguments() -> list[str]:
    """The report of the acceptance corpus, or of the example when ../shared is absent: posts, profiles, export."""
    folder, exports = (CORPUS, CORPUS) if CORPUS.is_dir() else (EXAMPLE, EXAMPLE / "analytics")
    profiles, posts = exports / "profile-performance.csv", exports / "post-performance.csv"
    return ["--posts", str(folder), "--profiles", str(profiles), str(posts)]


@pytest.fixture(scope="module")
def html_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("analytics-report")
    assert policy_analytics(["report", "--format", "html", "-o", str(folder / "index.html"), *_arguments()]) == 0
    with serve(folder) as url:
        yield url


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_NAMES)
def test_the_html_report_has_no_axe_violations_and_asks_no_other_host(browser, html_report, variant) -> None:
    violations, elsewhere = axe_and_other_hosts(browser, html_report, variant, "analytics-report")
    assert violations == []
    assert elsewhere == []


def test_the_html_report_follows_the_colour_scheme(browser, html_report) -> None:
    assert body_backgrounds(browser, html_report) == {"light": "rgb(255, 255, 255)", "dark": "rgb(20, 20, 20)"}


def test_on_a_phone_only_the_wide_tables_scroll_and_the_page_does_not(browser, html_report) -> None:
    phone = next(variant for variant in VARIANTS if variant.width < 500)
    context = new_context(browser, phone)
    try:
        page = context.new_page()
        page.goto(html_report)
        page_width = page.evaluate("() => document.documentElement.scrollWidth")
        regions = page.evaluate(
            "() => [...document.querySelectorAll('.scroll')].map(r => [r.tabIndex, r.getAttribute('aria-label')])"
        )
    finally:
        context.close()
    assert page_width <= phone.width
    assert regions and all(tab_index == 0 and label for tab_index, label in regions)


def test_the_staff_page_holds_the_policys_words_and_the_tested_workflow(built_site: Any, policy: Any) -> None:
    html = page_file(built_site.root, PAGE).read_text(encoding="utf-8")
    text = html_text(html)
    clause = policy.clauses["performance-monitoring.management-tool"]
    assert " ".join(clause.text.split()[:12]) in text
    workflow = (EXAMPLE / ".github" / "workflows" / "analytics-report.yml").read_text(encoding="utf-8")
    blocks = [unescape(block) for block in re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", html, re.DOTALL)]
    assert workflow.rstrip("\n") in blocks, "the example workflow is not shown whole"


def test_the_staff_index_lists_the_page(built_site: Any) -> None:
    index = page_file(built_site.root, "staff/").read_text(encoding="utf-8")
    assert 'href="how-our-posts-are-doing/"' in index
    assert Path(page_file(built_site.root, PAGE)).is_file()
