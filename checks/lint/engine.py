"""The rule engine: read a post, check it against every enabled rule, return findings.

Steps: read (format rules), validate the front matter (front-matter-schema),
then run each rule's prepared check and stamp its problems with the rule's
id, severity, message and clause. Waivers with a reason mark findings waived.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from checks.lint.findings import Finding
from checks.lint.kinds import KINDS, Check, Context, Problem
from checks.lint.post import FormatProblem, Post, parse_post, publish_time_problem, read_post
from checks.policy.model import Policy, Rule
from checks.policy.quickschema import QuickSchema

if TYPE_CHECKING:  # jsonschema takes a tenth of a second to import: only a post the quick check doubts needs it
    from jsonschema import Draft202012Validator

    from checks.lint.settings import Settings


class Engine:
    """Everything prepared once per run: rules compiled, the post schema's quick check built."""

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
        self.quick_schema = QuickSchema.of(policy.post_schema)
        self._post_schema: Draft202012Validator | None = None

    @property
    def post_schema(self) -> Draft202012Validator:
        """jsonschema's validator of the post schema, built when first needed."""
        if self._post_schema is None:
            self._post_schema = _schemas().validator(self.policy.schema_dir, "post")
        return self._post_schema

    def check_file(self, path: Path, display: str) -> list[Finding]:
        return self._check(read_post(path, display), display)

    def check_text(self, text: str | bytes, display: str = "post.md") -> list[Finding]:
        raw = text.encode("utf-8") if isinstance(text, str) else text
        return self._check(parse_post(raw, display), display)

    def report_problem(self, display: str, problem: FormatProblem) -> list[Finding]:
        """A file that cannot be checked: its one finding."""
        return self._stamp(display, problem.rule, [Problem(problem.line, problem.column, {"detail": problem.message})])

    def _check(self, post: Post | FormatProblem, display: str) -> list[Finding]:
        if isinstance(post, FormatProblem):
            return self.report_problem(display, post)
        schema_problems = list(self._schema_problems(post))
        if schema_problems:
            return self._stamp(display, "front-matter-schema", schema_problems)
        problems = {rule.id: list(check(post)) for rule, check in self.checks}
        findings: list[Finding] = []
        for rule, _ in self.checks:
            if problems[rule.id]:  # most rules find nothing in most posts
                findings += self._stamp(display, rule.id, _after_deferring(rule, problems))
        return sorted(self._apply_waivers(post, findings))

    def _schema_problems(self, post: Post) -> list[Problem]:
        """Front matter that breaks the post schema, one problem per place, in file order.

        publish_at and waiver rules are checked here more closely than the
        schema can, so the schema's own error for those values is left out.
        """
        problems: dict[tuple[int, int, str], Problem] = {}
        own: set[tuple[str | int, ...]] = set()
        problem = publish_time_problem(post.front.get("publish_at"))
        if problem:
            own.add(("publish_at",))
            where = post.locate("publish_at", key=False)
            problems[(*where, problem)] = Problem(*where, {"detail": problem})
        waivers = post.front.get("waivers")
        for number, waiver in enumerate(waivers if isinstance(waivers, list) else []):
            rule = waiver.get("rule") if isinstance(waiver, dict) else None
            if isinstance(rule, str) and rule not in self.policy.rules:
                own.add(("waivers", number, "rule"))
                hint = _schemas().suggestion(rule, self.policy.rules)
                detail = f"Waiver {number + 1} names unknown rule '{rule}'{hint}"
                where = post.locate("waivers", number, "rule", key=False)
                problems[(*where, detail)] = Problem(*where, {"detail": detail})
        # Most posts are valid: jsonschema runs only when the quick check cannot say so, for its errors.
        quickly_valid = self.quick_schema is not None and self.quick_schema.valid(post.front)
        for error in () if quickly_valid else self.post_schema.iter_errors(post.front):
            if tuple(error.absolute_path) in own:
                continue
            for path, at_key, detail in _schemas().describe_front_matter(error):
                where = post.locate(*path, key=at_key)
                problems.setdefault((*where, detail), Problem(*where, {"detail": detail}))
        return sorted(problems.values(), key=lambda p: (p.line, p.column))

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


def _schemas() -> ModuleType:
    """``checks.policy.schemas``, imported when a post breaks the schema (jsonschema is slow to import)."""
    from checks.policy import schemas

    return schemas


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


def _waive(finding: Finding) -> Finding:
    from dataclasses import replace

    return replace(finding, waived=True)


def format_message(template: str, values: dict[str, Any]) -> str:
    """The rule's message with the problem's values; the first letter in capitals."""
    text = template.format_map(values)
    return text[:1].upper() + text[1:]
