"""Staff pages on getting a post through policy-check: rule counts, schema tables, examples, the Action's inputs."""

from __future__ import annotations

import json

import yaml

from checks.lint.examples import check_example
from checks.policy.model import Policy
from checks.site.environment import ACTION, EXAMPLE_REPO
from checks.site.markup import SiteError, code_block, inline_code, markdown_blocks, markdown_text, one_line, table
from checks.site.rules import rule_named


def rule_counts(policy: Policy) -> str:
    """A sentence: how many rules there are, and how many are errors and warnings."""
    rules = list(policy.rules.values())
    errors = sum(rule.severity == "error" for rule in rules)
    warnings = len(rules) - errors
    return (
        f"There are {len(rules)} rules: {errors} {'error' if errors == 1 else 'errors'} "
        f"and {warnings} {'warning' if warnings == 1 else 'warnings'}."
    )


def schema_fields(policy: Policy, schema: str, definition: str | None = None) -> str:
    """A table of the keys a JSON Schema allows, with whether each is required and what it means."""
    path = policy.schema_dir / f"{schema}.schema.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise SiteError(f"no JSON Schema '{schema}' in {policy.schema_dir}") from None
    if definition is not None:
        try:
            data = data["$defs"][definition]
        except KeyError:
            raise SiteError(f"schema '{schema}' has no definition '{definition}'") from None
    required = set(data.get("required", []))
    rows = []
    for key, spec in data["properties"].items():
        description = spec.get("description")
        if not description:
            raise SiteError(f"schema '{schema}' gives no description for '{key}'")
        allowed = ", ".join(f"`{value}`" for value in spec["enum"]) if "enum" in spec else ""
        meaning = markdown_text(description) + (f" One of: {allowed}." if allowed else "")
        rows.append((f"`{key}`", "yes" if key in required else "no", meaning))
    return table(("Key", "Required", "What it means"), rows)


def example_post(policy: Policy, rule_id: str, outcome: str = "pass", number: int = 0) -> str:
    """One of a rule's example posts as a code block, so that a page can show a post that is known to pass."""
    rule = rule_named(policy, rule_id)
    examples = rule.passing if outcome == "pass" else rule.failing
    if not 0 <= number < len(examples):
        raise SiteError(f"rule '{rule_id}' has no {outcome} example {number}")
    return markdown_blocks(code_block(examples[number].post, "markdown"))


def example_findings(policy: Policy, rule_id: str, number: int = 0) -> str:
    """The findings policy-check gives for one of a rule's failing examples, in the JSON shape."""
    rule = rule_named(policy, rule_id)
    if not 0 <= number < len(rule.failing):
        raise SiteError(f"rule '{rule_id}' has no failing example {number}")
    example = rule.failing[number]
    findings = check_example(policy, rule, example, f"posts/{rule_id}-example.md")
    return markdown_blocks(
        code_block(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2), "json")
    )


def example_file(relative: str) -> str:
    """A file of ``examples/content-repo``, shown whole, so the page's copy-paste set-up is the tested one."""
    path = EXAMPLE_REPO / relative
    if not path.is_file():
        raise SiteError(f"examples/content-repo/{relative} does not exist")
    language = "yaml" if path.suffix in {".yml", ".yaml"} else "text"
    return code_block(path.read_text(encoding="utf-8"), language)


def action_inputs() -> str:
    """The GitHub Action's inputs, read from ``action.yml``: name, default and description."""
    inputs = yaml.safe_load(ACTION.read_text(encoding="utf-8"))["inputs"]
    rows = (
        (
            inline_code(name),
            inline_code(str(spec["default"])) if spec.get("default") else "(empty)",
            one_line(spec["description"]),
        )
        for name, spec in inputs.items()
    )
    return table(("Input", "Default", "What it does"), rows)
