"""The ``policy-inbox`` command: parse arguments, build what is needed, triage, report.

``policy-inbox triage [--config FILE] [--format text|json|csv] [-o FILE] EXPORT.csv``
``policy-inbox report [--config FILE] [--from DATE] [--to DATE] [--public] [--format json|html|text]
[-o FILE] EXPORT.csv``

Exit status: 0 when the export was read (whatever the labels), 1 when a row
had a problem, 2 for a usage error (bad arguments, an export that cannot be
read, a required column missing, a broken policy or settings file). Nothing
of the export goes into an error message beyond a line number and a column
name.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checks import __version__
from checks.command import UsageError, at_the_edge, write_output

if TYPE_CHECKING:
    from checks.inbox.report import Period
    from checks.inbox.settings import InboxSettings
    from checks.policy.labels import Label
    from checks.policy.model import Policy
    from checks.repo.settings import Settings

FORMATS = ("text", "json", "csv")
REPORT_FORMATS = ("text", "json", "html")


@dataclass(frozen=True)
class Options:
    command: str
    export: Path
    format: str
    config: Path | None
    output: Path | None
    period_from: str | None = None  # report: London dates (or date-times), both included
    period_to: str | None = None
    public: bool = False  # report: counts, medians and shares only


def parse_arguments(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="policy-inbox",
        description="Apply Hart District Council's house rules and service standards to an export of the inbox.",
        epilog=(
            "Settings come from .policy-check.yaml in the export's folder or the nearest parent, or from --config. "
            "Exit status: 0 the export was read, 1 a row had a problem, 2 usage error."
        ),
    )
    parser.add_argument("--version", action="version", version=f"policy-inbox {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    triage = commands.add_parser(
        "triage", help="label every message with what it is, what to do and by when", description=TRIAGE_HELP
    )
    triage.add_argument("export", type=Path, metavar="EXPORT.csv", help="the inbox export (CSV, UTF-8)")
    triage.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format (default: text)")
    triage.add_argument("-c", "--config", type=Path, metavar="FILE", help="settings file to use instead of searching")
    triage.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    _add_report_parser(commands)
    args = parser.parse_args(argv)
    if args.command == "report":
        period = (args.period_from, args.period_to)
        return Options(args.command, args.export, args.format, args.config, args.output, *period, args.public)
    return Options(args.command, args.export, args.format, args.config, args.output)


def _add_report_parser(commands: Any) -> None:
    report = commands.add_parser(
        "report",
        help="the service standards, measured: reply times, emergencies, FOI, moderation",
        description=REPORT_HELP,
    )
    report.add_argument("export", type=Path, metavar="EXPORT.csv", help="the inbox export (CSV, UTF-8)")
    report.add_argument("-f", "--format", choices=REPORT_FORMATS, default="text", help="output format (default: text)")
    report.add_argument("-c", "--config", type=Path, metavar="FILE", help="settings file to use instead of searching")
    report.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    report.add_argument("--from", dest="period_from", metavar="DATE", help="first day (London) of messages received")
    report.add_argument("--to", dest="period_to", metavar="DATE", help="last day (London) of messages received")
    report.add_argument(
        "--public", action="store_true", help="counts, medians and shares only: nothing that could identify a person"
    )


TRIAGE_HELP = (
    "Label every message of the export (comments, mentions, private messages) by the policy's labels: "
    "text prints one line per labelled row, json the contract's object, csv the export with labels, "
    "actions and due dates added (cells that could run as formulas are neutralised)."
)


REPORT_HELP = (
    "Measure the service standards over the messages received in a period (default: the whole export): "
    "first-reply times in working hours, unanswered messages, out-of-hours emergencies, Freedom of Information "
    "requests, moderation and rows per label. --public leaves out ids and due dates, for publishing."
)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_arguments(argv)
    from checks.csvfile import ExportError
    from checks.inbox.workdays import MissingHolidays

    return at_the_edge("policy-inbox", lambda: COMMANDS[options.command](options), (ExportError, MissingHolidays))


def run_triage(options: Options) -> int:
    from checks.inbox.output import REPORTERS
    from checks.inbox.triage import triage_export

    triaged = triage_export(options.export, *_build(options))
    write_output(lambda stream: REPORTERS[options.format](triaged, options.export, stream), options.output)
    return 1 if triaged.problems else 0


def run_report(options: Options) -> int:
    from checks.inbox.report import report_export
    from checks.inbox.report_output import REPORTERS

    period = _period(options.period_from, options.period_to)
    figures, triaged = report_export(options.export, *_build(options), period)
    write_output(lambda stream: REPORTERS[options.format](figures, stream, public=options.public), options.output)
    return 1 if triaged.problems else 0


def _build(options: Options) -> tuple[Policy, dict[str, Label], Settings, InboxSettings]:
    """What both commands read first: the paths checked, the policy, its labels, and the settings."""
    from checks.inbox.settings import load_inbox_settings
    from checks.inbox.workdays import working_days
    from checks.policy.labels import load_labels
    from checks.policy.loader import load_policy
    from checks.repo.settings import settings_for_export

    _check_paths(options)
    working_days()  # says at once when govuk-bank-holidays is missing
    policy = load_policy()
    labels = load_labels()
    settings, inbox = load_inbox_settings(settings_for_export(options.export, options.config), policy)
    return policy, labels, settings, inbox


def _check_paths(options: Options) -> None:
    from checks.csvfile import check_size

    if options.config is not None and not options.config.is_file():
        raise UsageError(f"settings file '{options.config}' not found")
    if not options.export.exists():
        raise UsageError(f"export '{options.export}' not found")
    check_size(options.export)
    if options.output is not None and options.output.resolve() == options.export.resolve():
        raise UsageError(f"output '{options.output}' is the export itself: give another file")


def _period(first: str | None, last: str | None) -> Period:
    """``--from`` and ``--to`` as London moments, by the one London-time parser; a bare date is the whole day."""
    from checks.inbox.report import Period
    from checks.policy.london import period_end, period_start

    try:
        period = Period(period_start(first) if first else None, period_end(last) if last else None)
    except ValueError as error:
        raise UsageError(f"--from/--to: {error}") from None
    if period.start is not None and period.end is not None and period.end < period.start:
        raise UsageError(f"--to {last} is before --from {first}")
    return period


COMMANDS: dict[str, Callable[[Options], int]] = {"triage": run_triage, "report": run_report}


if __name__ == "__main__":
    sys.exit(main())
