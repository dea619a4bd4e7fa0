"""The ``analytics`` section of .policy-check.yaml: its keys work, and its errors name the file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest
from analytics_helpers import line, row

from checks.analytics.cli import main

RENAMED = {
    "Date": "Sent at",
    "Network": "Channel",
    "Post": "Message",
    "Impressions": "Views",
    "Engagements": "Interactions",
    "Post Link Clicks": "Clicks",
}


def settings_file(folder: Path, text: str) -> Path:
    path = folder / ".policy-check.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_columns_are_read_by_the_names_the_settings_give_them_without_case(export, run, tmp_path) -> None:
    mapping = "".join(f"    {column}: {name}\n" for column, name in RENAMED.items())
    settings_file(tmp_path, f"analytics:\n  columns:\n{mapping}")
    header = ("SENT AT", "channel", "message", "views", "Interactions ", "clicks", "Sent by")
    status, data = run(export(line("05/01/2027 10:00", "X", "Car park", "1,240", 22, 6, "A Person"), header=header))
    assert status == 0
    assert (data["totals"]["impressions"], data["totals"]["engagements"], data["totals"]["link_clicks"]) == (
        1240,
        22,
        6,
    )


def test_a_renamed_column_missing_names_both_names(export, tmp_path, capsys) -> None:
    settings_file(tmp_path, "analytics:\n  columns:\n    Impressions: Views\n")
    path = export(row("05/01/2027 10:00", "X", "Car park"))
    assert main(["report", str(path)]) == 2
    assert capsys.readouterr().err.endswith("has no column 'Impressions' (named 'Views' by the settings)\n")


def test_the_settings_are_found_upward_from_the_post_exports_folder(export, run, tmp_path) -> None:
    settings_file(tmp_path, "analytics:\n  date_format: mm/dd/yyyy\n")
    path = export(row("07/01/2027 16:00", "Facebook", "Winter Warmer"), folder=tmp_path / "exports" / "2027")
    _, data = run(path)
    assert data["period"]["from"] == "2027-07-01"


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("  top: 0\n", ".policy-check.yaml:2:3: key 'top': must be 1 or more"),
        ("  top: many\n", ".policy-check.yaml:2:8: key 'analytics': expected integer, got string at $.analytics.top"),
        (
            "  date_format: yyyy/mm/dd\n",
            ".policy-check.yaml:2:16: key 'analytics': 'yyyy/mm/dd' is not one of: dd/mm/yyyy, mm/dd/yyyy at "
            "$.analytics.date_format",
        ),
        (
            "  columns:\n    Dates: When\n",
            ".policy-check.yaml:3:5: key 'analytics': unknown key 'Dates' (did you mean 'Date'?) at "
            "$.analytics.columns.Dates",
        ),
        (
            "  columns:\n    Reach: ''\n",
            ".policy-check.yaml:3:12: key 'analytics': must not be empty at $.analytics.columns",
        ),
        ("  sort: rate\n", ".policy-check.yaml:2:3: key 'analytics': unknown key 'sort' at $.analytics.sort"),
        (
            "  columns:\n    Reach: impressions\n",
            ".policy-check.yaml:3:5: key 'Reach': the header 'impressions' is also the column 'Impressions'",
        ),
        (
            "  columns:\n    Audience: Fans\n    Net Audience Growth: fans\n",
            ".policy-check.yaml:4:5: key 'Net Audience Growth': the header 'fans' is also the column 'Audience'",
        ),
    ],
)
def test_a_bad_section_is_a_usage_error_naming_file_line_and_key(
    export, tmp_path, capsys, section: str, message: str
) -> None:
    settings_file(tmp_path, "analytics:\n" + section)
    assert main(["report", str(export(row("05/01/2027 10:00", "X", "Car park")))]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policy-analytics: ") and err.count("\n") == 1
    assert message in err, err


def test_one_header_may_name_a_column_of_each_export(export, run, tmp_path) -> None:
    """One map serves both exports: a header may stand for one column of each, never for two of one."""
    settings_file(tmp_path, "analytics:\n  columns:\n    Engagements: Total\n    Audience: Total\n")
    posts = export(
        line("05/01/2027 10:00", "X", "Car park", 10, 1), header=("Date", "Network", "Post", "Impressions", "Total")
    )
    profiles = export(
        line("05/01/2027", "X", "Hart", "9,870", -2),
        header=("Date", "Network", "Profile", "Total", "Net Audience Growth"),
        name="p.csv",
    )
    status, data = run("--profiles", profiles, posts)
    assert status == 0
    assert data["totals"]["engagements"] == 1 and data["followers"][0]["end"] == 9870
