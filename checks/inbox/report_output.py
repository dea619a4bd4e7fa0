"""The report's outputs: JSON (the contract's object), text and HTML, picked from ``REPORTERS`` by name.

Every format reads the same figures through ``report_dict``, so they cannot
disagree; with ``public`` each leaves out what could identify a person (the
due dates of single Freedom of Information requests, which carry message ids).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from checks.charts import duration, percent
from checks.inbox.report import Figures, long_date, period_words, reply_bands, report_dict
from checks.inbox.report_html import write_html
from checks.words import counted, noun_for


def write_json(figures: Figures, stream: TextIO, *, public: bool = False) -> None:
    stream.write(json.dumps(report_dict(figures, public=public), indent=2, ensure_ascii=False) + "\n")


def write_text(figures: Figures, stream: TextIO, *, public: bool = False) -> None:
    """The figures as short lines a person reads in a terminal or an e-mail."""
    data = report_dict(figures, public=public)
    stream.write("\n".join(text_lines(data, figures)) + "\n")


def text_lines(data: dict[str, Any], figures: Figures) -> list[str]:
    return [
        *_heading(data),
        "",
        *_replies(data["needs_reply"], figures),
        "",
        *_emergencies(data["out_of_hours_emergencies"]),
        "",
        *_foi(data["foi"]),
        "",
        *_moderation(data["moderation"]),
        "",
        "Messages per label",
        *(f"  {label:<22}{count:>5}" for label, count in data["labels"].items()),
    ]


def _heading(data: dict[str, Any]) -> list[str]:
    return [
        f"Social media inbox: the service standards, measured ({period_words(data['period'])})",
        f"Policy version {data['policy_version']}. {counted(data['rows_triaged'], 'message')} triaged; "
        f"{data['rows_not_triaged']} not triaged (the council's own, or a row with a problem).",
    ]


def _replies(replies: dict[str, Any], figures: Figures) -> list[str]:
    times = replies["first_reply_working_hours"]
    lines = [
        "Replies",
        f"  {replies['count']} needed a reply: {replies['replied']} replied, {replies['unanswered']} unanswered",
        f"  First reply, in working hours: median {duration(times['median'])}, "
        f"90th percentile {duration(times['p90'])}",
    ]
    target = replies["reply_target_hours"]
    if target is None:
        lines.append("  No reply target is set")
    else:
        lines.append(
            f"  Within the target of {duration(target)}: {figures.within_target} of {replies['count']} "
            f"({percent(replies['within_target'])})"
        )
    bands = ", ".join(f"{band.lower()} {count}" for band, count in reply_bands(figures))
    return [*lines, f"  By time taken: {bands}"]


def _emergencies(emergencies: dict[str, Any]) -> list[str]:
    median = emergencies["median_hours_to_first_reply"]
    return [
        "Emergencies received out of hours",
        f"  {emergencies['count']} received, {emergencies['replied']} replied; "
        f"median time to first reply {duration(median)} (elapsed time)",
    ]


def _foi(foi: dict[str, Any]) -> list[str]:
    lines = [
        "Freedom of Information",
        f"  {counted(foi['requests'], 'request')}, {foi['valid']} valid; {_may_be_requests(foi['possible'])}",
    ]
    lines += [f"  {request} due {long_date(due)}" for request, due in foi.get("due", {}).items()]
    return lines


def _may_be_requests(count: int) -> str:
    return f"{counted(count, 'more message')} may be {noun_for(count, 'a request', 'requests')}"


def _moderation(moderation: dict[str, Any]) -> list[str]:
    counts = ", ".join(f"{label} {count}" for label, count in moderation.items() if label != "repeat_breachers")
    return ["Moderation (house rules)", f"  {counts}; repeat breachers {moderation['repeat_breachers']}"]


Reporter = Callable[..., None]
REPORTERS: dict[str, Reporter] = {"json": write_json, "text": write_text, "html": write_html}
