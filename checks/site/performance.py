"""The residents' page "How we're doing": the public inbox reports, one per quarter, read when the site is built.

Each file in the reports folder is ``<year>-Q<n>.json``, written by
``policy-inbox report --public --format json`` and checked here against
``public-report.schema.json``: a file that is not such a report stops the
build with its name and what is wrong, as broken policy data does. The site
never reads an export, only these counts, medians and shares. With no file
the page says plainly that no figures have been published yet.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from checks.charts import BarChart, Series, bar_chart_svg, duration, percent
from checks.policy import schemas
from checks.policy.model import Policy
from checks.policy.yamlio import data_path
from checks.site.markup import SiteError, heading, long_date, markdown_blocks, markdown_text, table
from checks.words import counted, verb_for

QUARTER_FILE = re.compile(r"(?P<year>\d{4})-Q(?P<number>[1-4])\.json")
QUARTER_MONTHS = {1: ("January", "March"), 2: ("April", "June"), 3: ("July", "September"), 4: ("October", "December")}
# The site's own colours: link colour for the median, secondary text for nine in ten (both 3:1 or more on
# the light and the dark background, as WCAG's non-text contrast asks).
CHART_COLOURS = (
    "--chart-1: var(--md-typeset-a-color); --chart-2: var(--md-default-fg-color--light); "
    "--chart-grid: var(--md-default-fg-color--lighter)"
)


@dataclass(frozen=True)
class QuarterReport:
    year: int
    number: int
    data: dict[str, Any]

    @property
    def name(self) -> str:
        """``January to March 2027``."""
        first, last = QUARTER_MONTHS[self.number]
        return f"{first} to {last} {self.year}"

    @property
    def short_name(self) -> str:
        return f"{self.year} Q{self.number}"


def load_reports(policy: Policy, folder: Path) -> list[QuarterReport]:
    """Every quarter's report in ``folder``, oldest first; files other than JSON (a README) are passed by."""
    if not folder.is_dir():
        return []
    checker = schemas.validator(policy.schema_dir, "public-report")
    reports = [_report(path, checker) for path in sorted(folder.glob("*.json"))]
    return sorted(reports, key=lambda report: (report.year, report.number))


