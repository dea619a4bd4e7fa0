"""The rule engine: read a post, check it against every enabled rule, return findings.

Steps: read (format rules), validate the front matter (front-matter-schema),
then run each rule's prepared check and stamp its problems with the rule's
id, severity, message and clause. Waivers with a reason mark findings waived.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checks import schemas
from checks.findings import Finding
from checks.kinds import KINDS, Check, Context, Problem
from checks.model import Policy, Rule
from checks.post import FormatProblem, Post, parse_post, publish_time_problem, read_post
from checks.settings import Settings


class Engine:
    """Everything prepared once per run: rules compiled, schema validator built."""

    def __init__(self, policy: Policy, settings: Settings) -> None:
        self.policy = policy
        self.settings = settings
        self.context = Context(policy, settings)
        self.severity = {rule_id: settings.rules.get(rule_id, rule.severity) for rule_id, rule in policy.rules.items()}
        self.checks: list[tuple[Rule, Check]] = [
            (rule, KINDS[rule.kind].prepare({**KINDS[rule.kind].PARAMETERS, **rule.parameters}, self.context))
            for rule in policy.rules.values()
            if rule.kind != "format" and self.severity[rule.id] != "off"
        ]
        self.post_schema = schemas.validator(policy.schema_dir, "post")

    def check_file(self, path: Path, display: str) -> list[Finding]:
        return self._check(read_post(path, display), display)

    def check_text(self, text: str | bytes, display: str = "post.md") -> list[Finding]:
        raw = text.encode("utf-8") if isinstance(text, str) else text
        return self._check(parse_post(raw, display), display)

    def _check(self, post: Post | FormatProblem, display: str) -> list[Finding]:
        if isinstance(post, FormatProblem):
            return self._stamp(display, post.rule, [Problem(post.line, post.column, {"detail": post.message})])
        schema_problems = list(self._schema_problems(post))
        if schema_problems:
            return self._stamp(display, "front-matter-schema", schema_problems)
        findings: list[Finding] = []
        for rule, check in self.checks:
            findings += self._stamp(display, rule.id, check(post))
        return sorted(self._apply_waivers(post, findings))

    def _schema_problems(self, post: Post) -> Iterable[Problem]:
        for error in sorted(self.post_schema.iter_errors(post.front), key=lambda e: [str(p) for p in e.absolute_path]):
            path, detail = schemas.describe(error)
            unknown_key = error.validator == "additionalProperties"
            yield Problem(*post.locate(*path, key=unknown_key or error.validator == "required"), {"detail": detail})
        problem = publish_time_problem(post.front.get("publish_at"))
        if problem:
            yield Problem(*post.locate("publish_at", key=False), {"detail": problem})
        for number, waiver in enumerate(post.front.get("waivers") or []):
            if isinstance(waiver, dict) and waiver.get("rule") not in self.policy.rules:
                detail = f"waiver names unknown rule '{waiver.get('rule')}'"
                yield Problem(*post.locate("waivers", number, "rule", key=False), {"detail": detail})

    def _stamp(self, display: str, rule_id: str, problems: Iterable[Problem]) -> list[Finding]:
        rule = self.policy.rules[rule_id]
        severity = self.severity[rule_id]
        if severity == "off":
            return []
        return [
            Finding(
                path=display,
                line=problem.line,
                column=problem.column,
                rule=rule_id,
                severity=severity,
                message=format_message(rule.message, problem.values),
                category=rule.category,
                clause=rule.clause,
                url=self.policy.rule_url(rule_id),
            )
            for problem in problems
        ]

    def _apply_waivers(self, post: Post, findings: list[Finding]) -> list[Finding]:
        waived = {
            waiver.get("rule")
            for waiver in post.front.get("waivers") or []
            if isinstance(waiver.get("reason"), str) and waiver["reason"].strip()
        }
        if not waived:
            return findings
        return [_waive(f) if f.rule in waived else f for f in findings]


def _waive(finding: Finding) -> Finding:
    from dataclasses import replace

    return replace(finding, waived=True)


def format_message(template: str, values: dict[str, Any]) -> str:
    """The rule's message with the problem's values; the first letter in capitals."""
    text = template.format_map(values)
    return text[:1].upper() + text[1:]
