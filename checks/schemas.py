"""The project's JSON Schemas: loading, validating, and describing a failure in words.

Messages are built from jsonschema's structured error fields (validator,
validator_value, instance, path), never by reading its message text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

SCHEMA_BASE = "https://policy.hart.gov.uk/schemas/"


@cache
def registry(schema_dir: Path) -> Registry:
    resources = []
    for path in sorted(schema_dir.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@cache
def validator(schema_dir: Path, name: str) -> Draft202012Validator:
    """A reusable validator for ``<name>.schema.json`` (building one is the slow part)."""
    uri = f"{SCHEMA_BASE}{name}.schema.json"
    schema = registry(schema_dir).contents(uri)
    return Draft202012Validator(schema, registry=registry(schema_dir))


def first_error(checker: Draft202012Validator, data: Any) -> ValidationError | None:
    """The most relevant error, or None when ``data`` is valid."""
    return best_match(checker.iter_errors(data))


def describe(error: ValidationError) -> tuple[tuple[str | int, ...], str]:
    """The data path the error is about and a sentence saying what is wrong."""
    path = tuple(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [key for key in expected if isinstance(value, dict) and key not in value]
        return path, f"missing required key '{missing[0] if missing else expected[0]}'"
    if kind == "additionalProperties" and isinstance(value, dict):
        known = set(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in value if k not in known)
        key = extra[0] if extra else "?"
        return (*path, key), f"unknown key '{key}'" + _suggestion(key, known)
    if kind == "type":
        wanted = " or ".join(expected) if isinstance(expected, list) else expected
        return path, f"expected {wanted}, got {_type_name(value)}"
    if kind == "enum":
        options = ", ".join(str(option) for option in expected)
        return path, f"'{value}' is not one of: {options}"
    if kind == "const":
        return path, f"expected '{expected}', got '{value}'"
    if kind == "pattern":
        return path, f"'{value}' does not have the expected form"
    if kind == "format":
        return path, f"'{value}' is not a valid {expected}"
    if kind in ("minItems", "minLength"):
        return path, "must not be empty" if expected == 1 else f"needs at least {expected}"
    if kind in ("maxItems", "maxLength"):
        return path, f"too long (at most {expected})"
    if kind == "uniqueItems":
        return path, "has duplicate entries"
    if kind in ("minimum", "maximum"):
        return path, f"{value} is out of range ({kind} {expected})"
    if kind in ("oneOf", "anyOf"):
        return path, "does not match any allowed form"
    if kind == "not":
        return path, "is not allowed here"
    return path, f"is not valid ({kind})"


def _type_name(value: Any) -> str:
    names = {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "list",
        dict: "mapping",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _suggestion(key: str, known: set[str]) -> str:
    from difflib import get_close_matches

    close = get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""
