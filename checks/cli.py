"""The `policy-check` command: parse arguments, build what is needed, check, report.

Exit status: 0 when no unwaived error remains, 1 when one does, 2 for a usage
error (bad arguments, a broken policy or settings file).
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from checks import __version__
from checks.command import UsageError, at_the_edge, write_output

if TYPE_CHECKING:  # imported lazily at run time: start-up time matters for one file
    from checks.lint.engine import Engine
    from checks.lint.findings import Finding
    from checks.policy.model import Policy
    from checks.repo.files import Target
    from checks.repo.settings import Settings

FORMATS = ("text", "json", "github", "sarif", "junit")
PARALLEL_FROM = 200  # with --jobs 0 (auto), fewer files than this are checked in one process


@dataclass(frozen=True)
class Options:
    paths: list[Path]
    format: str
    config: Path | None
    changed_since: str | None
    jobs: int
    output: Path | None
    list_rules: bool
    policy: Path | None


def parse_arguments(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="policy-check",
        description=(
            "Check proposed social media posts (Markdown with YAML front matter) against "
            "Hart District Council's social media policy. Every *.md file under PATH is checked."
        ),
        epilog=(
            "Settings come from .policy-check.yaml in the current folder or the nearest parent, "
            "or from --config. Exit status: 0 no unwaived errors (warnings allowed), 1 unwaived "
            "errors, 2 usage error. Each finding links to its rule's page."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", type=Path, help="files or folders to check (default: .)")
    parser.add_argument("-f", "--format", choices=FORMATS, default="text", help="output format (default: text)")
    parser.add_argument("-c", "--config", type=Path, metavar="FILE", help="settings file to use instead of searching")
    parser.add_argument(
        "--changed-since", metavar="REF", help="check only posts changed since the merge base with this git ref"
    )
    parser.add_argument(
        "-j", "--jobs", type=_jobs, default=0, metavar="N", help="processes to use; 0 chooses by the number of files"
    )
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument(
        "--policy", type=Path, metavar="DIR", help="use the policy in DIR instead of the one installed with the checker"
    )
    parser.add_argument("--list-rules", action="store_true", help="list the rules with their ids and severities")
    parser.add_argument("--version", action="version", version=f"policy-check {__version__}")
    args = parser.parse_args(argv)
    return Options(
        paths=args.paths or [Path(".")],
        format=args.format,
        config=args.config,
        changed_since=args.changed_since,
        jobs=args.jobs,
        output=args.output,
        list_rules=args.list_rules,
        policy=args.policy,
    )


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a whole number") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_arguments(argv)
    # Python's collections while it exits would scan every object of the policy, for garbage that the
    # process's end frees anyway: a tenth of checking one post. Frozen, they are left alone.
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    return at_the_edge("policy-check", lambda: run(options))


def run(options: Options) -> int:
    from itertools import chain, islice

    from checks.lint.engine import Engine
    from checks.lint.findings import Report
    from checks.report.formats import REPORTERS

    with _collector_paused():
        policy = _policy(options)
        if options.list_rules:
            return list_rules(policy)
        settings = _settings(options, policy)
        shown: list[str] = []  # every file's name, in order, for the report
        targets = _recorded(_targets(options, settings, Path.cwd()), shown)
        first = list(islice(targets, PARALLEL_FROM))  # whether workers start; the rest are found while checking
        engine = Engine(policy, settings)
    findings, failures = _check_all(chain(first, targets), len(first), engine, options.jobs)
    report = Report(policy.meta.version, shown, sorted(findings))
    reporter = REPORTERS[options.format]
    write_output(lambda stream: reporter(report, policy, stream), options.output, newline=None)
    if failures:
        for message in failures:
            sys.stderr.write(f"policy-check: {message}\n")
        return 2
    return 1 if report.failed else 0


def _policy(options: Options) -> Policy:
    from checks.policy.loader import load_policy

    if options.policy is not None and not options.policy.is_dir():
        raise UsageError(f"policy folder '{options.policy}' not found")
    return load_policy(options.policy.resolve() if options.policy else None)


def _settings(options: Options, policy: Policy) -> Settings:
    from checks.repo.settings import find_settings, load_settings

    if options.config is not None and not options.config.is_file():
        raise UsageError(f"settings file '{options.config}' not found")
    for path in options.paths:
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"path '{path}' not found")
    return load_settings(options.config or find_settings(Path.cwd()), policy)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while start-up makes what lasts the whole run: modules, the policy, the rules.

    Start-up makes next to no garbage, so the collector's passes over those
    objects would find none, at a tenth of the time of checking one post. It is
    back on for the posts, whose objects it frees.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _targets(options: Options, settings: Settings, cwd: Path) -> Iterator[Target]:
    from checks.repo.files import changed_since, discover

    changed = changed_since(options.changed_since, cwd) if options.changed_since else None
    if changed is not None and _read_by_every_post(settings) & changed:
        changed = None  # the settings or the consent register changed: any post may now break a rule
    for target in discover(options.paths, settings, cwd):
        if changed is None or Path(os.path.abspath(target.path)) in changed:
            yield target


def _read_by_every_post(settings: Settings) -> set[Path]:
    """The files every post is checked against: the settings file and the consent register it names."""
    files = (settings.path, settings.consent_register)
    return {Path(os.path.abspath(path)) for path in files if path is not None}


def _recorded(targets: Iterator[Target], shown: list[str]) -> Iterator[Target]:
    for target in targets:
        shown.append(target.display)
        yield target


def _check_all(targets: Iterator[Target], found: int, engine: Engine, jobs: int) -> tuple[list[Finding], list[str]]:
    """Workers start when there are enough files: ``found`` were found before checking started."""
    from checks.lint import parallel

    workers = jobs or (min(os.cpu_count() or 1, 8) if found >= PARALLEL_FROM else 1)
    return parallel.check(targets, engine, workers)


def list_rules(policy: Policy) -> int:
    rules = policy.rules.values()
    width = max(len(rule.id) for rule in rules)
    for rule in rules:
        sys.stdout.write(f"{rule.id:<{width}}  {rule.severity:<7}  {rule.category:<13}  {rule.summary}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
