"""policy-schedule sprout: Sprout Social's bulk CSVs, which posts go, and why the others do not."""

from __future__ import annotations

from pathlib import Path

import pytest
from schedule_helpers import EXAMPLE, GOLDEN, NOW, rows

OUT = "out"


# -- the example content repo, byte for byte ------------------------------------------------


def test_the_example_repo_gives_the_golden_files(schedule, monkeypatch, tmp_path) -> None:
    monkeypatch.chdir(EXAMPLE)
    out = tmp_path / "sprout"
    done = schedule("sprout", "--out", str(out), ".")
    assert done.status == 1  # the example holds failing posts on purpose
    names = ["sprout-facebook.csv", "sprout-instagram.csv", "sprout-x.csv", "media-checklist.md"]
    assert sorted(path.name for path in out.iterdir()) == sorted(names)
    for name in names:
        assert (out / name).read_bytes() == (GOLDEN / name).read_bytes(), name
    assert done.err == (GOLDEN / "refused.txt").read_text(encoding="utf-8")
    assert done.out.splitlines() == [
        f"{out / 'sprout-facebook.csv'}: 8 messages",
        f"{out / 'sprout-instagram.csv'}: 3 messages",
        f"{out / 'sprout-x.csv'}: 4 messages",
        f"{out / 'media-checklist.md'}: 15 messages",
    ]


def test_the_example_refuses_exactly_the_posts_with_errors(schedule, monkeypatch, tmp_path) -> None:
    import yaml

    monkeypatch.chdir(EXAMPLE)
    done = schedule("sprout", "--out", str(tmp_path), ".")
    expected = yaml.safe_load((EXAMPLE / "expected.yaml").read_text(encoding="utf-8"))
    refused = {line.split(": ")[1] for line in done.refused}
    assert refused == {post for post, errors in expected.items() if errors}


def test_the_readme_quotes_the_head_of_the_real_sprout_x_csv() -> None:
    readme = (GOLDEN.parents[2] / "README.md").read_text(encoding="utf-8")
    quoted = readme.split("The head of `sprout-x.csv`:\n\n```text\n", 1)[1].split("```", 1)[0]
    golden = (GOLDEN / "sprout-x.csv").read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    assert quoted.count("\n") >= 2 and golden.startswith(quoted)


# -- the CSV format ---------------------------------------------------------------------------


def test_header_bom_crlf_and_rfc4180_quoting(repo, schedule) -> None:
    repo.post("quoted", channels=["x"], text={"x": 'Bins, boxes and "bags"\\\nall go out by 7am 🗑️'})  # a hard break
    done = schedule("sprout", "--out", OUT, "posts")
    assert done.status == 0, done.err
    data = (repo.root / OUT / "sprout-x.csv").read_bytes()
    assert data == (
        b"\xef\xbb\xbfdate,time_24hr,message_text\r\n"
        + '01/02/2027,09:30,"Bins, boxes and ""bags""\nall go out by 7am 🗑️"\r\n'.encode()
    )
    message = 'Bins, boxes and "bags"\nall go out by 7am 🗑️'
    assert rows(repo.root / OUT / "sprout-x.csv")[1] == ["01/02/2027", "09:30", message]


def test_mm_dd_yyyy(repo, schedule) -> None:
    repo.post("a", publish_at="2027-02-03T09:30:00+00:00")
    schedule("sprout", "--date-format", "mm/dd/yyyy", "--out", OUT, "posts")
    assert rows(repo.root / OUT / "sprout-facebook.csv")[1][:2] == ["02/03/2027", "09:30"]


@pytest.mark.parametrize(
    ("publish_at", "day", "time"),
    [
        ("2027-03-28T00:30:00+00:00", "28/03/2027", "00:30"),  # still GMT
        ("2027-03-28T01:30:00+00:00", "28/03/2027", "02:30"),  # BST began at 01:00 GMT
        ("2027-03-28T23:30:00+00:00", "29/03/2027", "00:30"),  # the next day in London
        ("2027-06-01T09:30:00+01:00", "01/06/2027", "09:30"),
        ("2027-06-01T08:30:00Z", "01/06/2027", "09:30"),
        ("2027-10-31T01:30:00+00:00", "31/10/2027", "01:30"),  # back to GMT at 01:00 GMT
        ("2027-06-01", "01/06/2027", "09:00"),  # a date alone is 09:00 London
    ],
)
def test_london_time_whatever_the_offset(repo, schedule, publish_at, day, time) -> None:
    repo.post("a", publish_at=publish_at)
    done = schedule("sprout", "--out", OUT, "posts")
    assert done.status == 0, done.err
    assert rows(repo.root / OUT / "sprout-facebook.csv")[1][:2] == [day, time]


