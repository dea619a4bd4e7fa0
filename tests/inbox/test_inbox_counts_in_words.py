"""Every sentence of policy-inbox that gives a count agrees with it: "1 message was answered", "2 messages were".

The figures are made here, each count set to 0, 1 or 2 (they need not add up:
only the words are tested), and rendered in this process as the text and HTML
reports; the triage's summary line is rendered from a ``Triaged`` made here.
"""

from __future__ import annotations

import io
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from checks.inbox.export import RowProblem
from checks.inbox.output import write_text as write_triage_text
from checks.inbox.report import Figures
from checks.inbox.report_html import report_page
from checks.inbox.report_output import write_text
from checks.inbox.triage import Result, Triaged

COUNTS = (0, 1, 2)


def figures(n: int) -> Figures:
    """Figures whose every count is ``n``."""
    return Figures(
        "2024.1",
        date(2027, 6, 7),
        date(2027, 6, 15),
        rows_triaged=n,
        rows_not_triaged=n,
        needs_reply=n,
        reply_seconds=[(f"r-{number}", 1800.0) for number in range(n)],
        unanswered=[f"u-{number}" for number in range(n)],
        target_hours=4,
        emergencies=[(f"e-{number}", 3600.0) for number in range(n)],
        foi_requests=n,
        foi_valid=n,
        foi_possible=n,
        moderation={"abusive": n},
        repeat_breachers={f"author-{number}" for number in range(n)},
        labels={"emergency": n, "none": n},
    )


def text_report(n: int) -> str:
    stream = io.StringIO()
    write_text(figures(n), stream)
    return stream.getvalue()


def html_sentences(n: int) -> str:
    """The HTML report's words without the markup (and without the charts, whose text is their numbers)."""
    page = re.sub(r"<svg\b.*?</svg>", "", report_page(figures(n)), flags=re.DOTALL)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", page)).split())


TEXT = {
    0: [
        "Policy version 2024.1. 0 messages triaged; 0 not triaged (the council's own, or a row with a problem).",
        "  0 requests, 0 valid; 0 more messages may be requests",
    ],
    1: [
        "Policy version 2024.1. 1 message triaged; 1 not triaged (the council's own, or a row with a problem).",
        "  1 request, 1 valid; 1 more message may be a request",
    ],
    2: [
        "Policy version 2024.1. 2 messages triaged; 2 not triaged (the council's own, or a row with a problem).",
        "  2 requests, 2 valid; 2 more messages may be requests",
    ],
}

HTML = {
    0: [
        "0 messages triaged",
        "0 messages needed a reply: 0 were answered and 0 were not.",
        "0 messages about an emergency came in outside working hours (evenings, weekends and bank holidays); "
        "0 were answered.",
        "0 Freedom of Information requests came in;",
        "0 more messages asked for recorded information and may be requests too.",
        "0 accounts were repeat breachers:",
    ],
    1: [
        "1 message triaged",
        "1 message needed a reply: 1 was answered and 1 was not.",
        "1 message about an emergency came in outside working hours (evenings, weekends and bank holidays); "
        "1 was answered.",
        "1 Freedom of Information request came in;",
        "1 more message asked for recorded information and may be a request too.",
        "1 account was a repeat breacher:",
    ],
    2: [
        "2 messages triaged",
        "2 messages needed a reply: 2 were answered and 2 were not.",
        "2 messages about an emergency came in outside working hours (evenings, weekends and bank holidays); "
        "2 were answered.",
        "2 Freedom of Information requests came in;",
        "2 more messages asked for recorded information and may be requests too.",
        "2 accounts were repeat breachers:",
    ],
}


@pytest.mark.parametrize("n", COUNTS)
def test_the_text_reports_counts_agree(n: int) -> None:
    lines = text_report(n).splitlines()
    assert [line for line in TEXT[n] if line not in lines] == []


@pytest.mark.parametrize("n", COUNTS)
def test_the_html_reports_counts_agree(n: int) -> None:
    words = html_sentences(n)
    assert [sentence for sentence in HTML[n] if sentence not in words] == []


@pytest.mark.parametrize("n", COUNTS)
def test_no_report_says_1_with_a_plural_or_2_with_a_singular(n: int) -> None:
    """Beyond the sentences above: no count of 1 before a plural, none of 0 or 2 before "was"."""
    shown = f"{text_report(n)}\n{html_sentences(n)}"
    if n == 1:
        assert re.findall(r"\b1 (?:\w+ )?(?:messages|requests|accounts|were)\b", shown) == []
    else:
        assert re.findall(rf"\b{n} (?:\w+ )?(?:message|request|account|was)\b", shown) == []


def triage_summary(n: int) -> str:
    results = [Result(f"m-{number}", number + 2, ("needs-reply",), (), ()) for number in range(n)]
    problems = [RowProblem(number + 2, "column 'text' is empty") for number in range(n)]
    stream = io.StringIO()
    write_triage_text(Triaged("2024.1", n, results, problems), Path("inbox.csv"), stream)
    return stream.getvalue().splitlines()[-1]


@pytest.mark.parametrize(
    ("n", "summary"),
    [
        (0, "0 rows read, 0 triaged, 0 labelled, 0 problems"),
        (1, "1 row read, 1 triaged, 1 labelled, 1 problem"),
        (2, "2 rows read, 2 triaged, 2 labelled, 2 problems"),
    ],
)
def test_the_triage_summary_agrees(n: int, summary: str) -> None:
    assert triage_summary(n) == summary


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("justone", "has 1 field; the header has 9"),
        ("one,two", "has 2 fields; the header has 9"),
    ],
)
def test_a_ragged_rows_field_count_agrees(write_export, triage_file, row: str, problem: str) -> None:
    assert [item.message for item in triage_file(write_export(row)).problems] == [problem]
