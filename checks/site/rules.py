"""The rules catalogue and one page per rule, in fixed sections like ruff's, from the rules' own data."""

from __future__ import annotations

import json
from typing import Any

import yaml

from checks.lint.examples import check_example
from checks.policy.model import Clause, Example, Policy, Rule
from checks.site.environment import POLICY_PAGE, RULES_INDEX, rule_src
from checks.site.markup import (
    CONTROL,
    SiteError,
    code_block,
    escape,
    heading,
    inline_code,
    markdown_blocks,
    markdown_text,
    one_line,
    relative,
    show_controls,
    table,
)
from checks.site.text import clause_location, excerpt_html, find_part


def categories(policy: Policy) -> list[str]:
    """Rule categories in the order the rule schema lists them."""
    schema = json.loads((policy.schema_dir / "rule.schema.json").read_text(encoding="utf-8"))
    order: list[str] = schema["properties"]["category"]["enum"]
    used = {rule.category for rule in policy.rules.values()}
    return [category for category in order if category in used]


def category_title(category: str) -> str:
    """A category id as a heading: ``pre-election`` → ``Pre-election``."""
    return category.capitalize()


def rules_catalogue(policy: Policy, page: str = RULES_INDEX) -> str:
    """Every rule, grouped by category: id (linked to its page), severity and what it flags."""
    blocks = []
    for category in categories(policy):
        rules = [rule for rule in policy.rules.values() if rule.category == category]
        blocks.append(heading(2, category_title(category), category))
        rows = [
            (f"[{rule.id}]({relative(page, rule_src(rule.id))})", rule.severity, one_line(rule.summary))
            for rule in rules
        ]
        blocks.append(table(("Rule", "Severity", "What it flags"), rows))
    return markdown_blocks(*blocks)


def rules_nav(policy: Policy) -> list[dict[str, list[dict[str, str]]]]:
    """Navigation entries for the rule pages, one group per category."""
    return [
        {
            category_title(category): [
                {rule.id: rule_src(rule.id)} for rule in policy.rules.values() if rule.category == category
            ]
        }
        for category in categories(policy)
    ]


def nav_with_rules(nav: list[Any], policy: Policy) -> list[Any]:
    """The site's nav with the rule pages added after the rules index, wherever that stands."""
    found = False

    def visit(entries: list[Any]) -> list[Any]:
        nonlocal found
        out: list[Any] = []
        for entry in entries:
            if isinstance(entry, dict):
                (title, value), *_ = entry.items()
                if isinstance(value, list):
                    children = visit(value)
                    if any(_is_rules_index(child) for child in value):
                        found = True
                        children = [*children, *rules_nav(policy)]
                    out.append({title: children})
                    continue
            out.append(entry)
        return out

    result = visit(nav)
    if not found:
        raise SiteError(f"the nav has no section holding {RULES_INDEX}, so the rule pages have nowhere to go")
    return result


def _is_rules_index(entry: Any) -> bool:
    if isinstance(entry, str):
        return entry == RULES_INDEX
    return isinstance(entry, dict) and RULES_INDEX in entry.values()


def rule_pages(policy: Policy) -> dict[str, str]:
    """Every rule's page as Markdown, by docs path. Macros are off on them: they are already rendered."""
    return {
        rule_src(rule.id): f"---\nrender_macros: false\n---\n{rule_page(policy, rule.id)}"
        for rule in policy.rules.values()
    }


def rule_page(policy: Policy, rule_id: str, page: str | None = None) -> str:
    """One rule's page, in fixed sections like ruff's: what it flags, why, the clause, the fix, parameters, examples."""
    rule = rule_named(policy, rule_id)
    page = page or rule_src(rule.id)
    clause = find_part(policy, rule.clause)
    clause_link = relative(page, f"{POLICY_PAGE}#{rule.clause}")
    severity = (
        "error (a finding fails the check)"
        if rule.severity == "error"
        else "warning (a finding does not fail the check)"
    )
    facts = "\n".join(
        [
            f"- Category: [{category_title(rule.category)}]({relative(page, RULES_INDEX)}#{rule.category})",
            f"- Severity: {severity}",
            f"- Kind of check: `{rule.kind}`",
            f"- Defined in: `policy/{rule.source}`",
        ]
    )
    quoted = (
        "\n".join(excerpt_html(policy, [clause])) if isinstance(clause, Clause) else f"<p>{escape(clause.title)}</p>"
    )
    return markdown_blocks(
        f"# {rule.id}",
        facts,
        "## What it flags",
        rule.summary,
        *(("## How it is measured", rule.measurement) if rule.measurement else ()),
        "## Why it matters",
        rule.why,
        "## The policy clause it enforces",
        f"<blockquote>\n{quoted}\n</blockquote>",
        f"From the policy: [{markdown_text(clause_location(policy, rule.clause))}]({clause_link}).",
        "## How to fix it",
        rule.how_to_fix,
        "## The message it gives",
        f"{inline_code(rule.message)}, with the parts in braces filled in from the post.",
        "## Parameters",
        _parameters(policy, rule),
        "## Examples",
        _examples(policy, rule),
    )


