"""The consent register: read as YAML or CSV, and every broken register a usage error naming file, line and field.

Each broken register the content contract lists (unreadable or not UTF-8, a
missing ref or given, a bad date, expires before given, a duplicate ref, an
unknown channel, any other field or column) runs through policy-check's own
edge, in this process: exit 2 and one line on standard error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from checks.cli import main
from checks.policy.model import Policy
from checks.repo.register import REFERENCES_ONLY, Consent, load_register

POST = """\
---
title: Fleet library
channels: [facebook]
publish_at: 2027-02-01T09:30:00+00:00
type: news
approved_by: comms-team
media:
  - file: images/fleet-library.jpg
    alt: Two readers choosing books at Fleet library
    people: true
    consent: CR-1
    credit: Hart District Council
---
Fleet library opens until 7pm on Thursdays this month. #Fleet
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "library.md").write_text(POST, encoding="utf-8")
    (tmp_path / "consent").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(repo: Path, capsys: pytest.CaptureFixture[str], name: str, content: str | bytes) -> tuple[Run, Path]:
    """policy-check on the repo with ``consent/<name>`` as its register."""
    register = repo / "consent" / name
    register.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    (repo / ".policy-check.yaml").write_text(f"consent_register: consent/{name}\n", encoding="utf-8")
    code = main(["--format", "json", "."])
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err), register


# -- broken registers, YAML --------------------------------------------------------------------

NAMES_A_PERSON = f"field 'name' {REFERENCES_ONLY}"
BROKEN_YAML = [
    ("- {given: 2027-01-01}\n", "1:3", "field 'ref' is missing: every record needs a ref and the date it was given"),
    ("- ref: CR-1\n  given:\n", "2:3", "field 'given' is empty"),
    ("- ref: '  '\n  given: 2027-01-01\n", "1:3", "field 'ref' is empty"),
    ("- ref: CR-1\n", "1:3", "field 'given' is missing"),
    ("- {ref: CR-1, given: 1 June 2027}\n", "1:22", "field 'given' is '1 June 2027', not a date (YYYY-MM-DD)"),
    ("- {ref: CR-1, given: 2027-02-30}\n", "1:22", "field 'given': '2027-02-30' is not a real date"),
    ("- {ref: CR-1, given: 2027-01-01, withdrawn: 2027-13-01}\n", "1:45", "field 'withdrawn': '2027-13-01' is not"),
    ("- {ref: CR-1, given: 2027-06-01, expires: 2027-05-31}\n", "1:43", "field 'expires': 2027-05-31 is before given"),
    (
        "- {ref: CR-1, given: 2027-01-01}\n- {ref: ' CR-1', given: 2027-01-02}\n",
        "2:9",
        "already the ref of the record at line 1",
    ),
    (
        "- {ref: CR-1, given: 2027-01-01, channels: [facebook, tiktok]}\n",
        "1:44",
        "field 'channels': 'tiktok' is not a channel",
    ),
    (
        "- {ref: CR-1, given: 2027-01-01, channels: everywhere}\n",
        "1:44",
        "field 'channels' is 'everywhere', not all or a list",
    ),
    (
        "- {ref: CR-1, given: 2027-01-01, children: maybe}\n",
        "1:44",
        "field 'children' is 'maybe', not true, false or empty",
    ),
    ("- {ref: 12345, given: 2027-01-01}\n", "1:9", "field 'ref' is a number, not text (put it in quotes)"),
    ("- {ref: CR-1, given: 2027-01-01, name: Jo Bloggs}\n", "1:34", NAMES_A_PERSON),
    (
        "- {ref: CR-1, given: 2027-01-01, email: jo@example.com}\n",
        "1:34",
        "field 'email' is not one of the register's fields",
    ),
    (
        "- {ref: CR-1, given: 2027-01-01}\n- {ref: CR-2, given: 2027-01-01, phone: '07700 900123'}\n",
        "2:34",
        "it holds references only, and a name, an e-mail address or a phone number",
    ),
    ("ref: CR-1\ngiven: 2027-01-01\n", "1:1", "must be a list of consent records (- ref: ...), not a mapping"),
    ("- just words\n", "1:3", "a consent record must be a mapping of fields"),
    ("- {ref: CR-1, given: [\n", "2:1", "not valid YAML"),
]


