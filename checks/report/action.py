"""The GitHub Action's glue: one JSON report from policy-check, shown every way the action needs.

The action runs ``policy-check --format json --output REPORT`` once, then::

    python -m checks.report.action REPORT [--log github|text|json] [--summary FILE] [--sarif FILE] [--outputs FILE]

which rebuilds the ``Report`` from the JSON and

- prints it to the log in the ``--log`` format (``github``: workflow commands that
  annotate the pull request's lines, by the same reporter as ``--format github``);
- writes the job summary, a Markdown table of the findings with links to the rule
  pages, to ``--summary`` (the action appends it to ``$GITHUB_STEP_SUMMARY``);
- writes SARIF for code scanning to ``--sarif``, by the same reporter as ``--format sarif``;
- appends the counts (``errors``, ``warnings``, ``waived``, ``files-checked``) to
  ``--outputs`` (``$GITHUB_OUTPUT``).

Exit status: 0 when done, 2 when the report cannot be read or a file cannot be written.
The pass or fail of the check itself is policy-check's own exit status, kept by the action.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks.lint.findings import Finding, Report
from checks.report.formats import REPORTERS, summary_line
from checks.words import counted, verb_for

LOG_FORMATS = ("github", "text", "json", "none")
MAX_ROWS = 1000  # a job summary holds at most 1 MiB; past this many rows, say how many are left out
SUMMARY_TITLE = "Social media policy check"


@dataclass
class JsonReport(Report):
    """A ``Report`` read back from ``--format json``.

    The JSON gives the number of files checked but names only the files with
    findings, so ``files`` holds those and ``files_checked`` the JSON's count.
    """

    checked: int = 0

    @property
    def files_checked(self) -> int:
        return self.checked


class ReportError(Exception):
    """The JSON report is missing or not in the contract's shape; exit status 2."""


def report_from_json(data: Any) -> JsonReport:
    """Rebuild a report from the contract's JSON object (``policy-check --format json``)."""
    try:
        findings = sorted(
            Finding(
                path=str(item["path"]),
                line=int(item["line"]),
                column=int(item["column"]),
                rule=str(item["rule"]),
                severity=str(item["severity"]),
                message=str(item["message"]),
                category=str(item["category"]),
                clause=str(item["clause"]),
                url=str(item["url"]),
                waived=bool(item["waived"]),
            )
            for item in data["findings"]
        )
        return JsonReport(
            policy_version=str(data["policy_version"]),
            files=sorted({finding.path for finding in findings}),
            findings=findings,
            checked=int(data["files_checked"]),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ReportError(f"not a policy-check JSON report ({type(error).__name__}: {error})") from None


def read_report(path: Path) -> JsonReport:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ReportError(f"cannot read '{path}': {error.strerror}") from None
    except ValueError as error:
        raise ReportError(f"'{path}' is not JSON: {error}") from None
    return report_from_json(data)


# -- the job summary ------------------------------------------------------------

_MARKDOWN_SPECIAL = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "|": "\\|",
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "~": "\\~",
        "\r": " ",
        "\n": " ",
    }
)


def cell(value: str) -> str:
    """Text made safe for one Markdown table cell: no HTML, no formatting, no line breaks."""
    return value.translate(_MARKDOWN_SPECIAL)


def _file_cell(finding: Finding, blob_url: str) -> str:
    if not blob_url:
        return cell(finding.path)
    return f"[{cell(finding.path)}]({blob_url}/{_url_path(finding.path)}#L{finding.line})"


def _url_path(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace(os.sep, "/"))


