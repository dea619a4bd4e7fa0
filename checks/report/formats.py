"""Reporters: the same ``Report`` written as text, JSON, GitHub annotations, SARIF or JUnit.

Each reporter is a function ``(report, policy, stream) -> None``, picked from
``REPORTERS`` by name. The JSON reporters import ``json`` themselves: the
default text report has no use for it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import TextIO
from urllib.parse import quote

from checks import __version__
from checks.lint.findings import Finding, Report
from checks.policy.model import Policy
from checks.words import counted

Reporter = Callable[[Report, Policy, TextIO], None]


# -- text ----------------------------------------------------------------------

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "waived": "\033[2m", "bold": "\033[1m", "reset": "\033[0m"}


def use_colour(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def text(report: Report, policy: Policy, stream: TextIO) -> None:
    colour = use_colour(stream)

    def paint(value: str, name: str) -> str:
        return f"{_COLOURS[name]}{value}{_COLOURS['reset']}" if colour else value

    for finding in report.findings:
        level = "waived" if finding.waived else finding.severity
        label = paint(f"{finding.severity}{' (waived)' if finding.waived else ''}", level)
        where = paint(f"{finding.path}:{finding.line}:{finding.column}:", "bold")
        stream.write(f"{where} {label} [{finding.rule}] {finding.message}\n")
    stream.write(summary_line(report) + "\n")


def summary_line(report: Report) -> str:
    counts = Counter("waived" if f.waived else f.severity for f in report.findings)
    files_with = len({f.path for f in report.findings if f.fails})
    checked = f"{counted(report.files_checked, 'file')} checked"
    if not report.findings:
        return f"{checked}: no problems found"
    parts = [counted(counts["error"], "error"), counted(counts["warning"], "warning")]
    if counts["waived"]:
        parts.append(f"{counts['waived']} waived")
    failing = f" in {counted(files_with, 'file')}" if files_with else ""
    return f"{checked}: {', '.join(parts)}{failing}"


# -- json ----------------------------------------------------------------------


def as_json(report: Report, policy: Policy, stream: TextIO) -> None:
    import json

    json.dump(report.as_dict(), stream, indent=2, ensure_ascii=False)
    stream.write("\n")


# -- github --------------------------------------------------------------------


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, policy: Policy, stream: TextIO) -> None:
    """Workflow commands: GitHub shows each on the pull request's line."""
    for finding in report.findings:
        command = "notice" if finding.waived else finding.severity
        title = f"{finding.rule}{' (waived)' if finding.waived else ''}"
        properties = (
            f"file={_escape_property(finding.path)},line={finding.line},col={finding.column},"
            f"title={_escape_property(title)}"
        )
        body = f"{finding.message}\n{finding.url}"
        stream.write(f"::{command} {properties}::{_escape_data(body)}\n")
    stream.write(summary_line(report) + "\n")


# -- sarif ---------------------------------------------------------------------

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"error": "error", "warning": "warning"}


def sarif(report: Report, policy: Policy, stream: TextIO) -> None:
    """SARIF 2.1.0, as GitHub code scanning ingests it."""
    import json

    rule_ids = list(policy.rules)
    index = {rule_id: number for number, rule_id in enumerate(rule_ids)}
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "policy-check",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": policy.meta.site_url,
                        "rules": [_sarif_rule(policy, rule_id) for rule_id in rule_ids],
                    }
                },
                "automationDetails": {"id": "policy-check/"},
                "results": [_sarif_result(finding, index) for finding in report.findings],
                "properties": {"policyVersion": report.policy_version, "filesChecked": report.files_checked},
            }
        ],
    }
    json.dump(document, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def _sarif_rule(policy: Policy, rule_id: str) -> dict[str, object]:
    rule = policy.rules[rule_id]
    clause = policy.clauses.get(rule.clause)
    clause_text = getattr(clause, "text", "") or getattr(clause, "title", "")
    described: dict[str, object] = {"id": rule.id}
    if "-" in rule.id:  # SARIF wants a name only where it differs from the id
        described["name"] = "".join(part.capitalize() for part in rule.id.split("-"))
    return described | {
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {
            "text": f"{rule.how_to_fix}\n\nPolicy clause {rule.clause}: {clause_text}",
            "markdown": f"**How to fix:** {rule.how_to_fix}\n\n**Policy clause** `{rule.clause}`: {clause_text}",
        },
        "helpUri": policy.rule_url(rule.id),
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "properties": {"category": rule.category, "clause": rule.clause, "tags": [rule.category, "policy"]},
    }


def _sarif_result(finding: Finding, index: dict[str, int]) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": _SARIF_LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": quote(finding.path.replace(os.sep, "/"))},
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
        "partialFingerprints": {"policyCheck/v1": f"{finding.rule}:{finding.path}:{finding.message}"},
    }
    if finding.waived:
        result["suppressions"] = [{"kind": "inSource", "justification": "Waived in the post's front matter"}]
    return result


# -- junit ---------------------------------------------------------------------


def junit(report: Report, policy: Policy, stream: TextIO) -> None:
    """JUnit XML: one test case per file, failing when the file has an unwaived error."""
    from xml.sax.saxutils import escape, quoteattr

    by_file: dict[str, list[Finding]] = {path: [] for path in report.files}
    for finding in report.findings:
        by_file.setdefault(finding.path, []).append(finding)
    failures = sum(1 for found in by_file.values() if any(f.fails for f in found))
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(f'<testsuites name="policy-check" tests="{len(by_file)}" failures="{failures}" errors="0">\n')
    stream.write(
        f'  <testsuite name="policy-check" tests="{len(by_file)}" failures="{failures}" errors="0" skipped="0">\n'
    )
    for path, found in by_file.items():
        stream.write(f'    <testcase classname="policy-check" name={quoteattr(path)} file={quoteattr(path)}>\n')
        errors = [f for f in found if f.fails]
        if errors:
            message = f"{counted(len(errors), 'error')}: {', '.join(sorted({f.rule for f in errors}))}"
            details = "\n".join(_line(f) for f in errors)
            stream.write(
                f'      <failure message={quoteattr(message)} type="policy-check">{escape(details)}</failure>\n'
            )
        others = [f for f in found if not f.fails]
        if others:
            stream.write(f"      <system-out>{escape(chr(10).join(_line(f) for f in others))}</system-out>\n")
        stream.write("    </testcase>\n")
    stream.write("  </testsuite>\n</testsuites>\n")


def _line(finding: Finding) -> str:
    waived = " (waived)" if finding.waived else ""
    return (
        f"{finding.path}:{finding.line}:{finding.column}: {finding.severity}{waived} "
        f"[{finding.rule}] {finding.message} {finding.url}"
    )


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": as_json,
    "github": github,
    "sarif": sarif,
    "junit": junit,
}
