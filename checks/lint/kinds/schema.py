"""The per-kind part of ``policy/schemas/rule.schema.json``, generated from the kind modules.

Generated: the ``kind`` enum, one ``allOf`` if/then branch per kind, each
``$defs/parameters-<kind>`` (from the kind's ``PARAMETERS``) and the top-level
``x-message-values`` annotation (from each kind's ``VALUES``: what a rule's
message may name). The rest of the schema is kept as it stands.

    .venv/bin/python -m checks.lint.kinds.schema --write   # rewrite the file
    .venv/bin/python -m checks.lint.kinds.schema           # exit 1, saying so, when it is out of date
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from checks.lint.kinds import KINDS
from checks.lint.kinds.base import Parameter
from checks.policy.loader import default_policy_dir

MESSAGE_VALUES = "x-message-values"
PARAMETERS_DEF = "parameters-"


def rule_schema_path() -> Path:
    return default_policy_dir() / "schemas" / "rule.schema.json"


def generate(schema: dict[str, Any], kinds: dict[str, ModuleType] = KINDS) -> dict[str, Any]:
    """``schema`` with its per-kind parts made from ``kinds``; every other key and branch kept where it is."""
    out = json.loads(json.dumps(schema))  # a deep copy: the caller's schema stays as it was
    out["properties"]["kind"]["enum"] = list(kinds)
    others = [branch for branch in out.get("allOf", []) if _branch_kind(branch) is None]
    out["allOf"] = [*others, *(_branch(name) for name in kinds)]
    defs = {name: value for name, value in out.get("$defs", {}).items() if not name.startswith(PARAMETERS_DEF)}
    out["$defs"] = {**defs, **{f"{PARAMETERS_DEF}{name}": _parameters(name, kind) for name, kind in kinds.items()}}
    out[MESSAGE_VALUES] = {name: dict(kind.VALUES) for name, kind in kinds.items()}
    return out


def render(schema: dict[str, Any]) -> str:
    """The schema as the file holds it."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _branch_kind(branch: dict[str, Any]) -> str | None:
    return branch.get("if", {}).get("properties", {}).get("kind", {}).get("const")


def _branch(name: str) -> dict[str, Any]:
    return {
        "if": {"properties": {"kind": {"const": name}}, "required": ["kind"]},
        "then": {"properties": {"parameters": {"$ref": f"#/$defs/{PARAMETERS_DEF}{name}"}}},
    }


def _parameters(name: str, kind: ModuleType) -> dict[str, Any]:
    declared: tuple[Parameter, ...] = kind.PARAMETERS
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {parameter.name: _property(parameter) for parameter in declared},
    }
    required = [parameter.name for parameter in declared if parameter.required]
    if required:
        schema["required"] = required
    schema["description"] = f"Parameters of the {name} kind."
    return schema


def _property(parameter: Parameter) -> dict[str, Any]:
    # A required parameter's default is never used, so the schema (and the rule pages) show none.
    shown = {} if parameter.required else {"default": parameter.default}
    return {**parameter.schema, "description": parameter.description, **shown}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checks.lint.kinds.schema", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the file instead of checking it")
    parser.add_argument("path", nargs="?", type=Path, default=rule_schema_path(), help="the rule schema")
    options = parser.parse_args(argv)
    text = options.path.read_text(encoding="utf-8")
    wanted = render(generate(json.loads(text)))
    if options.write:
        if wanted != text:
            options.path.write_text(wanted, encoding="utf-8")
        return 0
    if wanted != text:
        sys.stderr.write(f"{options.path} is out of date: run python -m checks.lint.kinds.schema --write\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
