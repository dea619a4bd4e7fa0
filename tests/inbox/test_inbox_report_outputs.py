"""policy-inbox report's outputs: --public leaks nothing of the export; the HTML page is self-contained and readable."""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from checks.inbox.cli import main
from checks.repo.settings import settings_for_export

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "inbox-acceptance"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "content-repo" / "inbox" / "sample-export.csv"
FORMATS = ("json", "text", "html")
WINDOW = 24  # any run of this many characters of a message's text must not reach the public report
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ]{8,}\d")
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", re.IGNORECASE)
COUNCIL_AUTHORS = {"@hartdc", "hartdistrictcouncil"}  # the council's own rows: its name is the publisher's


@pytest.fixture(scope="module", params=[CORPUS / "inbox.csv", EXAMPLE], ids=["acceptance", "example"])
def export(request: pytest.FixtureRequest) -> Path:
    if not request.param.is_file():
        pytest.skip(f"{request.param} is not there")
    return request.param


def report(export: Path, fmt: str, tmp_path: Path, *options: str) -> str:
    tmp_path.mkdir(parents=True, exist_ok=True)
    output = tmp_path / f"report.{fmt}"
    assert main(["report", "--format", fmt, *options, "-o", str(output), str(export)]) == 0
    return output.read_text(encoding="utf-8")


def personal_tokens(export: Path) -> set[str]:
    """Everything of the export that could identify a person: ids, handles, names, addresses, phones, texts."""
    with export.open(encoding="utf-8-sig", newline="") as stream:
        rows = [row for row in csv.DictReader(stream) if row["author"].lower() not in COUNCIL_AUTHORS]
    tokens: set[str] = set()
    for row in rows:
        text = " ".join(row["text"].split())
        tokens |= {row["id"], row["author"], row["author"].lstrip("@"), row["author_name"], text}
        tokens |= {text[start : start + WINDOW] for start in range(max(1, len(text) - WINDOW + 1))}
        for pattern in (EMAIL, PHONE, POSTCODE):
            tokens |= set(pattern.findall(row["text"]))
    return {token.strip() for token in tokens if token.strip()}


def flat(text: str) -> str:
    return " ".join(text.split()).lower()


def found_in(token: str, shown: str) -> bool:
    """A short token as a whole word; a longer one anywhere (any case, white space collapsed)."""
    words = set(re.findall(r"[\w.@'’-]+", shown))
    return token.lower() in words or (len(token) >= 6 and token.lower() in shown)


@pytest.mark.parametrize("fmt", FORMATS)
def test_public_reports_hold_no_id_handle_name_address_phone_or_text(export, fmt, tmp_path) -> None:
    shown = flat(report(export, fmt, tmp_path, "--public"))
    # The report's own words (headings such as "Freedom of Information requests") are in its report
    # of an export with no rows; a token found there too came from the report, not from the export.
    empty = tmp_path / "empty" / "inbox.csv"
    empty.parent.mkdir()
    empty.write_text(export.read_text(encoding="utf-8-sig").splitlines()[0] + "\n", encoding="utf-8")
    settings = str(settings_for_export(export, None))
    own_words = flat(report(empty, fmt, tmp_path / "empty", "--public", "--config", settings))
    leaked = sorted(
        token for token in personal_tokens(export) if found_in(token, shown) and not found_in(token, own_words)
    )
    assert leaked == []
    assert len(personal_tokens(export)) > 100  # the test looks for something


def test_the_private_report_names_the_due_requests_and_the_public_one_does_not(tmp_path) -> None:
    if not (CORPUS / "inbox.csv").is_file():
        pytest.skip("../shared/inbox-acceptance is not beside the project")
    private = json.loads(report(CORPUS / "inbox.csv", "json", tmp_path))
    public = json.loads(report(CORPUS / "inbox.csv", "json", tmp_path, "--public"))
    assert private["foi"]["due"] == {"in-008": "2027-04-15", "in-013": "2027-04-16", "in-037": "2027-05-05"}
    assert "due" not in public["foi"]
    private["foi"].pop("due")
    assert public == private  # otherwise the same figures


# -- the HTML page ------------------------------------------------------------------------------


class Page(HTMLParser):
    """What the tests need of the page: every attribute, the elements in order, and the text of some."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.headings: list[int] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self.ids += [value or "" for name, value in attrs if name == "id"]
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


@pytest.fixture(scope="module")
def page(export: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Page]:
    html = report(export, "html", tmp_path_factory.mktemp("html"))
    parsed = Page()
    parsed.feed(html)
    return html, parsed


def test_the_html_report_is_self_contained(page) -> None:
    html, parsed = page
    fetches = [(tag, name, value) for tag, name, value in parsed.attributes if name in {"src", "href", "srcset"}]
    assert [f for f in fetches if not f[2].startswith("#")] == []  # only references inside the page
    assert "<script" not in html and "<link" not in html and "<img" not in html and "@import" not in html
    assert "url(" not in re.sub(r"url\(#[\w-]+\)", "", html)
    assert "http://" not in html and "https://" not in html


def test_the_html_report_is_one_english_page_with_headings_in_order(page) -> None:
    html, parsed = page
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert parsed.headings[0] == 1 and parsed.headings.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in zip(parsed.headings, parsed.headings[1:], strict=False))
    assert len(parsed.ids) == len(set(parsed.ids)), "an id is used twice"
    assert "prefers-color-scheme: dark" in html


def test_each_chart_has_a_title_a_text_alternative_and_a_table_beside_it(page) -> None:
    html, _ = page
    charts = re.findall(r'<div class="pair">(.*?)</div>', html, re.DOTALL)
    assert len(charts) == 2
    for chart in charts:
        svg = re.search(r'<svg [^>]*role="img" aria-labelledby="([\w-]+) ([\w-]+)"', chart)
        assert svg is not None
        title, desc = svg.groups()
        assert re.search(rf'<title id="{title}">[^<]+</title><desc id="{desc}">[^<]{{40,}}</desc>', chart)
        assert re.search(r"<table><caption>[^<]+</caption>", chart)
        assert "<text " in chart  # the chart's words stay text (svg.fonttype none)


def test_the_html_report_is_the_same_bytes_each_time(export, tmp_path) -> None:
    assert report(export, "html", tmp_path / "a") == report(export, "html", tmp_path / "b")


def test_the_text_report_on_the_acceptance_export(tmp_path) -> None:
    if not (CORPUS / "inbox.csv").is_file():
        pytest.skip("../shared/inbox-acceptance is not beside the project")
    lines = report(CORPUS / "inbox.csv", "text", tmp_path).splitlines()
    assert lines[:2] == [
        "Social media inbox: the service standards, measured (8 March 2027 to 9 April 2027)",
        "Policy version 2024.1. 38 messages triaged; 2 not triaged (the council's own, or a row with a problem).",
    ]
    assert "  First reply, in working hours: median 45 minutes, 90th percentile 5 hours" in lines
    assert "  Within the target of 4 hours: 10 of 16 (62.5%)" in lines
    assert "  in-008 due 15 April 2027" in lines
    public = report(CORPUS / "inbox.csv", "text", tmp_path, "--public").splitlines()
    assert [line for line in lines if line not in public] == [
        "  in-008 due 15 April 2027",
        "  in-013 due 16 April 2027",
        "  in-037 due 5 May 2027",
    ]
