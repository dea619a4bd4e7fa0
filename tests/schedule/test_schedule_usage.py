"""policy-schedule's usage errors: exit status 2, one clear line, no traceback, nothing written."""

from __future__ import annotations

import pytest


def usage_error(capsys, argv: list[str]) -> str:
    """argparse's own errors: its usage, then one line that says what is wrong."""
    from checks.schedule.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.splitlines()[-1]


def test_out_is_required(repo, capsys) -> None:
    line = usage_error(capsys, ["sprout", "posts"])
    assert line == "policy-schedule sprout: error: the following arguments are required: -o/--out"


def test_a_path_is_required(repo, capsys) -> None:
    line = usage_error(capsys, ["calendar", "--out", "c.ics"])
    assert line == "policy-schedule calendar: error: the following arguments are required: PATH"


def test_a_command_is_required(repo, capsys) -> None:
    assert "required: COMMAND" in usage_error(capsys, [])


def test_a_bad_now(repo, capsys) -> None:
    line = usage_error(capsys, ["sprout", "--now", "tomorrow", "--out", "out", "posts"])
    assert line == (
        "policy-schedule sprout: error: argument --now: 'tomorrow' is not a date (2027-01-31)"
        " or a date-time (2027-01-31T09:00:00+00:00)"
    )


def test_a_bad_to(repo, capsys) -> None:
    assert "argument --to: '2027-02-30' is not a date" in usage_error(
        capsys, ["sprout", "--to", "2027-02-30", "--out", "out", "posts"]
    )


def test_a_bad_date_format(repo, capsys) -> None:
    line = usage_error(capsys, ["sprout", "--date-format", "yyyy-mm-dd", "--out", "out", "posts"])
    assert line.startswith("policy-schedule sprout: error: argument --date-format: invalid choice: 'yyyy-mm-dd'")


@pytest.mark.parametrize("command", ["sprout", "calendar"])
def test_a_path_that_does_not_exist(repo, schedule, command) -> None:
    done = schedule(command, "--out", "out", "nowhere")
    assert (done.status, done.out, done.err) == (2, "", "policy-schedule: path 'nowhere' not found\n")
    assert not (repo.root / "out").exists()


def test_a_settings_file_that_does_not_exist(repo, schedule) -> None:
    done = schedule("sprout", "--config", "missing.yaml", "--out", "out", "posts")
    assert (done.status, done.err) == (2, "policy-schedule: settings file 'missing.yaml' not found\n")


@pytest.mark.parametrize("command", ["sprout", "calendar"])
def test_a_broken_settings_file(repo, schedule, command) -> None:
    repo.settings("approvers: [comms-team\n")
    repo.post("a")
    done = schedule(command, "--out", "out", "posts")
    assert done.status == 2
    assert done.err.startswith("policy-schedule: ") and ".policy-check.yaml" in done.err
    assert done.err.count("\n") == 1 and "Traceback" not in done.err
    assert not (repo.root / "out").exists()


def test_an_unknown_setting(repo, schedule) -> None:
    repo.settings("aprovers: [comms-team]\n")
    done = schedule("sprout", "--out", "out", "posts")
    assert done.status == 2
    assert "aprovers" in done.err and done.err.count("\n") == 1


def test_to_before_from(repo, schedule) -> None:
    done = schedule("sprout", "--from", "2027-03-01", "--to", "2027-02-01", "--out", "out", "posts")
    assert (done.status, done.err) == (2, "policy-schedule: --to is before --from\n")