def test_both_sides_of_the_clock_change_in_one_file(repo, schedule) -> None:
    repo.post("before", publish_at="2027-03-28T00:30:00+00:00")
    repo.post("after", publish_at="2027-03-28T01:30:00+00:00")
    schedule("sprout", "--out", OUT, "posts")
    assert [row[:2] for row in rows(repo.root / OUT / "sprout-facebook.csv")[1:]] == [
        ["28/03/2027", "00:30"],
        ["28/03/2027", "02:30"],
    ]


def test_message_is_the_text_the_channel_publishes(repo, schedule) -> None:
    media = [{"file": "images/pond.jpg", "alt": "Ducks on Fleet Pond at sunrise", "credit": "Hart District Council"}]
    body = (
        "Fleet Pond is lovely this week 🦆 #FleetPond\n"
        "![Ducks on Fleet Pond at sunrise](images/pond.jpg)\n"
        "Read about [the nature reserve](https://www.hart.gov.uk/fleet-pond).\n\n"
    )
    repo.post("pond", body=body, channels=["facebook", "x"], media=media, text={"x": "Our own words for x #FleetPond"})
    done = schedule("sprout", "--out", OUT, "posts")
    assert done.status == 0, done.err
    assert rows(repo.root / OUT / "sprout-facebook.csv")[1][2] == (
        "Fleet Pond is lovely this week 🦆 #FleetPond Read about the nature reserve https://www.hart.gov.uk/fleet-pond."
    )
    assert rows(repo.root / OUT / "sprout-x.csv")[1][2] == "Our own words for x #FleetPond"


def test_rows_in_time_order_one_file_per_channel(repo, schedule) -> None:
    repo.post("late", publish_at="2027-02-03T09:00:00+00:00", channels=["facebook", "linkedin"])
    repo.post("early", publish_at="2027-02-02T09:00:00+00:00", body="Early one. #Hart\n")
    done = schedule("sprout", "--out", OUT, "posts")
    assert done.status == 0, done.err
    written = sorted(path.name for path in (repo.root / OUT).glob("*.csv"))
    assert written == ["sprout-facebook.csv", "sprout-linkedin.csv"]
    assert [row[0] for row in rows(repo.root / OUT / "sprout-facebook.csv")[1:]] == ["02/02/2027", "03/02/2027"]


def test_351_messages_are_split_in_time_order(repo, schedule) -> None:
    for number in range(351):
        minutes = 351 * 15 - number * 15  # written in reverse time order
        hour, minute = divmod(minutes, 60)
        day = 1 + hour // 24
        repo.post(f"p{number:03}", publish_at=f"2027-02-{day:02}T{hour % 24:02}:{minute:02}:00+00:00", channels=["x"])
    done = schedule("sprout", "--out", OUT, "posts")
    assert done.status == 0, done.err
    first, second = rows(repo.root / OUT / "sprout-x.csv"), rows(repo.root / OUT / "sprout-x-2.csv")
    assert len(first) == 351 and len(second) == 2  # with the header
    assert first[1][:2] == ["01/02/2027", "00:15"]
    assert second[1][:2] == ["04/02/2027", "15:45"]  # the latest message, alone in the second file
    assert [path.name for path in sorted((repo.root / OUT).glob("*.csv"))] == ["sprout-x-2.csv", "sprout-x.csv"]


# -- which posts go ----------------------------------------------------------------------------


def test_a_failing_post_is_refused_and_the_others_written(repo, schedule) -> None:
    repo.post("good")
    phone = "Call Jo on 07700 900123 about the library. #Fleet\n"
    repo.post("phone", body=phone, publish_at="2027-02-02T09:30:00+00:00")
    done = schedule("sprout", "--out", OUT, "posts")
    assert done.status == 1
    assert done.refused == ["policy-schedule: posts/phone.md: facebook: fails policy-check (personal-phone)"]
    assert len(rows(repo.root / OUT / "sprout-facebook.csv")) == 2
    assert "posts/phone.md" not in (repo.root / OUT / "media-checklist.md").read_text(encoding="utf-8")


