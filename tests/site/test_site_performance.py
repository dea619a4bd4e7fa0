"""'How we're doing' and the HTML inbox report in Chromium: both states of the page, a broken report, axe, requests.

The site as it is (no report published) is built by the session's ``built_site``,
whose every page test_site_browser.py checks with axe; here the site is built once
more from a temporary reports folder (``HART_REPORTS_DIR``) holding two quarters'
public reports, made by ``policy-inbox report --public``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sitekit import (
    PROJECT,
    VARIANT_NAMES,
    VARIANTS,
    axe_and_other_hosts,
    body_backgrounds,
    build_site,
    html_text,
    page_file,
    serve,
)

from checks.charts import duration
from checks.inbox.cli import main as policy_inbox
from checks.site import performance

PAGE = "residents/how-were-doing/"
ACCEPTANCE = PROJECT.parent / "shared" / "inbox-acceptance" / "inbox.csv"
EXAMPLE = PROJECT / "examples" / "content-repo" / "inbox" / "sample-export.csv"


def public_report(export: Path, target: Path, first: str, last: str, fmt: str = "json") -> Path:
    arguments = ["report", "--public", "--format", fmt, "--from", first, "--to", last, "-o", str(target), str(export)]
    assert policy_inbox(arguments) == 0
    return target


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two quarters: January to March from the acceptance export (the example's, with no rows then, when
    ../shared is absent), and April to June from the example's."""
    folder = tmp_path_factory.mktemp("reports")
    public_report(ACCEPTANCE if ACCEPTANCE.is_file() else EXAMPLE, folder / "2027-Q1.json", "2027-01-01", "2027-03-31")
    public_report(EXAMPLE, folder / "2027-Q2.json", "2027-04-01", "2027-06-30")
    (folder / "README.md").write_text("Not a report: passed by.\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reports_site(reports: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("reports-site") / "site"
    build = build_site(PROJECT, site_dir, HART_REPORTS_DIR=str(reports))
    assert build.returncode == 0, build.output
    return site_dir


@pytest.fixture(scope="module")
def reports_url(reports_site: Path) -> Iterator[str]:
    with serve(reports_site) as url:
        yield url


@pytest.fixture(scope="module")
def html_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The acceptance export's HTML report (the example's when ../shared is absent), served alone."""
    folder = tmp_path_factory.mktemp("html-report")
    export = ACCEPTANCE if ACCEPTANCE.is_file() else EXAMPLE
    assert policy_inbox(["report", "--format", "html", "-o", str(folder / "index.html"), str(export)]) == 0
    with serve(folder) as url:
        yield url


# -- the page's words -------------------------------------------------------------------------


def test_with_no_report_the_page_says_no_figures_are_published_yet(built_site: Any) -> None:
    text = html_text(page_file(built_site.root, PAGE).read_text(encoding="utf-8"))
    assert "We have not published any figures yet." in text
    assert "<svg" not in page_file(built_site.root, PAGE).read_text(encoding="utf-8").split("md-content")[1]
    assert "We monitor social media over weekends and bank holidays for emergencies." in text
    assert "we will try to answer queries as soon as we can" in text


def test_the_promise_shows_the_commitment_as_the_list_item_it_is(built_site: Any) -> None:
    """Under "What we promise" the commitment stands in its list, under "Our commitment:", as in the full policy."""
    html = page_file(built_site.root, PAGE).read_text(encoding="utf-8")
    promise = html.split('id="what-we-promise"')[1].split("<h2")[0]
    item = "<p>Our commitment:</p>\n<ul><li>we will try to answer queries as soon as we can</li></ul>"
    assert item in promise, promise
    assert "<p>we will try" not in promise


def test_with_reports_the_page_shows_the_latest_quarter_and_a_chart_with_its_table(reports_site: Path) -> None:
    html = page_file(reports_site, PAGE).read_text(encoding="utf-8")
    text = html_text(html)
    assert "Our latest figures: April to June 2027" in text
    assert (
        "These figures cover the messages we received on our social media accounts from 1 April 2027 to 30 June" in text
    )
    assert "We have not published any figures yet." not in text
    chart = html.split('class="performance-chart"')[1]
    assert 'role="img" aria-labelledby="reply-times-by-quarter-title reply-times-by-quarter-desc"' in chart
    assert "<caption>Time to our first reply, in working hours, by quarter</caption>" in chart
    assert "January to March 2027" in text and "April to June 2027" in text


def test_the_latest_figures_are_those_of_the_latest_report(reports: Path, reports_site: Path) -> None:
    data = json.loads((reports / "2027-Q2.json").read_text(encoding="utf-8"))
    text = html_text(page_file(reports_site, PAGE).read_text(encoding="utf-8"))
    assert " ".join(performance.count_sentences(data)) in text
    replies = data["needs_reply"]
    assert f"In that time, {replies['count']} messages needed a reply: {replies['replied']} " in text
    assert f"We received {data['foi']['requests']} Freedom of Information request" in text
    median = duration(replies["first_reply_working_hours"]["median"])
    assert f"Typical (median) time to our first reply, in working hours\n{median}" in text


def report_data(n: int) -> dict[str, Any]:
    """A public report's data whose every count is ``n`` (they need not add up: only the words are tested)."""
    return {
        "needs_reply": {"count": n, "replied": n, "unanswered": n},
        "out_of_hours_emergencies": {"count": n},
        "foi": {"requests": n, "valid": n, "possible": n},
        "moderation": {"abusive": n, "spam": 0, "repeat_breachers": 5},
    }


