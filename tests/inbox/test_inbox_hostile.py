"""Hostile exports give a clear problem on their line, or exit 2 with a clear message: never a traceback.

And nothing of the export appears in a problem or an error message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.csvfile import MAX_EXPORT_BYTES, ExportError
from checks.inbox.cli import main
from checks.inbox.export import read_export
from checks.inbox.settings import InboxSettings

GOOD = "ok-1,facebook,comment,2027-03-17T11:30:00+00:00,lisa.cho,Lisa Cho,Fallen tree on the path,news,"
SECRET = "Verity Quill-Secret"  # stands for personal data: it must never reach a message


def problems(triage_file, path: Path) -> list[tuple[int, str]]:
    return [(problem.line, problem.message) for problem in triage_file(path).problems]


def test_bytes_that_are_not_utf8_spoil_their_row_only(write_export, triage_file) -> None:
    path = write_export(b"w-1,facebook,comment,2027-03-17T11:30:00+00:00,zoe,Zo\xeb Clarke,Caf\xe9 closed,news,", GOOD)
    triaged = triage_file(path)
    assert problems(triage_file, path) == [(2, "is not UTF-8 text (byte 0xEB)")]
    assert [result.id for result in triaged.results] == ["ok-1"]


def test_a_header_that_is_not_utf8_is_a_usage_error(tmp_path, capsys) -> None:
    path = tmp_path / "utf16.csv"
    path.write_text("id,network,kind\n", encoding="utf-16")
    assert main(["triage", str(path)]) == 2
    assert "not a CSV file of UTF-8 text" in capsys.readouterr().err


def test_a_byte_order_mark_is_allowed(write_export, triage_file) -> None:
    path = write_export(GOOD, header="\ufeffid,network,kind,received_at,author,author_name,text,post_type,replied_at")
    assert [result.id for result in triage_file(path).results] == ["ok-1"]


def test_a_nul_byte_is_a_problem_on_its_line(write_export, triage_file) -> None:
    path = write_export(f"n-1,facebook,comment,2027-03-17T11:30:00+00:00,a,{SECRET},Hi\x00there,news,", GOOD)
    assert problems(triage_file, path) == [(2, "holds a NUL byte")]


def test_ragged_rows_are_problems(write_export, triage_file) -> None:
    path = write_export(
        "r-1,facebook,comment,2027-03-17T11:30:00+00:00,a", GOOD, GOOD.replace("ok-1", "ok-2") + ",extra"
    )
    assert problems(triage_file, path) == [
        (2, "has 5 fields; the header has 9"),
        (4, "has 10 fields; the header has 9"),
    ]


def test_a_one_megabyte_field_is_a_problem_and_the_rest_is_triaged(write_export, triage_file) -> None:
    path = write_export(f"big,facebook,comment,2027-03-17T11:30:00+00:00,a,b,{'x' * 1_000_000},news,", GOOD)
    triaged = triage_file(path)
    assert problems(triage_file, path) == [(2, "has a field longer than 100000 characters")]
    assert [result.line for result in triaged.results] == [3]


def test_an_export_over_50_mib_is_refused_before_it_is_read(tmp_path, capsys) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: no 50 MiB is written
        handle.truncate(MAX_EXPORT_BYTES + 1)
    assert main(["triage", str(path)]) == 2
    assert "larger than 50 MiB" in capsys.readouterr().err


def test_a_header_only_export_triages_nothing(write_export, triage_file) -> None:
    triaged = triage_file(write_export())
    assert (triaged.rows_read, triaged.results, triaged.problems) == (0, [], [])


def test_an_empty_file_is_a_usage_error(tmp_path, capsys) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    assert main(["triage", str(path)]) == 2
    assert "is empty: no header row" in capsys.readouterr().err


def test_a_duplicate_id_is_a_problem_on_the_later_row(write_export, triage_file) -> None:
    path = write_export(GOOD, GOOD)
    triaged = triage_file(path)
    assert [result.line for result in triaged.results] == [2]
    assert problems(triage_file, path) == [(3, "column 'id' repeats the id of an earlier row")]


@pytest.mark.parametrize(
    "when",
    ["2027-02-30T10:00:00+00:00", "2027-03-17T25:00:00+00:00", "2027-03-17T10:00:00", "2027-03-17", "yesterday"],
)
def test_impossible_or_offsetless_dates_are_problems(write_export, triage_file, when: str) -> None:
    path = write_export(GOOD.replace("2027-03-17T11:30:00+00:00", when))
    assert problems(triage_file, path) == [(2, "column 'received_at' is not an ISO 8601 date-time with offset")]


def test_a_bad_reply_time_is_a_problem(write_export, triage_file) -> None:
    path = write_export(GOOD + "soon")
    assert problems(triage_file, path) == [(2, "column 'replied_at' is not an ISO 8601 date-time with offset")]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            GOOD.replace("facebook", "myspace"),
            "column 'network' is not one of facebook, x, instagram, linkedin, youtube",
        ),
        (GOOD.replace("comment", "review"), "column 'kind' is not one of comment, mention, message"),
        (GOOD.replace("lisa.cho", ""), "column 'author' is empty"),
        (GOOD.replace("Fallen tree on the path", "  "), "column 'text' is empty"),
    ],
)
def test_unknown_values_and_empty_required_values_are_problems(write_export, triage_file, row, message) -> None:
    assert problems(triage_file, write_export(row)) == [(2, message)]


def test_a_missing_required_column_is_a_usage_error(write_export, capsys) -> None:
    path = write_export("x-1,facebook,comment,a,b,text", header="id,network,kind,author,author_name,text")
    assert main(["triage", str(path)]) == 2
    assert capsys.readouterr().err == "policy-inbox: the export's header has no column 'received_at'\n"


def test_mapped_columns_are_read_by_their_own_names(tmp_path) -> None:
    path = tmp_path / "renamed.csv"
    path.write_text("Message ID,Network,Type,Date,Handle,Text\nr-1,x,message,2027-03-17T10:00:00Z,@a,Hello?\n")
    columns = {"id": "Message ID", "network": "Network", "kind": "Type", "received_at": "Date", "author": "Handle"}
    settings = InboxSettings(columns={**InboxSettings().columns, **columns, "text": "Text"})
    (message,) = list(read_export(path, settings))
    assert (message.id, message.kind, message.text) == ("r-1", "message", "Hello?")


def test_a_mapped_column_missing_names_both(tmp_path) -> None:
    path = tmp_path / "renamed.csv"
    path.write_text("id,network,kind,received_at,author,text\n")
    settings = InboxSettings(columns={**InboxSettings().columns, "author": "Handle"})
    with pytest.raises(ExportError, match="no column 'author' \\(named 'Handle' by the settings\\)"):
        list(read_export(path, settings))


def test_a_quote_out_of_place_is_a_problem(write_export, triage_file) -> None:
    path = write_export('q-1,facebook,comment,2027-03-17T11:30:00+00:00,a,"b"c,text,news,', GOOD)
    assert problems(triage_file, path) == [(2, "is not a valid CSV record (a quote out of place)")]


def test_a_record_over_several_lines_is_found_at_its_first_line(write_export, triage_file) -> None:
    path = write_export('m-1,facebook,comment,2027-03-17T11:30:00+00:00,a,b,"one\ntwo\nthree",news,', GOOD)
    assert [result.line for result in triage_file(path).results] == [2, 5]


def test_no_problem_message_holds_anything_of_the_export(write_export, triage_file) -> None:
    rows = [
        f"s-1,facebook,comment,2027-02-30T10:00:00+00:00,{SECRET},{SECRET},{SECRET},news,",
        f"s-2,facebook,{SECRET},2027-03-17T11:30:00+00:00,{SECRET},{SECRET},{SECRET},news,",
        f"s-3,{SECRET},comment,2027-03-17T11:30:00+00:00,a,b,{SECRET},news,{SECRET}",
        f"s-4,facebook,comment,2027-03-17T11:30:00+00:00,{SECRET}",
    ]
    for problem in triage_file(write_export(*rows)).problems:
        assert SECRET not in problem.message and "Verity" not in problem.message


def test_a_directory_is_a_usage_error(tmp_path, capsys) -> None:
    assert main(["triage", str(tmp_path)]) == 2
    assert "is not a file" in capsys.readouterr().err


def test_a_missing_export_is_a_usage_error(tmp_path, capsys) -> None:
    assert main(["triage", str(tmp_path / "nothing.csv")]) == 2
    assert "not found" in capsys.readouterr().err


def test_settings_out_of_range_name_the_file_and_line(write_export, tmp_path, capsys) -> None:
    export = write_export(GOOD)
    (tmp_path / ".policy-check.yaml").write_text("inbox:\n  repeat_breaches:\n    count: 0\n", encoding="utf-8")
    assert main(["triage", str(export)]) == 2
    assert capsys.readouterr().err.endswith(".policy-check.yaml:3:5: key 'count': must be more than 0\n")


@pytest.mark.parametrize("unit", ["gu51 4 ", "G1 ", "Gu5 1a", "b4 1", "SW1A"])
def test_a_field_of_near_postcodes_is_read_in_linear_time(write_export, triage_file, unit: str) -> None:
    """Runs that start a postcode at every word and never finish one (a backtracking pattern hangs here)."""
    text = unit * (99_000 // len(unit))
    found = [f"h-1,facebook,comment,2027-03-17T11:30:00+00:00,a,b,{text} gu51 4ae,news,"]
    path = write_export(f"h-0,facebook,comment,2027-03-17T11:30:00+00:00,a,b,{text},news,", *found)
    near, full = triage_file(path).results
    assert "personal-data" not in near.labels and "personal-data" in full.labels
