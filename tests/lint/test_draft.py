"""One post checked from its text (``checks.lint.draft``): what the staff page runs, and the same answers as the CLI.

Each case runs ``policy-check --format json`` on files in this process (its own
edge, ``checks.cli.main``) and ``check_draft`` on the same bytes, and compares
the two: the report object, or a broken settings file's or register's message.
The browser runs ``check_draft`` too (tests/site/test_check_a_draft.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from checks.cli import main
from checks.lint import draft
from checks.lint.draft import Given, check_draft
from checks.policy import snapshot
from checks.policy.errors import DataError
from checks.policy.model import Policy

PROJECT = Path(__file__).resolve().parents[2]
EXAMPLE = PROJECT / "examples" / "content-repo"
POST = """\
---
title: Yateley Green Gym
channels: [facebook]
publish_at: 2027-02-04T10:00:00+00:00
type: event
approved_by: comms-team
media:
  - file: images/yateley-green-gym.jpg
    alt: Volunteers planting a hedge on Yateley Common
    people: true
    consent: CR-1
    credit: Hart District Council
---
Join the Green Gym on Yateley Common every Thursday from 10am. #Yateley
"""


def cli(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(arguments)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# -- the same report as policy-check -----------------------------------------------------------


def reports_by_file(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict:
    """policy-check's findings for every file of ``folder`` (one run, with the folder's settings), by path."""
    monkeypatch.chdir(folder)
    code, out, err = cli(["--format", "json", "."], capsys)
    assert code in (0, 1), err
    report = json.loads(out)
    found: dict[str, list[dict]] = {}
    for finding in report["findings"]:
        found.setdefault(finding["path"], []).append(finding)
    return found


def settings_of(folder: Path) -> dict[str, bytes | str]:
    """The folder's settings file and the register it names, as the page is given them."""
    given: dict[str, bytes | str] = {"settings": (folder / ".policy-check.yaml").read_bytes()}
    named = [line.split(":", 1)[1].strip() for line in given["settings"].decode().splitlines()
             if line.startswith("consent_register:")]  # fmt: skip
    if named:
        given["register"] = (folder / named[0]).read_bytes()
    return given


