"""The rule engine: read a post, check it against every enabled rule, return findings.

Steps: read (format rules), validate the front matter (front-matter-schema),
then run each rule's prepared check and stamp its problems with the rule's
id, severity, message and clause. Waivers with a reason mark findings waived.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from checks.findings import Finding
from checks.kinds import KINDS, Check, Context, Problem
from checks.model import Policy, Rule
from checks.post import FormatProblem, Post, parse_post, publish_time_problem, read_post

if TYPE_CHECKING:  # jsonschema takes a tenth of a second to import: only a post the quick check doubts needs it
    from jsonschema import Draft202012Validator

    from checks.settings import Settings


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
    """``checks.schemas``, imported when a post breaks the schema (jsonschema is slow to import)."""
    from checks import schemas

    return schemas


def _after_deferring(rule: Rule, problems: dict[str, list[Problem]]) -> list[Problem]:
    """A rule's problems, less those about a media file that a rule it defers to already reports."""
    own = problems[rule.id]
    if not rule.defers_to or not own:
        return own
    taken = {p.values.get("file") for other in rule.defers_to for p in problems.get(other, [])}
    return [p for p in own if p.values.get("file") not in taken]


def _waive(finding: Finding) -> Finding:
    from dataclasses import replace

    return replace(finding, waived=True)


def format_message(template: str, values: dict[str, Any]) -> str:
    """The rule's message with the problem's values; the first letter in capitals."""
    text = template.format_map(values)
    return text[:1].upper() + text[1:]


class QuickSchema:
    """A fast yes for data that a JSON Schema (a plain subset of Draft 2020-12) accepts.

    ``valid`` is True only when jsonschema would find no error; False means
    "ask jsonschema", which also words the errors. ``of`` gives None for a
    schema that uses any keyword outside the subset, so that a keyword added
    to the post schema is never skipped. Each schema becomes one function,
    built once.
    """

    CHECKED = frozenset(
        {"type", "enum", "required", "properties", "additionalProperties", "items", "minItems", "minLength"}
        | {"pattern", "$ref"}
    )
    NOTES = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default"})
    TYPES: Mapping[str, tuple[type, ...]] = {
        "string": (str,),
        "array": (list,),
        "object": (dict,),
        "boolean": (bool,),
        "null": (type(None),),
        "integer": (int,),  # true and false are not numbers to JSON Schema; a float such as 1.0 is left to it
        "number": (int, float),
    }

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self._built: dict[int, Test] = {}
        self.valid: Test = _no

    @classmethod
    def of(cls, root: Any) -> QuickSchema | None:
        if not isinstance(root, dict):
            return None
        quick = cls(root)
        try:
            quick.valid = quick._build(root)
        except _Unsupported:
            return None
        return quick

    def _build(self, schema: Any) -> Test:
        if isinstance(schema, bool):
            return _yes if schema else _no
        if not isinstance(schema, dict) or not set(schema) <= self.CHECKED | self.NOTES:
            raise _Unsupported
        if id(schema) in self._built:
            return self._built[id(schema)]
        done: list[Test] = []
        self._built[id(schema)] = lambda value: done[0](value)  # for a schema that refers to itself
        tests = [self._build(self._target(schema["$ref"]))] if "$ref" in schema else []
        if "type" in schema:
            tests.append(self._type(schema["type"]))
        if "enum" in schema:
            tests.append(_enum(_checked(schema["enum"], list)))
        if "minLength" in schema or "pattern" in schema:
            tests.append(_text(_checked(schema.get("minLength", 0), int), schema.get("pattern")))
        if "minItems" in schema or "items" in schema:
            tests.append(_array(_checked(schema.get("minItems", 0), int), self._build(schema.get("items", True))))
        if {"required", "properties", "additionalProperties"} & set(schema):
            properties = _checked(schema.get("properties", {}), dict)
            tests.append(
                _mapping(
                    tuple(_checked(schema.get("required", []), list)),
                    {key: self._build(sub) for key, sub in properties.items()},
                    self._build(schema.get("additionalProperties", True)),
                )
            )
        test = _all(tests)
        done.append(test)
        self._built[id(schema)] = test
        return test

    def _type(self, types: Any) -> Test:
        names = [types] if isinstance(types, str) else _checked(types, list)
        if not all(name in self.TYPES for name in names):
            raise _Unsupported
        allowed = tuple(kind for name in names for kind in self.TYPES[name])
        booleans = "boolean" in names
        return lambda value: isinstance(value, allowed) and (booleans or not isinstance(value, bool))

    def _target(self, ref: Any) -> Any:
        """The schema a local reference such as "#/$defs/mediaItem" names."""
        if not isinstance(ref, str) or not ref.startswith("#/") or "~" in ref or "%" in ref:
            raise _Unsupported
        node: Any = self.root
        for step in ref[2:].split("/"):
            if not isinstance(node, dict) or step not in node:
                raise _Unsupported
            node = node[step]
        return node


Test = Callable[[Any], bool]


class _Unsupported(Exception):
    """A schema QuickSchema leaves to jsonschema."""


def _checked(value: Any, kind: type) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise _Unsupported
    return value


def _yes(value: Any) -> bool:
    return True


def _no(value: Any) -> bool:
    return False


def _all(tests: list[Test]) -> Test:
    if not tests:
        return _yes
    if len(tests) == 1:
        return tests[0]
    return lambda value: all(test(value) for test in tests)


def _enum(choices: list[Any]) -> Test:
    # Only text is compared here (jsonschema tells true from 1; "in" does not): jsonschema decides the rest.
    return lambda value: isinstance(value, str) and value in choices


def _text(shortest: int, pattern: Any) -> Test:
    if pattern is not None and not isinstance(pattern, str):
        raise _Unsupported
    try:
        search = re.compile(pattern).search if pattern is not None else None
    except re.error:
        raise _Unsupported from None
    return lambda value: (
        not isinstance(value, str) or (len(value) >= shortest and (search is None or search(value) is not None))
    )


def _array(shortest: int, item: Test) -> Test:
    return lambda value: not isinstance(value, list) or (len(value) >= shortest and all(map(item, value)))


def _mapping(required: tuple[Any, ...], properties: dict[str, Test], extra: Test) -> Test:
    def test(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        if any(key not in value for key in required):
            return False
        return all(properties.get(key, extra)(item) for key, item in value.items())

    return test
