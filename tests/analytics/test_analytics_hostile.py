"""Hostile exports get a clear problem on their line, or exit 2 with one clear line: never a traceback.

What the inbox's export meets (tests/inbox/test_inbox_hostile.py), the analytics
exports meet too, through the same reader (checks/csvfile.py): bytes that are not
UTF-8, NUL bytes, a binary file, ragged rows, a 1 MB cell, a file over 50 MiB, a
header alone, a required column missing; and the contract's own bad rows: dates
that cannot be read or do not exist in London, unknown networks, missing values,
numbers that are not numbers, a profile's day given twice.
"""

from __future__ import annotations

import random

import pytest
from analytics_helpers import HEADER, PROFILE_HEADER, line, row

from checks.analytics.cli import main
from checks.csvfile import MAX_EXPORT_BYTES

GOOD = row("04/01/2027 08:30", "Facebook", "Christmas trees", impressions="3,412", engagements=96)


def problems(data: dict) -> list[tuple[int, str]]:
    return [(problem["line"], problem["message"]) for problem in data["problems"]]


def usage_error(capsys: pytest.CaptureFixture[str], *arguments: object) -> str:
    """Runs the command, which must exit 2; its standard error, one line naming the command."""
    assert main(["report", *map(str, arguments)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("policy-analytics: ") and captured.err.count("\n") == 1, captured.err
    assert "Traceback" not in captured.err
    return captured.err


def test_bytes_that_are_not_utf8_spoil_their_row_only(export, run) -> None:
    bad = row("05/01/2027 10:00", "Facebook", "Caf\xe9 closed").encode("utf-8").replace(b"Caf\xc3\xa9", b"Caf\xe9")
    status, data = run(export(bad, GOOD))
    assert status == 1
    assert problems(data) == [(2, "is not UTF-8 text (byte 0xE9)")]
    assert data["rows_counted"] == 1 and data["top_posts"][0]["line"] == 3


def test_a_header_that_is_not_utf8_is_a_usage_error(tmp_path, capsys) -> None:
    path = tmp_path / "utf16.csv"
    path.write_text(",".join(HEADER) + "\n", encoding="utf-16")
    assert "is not a CSV file of UTF-8 text" in usage_error(capsys, path)


def test_a_nul_byte_is_a_problem_on_its_line(export, run) -> None:
    status, data = run(export(row("05/01/2027 10:00", "Facebook", "Hi\x00there"), GOOD))
    assert (status, problems(data)) == (1, [(2, "holds a NUL byte")])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_binary_file_is_a_usage_error_or_problems_never_a_traceback(tmp_path, capsys, seed: int) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(seed).randbytes(64 * 1024))
    status = main(["report", str(path)])
    captured = capsys.readouterr()
    assert status == 2 and "Traceback" not in captured.err
    assert captured.err.startswith("policy-analytics: post export ") and captured.err.count("\n") == 1


def test_binary_rows_under_a_good_header_are_problems(export, run) -> None:
    noise = random.Random(7).randbytes(4096).replace(b"\n", b" ").replace(b"\r", b" ")
    status, data = run(export(noise, GOOD))
    assert status == 1 and [line for line, _ in problems(data)] == [2]
    assert data["rows_counted"] == 1


def test_ragged_rows_are_problems(export, run) -> None:
    status, data = run(export(line("05/01/2027 10:00", "Facebook"), GOOD, GOOD + ",extra"))
    assert status == 1
    assert problems(data) == [(2, "has 2 fields; the header has 10"), (4, "has 11 fields; the header has 10")]


def test_a_one_megabyte_cell_is_a_problem_and_the_rest_is_counted(export, run) -> None:
    status, data = run(export(row("05/01/2027 10:00", "Facebook", "x" * 1_000_000), GOOD))
    assert (status, problems(data)) == (1, [(2, "has a field longer than 100000 characters")])
    assert data["rows_counted"] == 1


def test_a_long_post_within_the_limit_is_read_and_shown_cut(export, run) -> None:
    status, data = run(export(row("05/01/2027 10:00", "Facebook", "word " * 19_000)))
    assert status == 0 and data["top_posts"][0]["text"] == ("word " * 16)[:80]


@pytest.mark.parametrize("option", ["", "--profiles"])
def test_an_export_over_50_mib_is_refused_before_it_is_read(export, tmp_path, capsys, option: str) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:  # sparse: no 50 MiB is written
        handle.truncate(MAX_EXPORT_BYTES + 1)
    arguments = [option, huge, export(GOOD)] if option else [huge]
    assert "is larger than 50 MiB" in usage_error(capsys, *arguments)


def test_a_header_alone_counts_nothing_and_exits_0(export, run) -> None:
    status, data = run(export())
    assert status == 0
    assert data["rows_counted"] == 0 and data["period"] == {"from": None, "to": None}
    assert data["totals"]["engagement_rate"] is None and data["top_posts"] == [] and data["by_channel"] == {}


def test_an_empty_file_is_a_usage_error(tmp_path, capsys) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert "is empty: no header row" in usage_error(capsys, path)


@pytest.mark.parametrize("column", ["Date", "Network", "Post", "Impressions", "Engagements"])
def test_a_required_column_missing_is_a_usage_error(export, capsys, column: str) -> None:
    path = export(header=tuple(name for name in HEADER if name != column))
    assert usage_error(capsys, path) == f"policy-analytics: the header of '{path}' has no column '{column}'\n"


@pytest.mark.parametrize("column", ["Date", "Network", "Profile", "Audience", "Net Audience Growth"])
def test_a_required_profile_column_missing_is_a_usage_error(export, capsys, column: str) -> None:
    profiles = export(header=tuple(name for name in PROFILE_HEADER if name != column), name="profiles.csv")
    assert f"has no column '{column}'" in usage_error(capsys, "--profiles", profiles, export(GOOD))


def test_optional_columns_may_be_missing_and_headers_match_without_case(export, run) -> None:
    header = (" date ", "NETWORK", "post", "Impressions", "engagements")
    status, data = run(export(line("05/01/2027 10:00", "Facebook", "Car park", "2,866", 74), header=header))
    assert status == 0 and data["totals"]["reach"] is None and data["totals"]["engagements"] == 74


def test_a_column_twice_is_a_usage_error(export, capsys) -> None:
    path = export(header=(*HEADER, "impressions"))
    assert "has the column 'Impressions' more than once" in usage_error(capsys, path)


def test_a_quote_out_of_place_is_a_problem(export, run) -> None:
    status, data = run(export('05/01/2027 10:00,Facebook,Hart,Staff,"a"b,1,,1,,', GOOD))
    assert (status, problems(data)) == (1, [(2, "is not a valid CSV record (a quote out of place)")])


DATE = (
    "column 'Date' is not a date and time (dd/mm/yyyy with a time such as 14:05 or 2:05 pm, or ISO 8601 with an offset)"
)


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("30/02/2027 10:00", DATE),
        ("05/01/2027 25:00", DATE),
        ("05/01/2027", DATE),
        ("yesterday", DATE),
        ("05/01/2027 13:05 pm", DATE),
        ("05/01/2027 0:05 am", DATE),
        ("2027-01-05T10:00:00", DATE),  # ISO 8601 without an offset
        ("28/03/2027 01:30", "column 'Date' is a London time that does not exist (the clocks went forward)"),
    ],
)
def test_dates_that_cannot_be_read_or_do_not_exist_are_problems(export, run, when: str, message: str) -> None:
    status, data = run(export(row(when, "Facebook", "Hi"), GOOD))
    assert (status, problems(data)) == (1, [(2, message)])