def test_the_data_path_of_a_yaml_field_is_named_too(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    done, register = check(repo, capsys, "register.yaml", "- {ref: CR-0, given: 2027-01-01}\n- {ref: CR-1}\n")
    assert done.stderr == f"policy-check: {register}:2:3: field 'given' is missing: {_needs()} at $[1]\n"


def _needs() -> str:
    return "every record needs a ref and the date it was given"


# -- broken registers, CSV ---------------------------------------------------------------------

HEADER = "ref,given,expires,withdrawn,children,channels\n"
BROKEN_CSV = [
    (HEADER + "CR-1,,,,,\n", "2", "field 'given' is empty"),
    (HEADER + ",2027-01-01,,,,\n", "2", "field 'ref' is empty"),
    ("ref,expires\nCR-1,2027-01-01\n", "1", "has no column 'given'"),
    (HEADER + "CR-1,01/06/2027,,,,\n", "2", "field 'given' is '01/06/2027', not a date (YYYY-MM-DD)"),
    (HEADER + "CR-1,2027-04-31,,,,\n", "2", "field 'given': '2027-04-31' is not a real date"),
    (HEADER + "CR-1,2027-06-01,2027-01-01,,,\n", "2", "field 'expires': 2027-01-01 is before given 2027-06-01"),
    (
        HEADER + "CR-1,2027-01-01,,,,\n\nCR-1 ,2027-02-01,,,,\n",
        "4",
        "'CR-1' is already the ref of the record at line 2",
    ),
    (HEADER + "CR-1,2027-01-01,,,,facebook;myspace\n", "2", "field 'channels': 'myspace' is not a channel"),
    (HEADER + "CR-1,2027-01-01,,,yes,\n", "2", "field 'children' is 'yes', not true, false or empty"),
    (
        "ref,given,name\nCR-1,2027-01-01,Jo Bloggs\n",
        "1",
        f"column 'name' {REFERENCES_ONLY}",
    ),
    ("ref,given,Email\nCR-1,2027-01-01,jo@example.com\n", "1", "column 'Email' is not one of the register's fields"),
    ("ref,given,ref\nCR-1,2027-01-01,CR-2\n", "1", "column 'ref' is in the header twice"),
    (HEADER + "CR-1,2027-01-01\n", "2", "the row has 2 values and the header 6 columns"),
    (HEADER + '"CR-1,2027-01-01,,,,\n', "2", "is not valid CSV"),
    ("", "1", "is empty: a CSV register starts with a header row"),
]


@pytest.mark.parametrize(
    ("name", "text", "where", "problem"),
    [("register.yaml", *case) for case in BROKEN_YAML] + [("register.csv", *case) for case in BROKEN_CSV],
)
def test_a_broken_register_is_a_usage_error_naming_file_line_and_field(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, where: str, problem: str
) -> None:
    done, register = check(repo, capsys, name, text)
    assert (done.code, done.stdout) == (2, "")
    assert done.stderr.startswith(f"policy-check: {register}:{where}: "), done.stderr  # a CSV row has no column
    assert problem in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


# -- files that cannot be read ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("register.yaml", b"- {ref: CR-1, given: 2027-01-01}\n# caf\xe9\n", ":2:6: is not UTF-8 text (byte 0xE9)"),
        ("register.csv", b"ref,given\nCR-\xff1,2027-01-01\n", ":2:4: is not UTF-8 text (byte 0xFF)"),
        ("register.yaml", b"- {ref: CR-1, given: 2027-01-01}\n" + b"#" * (1024 * 1024), ": is larger than 1 MiB"),
        ("register.xlsx", b"PK\x03\x04", ": a consent register is a .yaml, .yml or .csv file, not '.xlsx'"),
    ],
)
def test_a_register_that_is_not_text_is_a_usage_error(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, problem: str
) -> None:
    done, register = check(repo, capsys, name, content)
    assert (done.code, done.stderr) == (2, f"policy-check: {register}{problem}\n")