COUNT_SENTENCES = {
    0: [
        "In that time, 0 messages needed a reply: 0 were answered and 0 were not.",
        "Outside working hours, 0 messages about an emergency came in.",
        "We received 0 Freedom of Information requests, and 0 gave a name and an address, as a valid request must.",
        "We counted 0 messages that broke our house rules.",
    ],
    1: [
        "In that time, 1 message needed a reply: 1 was answered and 1 was not.",
        "Outside working hours, 1 message about an emergency came in.",
        "We received 1 Freedom of Information request, and 1 gave a name and an address, as a valid request must.",
        "We counted 1 message that broke our house rules.",
    ],
    2: [
        "In that time, 2 messages needed a reply: 2 were answered and 2 were not.",
        "Outside working hours, 2 messages about an emergency came in.",
        "We received 2 Freedom of Information requests, and 2 gave a name and an address, as a valid request must.",
        "We counted 2 messages that broke our house rules.",
    ],
}


@pytest.mark.parametrize("n", sorted(COUNT_SENTENCES))
def test_each_count_sentence_agrees_with_its_number(n: int) -> None:
    """Every sentence of the page that gives a count, rendered with 0, 1 and 2: 1 message was, 2 messages were."""
    assert performance.count_sentences(report_data(n)) == COUNT_SENTENCES[n]


@pytest.mark.parametrize(
    ("name", "change", "problem"),
    [
        ("2027-Q3.json", lambda data: data["foi"].update(due={"in-1": "2027-07-01"}), "$.foi.due: unknown key 'due'"),
        ("2027-Q2.json", lambda data: data.update(rows_triaged=-1), "$.rows_triaged: -1 is out of range"),
        ("2027-Q4.json", lambda data: None, "$.period: 2027-04-01 to 2027-06-30 is not within October to December"),
        ("summer.json", lambda data: None, "a report's file is named <year>-Q<1 to 4>.json"),
    ],
    ids=["a-due-date", "a-negative-count", "another-quarter", "a-bad-name"],
)
def test_a_broken_report_stops_the_build_with_its_file_and_problem(
    reports: Path, tmp_path: Path, name: str, change: Any, problem: str
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    data = json.loads((reports / "2027-Q2.json").read_text(encoding="utf-8"))
    change(data)
    (folder / name).write_text(json.dumps(data), encoding="utf-8")
    build = build_site(PROJECT, tmp_path / "site", HART_REPORTS_DIR=str(folder))
    assert build.returncode != 0
    assert f"reports/{name}" in build.output and problem in build.output, build.output


# -- in the browser -------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_NAMES)
def test_the_page_with_reports_has_no_axe_violations_and_no_other_host(browser, reports_url, variant) -> None:
    violations, elsewhere = axe_and_other_hosts(browser, reports_url + PAGE, variant, "how-were-doing")
    assert violations == []
    assert elsewhere == []


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_NAMES)
def test_the_html_report_has_no_axe_violations_and_asks_no_other_host(browser, html_report, variant) -> None:
    violations, elsewhere = axe_and_other_hosts(browser, html_report, variant, "inbox-report")
    assert violations == []
    assert elsewhere == []


def test_the_html_report_follows_the_colour_scheme(browser, html_report) -> None:
    assert body_backgrounds(browser, html_report) == {"light": "rgb(255, 255, 255)", "dark": "rgb(20, 20, 20)"}


@pytest.mark.parametrize("variant", VARIANTS, ids=VARIANT_NAMES)
def test_the_page_with_no_report_has_no_axe_violations(browser, site_url, variant) -> None:
    violations, elsewhere = axe_and_other_hosts(browser, site_url + PAGE, variant, "how-were-doing-no-report")
    assert violations == []
    assert elsewhere == []
