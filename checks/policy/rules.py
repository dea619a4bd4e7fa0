"""The rules of ``policy-check`` as data: built from ``policy/rules/*.yaml``, each message checked against its kind.

What each kind's problems carry is read from the rule schema (generated from
the kind modules), so the policy data never imports the linter's code.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from checks.policy.datafile import PolicyFile
from checks.policy.model import Example, Rule

# The rule schema's annotation of the values each kind's problems carry; a message may name only those.
MESSAGE_VALUES = "x-message-values"
# A placeholder's value name ends where an attribute, an index, a conversion or a format spec begins.
PLACEHOLDER_NAME = re.compile(r"[.\[!:]")


def build_rules(files: dict[str, PolicyFile], schema_dir: Path) -> dict[str, Rule]:
    """Every rule; an unknown kind has been refused by the rule schema's enum already."""
    from checks.policy import schemas

    # What each kind's problems carry, as the kind modules declare it (generated into the schema).
    gives = schemas.registry(schema_dir).contents(f"{schemas.SCHEMA_BASE}rule.schema.json").get(MESSAGE_VALUES, {})
    rules: dict[str, Rule] = {}
    for name, file in files.items():
        if file.schema != "rule":
            continue
        data = file.data
        if f"rules/{data['id']}.yaml" != name:
            raise file.error(("id",), f"rule id '{data['id']}' does not match its file name")
        _check_placeholders(file, data["message"], data["kind"], gives.get(data["kind"]))
        examples = data["examples"]
        rules[data["id"]] = Rule(
            id=data["id"],
            category=data["category"],
            severity=data["severity"],
            clause=data["clause"],
            kind=data["kind"],
            parameters=data.get("parameters", {}),
            message=data["message"],
            summary=data["summary"],
            why=data["why"],
            how_to_fix=data["how_to_fix"],
            passing=tuple(_example(raw) for raw in examples["pass"]),
            failing=tuple(_example(raw) for raw in examples["fail"]),
            source=name,
            defers_to=tuple(data.get("defers_to", [])),
            measurement=data.get("measurement", ""),
        )
    return dict(sorted(rules.items()))


def _check_placeholders(file: PolicyFile, message: str, kind: str, values: dict[str, str] | None) -> None:
    """Every ``{placeholder}`` of a rule's message must be a value its kind gives, or a finding could not say it."""
    if values is None:
        raise file.error(("kind",), f"kind '{kind}' has no {MESSAGE_VALUES} entry in schemas/rule.schema.json")
    try:
        names = _placeholders(message)
    except ValueError as error:
        raise file.error(("message",), f"message is not a valid template: {error}", key=False) from None
    for name in names:
        if name not in values:
            gives = ", ".join(sorted(values)) or "nothing"
            raise file.error(
                ("message",),
                f"message names placeholder '{{{name}}}', which kind '{kind}' does not give (it gives: {gives})",
                key=False,
            )


def _placeholders(template: str) -> list[str]:
    """The value names a ``str.format`` template uses: ``{count}``, ``{file.name}`` and ``{limit:>3}`` name one each."""
    import string  # only when the policy is read afresh: string compiles a regular expression on import

    names: list[str] = []
    for _, field, spec, _ in string.Formatter().parse(template):
        if field is not None:
            names.append(PLACEHOLDER_NAME.split(field, maxsplit=1)[0])
            names += _placeholders(spec or "")  # a spec may hold placeholders of its own: {score:.{digits}f}
    return names


def _example(raw: dict[str, Any]) -> Example:
    expect = tuple((at["line"], at["column"]) for at in raw.get("expect", []))
    return Example(raw["post"], raw.get("description", ""), raw.get("settings", {}), expect, raw.get("register"))
