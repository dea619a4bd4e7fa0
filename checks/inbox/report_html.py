"""The report as one self-contained HTML page: inline CSS, charts as inline SVG, a table beside each chart.

The page, its style and its chart-and-table pairs come from ``checks.htmlreport``,
which policy-analytics's page shares: nothing is fetched from anywhere, the page
follows the reader's light or dark scheme, and each chart has a text alternative
and its numbers in a table beside it.
"""

from __future__ import annotations

from html import escape
from typing import Any, TextIO

from checks import htmlreport
from checks.charts import BarChart, Series, duration, percent
from checks.inbox.report import Figures, long_date, period_words, reply_bands, report_dict
from checks.words import counted, noun_for, verb_for


def write_html(figures: Figures, stream: TextIO, *, public: bool = False) -> None:
    stream.write(report_page(figures, public=public))


def report_page(figures: Figures, *, public: bool = False) -> str:
    data = report_dict(figures, public=public)
    period = period_words(data["period"])
    sections = [
        _summary(data, figures),
        _replies(data["needs_reply"], figures),
        _emergencies(data["out_of_hours_emergencies"]),
        _foi(data["foi"]),
        _moderation(data["moderation"]),
        _labels(data["labels"]),
    ]
    audience = (
        "Counts, medians and shares only: nothing in this report identifies a person."
        if public
        else "For the communications team: this report names messages by their id in the export. Do not publish it; "
        "publish the report made with --public."
    )
    title = f"Social media inbox report, {period}: Hart District Council"
    lede = (
        f"Hart District Council, messages received {period}. "
        f"Measured against version {data['policy_version']} of the social media policy."
    )
    return htmlreport.page(title, "How we answered messages on social media", lede, audience, sections)


def _summary(data: dict[str, Any], figures: Figures) -> str:
    replies = data["needs_reply"]
    target = replies["reply_target_hours"]
    items = [
        (str(data["rows_triaged"]), f"{noun_for(data['rows_triaged'], 'message')} triaged"),
        (str(replies["count"]), "needed a reply"),
        (duration(replies["first_reply_working_hours"]["median"]), "median first reply, in working hours"),
    ]
    if target is not None:
        items.append((percent(replies["within_target"]), f"answered within {duration(target)} of working time"))
    return htmlreport.at_a_glance(items)


def _replies(replies: dict[str, Any], figures: Figures) -> str:
    times = replies["first_reply_working_hours"]
    target = replies["reply_target_hours"]
    bands = reply_bands(figures)
    chart = BarChart(
        chart_id="reply-times",
        title="First replies by time taken, in working hours",
        description=_bands_sentence(bands),
        categories=[band for band, _ in bands],
        series=[Series("Messages", [count for _, count in bands])],
        value_label="Messages",
        horizontal=True,
        whole_numbers=True,
    )
    target_words = (
        "No reply target is set."
        if target is None
        else f"Within the target of {duration(target)}: {figures.within_target} of {replies['count']} "
        f"({percent(replies['within_target'])}); a message with no reply misses the target."
    )
    replied, unanswered = replies["replied"], replies["unanswered"]
    text = (
        f"<p>{counted(replies['count'], 'message')} needed a reply: {replied} {verb_for(replied, 'was')} answered and "
        f"{unanswered} {verb_for(unanswered, 'was')} not. Time is counted only inside working hours (Monday to Friday, "
        f"not bank holidays). The median first reply took {escape(duration(times['median']))}; nine in ten "
        f"took {escape(duration(times['p90']))} or less. {escape(target_words)}</p>"
    )
    table = _table("First replies by time taken", ("Time taken", "Messages"), bands)
    return f"<h2>Replies</h2>\n{text}\n{htmlreport.pair(chart, table)}"


def _bands_sentence(bands: list[tuple[str, int]]) -> str:
    parts = "; ".join(f"{band.lower()}: {count}" for band, count in bands)
    return f"Bar chart of messages that needed a reply, by working time to the first reply. {parts}."


def _emergencies(emergencies: dict[str, Any]) -> str:
    median = duration(emergencies["median_hours_to_first_reply"])
    replied = emergencies["replied"]
    return (
        "<h2>Emergencies out of hours</h2>\n"
        f"<p>{counted(emergencies['count'], 'message')} about an emergency came in outside working hours (evenings, "
        f"weekends and bank holidays); {replied} {verb_for(replied, 'was')} answered. The median time to the first "
        f"reply was {escape(median)}, counted as time passing on the clock.</p>"
    )


def _foi(foi: dict[str, Any]) -> str:
    requests, possible = foi["requests"], foi["possible"]
    text = (
        f"<p>{requests} Freedom of Information {noun_for(requests, 'request')} came in; {foi['valid']} gave a name "
        f"and an address for correspondence, as a valid request must. {counted(possible, 'more message')} "
        f"asked for recorded information and may be {noun_for(possible, 'a request', 'requests')} too.</p>"
    )
    if "due" not in foi:
        return f"<h2>Freedom of Information requests</h2>\n{text}"
    rows = [(request, long_date(due)) for request, due in foi["due"].items()]
    table = _table("Valid requests and when the answer is due", ("Message id", "Due"), rows, numbers=False)
    return f"<h2>Freedom of Information requests</h2>\n{text}\n{table}"


def _moderation(moderation: dict[str, Any]) -> str:
    rows = [(label, count) for label, count in moderation.items() if label != "repeat_breachers"]
    table = _table("Messages that broke the house rules, by label", ("Label", "Messages"), rows)
    breachers = moderation["repeat_breachers"]
    return (
        "<h2>Moderation</h2>\n"
        f"<p>{counted(breachers, 'account')} {verb_for(breachers, 'was')} "
        f"{noun_for(breachers, 'a repeat breacher', 'repeat breachers')}: an account that breaks the house rules again "
        f"within the time the settings set has its messages blocked.</p>\n{table}"
    )


def _labels(labels: dict[str, int]) -> str:
    rows = list(labels.items())
    chart = BarChart(
        chart_id="labels",
        title="Messages per label",
        description="Bar chart of messages per label (a message can have several). "
        + "; ".join(f"{label}: {count}" for label, count in rows)
        + ".",
        categories=[label for label, _ in rows],
        series=[Series("Messages", [count for _, count in rows])],
        value_label="Messages",
        horizontal=True,
        whole_numbers=True,
    )
    table = _table("Messages per label", ("Label", "Messages"), rows)
    note = "<p>A message can have several labels; “none” needs nothing more.</p>"
    return f"<h2>Messages per label</h2>\n{note}\n{htmlreport.pair(chart, table)}"


def _table(caption: str, header: tuple[str, str], rows: list[tuple[str, Any]], *, numbers: bool = True) -> str:
    return htmlreport.table(caption, header, rows, (False, numbers))