def blob_url_from_environment(environ: Mapping[str, str]) -> str:
    """Where the checked commit's files are on GitHub, from the runner's variables; '' outside a runner."""
    server, repository, sha = (
        environ.get(name, "") for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    return f"{server}/{repository}/blob/{sha}" if server and repository and sha else ""


def summary_markdown(report: Report, blob_url: str = "") -> str:
    """The job summary: a headline, then one table row per finding, grouped by file."""
    status = "failed" if report.failed else "passed"
    lines = [f"## {SUMMARY_TITLE}: {status}", "", f"**{summary_line(report)}** (policy {cell(report.policy_version)})."]
    if not report.findings:
        return "\n".join([*lines, ""])
    per_file = Counter(finding.path for finding in report.findings)
    lines += [
        "",
        "Each rule links to its page, which says why the rule matters and how to fix the post. "
        "A waived finding has a reviewed waiver in the post and does not fail the check.",
        "",
        "| File | Line | Severity | Rule | Finding |",
        "| --- | --- | --- | --- | --- |",
    ]
    for finding in report.findings[:MAX_ROWS]:
        severity = f"{finding.severity} (waived)" if finding.waived else finding.severity
        rule = f"[{cell(finding.rule)}]({finding.url})" if finding.url else cell(finding.rule)
        lines.append(
            f"| {_file_cell(finding, blob_url)} | {finding.line}:{finding.column} | {severity} | {rule} "
            f"| {cell(finding.message)} |"
        )
    left_out = len(report.findings) - MAX_ROWS
    if left_out > 0:
        not_shown = f"{counted(left_out, 'more finding')} {verb_for(left_out, 'is')} not shown here"
        lines += ["", f"{not_shown}: see the log or the SARIF file."]
    lines += ["", f"{counted(len(per_file), 'file')} with findings.", ""]
    return "\n".join(lines)


def output_lines(report: Report) -> list[str]:
    """The action's outputs, as ``name=value`` lines for ``$GITHUB_OUTPUT``."""
    counts = Counter("waived" if finding.waived else finding.severity for finding in report.findings)
    return [
        f"errors={counts['error']}",
        f"warnings={counts['warning']}",
        f"waived={counts['waived']}",
        f"files-checked={report.files_checked}",
    ]


# -- the command ------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    report: Path
    log: str
    summary: Path | None
    sarif: Path | None
    outputs: Path | None


def parse_arguments(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m checks.report.action",
        description="Show a policy-check JSON report as the GitHub Action does: log, job summary, SARIF, outputs.",
    )
    parser.add_argument("report", type=Path, metavar="REPORT", help="the JSON report from policy-check --format json")
    parser.add_argument("--log", choices=LOG_FORMATS, default="github", help="what to print (default: github)")
    parser.add_argument("--summary", type=Path, metavar="FILE", help="write the Markdown job summary here")
    parser.add_argument("--sarif", type=Path, metavar="FILE", help="write SARIF 2.1.0 here")
    parser.add_argument("--outputs", type=Path, metavar="FILE", help="append the counts here ($GITHUB_OUTPUT)")
    args = parser.parse_args(argv)
    return Options(args.report, args.log, args.summary, args.sarif, args.outputs)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_arguments(argv)
    from checks.policy.errors import DataError

    try:
        run(options)
    except (ReportError, DataError) as error:
        sys.stderr.write(f"checks.report.action: {error}\n")
        return 2
    except OSError as error:
        sys.stderr.write(f"checks.report.action: cannot write '{error.filename}': {error.strerror}\n")
        return 2
    return 0


def run(options: Options) -> None:
    from checks.policy.loader import load_policy

    report = read_report(options.report)
    policy = load_policy()
    if options.log != "none":
        REPORTERS[options.log](report, policy, sys.stdout)
    if options.summary is not None:
        _write(options.summary, summary_markdown(report, blob_url_from_environment(os.environ)))
    if options.sarif is not None:
        options.sarif.parent.mkdir(parents=True, exist_ok=True)
        with options.sarif.open("w", encoding="utf-8") as stream:
            REPORTERS["sarif"](report, policy, stream)
    if options.outputs is not None:
        with options.outputs.open("a", encoding="utf-8") as stream:
            stream.write("".join(f"{line}\n" for line in output_lines(report)))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