@pytest.mark.parametrize(
    ("when", "published"),
    [
        ("31/10/2027 01:30", "2027-10-31T01:30"),  # twice that night: the first, in BST
        ("5/1/2027 2:05 pm", "2027-01-05T14:05"),
        ("05/01/2027 12:05 AM", "2027-01-05T00:05"),
        ("05/01/2027 12:05 Pm", "2027-01-05T12:05"),
        ("05/01/2027 9:05", "2027-01-05T09:05"),
        ("2027-07-05T09:05:00+00:00", "2027-07-05T10:05"),
        ("2027-07-05T09:05Z", "2027-07-05T10:05"),
    ],
)
def test_dates_the_contract_allows_are_read_as_london_times(export, run, when: str, published: str) -> None:
    status, data = run(export(row(when, "Facebook", "Hi")))
    assert status == 0 and data["top_posts"][0]["published"] == published


def test_a_time_that_happens_twice_is_the_first(export, run) -> None:
    path = export(row("31/10/2027 01:30", "Facebook", "first", engagements=2), row("2027-10-31T01:30:00Z", "X", "2nd"))
    _, data = run(path)
    assert [post["published"] for post in data["top_posts"]] == ["2027-10-31T01:30", "2027-10-31T01:30"]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (row("05/01/2027 10:00", "Myspace", "Hi"), "column 'Network' is not Facebook, X (or Twitter), Instagram, "),
        (row("", "Facebook", "Hi"), "column 'Date' has no value"),
        (row("05/01/2027 10:00", "  ", "Hi"), "column 'Network' has no value"),
        (row("05/01/2027 10:00", "Facebook", " \t "), "column 'Post' has no value"),
        (row("05/01/2027 10:00", "Facebook", "Hi", impressions="lots"), "column 'Impressions' is not a whole number"),
        (row("05/01/2027 10:00", "Facebook", "Hi", impressions="12.5"), "column 'Impressions' is not a whole number"),
        (row("05/01/2027 10:00", "Facebook", "Hi", engagements="1,23"), "column 'Engagements' is not a whole number"),
        (row("05/01/2027 10:00", "Facebook", "Hi", reach="-5"), "column 'Reach' is a negative number"),
        (row("05/01/2027 10:00", "Facebook", "Hi", video="?"), "column 'Video Views' is not a whole number"),
    ],
)
def test_bad_values_are_problems_on_their_row(export, run, record: str, message: str) -> None:
    status, data = run(export(record, GOOD))
    assert status == 1
    ((number, said),) = problems(data)
    assert number == 2 and said.startswith(message)