def _report(path: Path, checker: Any) -> QuarterReport:
    where = f"reports/{path.name}"
    name = QUARTER_FILE.fullmatch(path.name)
    if name is None:
        raise SiteError(f"{where}: a report's file is named <year>-Q<1 to 4>.json, such as 2027-Q1.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise SiteError(f"{where}: cannot be read: {error}") from None
    except json.JSONDecodeError as error:
        raise SiteError(f"{where}, line {error.lineno}, column {error.colno}: not JSON: {error.msg}") from None
    error = schemas.first_error(checker, data)
    if error is not None:
        location, message = schemas.describe(error)
        raise SiteError(f"{where}: {data_path(location)}: {message} (not a public report of policy-inbox)")
    report = QuarterReport(int(name["year"]), int(name["number"]), data)
    _check_period(where, report)
    return report


def _check_period(where: str, report: QuarterReport) -> None:
    first_month = 3 * report.number - 2
    start = date(report.year, first_month, 1)
    end = date(report.year + (report.number == 4), (first_month + 3 - 1) % 12 + 1, 1)
    period = report.data["period"]
    if not (start <= date.fromisoformat(period["from"]) <= date.fromisoformat(period["to"]) < end):
        raise SiteError(
            f"{where}: $.period: {period['from']} to {period['to']} is not within {report.name} "
            f"(run policy-inbox report --from {start.isoformat()} --to the quarter's last day)"
        )


# -- the page ----------------------------------------------------------------------------------


def latest_quarter(policy: Policy, folder: Path, page: str) -> str:
    """The latest quarter's figures, or plainly that none have been published yet."""
    reports = load_reports(policy, folder)
    if not reports:
        return markdown_blocks(
            heading(2, "Our latest figures", "latest"),
            "We have not published any figures yet. They will appear here after the end of the first quarter "
            "we measure.",
        )
    latest = reports[-1]
    return markdown_blocks(
        heading(2, f"Our latest figures: {latest.name}", "latest"),
        _measured_sentence(latest),
        markdown_text(" ".join(count_sentences(latest.data))),
        table(("How quickly we answered", latest.name), _time_rows(latest.data)),
    )


def _measured_sentence(report: QuarterReport) -> str:
    period = report.data["period"]
    return (
        f"These figures cover the messages we received on our social media accounts from "
        f"{long_date(period['from'])} to {long_date(period['to'])}. They are counts and averages only: nothing in them "
        "identifies anyone who wrote to us."
    )


def count_sentences(data: dict[str, Any]) -> list[str]:
    """The quarter's counts in sentences whose words agree with each number (1 message was, 2 messages were)."""
    replies, foi = data["needs_reply"], data["foi"]
    replied, unanswered = replies["replied"], replies["unanswered"]
    breaches = sum(count for label, count in data["moderation"].items() if label != "repeat_breachers")
    return [
        f"In that time, {counted(replies['count'], 'message')} needed a reply: "
        f"{replied} {verb_for(replied, 'was')} answered and {unanswered} {verb_for(unanswered, 'was')} not.",
        f"Outside working hours, {counted(data['out_of_hours_emergencies']['count'], 'message')} about an "
        "emergency came in.",
        f"We received {counted(foi['requests'], 'Freedom of Information request')}, and {foi['valid']} gave a name "
        "and an address, as a valid request must.",
        f"We counted {counted(breaches, 'message')} that broke our house rules.",
    ]


def _time_rows(data: dict[str, Any]) -> list[tuple[str, str]]:
    replies = data["needs_reply"]
    times = replies["first_reply_working_hours"]
    rows = [
        ("Typical (median) time to our first reply, in working hours", duration(times["median"])),
        ("Nine in ten first replies came within", _working(times["p90"])),
    ]
    if replies["reply_target_hours"] is not None:
        target = f"Answered within our target of {duration(replies['reply_target_hours'])} of working time"
        rows.append((target, percent(replies["within_target"])))
    emergencies = duration(data["out_of_hours_emergencies"]["median_hours_to_first_reply"])
    rows.append(("Typical (median) time to our first reply to an emergency outside working hours", emergencies))
    return [(markdown_text(what), markdown_text(value)) for what, value in rows]


def _working(hours: float | None) -> str:
    return "none" if hours is None else f"{duration(hours)} of working time"


def reply_times_by_quarter(policy: Policy, folder: Path, page: str) -> str:
    """A chart of first-reply times by quarter with its table; nothing when no report is published."""
    reports = load_reports(policy, folder)
    if not reports:
        return ""
    rows = [(report, report.data["needs_reply"]) for report in reports]
    medians = [replies["first_reply_working_hours"]["median"] for _, replies in rows]
    nine_in_ten = [replies["first_reply_working_hours"]["p90"] for _, replies in rows]
    chart = BarChart(
        chart_id="reply-times-by-quarter",
        title="Time to our first reply, in working hours, by quarter",
        description=_chart_sentence(reports, medians, nine_in_ten),
        categories=[report.short_name for report in reports],
        series=[Series("Median", medians), Series("Nine in ten within", nine_in_ten)],
        value_label="Working hours",
    )
    return markdown_blocks(
        heading(2, "Our first replies, quarter by quarter", "by-quarter"),
        "How long people waited for our first reply, counting only working hours (9am to 5pm, Monday to Friday, "
        "not bank holidays). The table under the chart gives the same figures.",
        _figure_html(chart, rows),
    )


def _chart_sentence(reports: list[QuarterReport], medians: list[Any], nine_in_ten: list[Any]) -> str:
    parts = "; ".join(
        f"{report.name}: median {duration(median)}, nine in ten within {duration(p90)}"
        for report, median, p90 in zip(reports, medians, nine_in_ten, strict=True)
    )
    return f"Bar chart of the time to our first reply, in working hours, for each quarter. {parts}."


def _figure_html(chart: BarChart, rows: list[tuple[QuarterReport, dict[str, Any]]]) -> str:
    body = "".join(
        f'<tr><th scope="row">{escape(report.name)}</th>'
        f"<td>{escape(duration(replies['first_reply_working_hours']['median']))}</td>"
        f"<td>{escape(duration(replies['first_reply_working_hours']['p90']))}</td>"
        f"<td>{escape(percent(replies['within_target']))}</td></tr>"
        for report, replies in rows
    )
    header = (
        '<tr><th scope="col">Quarter</th><th scope="col">Median</th>'
        '<th scope="col">9 in 10 within</th><th scope="col">Within target</th></tr>'
    )
    table_html = f"<table><caption>{escape(chart.title)}</caption><thead>{header}</thead><tbody>{body}</tbody></table>"
    return (
        f'<figure class="performance-chart" style="{CHART_COLOURS}">{bar_chart_svg(chart)}'
        f"<figcaption>{escape(chart.title)}</figcaption></figure>\n{table_html}"
    )
