"""policy-inbox report: the acceptance figures exactly, the period, nulls, nearest rank, working time, the outputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from checks.charts import duration
from checks.inbox.cli import main
from checks.inbox.report import hours, middle, nearest_rank, report_export
from checks.inbox.settings import load_inbox_settings
from checks.policy.labels import load_labels
from checks.policy.loader import load_policy
from checks.repo.settings import settings_for_export

TARGET = "inbox:\n  council_accounts: ['@HartDC']\n  reply_target_hours: 4\n"


@pytest.fixture(scope="module")
def expected(corpus: Path) -> dict[str, Any]:
    return yaml.safe_load((corpus / "expected-report.yaml").read_text(encoding="utf-8"))


def run(*arguments: str, output: Path) -> tuple[int, str]:
    status = main(["report", *arguments, "-o", str(output)])
    return status, output.read_text(encoding="utf-8") if output.exists() else ""


def report_json(export: Path, tmp_path: Path, *arguments: str) -> dict[str, Any]:
    status, text = run("--format", "json", *arguments, str(export), output=tmp_path / "report.json")
    assert status == 0
    return json.loads(text)


def without_per_row(data: Any) -> Any:
    """The expected figures less their ``per_row`` notes (the ids behind each figure, checked on their own)."""
    if isinstance(data, dict):
        return {key: without_per_row(value) for key, value in data.items() if key != "per_row"}
    return data


# -- the acceptance corpus -------------------------------------------------------------------


def test_the_acceptance_report_equals_expected_report_yaml(corpus, expected, tmp_path) -> None:
    data = report_json(corpus / "inbox.csv", tmp_path)
    assert data.pop("policy_version") == "2024.1"
    assert data.pop("period") == {"from": "2027-03-08", "to": "2027-04-09"}
    wanted = without_per_row(expected)
    wanted["foi"]["due"] = {request: due.isoformat() for request, due in wanted["foi"]["due"].items()}
    assert data == wanted
    assert list(data["labels"])[-1] == "none"


def test_the_acceptance_per_row_times_are_the_expected_ones(corpus, expected) -> None:
    policy, labels = load_policy(), load_labels()
    export = corpus / "inbox.csv"
    settings, inbox = load_inbox_settings(settings_for_export(export, None), policy)
    figures, _ = report_export(export, policy, labels, settings, inbox)
    replies = {row: hours(seconds, 4) for row, seconds in figures.reply_seconds}
    assert replies == expected["needs_reply"]["first_reply_working_hours"]["per_row"]
    assert list(replies) == list(expected["needs_reply"]["first_reply_working_hours"]["per_row"])  # by value
    emergencies = {row: hours(seconds, 4) for row, seconds in figures.emergencies}
    assert emergencies == expected["out_of_hours_emergencies"]["per_row"]
    assert sorted(figures.unanswered) == ["in-011", "in-012", "in-035"]


# -- statistics ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "p90"),
    [
        ([], None),
        ([7.0], 7.0),
        ([2.0, 1.0], 2.0),  # rank ceil(1.8) = 2
        ([float(n) for n in range(1, 11)], 9.0),  # rank 9 exactly: 0.9 * 10 in floats would give 10
        ([float(n) for n in range(1, 14)], 12.0),  # the acceptance count: rank ceil(11.7) = 12
        ([float(n) for n in range(1, 21)], 18.0),
    ],
)
def test_p90_is_the_nearest_rank(values, p90) -> None:
    assert nearest_rank(values, 90) == p90


def test_median_of_an_even_count_is_the_mean_of_the_middle_two_and_of_none_is_none() -> None:
    assert middle([1.0, 2.0, 4.0, 10.0]) == 3.0
    assert middle([]) is None


def test_hours_round_half_up_and_read_as_words() -> None:
    assert hours(37.5 * 60) == 0.63
    assert hours(None) is None
    assert duration(0.75) == "45 minutes"
    assert duration(5.0) == "5 hours"
    assert duration(2.67) == "2 hours 40 minutes"
    assert duration(0.0) == "0 minutes"
    assert duration(None) == "none"


# -- working time and the period ------------------------------------------------------------------

HEADER = "id,network,kind,received_at,author,author_name,text,post_type,replied_at"


@pytest.fixture
def export(tmp_path: Path):
    def write(*rows: str, settings: str = TARGET) -> Path:
        (tmp_path / ".policy-check.yaml").write_text(settings, encoding="utf-8")
        path = tmp_path / "inbox.csv"
        path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
        return path

    return write


def message(row: str, received: str, replied: str = "", text: str = "Is the tip open?", kind: str = "message") -> str:
    return f"{row},facebook,{kind},{received},resident.{row},,{text},,{replied}"


def test_working_time_skips_a_weekend_a_bank_holiday_and_is_elapsed_across_the_clock_change(export, tmp_path) -> None:
    path = export(
        # Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday
        message("weekend", "2027-03-12T16:00:00+00:00", "2027-03-15T10:00:00+00:00"),
        # Thursday 16:30 before Good Friday to Tuesday 09:30 after Easter Monday, British Summer Time by then
        message("easter", "2027-03-25T16:30:00+00:00", "2027-03-30T09:30:00+01:00"),
        # Wednesday 09:00 to 13:00 the same day: four hours, at the target
        message("same-day", "2027-03-17T09:00:00+00:00", "2027-03-17T13:00:00+00:00"),
    )
    data = report_json(path, tmp_path)
    replies = data["needs_reply"]
    assert replies["first_reply_working_hours"] == {"median": 2.0, "p90": 4.0}
    assert replies["within_target"] == 1.0  # 4 hours is at the target, so within it


def test_out_of_hours_emergencies_count_elapsed_time_across_the_clock_change(export, tmp_path) -> None:
    path = export(
        # 00:35 GMT to 07:05 BST on 28 March 2027: 6.5 hours on the wall clock, 5.5 hours elapsed
        message("night", "2027-03-28T00:35:00+00:00", "2027-03-28T07:05:00+01:00", "Fallen tree on the road"),
        # Saturday, no reply yet: counted, not replied
        message("saturday", "2027-03-13T10:00:00+00:00", "", "Smell of gas in the street"),
        # a working day at 10:00: inside working hours, so not counted
        message("office", "2027-03-17T10:00:00+00:00", "2027-03-17T10:30:00+00:00", "Flooding on the lane"),
    )
    assert report_json(path, tmp_path)["out_of_hours_emergencies"] == {
        "count": 2,
        "replied": 1,
        "median_hours_to_first_reply": 5.5,
    }


def test_from_and_to_keep_the_london_days_given(export, tmp_path) -> None:
    path = export(
        message("before", "2027-03-14T23:59:00+00:00", "2027-03-15T09:30:00+00:00"),
        # 23:30 UTC on 31 March is 00:30 on 1 April in London: outside a period ending 31 March
        message("late", "2027-03-31T23:30:00+00:00", "2027-04-01T09:30:00+01:00"),
        message("inside", "2027-03-15T00:10:00+00:00", "2027-03-15T10:00:00+00:00"),
    )
    data = report_json(path, tmp_path, "--from", "2027-03-15", "--to", "2027-03-31")
    assert data["period"] == {"from": "2027-03-15", "to": "2027-03-31"}
    assert data["rows_triaged"] == 1
    assert data["needs_reply"]["first_reply_working_hours"] == {"median": 1.0, "p90": 1.0}
    everything = report_json(path, tmp_path)
    assert everything["period"] == {"from": "2027-03-14", "to": "2027-04-01"}


def test_no_target_gives_nulls_and_no_values_give_null_medians(export, tmp_path) -> None:
    path = export(message("quiet", "2027-03-17T10:00:00+00:00", "", "Thanks all sorted", "comment"), settings="")
    data = report_json(path, tmp_path)
    assert data["needs_reply"] == {
        "count": 0,
        "replied": 0,
        "unanswered": 0,
        "first_reply_working_hours": {"median": None, "p90": None},
        "reply_target_hours": None,
        "within_target": None,
    }
    assert data["out_of_hours_emergencies"]["median_hours_to_first_reply"] is None
    assert data["labels"]["none"] == 1
    assert all(count == 0 for label, count in data["labels"].items() if label != "none")


def test_an_empty_period_has_its_dates_and_no_rows(export, tmp_path) -> None:
    path = export(message("one", "2027-03-17T10:00:00+00:00"))
    data = report_json(path, tmp_path, "--from", "2027-06-01", "--to", "2027-06-30")
    assert data["period"] == {"from": "2027-06-01", "to": "2027-06-30"}
    assert data["rows_triaged"] == 0


@pytest.mark.parametrize(
    "arguments",
    [("--from", "2027-02-30"), ("--from", "2027-04-02", "--to", "2027-04-01"), ("--format", "csv")],
    ids=["impossible-date", "to-before-from", "triage-only-format"],
)
def test_usage_errors_exit_2(export, tmp_path, capsys, arguments) -> None:
    path = export(message("one", "2027-03-17T10:00:00+00:00"))
    try:
        status = main(["report", *arguments, str(path)])
    except SystemExit as stop:  # argparse's own usage errors
        status = stop.code
    assert status == 2
    assert "policy-inbox" in capsys.readouterr().err


def test_a_row_with_a_problem_exits_1_and_is_not_triaged(export, tmp_path) -> None:
    path = export(message("one", "2027-03-17T10:00:00+00:00"), message("two", "not-a-date"))
    status, text = run("--format", "json", str(path), output=tmp_path / "out.json")
    assert status == 1
    assert json.loads(text)["rows_not_triaged"] == 1