def test_a_problem_is_reported_whatever_the_period_and_its_row_is_never_counted(export, run) -> None:
    path = export(row("05/06/2027 10:00", "Facebook", "Hi", impressions="x"), GOOD)
    status, data = run("--from", "2027-01-01", "--to", "2027-01-31", path)
    assert status == 1 and [number for number, _ in problems(data)] == [2]
    assert data["rows_counted"] == 1


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (line("04/01/2027", "Facebook", "Hart", "21,365", 7), "repeats the network, profile and date of line 2"),
        (line("04/01/2027", "Facebook", "Hart", "-", 7), "column 'Audience' has no value"),
        (line("04/01/2027", "Facebook", "Hart", "21,365", ""), "column 'Net Audience Growth' has no value"),
        (line("04/01/2027", "Facebook", " ", "21,365", 1), "column 'Profile' has no value"),
        (line("31/04/2027", "Facebook", "Hart", "21,365", 1), "column 'Date' is not a date (dd/mm/yyyy or YYYY-MM-DD)"),
        (line("04/01/2027", "Facebook", "Hart", "-21,365", 1), "column 'Audience' is a negative number"),
    ],
)
def test_bad_profile_rows_are_problems(export, run, record: str, message: str) -> None:
    profiles = export(line("04/01/2027", "Facebook", "Hart", "21,365", 7), record, header=PROFILE_HEADER, name="p.csv")
    status, data = run("--profiles", profiles, export(GOOD))
    assert status == 1
    assert [(problem["file"], problem["line"], problem["message"]) for problem in data["problems"]] == [
        (str(profiles), 3, message)
    ]
    assert [entry["end"] for entry in data["followers"]] == [21365]


def test_a_profile_day_in_either_format_is_the_same_day(export, run) -> None:
    profiles = export(
        line("2027-01-04", "Facebook", "Hart", "21,365", 7),
        line("04/01/2027", "Facebook", "Hart", "21,365", 7),
        header=PROFILE_HEADER,
        name="p.csv",
    )
    status, data = run("--profiles", profiles, export(GOOD))
    assert status == 1 and data["problems"][0]["message"] == "repeats the network, profile and date of line 2"


def test_a_problem_names_the_export_as_given_on_the_command_line(export, run, tmp_path, monkeypatch) -> None:
    export(row("05/01/2027 10:00", "Facebook", "Hi", impressions="x"), name="post-performance.csv")
    monkeypatch.chdir(tmp_path)
    _, data = run("post-performance.csv")
    assert data["problems"][0]["file"] == "post-performance.csv"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--from", "2027-13-01"], "--from: '2027-13-01' is not a date (YYYY-MM-DD)"),
        (["--to", "20270115"], "--to: '20270115' is not a date (YYYY-MM-DD)"),
        (["--to", "2027-W02-5"], "--to: '2027-W02-5' is not a date (YYYY-MM-DD)"),  # ten characters, a week date
        (["--from", "2027-01-15", "--to", "2027-01-08"], "--to 2027-01-08 is before --from 2027-01-15"),
    ],
)
def test_bad_periods_are_usage_errors(export, capsys, arguments: list[str], message: str) -> None:
    assert usage_error(capsys, *arguments, export(GOOD)) == f"policy-analytics: {message}\n"


def test_missing_files_and_folders_are_usage_errors(export, tmp_path, capsys) -> None:
    good = export(GOOD)
    assert "not found" in usage_error(capsys, tmp_path / "nothing.csv")
    assert "is not a file" in usage_error(capsys, tmp_path)
    assert "not found" in usage_error(capsys, "--profiles", tmp_path / "nothing.csv", good)
    assert "is not a folder" in usage_error(capsys, "--posts", good, good)
    assert "settings file" in usage_error(capsys, "--config", tmp_path / "none.yaml", good)
    assert "is the post export itself" in usage_error(capsys, "-o", good, good)


def test_an_output_that_cannot_be_written_is_a_usage_error(export, tmp_path, capsys) -> None:
    assert "cannot write" in usage_error(capsys, "-o", tmp_path / "no" / "such" / "folder.json", export(GOOD))