@pytest.mark.parametrize("corpus", ["example", "acceptance", "consent-acceptance"])
def test_every_post_gives_what_policy_check_prints_for_it(
    corpus: str, request: pytest.FixtureRequest, policy: Policy, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    folder = EXAMPLE if corpus == "example" else request.getfixturevalue("shared") / corpus
    expected = reports_by_file(folder, capsys, monkeypatch)
    given = settings_of(folder)
    posts = sorted(path.relative_to(folder).as_posix() for path in (folder / "posts").glob("*.md"))
    assert len(posts) >= 10
    for post in posts:
        report = check_draft(policy, (folder / post).read_bytes(), path=post, **given)
        assert report == {"policy_version": policy.meta.version, "files_checked": 1, "findings": expected.get(post, [])}


def test_one_file_on_the_command_line_prints_the_same_object(
    policy: Policy, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "draft.md").write_text(POST.replace("Join the", "Call 07700 900123 to join the"))
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(["--format", "json", "draft.md"], capsys)
    assert code == 1
    assert json.loads(out) == check_draft(policy, (tmp_path / "draft.md").read_text())


# -- text that no file on disk could hold, and text that is too large ----------------------------------


def test_text_that_is_not_utf8_is_file_unreadable_at_its_place(policy: Policy) -> None:
    (finding,) = check_draft(policy, POST.replace("Thursday", "Thursday \udc80"))["findings"]
    assert (finding["rule"], finding["line"], finding["column"]) == ("file-unreadable", 14, 53)
    assert finding["message"] == "File is not UTF-8 text (byte 0xED)"


def test_a_post_over_1_mib_is_refused_unread(policy: Policy) -> None:
    (finding,) = check_draft(policy, POST + "x" * (1024 * 1024))["findings"]
    assert (finding["rule"], finding["message"]) == ("file-unreadable", "File is larger than 1 MiB")
    assert check_draft(policy, POST + "x" * (1024 * 1024 - len(POST)))["findings"] != [finding]


def test_a_path_with_control_characters_is_shown_escaped(policy: Policy) -> None:
    report = check_draft(policy, "no front matter\n", path="posts/a\nb.md")
    assert [finding["path"] for finding in report["findings"]] == ["posts/a\\x0ab.md"]


# -- broken settings and registers: the command line's message ---------------------------------------

BROKEN_SETTINGS = [
    "partners: [unclosed\n",
    "- a list\n",
    "rules:\n  alt-text-mising: off\n",
    "election_periods:\n  - {name: May, start: 2027-05-40, end: 2027-05-06}\n",
    "partners: 5\n",
    "approvers:\n  - comms-team\n  -\t r.chen\n",
    "\xff\n".encode("latin-1"),
]


@pytest.mark.parametrize("text", BROKEN_SETTINGS)
def test_broken_settings_give_the_command_lines_message(
    text: str | bytes, policy: Policy, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    raw = text.encode() if isinstance(text, str) else text
    (tmp_path / ".policy-check.yaml").write_bytes(raw)
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(["--format", "json", "--config", ".policy-check.yaml", "post.md"], capsys)
    assert (code, out) == (2, "")
    with pytest.raises(DataError) as raised:
        check_draft(policy, POST, settings=raw)
    assert err == f"policy-check: {raised.value}\n"


BROKEN_REGISTERS = [
    ("register.yaml", "- ref: CR-1\n"),
    ("register.yaml", "- {ref: CR-1, given: 2027-02-30}\n"),
    ("register.yaml", "- {ref: CR-1, given: 2027-01-01, name: Sam}\n"),
    ("register.csv", "ref,given,email\nCR-1,2027-01-01,sam@example.com\n"),
    ("register.csv", "ref,given\nCR-1,2027-01-01\nCR-1,2027-01-02\n"),
]


@pytest.mark.parametrize(("name", "text"), BROKEN_REGISTERS)
def test_a_broken_register_gives_the_command_lines_message(
    name: str, text: str, policy: Policy, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    settings = f"consent_register: consent/{name}\n"
    (tmp_path / ".policy-check.yaml").write_text(settings, encoding="utf-8")
    (tmp_path / "consent").mkdir()
    (tmp_path / "consent" / name).write_text(text, encoding="utf-8")
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = cli(["--format", "json", "--config", ".policy-check.yaml", "post.md"], capsys)
    assert code == 2
    with pytest.raises(DataError) as raised:
        check_draft(policy, POST, settings=settings, register=text, register_name=name)
    assert err == f"policy-check: {raised.value}\n"


def test_a_register_in_csv_passes_as_the_same_register_in_yaml(policy: Policy) -> None:
    settings = "consent_register: consent/register.csv\n"
    csv = "ref,given,channels\nCR-1,2027-01-01,facebook;x\n"
    clean = check_draft(policy, POST, settings=settings, register=csv, register_name="register.csv")
    assert clean["findings"] == []
    yaml = "- {ref: CR-1, given: 2027-01-01, channels: [facebook, x]}\n"
    same = check_draft(policy, POST, settings=settings.replace(".csv", ".yaml"), register=yaml)
    assert same == clean


def test_the_settings_name_decides_the_registers_format(policy: Policy) -> None:
    yaml = "- {ref: CR-1, given: 2027-01-01}\n"
    with pytest.raises(DataError, match=r"^register\.yaml: is a YAML file, but the settings name the register "):
        check_draft(policy, POST, settings="consent_register: r.csv\n", register=yaml, register_name="register.yaml")
    with pytest.raises(DataError, match=re.escape("r.csv:1: column '- {ref: CR-1' is not one of the register's")):
        check_draft(policy, POST, settings="consent_register: r.csv\n", register=yaml)  # read as CSV, as the CLI would


def test_a_register_the_settings_do_not_name_and_a_named_one_not_given_are_refused(policy: Policy) -> None:
    with pytest.raises(DataError, match="is not used: the settings name no consent register"):
        check_draft(policy, POST, settings="partners: []\n", register="[]\n")
    with pytest.raises(DataError, match=r"^\.policy-check\.yaml: names the consent register 'c/r\.yaml': give that"):
        check_draft(policy, POST, settings="consent_register: c/r.yaml\n")


def test_no_settings_is_the_policy_alone(policy: Policy) -> None:
    findings = check_draft(policy, POST.replace("comms-team", "anyone at all"))["findings"]
    assert [finding["rule"] for finding in findings] == []  # no approvers: any name passes
    named = check_draft(policy, POST.replace("comms-team", "anyone"), settings="approvers: [comms-team]\n")
    assert [finding["rule"] for finding in named["findings"]] == ["approval-missing"]


def test_the_engine_is_kept_for_the_same_settings_only(policy: Policy) -> None:
    given = Given(b"approvers: [comms-team]\n")
    first = draft._ENGINES.get(policy, given)
    assert draft._ENGINES.get(policy, Given(b"approvers: [comms-team]\n")) is first
    assert draft._ENGINES.get(policy, Given(b"approvers: [r.chen]\n")) is not first


# -- the policy, as the site build hands it to the browser ---------------------------------------------


def test_the_snapshot_is_the_policy_less_its_raw_files_and_folder(policy: Policy, tmp_path: Path) -> None:
    data = snapshot.dumps(policy)
    assert data == snapshot.dumps(policy), "the same policy gives the same bytes"
    assert str(PROJECT).encode() not in data, "the build machine's folders stay out of it"
    read = snapshot.loads(data, tmp_path)
    assert read == replace(policy, raw={}, folder=str(tmp_path))
    assert read.schema_dir == tmp_path / "schemas"
    assert check_draft(read, POST) == check_draft(policy, POST)


def test_a_snapshot_of_something_else_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="not a policy snapshot: dict"):
        snapshot.loads(__import__("pickle").dumps({"a": 1}), tmp_path)


def test_the_snapshot_is_the_same_bytes_built_afresh_or_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    from checks.caches import clear_caches
    from checks.policy.loader import load_policy

    monkeypatch.setenv("POLICY_CHECK_CACHE_DIR", str(tmp_path))
    built = load_policy()  # the cache is empty: built afresh, then written
    clear_caches()
    cached = load_policy()
    assert cached is not built and cached == built
    assert snapshot.dumps(cached) == snapshot.dumps(built)  # the site's archive does not hang on the cache