def test_a_missing_register_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policy-check.yaml").write_text("consent_register: consent/nowhere.yaml\n", encoding="utf-8")
    assert main(["."]) == 2
    missing = repo / "consent" / "nowhere.yaml"
    assert capsys.readouterr().err == f"policy-check: {missing}: cannot be read: No such file or directory\n"


def test_a_consent_register_setting_that_is_not_a_path_is_a_settings_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".policy-check.yaml").write_text("consent_register: [a, b]\n", encoding="utf-8")
    assert main(["."]) == 2
    assert capsys.readouterr().err.startswith(
        f"policy-check: {repo / '.policy-check.yaml'}:1:19: key 'consent_register'"
    )


# -- registers that are good -------------------------------------------------------------------


def test_yaml_dates_quoted_or_not_and_empty_fields_take_their_defaults(policy: Policy, tmp_path: Path) -> None:
    path = tmp_path / "register.yml"
    path.write_text(
        "# References only.\n"
        "- ref: ' CR-1 '\n  given: 2026-06-06\n  expires:\n  withdrawn:\n  children:\n  channels:\n"
        "- {ref: CR-2, given: '2025-09-20', expires: 2026-09-24, withdrawn: '2026-01-01', children: true}\n"
        "- {ref: CR-3, given: 2027-01-01, channels: all}\n"
        "- {ref: CR-4, given: 2027-01-01, channels: [facebook, x]}\n",
        encoding="utf-8",
    )
    register = load_register(path, policy)
    assert register.records == {
        "CR-1": Consent("CR-1", date(2026, 6, 6)),
        "CR-2": Consent("CR-2", date(2025, 9, 20), date(2026, 9, 24), date(2026, 1, 1), children=True),
        "CR-3": Consent("CR-3", date(2027, 1, 1)),
        "CR-4": Consent("CR-4", date(2027, 1, 1), channels=frozenset({"facebook", "x"})),
    }
    assert register.find("  CR-1") == register.records["CR-1"]
    assert register.find("CR-10") is None and register.find("cr-1") is None


def test_csv_with_a_byte_order_mark_any_case_booleans_and_channel_lists(policy: Policy, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    rows = [
        " ref , given ,expires,withdrawn,children,channels",
        "CR-1,2026-06-06,,,TRUE,all",
        '"CR-2",2025-09-20,2026-09-24,2026-01-01,False, facebook ; instagram ',
        ",,,,,",  # a spreadsheet's empty row
        "CR-3,2027-01-01,,,,",
    ]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8") + b"\r\n")
    assert load_register(path, policy).records == {
        "CR-1": Consent("CR-1", date(2026, 6, 6), children=True),
        "CR-2": Consent(
            "CR-2", date(2025, 9, 20), date(2026, 9, 24), date(2026, 1, 1), False, frozenset({"facebook", "instagram"})
        ),
        "CR-3": Consent("CR-3", date(2027, 1, 1)),
    }


def test_the_register_path_is_relative_to_the_settings_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "consent" / "register.yaml").write_text("- {ref: CR-1, given: 2027-01-01}\n", encoding="utf-8")
    (repo / "settings").mkdir()
    (repo / "settings" / "policy.yaml").write_text("consent_register: ../consent/register.yaml\n", encoding="utf-8")
    assert main(["--config", "settings/policy.yaml", "posts"]) == 0
    assert capsys.readouterr().out == "1 file checked: no problems found\n"


def test_without_a_register_the_register_rules_do_not_run(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / ".policy-check.yaml").write_text("approvers: [comms-team]\n", encoding="utf-8")
    assert main(["."]) == 0  # CR-1 is in no register, and nothing says so
    assert capsys.readouterr().out == "1 file checked: no problems found\n"
