"""The rule engine: read a post, check it against every enabled rule, return findings.

Steps: read (format rules), validate the front matter (front-matter-schema),
then run each rule's prepared check and stamp its problems with the rule's
id, severity, message and clause. Waivers with a reason mark findings waived.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checks.lint.findings import Finding
from checks.lint.frontmatter import FrontMatterCheck
from checks.lint.kinds import KINDS, Check, Context, Problem, with_defaults
from checks.lint.waivers import waived_rules
from checks.policy.model import Policy, Rule
from checks.repo.post import FormatProblem, Post, parse_post, read_post

if TYPE_CHECKING:
    from checks.repo.settings import Settings


class Engine:
    """Everything prepared once per run: rules compiled, the post schema's quick check built."""

    def __init__(self, policy: Policy, settings: Settings) -> None:
        self.policy = policy
        self.settings = settings
        self.context = Context(policy, settings)
        self.severity = {rule_id: settings.rules.get(rule_id, rule.severity) for rule_id, rule in policy.rules.items()}
        self.checks: list[tuple[Rule, Check]] = []
        for rule in policy.rules.values():
            if self.severity[rule.id] == "off":
                continue
            kind = KINDS[rule.kind]
            check = kind.prepare(with_defaults(kind.PARAMETERS, rule.parameters), self.context)
            if check is not None:  # None: the kind's problems are found while reading the post
                self.checks.append((rule, check))
        self.front_matter = FrontMatterCheck(policy)

    def check_file(self, path: Path, display: str) -> list[Finding]:
        return self.check_read(read_post(path, display), display)

    def check_text(self, text: str | bytes, display: str = "post.md") -> list[Finding]:
        raw = text.encode("utf-8") if isinstance(text, str) else text
        return self.check_read(parse_post(raw, display), display)

    def report_problem(self, display: str, problem: FormatProblem) -> list[Finding]:
        """A file that cannot be checked: its one finding."""
        return self._stamp(display, problem.rule, [Problem(problem.line, problem.column, {"detail": problem.message})])

    def check_read(self, post: Post | FormatProblem, display: str) -> list[Finding]:
        """The findings of a post already read, for callers that use the post too (policy-schedule)."""
        if isinstance(post, FormatProblem):
            return self.report_problem(display, post)
        schema_problems = self.front_matter.problems(post)
        if schema_problems:
            return self._stamp(display, "front-matter-schema", schema_problems)
        problems = {rule.id: list(check(post)) for rule, check in self.checks}
        findings: list[Finding] = []
        for rule, _ in self.checks:
            if problems[rule.id]:  # most rules find nothing in most posts
                findings += self._stamp(display, rule.id, _after_deferring(rule, problems))
        waived = waived_rules(post.front)
        return sorted(replace(f, waived=True) if f.rule in waived else f for f in findings)

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


def _after_deferring(rule: Rule, problems: dict[str, list[Problem]]) -> list[Problem]:
    """A rule's problems, less those about a media item whose file a rule it defers to already reports.

    An inline image with no media item has no record to mend in one go: its
    missing alt text and its missing credit are two problems, both reported.
    """
    own = problems[rule.id]
    if not rule.defers_to or not own:
        return own
    taken = {p.values.get("file") for other in rule.defers_to for p in problems.get(other, [])}
    return [p for p in own if p.values.get("file") not in taken or _unrecorded(p)]


def _unrecorded(problem: Problem) -> bool:
    """Whether the problem is about an inline image that has no media item (its ``item`` is None)."""
    return "item" in problem.values and problem.values["item"] is None


def format_message(template: str, values: dict[str, Any]) -> str:
    """The rule's message with the problem's values; the first letter in capitals."""
    text = template.format_map(values)
    return text[:1].upper() + text[1:]
