"""The `policy-schedule` command: parse arguments, build what is needed, select, write.

    policy-schedule sprout --out DIR PATH...      Sprout Social bulk CSVs and the media checklist
    policy-schedule calendar --out FILE.ics PATH...   the content calendar

Exit status: 0 when every post was written, 1 when a post was refused (the
others are still written), 2 for a usage error (bad arguments, a broken
policy or settings file, icalendar not installed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from checks import __version__
from checks.command import UsageError, at_the_edge
from checks.schedule.times import DATE_FORMATS, now, parse_moment
from checks.words import counted

if TYPE_CHECKING:  # imported lazily at run time, as policy-check does
    from checks.policy.model import Policy
    from checks.repo.settings import Settings
    from checks.schedule.selection import Checked

PROG = "policy-schedule"


@dataclass(frozen=True)
class Options:
    command: str  # "sprout" or "calendar"
    paths: list[Path]
    out: Path
    config: Path | None
    now: datetime
    date_format: str = "dd/mm/yyyy"
    start: datetime | None = None
    end: datetime | None = None


def parse_arguments(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Hand approved posts that pass policy-check to Sprout Social, and publish the content calendar.",
        epilog="Times are Europe/London. Exit status: 0 every post written, 1 a post refused, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sprout = commands.add_parser("sprout", help="write Sprout Social bulk scheduling CSVs and the media checklist")
    _common(sprout, "DIR", "folder for sprout-<channel>.csv and media-checklist.md")
    sprout.add_argument("--date-format", choices=DATE_FORMATS, default="dd/mm/yyyy", help="Sprout's import preference")
    sprout.add_argument("--from", dest="start", type=_moment, metavar="DATE", help="only posts from this date or time")
    sprout.add_argument("--to", dest="end", type=_end, metavar="DATE", help="only posts up to this date (whole day)")
    calendar = commands.add_parser("calendar", help="write the content calendar as iCalendar")
    _common(calendar, "FILE.ics", "the iCalendar file to write")
    args = parser.parse_args(argv)
    return Options(
        command=args.command,
        paths=args.paths,
        out=args.out,
        config=args.config,
        now=args.now or now(),
        date_format=getattr(args, "date_format", "dd/mm/yyyy"),
        start=getattr(args, "start", None),
        end=getattr(args, "end", None),
    )


def _common(parser: argparse.ArgumentParser, out: str, out_help: str) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", type=Path, help="post files or folders")
    parser.add_argument("-o", "--out", type=Path, metavar=out, required=True, help=out_help)
    parser.add_argument("-c", "--config", type=Path, metavar="FILE", help="settings file to use instead of searching")
    parser.add_argument("--now", type=_moment, metavar="DATETIME", help="the time to schedule from (default: now)")


def _moment(value: str) -> datetime:
    try:
        return parse_moment(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _end(value: str) -> datetime:
    try:
        return parse_moment(value, end_of_day=True)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_arguments(argv)
    return at_the_edge(PROG, lambda: run(options))


def run(options: Options) -> int:
    policy, settings = _build(options)
    if options.command == "calendar":
        return _calendar(options, policy, settings)
    return _sprout(options, policy, settings)


def _build(options: Options) -> tuple[Policy, Settings]:
    from checks.policy.loader import load_policy
    from checks.repo.settings import find_settings, load_settings

    if options.config is not None and not options.config.is_file():
        raise UsageError(f"settings file '{options.config}' not found")
    for path in options.paths:
        if not path.exists():
            raise UsageError(f"path '{path}' not found")
    if options.start and options.end and options.end < options.start:
        raise UsageError("--to is before --from")
    policy = load_policy()
    settings = load_settings(options.config or find_settings(Path.cwd()), policy)
    return policy, settings


def _checked(options: Options, policy: Policy, settings: Settings) -> list[Checked]:
    from checks.lint.engine import Engine
    from checks.repo.files import discover
    from checks.schedule.selection import check_all

    targets = discover(options.paths, settings, Path.cwd())
    return list(check_all(targets, Engine(policy, settings), settings.root))


def _sprout(options: Options, policy: Policy, settings: Settings) -> int:
    from checks.schedule import checklist, sprout
    from checks.schedule.selection import Window, select

    if options.out.exists() and not options.out.is_dir():
        raise UsageError(f"--out '{options.out}' is not a folder")
    selection = select(_checked(options, policy, settings), Window(options.now, options.start, options.end))
    try:
        options.out.mkdir(parents=True, exist_ok=True)
        written = sprout.write(selection.messages, options.date_format, options.out)
        written[checklist.write(selection.messages, options.date_format, options.out)] = len(selection.messages)
    except OSError as error:
        raise UsageError(f"cannot write to '{options.out}': {error.strerror or error}") from None
    for path, count in written.items():
        sys.stdout.write(f"{path}: {counted(count, 'message')}\n")
    for refusal in selection.refusals:
        sys.stderr.write(f"{PROG}: {refusal.line()}\n")
    return 1 if selection.refusals else 0


def _calendar(options: Options, policy: Policy, settings: Settings) -> int:
    try:
        from checks.schedule import calendar
    except ImportError:
        raise UsageError(
            "the calendar needs icalendar: install hart-social-media-policy[schedule] (pip install 'icalendar>=6.0')"
        ) from None
    checked = _checked(options, policy, settings)
    data = calendar.build(checked, settings, policy, options.now).to_ical()
    try:
        options.out.write_bytes(data)
    except OSError as error:
        raise UsageError(f"cannot write '{options.out}': {error.strerror or error}") from None
    unplaced = [item for item in checked if item.publish is None]
    shown = len(checked) - len(unplaced)
    periods = (len(settings.election_periods), len(settings.incidents))
    sys.stdout.write(f"{options.out}: {_calendar_summary(shown, *periods)}\n")
    for item in unplaced:
        sys.stderr.write(f"{PROG}: {item.display}: not in the calendar: publish_at is not a date or date-time\n")
    return 1 if unplaced else 0


def _calendar_summary(posts: int, election_periods: int, incidents: int) -> str:
    """What the calendar holds: "14 posts, 1 election period, 1 incident"."""
    return f"{counted(posts, 'post')}, {counted(election_periods, 'election period')}, {counted(incidents, 'incident')}"


if __name__ == "__main__":
    sys.exit(main())