def rule_named(policy: Policy, rule_id: str) -> Rule:
    try:
        return policy.rules[rule_id]
    except KeyError:
        raise SiteError(f"no rule '{rule_id}' in policy/rules") from None


def _parameters(policy: Policy, rule: Rule) -> str:
    """The kind's parameters as the rule schema describes them (generated from the kind), with this rule's values."""
    declared = _kind_parameters(policy, rule.kind)
    names = [*declared, *(name for name in rule.parameters if name not in declared)]
    if not names:
        return f"This rule has no parameters: the kind of check `{rule.kind}` takes none."
    rows = []
    for name in names:
        described = declared.get(name, {})
        value = rule.parameters.get(name, described.get("default"))
        shown = inline_code(_value(value))
        if name.endswith("list") and isinstance(value, str) and value in policy.lists:
            word_list = policy.lists[value]
            entries = f"{len(word_list.entries)} entries, in `policy.json`"
            shown += f": {markdown_text(one_line(word_list.description))} ({entries})"
        where = "set by this rule" if name in rule.parameters else "default"
        rows.append((f"`{name}`", shown, where, markdown_text(one_line(described.get("description", "")))))
    return table(("Parameter", "Value", "From", "What it sets"), rows)


def _kind_parameters(policy: Policy, kind: str) -> dict[str, dict[str, Any]]:
    """A kind's parameters by name, each with its description and default, from ``$defs/parameters-<kind>``."""
    schema = json.loads((policy.schema_dir / "rule.schema.json").read_text(encoding="utf-8"))
    try:
        parameters: dict[str, dict[str, Any]] = schema["$defs"][f"parameters-{kind}"]["properties"]
    except KeyError:
        raise SiteError(f"rule.schema.json does not describe the parameters of kind '{kind}'") from None
    return parameters


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _examples(policy: Policy, rule: Rule) -> str:
    blocks = [
        "policy-check runs these examples as tests, so they always behave as shown.",
        "### Posts it passes",
    ]
    for number, example in enumerate(rule.passing, start=1):
        blocks += _example(example, number, "Passing example")
    blocks.append("### Posts it fails")
    for number, example in enumerate(rule.failing, start=1):
        blocks += _example(example, number, "Failing example")
        findings = check_example(policy, rule, example, "post.md")
        lines = "\n".join(f"- Line {f.line}, column {f.column}: {markdown_text(f.message)}" for f in findings)
        blocks.append(f"policy-check reports:\n\n{lines}" if lines else "")
    return markdown_blocks(*blocks)


def _example(example: Example, number: int, label: str) -> list[str]:
    title = f"{label} {number}" + (f": {example.description}" if example.description else "")
    blocks = [f"**{markdown_text(title)}**"]
    if example.settings:
        settings = yaml.safe_dump(example.settings, sort_keys=False, allow_unicode=True)
        blocks += ["With these settings in `.policy-check.yaml`:", code_block(settings, "yaml")]
    if example.register is not None:
        register = yaml.dump(example.register, Dumper=_RegisterDumper, sort_keys=False, allow_unicode=True)
        blocks += ["With this consent register (the file `consent_register` names):", code_block(register, "yaml")]
    if CONTROL.search(example.post):
        blocks.append("Control characters in the post, such as NUL bytes, are shown as symbols (␀).")
    blocks.append(code_block(show_controls(example.post), "markdown"))
    return blocks


class _RegisterDumper(yaml.SafeDumper):
    """A register as an editor writes it: dates unquoted (policy-check reads them as text), an unset field empty."""


_RegisterDumper.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}
_RegisterDumper.add_representer(type(None), lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:null", ""))