def test_a_waived_error_does_not_refuse(repo, schedule) -> None:
    waiver = [{"rule": "share-source-not-partner", "reason": "Agreed by the head of communications"}]
    repo.post("share", type="share", shared_from="@SomeClub", waivers=waiver)
    assert schedule("sprout", "--out", OUT, "posts").status == 0


def test_an_unapproved_post_is_refused(repo, schedule) -> None:
    repo.post("unapproved", approved_by=None)
    done = schedule("sprout", "--out", OUT, "posts")
    assert done.refused == ["policy-schedule: posts/unapproved.md: facebook: fails policy-check (approval-missing)"]
    assert not (repo.root / OUT / "sprout-facebook.csv").exists()


def test_no_approved_by_refuses_even_with_the_rule_off(repo, schedule) -> None:
    repo.settings("rules:\n  approval-missing: off\n")
    repo.post("unapproved", approved_by=None)
    done = schedule("sprout", "--out", OUT, "posts")
    assert done.status == 1
    assert done.refused == ["policy-schedule: posts/unapproved.md: facebook: no approved_by"]


@pytest.mark.parametrize(
    ("publish_at", "goes"),
    [
        ("2027-01-01T00:09:59+00:00", False),
        ("2027-01-01T00:10:00+00:00", True),  # exactly 10 minutes after now
        ("2026-12-31T09:00:00+00:00", False),
    ],
)
def test_a_post_less_than_ten_minutes_ahead_is_refused(repo, schedule, publish_at, goes) -> None:
    repo.post("soon", publish_at=publish_at)
    done = schedule("sprout", "--out", OUT, "posts")
    if goes:
        assert done.status == 0 and done.err == ""
    else:
        when = publish_at[:10] + " " + publish_at[11:16]
        assert done.refused == [
            f"policy-schedule: posts/soon.md: facebook: publish_at {when} is less than 10 minutes after now"
        ]


def test_now_is_london_time_when_it_has_no_offset(repo, schedule) -> None:
    repo.post("summer", publish_at="2027-06-01T09:05:00+01:00")
    assert schedule("sprout", "--now", "2027-06-01T08:55", "--out", OUT, "posts").status == 0
    assert schedule("sprout", "--now", "2027-06-01T08:56", "--out", OUT, "posts").status == 1


def test_from_and_to_choose_the_posts(repo, schedule) -> None:
    repo.post("jan", publish_at="2027-01-31T23:59:00+00:00")
    repo.post("feb-first", publish_at="2027-02-01T00:00:00+00:00")
    repo.post("feb-last", publish_at="2027-02-28T23:59:00+00:00")
    repo.post("mar", publish_at="2027-03-01T00:00:00+00:00")
    done = schedule("sprout", "--from", "2027-02-01", "--to", "2027-02-28", "--out", OUT, "posts")
    assert done.status == 1
    assert done.refused == [
        "policy-schedule: posts/jan.md: facebook: outside --from/--to",
        "policy-schedule: posts/mar.md: facebook: outside --from/--to",
    ]
    assert [row[:2] for row in rows(repo.root / OUT / "sprout-facebook.csv")[1:]] == [
        ["01/02/2027", "00:00"],
        ["28/02/2027", "23:59"],
    ]


def test_every_reason_is_given_in_one_line(repo, schedule) -> None:
    repo.settings("rules:\n  approval-missing: off\n")
    repo.post("old", approved_by=None, publish_at="2026-12-01T09:00:00+00:00", channels=["facebook", "x"])
    done = schedule("sprout", "--from", "2027-01-01", "--out", OUT, "posts")
    assert done.refused == [
        "policy-schedule: posts/old.md: facebook,x: no approved_by; "
        "publish_at 2026-12-01 09:00 is less than 10 minutes after now; outside --from/--to"
    ]


# -- clashes -----------------------------------------------------------------------------------


def test_posts_less_than_ten_minutes_apart_on_one_channel_are_both_refused(repo, schedule) -> None:
    repo.post("a", publish_at="2027-02-01T09:00:00+00:00", channels=["facebook", "x"])
    repo.post("b", publish_at="2027-02-01T09:09:00+00:00", channels=["x"])
    repo.post("c", publish_at="2027-02-01T09:30:00+00:00", channels=["x"])
    done = schedule("sprout", "--out", OUT, "posts")
    assert done.status == 1
    assert done.refused == [
        "policy-schedule: posts/a.md: x: less than 10 minutes before posts/b.md (2027-02-01 09:09)",
        "policy-schedule: posts/b.md: x: less than 10 minutes after posts/a.md (2027-02-01 09:00)",
    ]
    # a post goes whole or not at all: a's facebook message stays behind too
    assert not (repo.root / OUT / "sprout-facebook.csv").exists()
    assert [row[1] for row in rows(repo.root / OUT / "sprout-x.csv")[1:]] == ["09:30"]


