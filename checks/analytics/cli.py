"""The ``policy-analytics`` command: parse arguments, read the exports and the content repo, count, report.

``policy-analytics report [--config FILE] [--posts DIR] [--profiles FILE] [--from DATE] [--to DATE]
[--format json|text|html] [-o FILE] POSTS.csv``

Exit status: 0 when every row was read, 1 when a row had a problem, 2 for a
usage error (bad arguments, an export that cannot be read or lacks a required
column, a broken policy or settings file).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checks import __version__
from checks.command import UsageError, at_the_edge, write_output

if TYPE_CHECKING:
    from checks.analytics.exports import RowProblem
    from checks.analytics.report import Period

FORMATS = ("text", "json", "html")


@dataclass(frozen=True)
class Options:
    export: str  # as given: problems name the file so
    format: str
    config: Path | None
    output: Path | None
    posts: Path | None
    profiles: str | None
    period_from: str | None
    period_to: str | None


def parse_arguments(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="policy-analytics",
        description="Which types of content resonate: the social media management tool's exports, joined to the "
        "post files they came from.",
        epilog=(
            "Settings come from .policy-check.yaml in the post export's folder or the nearest parent, or from "
            "--config. Exit status: 0 every row was read, 1 a row had a problem, 2 usage error."
        ),
    )
    parser.add_argument("--version", action="version", version=f"policy-analytics {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    report = commands.add_parser(
        "report",
        help="reach, engagement and follower growth by channel, by type of post and by media, and the top posts",
        description=REPORT_HELP,
    )
    report.add_argument("export", metavar="POSTS.csv", help="the Post Performance export (CSV, UTF-8)")
    report.add_argument("--posts", type=Path, metavar="DIR", help="the content repo whose post files were published")
    report.add_argument("--profiles", metavar="FILE", help="the Profile Performance export (CSV), for follower growth")
    report.add_argument("--from", dest="period_from", metavar="DATE", help="first day (London, YYYY-MM-DD) counted")
    report.add_argument("--to", dest="period_to", metavar="DATE", help="last day (London, YYYY-MM-DD) counted")
    report.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format (default: text)")
    report.add_argument("-c", "--config", type=Path, metavar="FILE", help="settings file to use instead of searching")
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    args = parser.parse_args(argv)
    return Options(
        args.export, args.format, args.config, args.output, args.posts, args.profiles, args.period_from, args.period_to
    )


REPORT_HELP = (
    "Count the messages published in a period (default: the whole export): impressions, engagements, reach, "
    "link clicks and video views, and the engagement rate (engagements over impressions), by channel; with --posts, "
    "by the post's type and media, each message matched to its post file; the top posts; with --profiles, "
    "follower growth per profile."
)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_arguments(argv)
    from checks.csvfile import ExportError

    return at_the_edge("policy-analytics", lambda: run_report(options), (ExportError,))


def run_report(options: Options) -> int:
    from checks.analytics.exports import read_posts, read_profiles
    from checks.analytics.matching import index_posts
    from checks.analytics.output import REPORTERS
    from checks.analytics.report import count, match_rows, split_days
    from checks.analytics.settings import load_analytics_settings
    from checks.policy.loader import load_policy
    from checks.repo.settings import settings_for_export

    _check_paths(options)
    period = _period(options.period_from, options.period_to)
    policy = load_policy()
    settings, analytics = load_analytics_settings(settings_for_export(Path(options.export), options.config), policy)
    messages = read_posts(Path(options.export), analytics)  # the headers first: a file that cannot be used stops here
    profiles = read_profiles(Path(options.profiles), analytics) if options.profiles else None
    index = index_posts(options.posts, settings) if options.posts is not None else None
    rows, problems = match_rows(messages, index)
    days, day_problems = split_days(profiles) if profiles is not None else (None, [])
    figures = count(
        rows,
        period,
        policy_version=policy.meta.version,
        top=analytics.top,
        with_posts=index is not None,
        days=days,
        type_order=policy.post_types,
    )
    figures.problems = _problems(options.export, problems) + _problems(options.profiles or "", day_problems)
    write_output(lambda stream: REPORTERS[options.format](figures, stream), options.output)
    return 1 if figures.problems else 0


def _check_paths(options: Options) -> None:
    from checks.csvfile import check_size

    if options.config is not None and not options.config.is_file():
        raise UsageError(f"settings file '{options.config}' not found")
    if options.posts is not None and not options.posts.is_dir():
        raise UsageError(f"--posts '{options.posts}' is not a folder")
    for label, given in (("post export", options.export), ("profile export", options.profiles)):
        if given is None:
            continue
        if not Path(given).exists():
            raise UsageError(f"{label} '{given}' not found")
        check_size(Path(given), label)
        if options.output is not None and options.output.resolve() == Path(given).resolve():
            raise UsageError(f"output '{options.output}' is the {label} itself: give another file")


def _period(first: str | None, last: str | None) -> Period:
    """``--from`` and ``--to`` as London dates, both included."""
    from checks.analytics.report import Period

    period = Period(_day("--from", first), _day("--to", last))
    if period.first is not None and period.last is not None and period.last < period.first:
        raise UsageError(f"--to {last} is before --from {first}")
    return period


def _day(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    from checks.analytics.dates import ISO_DAY

    try:
        if not ISO_DAY.fullmatch(value):  # date.fromisoformat would also take 20270115 or 2027-W02-5
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: '{value}' is not a date (YYYY-MM-DD)") from None


def _problems(file: str, problems: list[RowProblem]) -> list[dict[str, Any]]:
    return [{"file": file, "line": problem.line, "message": problem.message} for problem in problems]


if __name__ == "__main__":
    sys.exit(main())