def test_ten_minutes_apart_or_other_channels_do_not_clash(repo, schedule) -> None:
    repo.post("a", publish_at="2027-02-01T09:00:00+00:00", channels=["x"])
    repo.post("b", publish_at="2027-02-01T09:10:00+00:00", channels=["x"])
    repo.post("c", publish_at="2027-02-01T09:05:00+00:00", channels=["facebook"])
    done = schedule("sprout", "--out", OUT, "posts")
    assert (done.status, done.err) == (0, "")


def test_the_same_time_is_a_clash(repo, schedule) -> None:
    repo.post("a")
    repo.post("b")
    done = schedule("sprout", "--out", OUT, "posts")
    assert done.refused == [
        "policy-schedule: posts/a.md: facebook: at the same time as posts/b.md (2027-02-01 09:30)",
        "policy-schedule: posts/b.md: facebook: at the same time as posts/a.md (2027-02-01 09:30)",
    ]


def test_a_refused_post_cannot_clash(repo, schedule) -> None:
    repo.post("good", publish_at="2027-02-01T09:00:00+00:00")
    repo.post("unapproved", publish_at="2027-02-01T09:05:00+00:00", approved_by=None)
    done = schedule("sprout", "--out", OUT, "posts")
    assert done.refused == ["policy-schedule: posts/unapproved.md: facebook: fails policy-check (approval-missing)"]
    assert len(rows(repo.root / OUT / "sprout-facebook.csv")) == 2


# -- the output folder -------------------------------------------------------------------------


def test_only_files_with_rows_are_written_and_nothing_else_is_removed(repo, schedule) -> None:
    out = repo.root / OUT
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    (out / "sprout-facebook.csv").write_text("old", encoding="utf-8")
    repo.post("a", channels=["x"])
    schedule("sprout", "--out", OUT, "posts")
    assert sorted(path.name for path in out.iterdir()) == [
        "media-checklist.md",
        "notes.txt",
        "sprout-facebook.csv",
        "sprout-x.csv",
    ]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep me"
    repo.post("b", channels=["facebook"], publish_at="2027-02-02T09:00:00+00:00")
    schedule("sprout", "--out", OUT, "posts")
    assert rows(out / "sprout-facebook.csv")[1][0] == "02/02/2027"  # ours, overwritten


def test_settings_include_and_exclude_apply(repo, schedule) -> None:
    repo.settings("exclude:\n  - posts/draft-*.md\n")
    repo.post("draft-one", approved_by=None)
    repo.post("ready", publish_at="2027-02-02T09:00:00+00:00")
    done = schedule("sprout", "--out", OUT, ".")
    assert (done.status, done.err) == (0, "")


def test_nothing_to_export(repo, schedule) -> None:
    done = schedule("sprout", "--out", OUT, "posts")
    assert (done.status, done.err) == (0, "")
    assert [path.name for path in (repo.root / OUT).iterdir()] == ["media-checklist.md"]
    assert "nothing to attach" in (repo.root / OUT / "media-checklist.md").read_text(encoding="utf-8")


def test_out_must_not_be_a_file(repo, schedule) -> None:
    (repo.root / "file").write_text("", encoding="utf-8")
    done = schedule("sprout", "--out", "file", "posts")
    assert done.status == 2
    assert done.err == "policy-schedule: --out 'file' is not a folder\n"


def test_default_now_is_the_clock(repo, capsys) -> None:
    from checks.schedule.cli import main

    repo.post("old", publish_at="2020-01-01T09:00:00+00:00")
    assert main(["sprout", "--out", OUT, "posts"]) == 1
    assert "less than 10 minutes after now" in capsys.readouterr().err


def test_relative_paths_are_shown_from_the_working_folder(repo, schedule, monkeypatch) -> None:
    repo.post("phone", body="Call 07700 900123. #Fleet\n")
    monkeypatch.chdir(repo.root / "posts")
    done = schedule("sprout", "--out", str(Path("..") / OUT), ".")
    assert done.refused == ["policy-schedule: phone.md: facebook: fails policy-check (personal-phone)"]


assert NOW == "2027-01-01T00:00:00+00:00"  # the tests' times are written against it
