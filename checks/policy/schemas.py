"""The project's JSON Schemas: loading, validating, and describing a failure in words.

Messages are built from jsonschema's structured error fields (validator,
validator_value, instance, path), never by reading its message text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match
from referencing import Registry, Resource

from checks.caches import cached

SCHEMA_BASE = "https://policy.hart.gov.uk/schemas/"


def with_id(schema: dict[str, Any], name: str, base: str = SCHEMA_BASE) -> dict[str, Any]:
    """The schema with its absolute ``$id`` (``base`` + file name) right after ``$schema``.

    The files on disk carry no ``$id`` and refer to each other by relative
    ``$ref`` (``common.schema.json#/$defs/line``), so that editors and other
    validators resolve them offline against the file's own location. Given its
    published ``$id``, a schema's relative refs resolve to the published
    siblings alike. An ``$id`` the file does give is kept.
    """
    if "$id" in schema:
        return schema
    head = {key: schema[key] for key in ("$schema",) if key in schema}
    return {**head, "$id": f"{base}{name}", **schema}


@cached
def registry(schema_dir: Path) -> Registry:
    resources = []
    for path in sorted(schema_dir.glob("*.schema.json")):
        schema = with_id(json.loads(path.read_text(encoding="utf-8")), path.name)
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


@cached
def validator(schema_dir: Path, name: str) -> Draft202012Validator:
    """A reusable validator for ``<name>.schema.json`` (building one is the slow part)."""
    uri = f"{SCHEMA_BASE}{name}.schema.json"
    schema = registry(schema_dir).contents(uri)
    return Draft202012Validator(schema, registry=registry(schema_dir))


def first_error(checker: Draft202012Validator, data: Any) -> ValidationError | None:
    """The most relevant error, or None when ``data`` is valid."""
    return best_match(checker.iter_errors(data))


def points_at_key(error: ValidationError) -> bool:
    """Whether the error is about a key (unknown or missing) rather than a value."""
    return error.validator in ("additionalProperties", "required")


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
        return (*path, key), f"unknown key '{key}'" + suggestion(key, known)
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


# -- a post's front matter, in sentences for content editors --------------------

ITEM_NAMES = {"media": "Media item", "waivers": "Waiver", "channels": "Channel", "links": "Link"}
WANTED = {
    "string": "text",
    "array": "a list",
    "object": "a mapping of keys",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}
GOT = {bool: "a true or false value", int: "a number", float: "a number", str: "text", list: "a list"}


def describe_front_matter(error: ValidationError) -> list[tuple[tuple[str | int, ...], bool, str]]:
    """Each problem an error stands for: its data path, whether to point at the key, and a full sentence.

    ``Front matter has unknown key 'chanels' (did you mean 'channels'?)``,
    ``Media item 2 is missing required key 'file'``,
    ``Front matter key 'type' is 'press-release', not one of: news, ...``.
    """
    path = tuple(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    subject = _subject(path)
    if kind == "required" and isinstance(value, dict):
        known = set(error.schema.get("properties", {}))
        meant = {_closest(str(key), known) for key in value if key not in known}  # a typo reports the key it misses
        keys = [f"'{key}'" for key in expected if key not in value and key not in meant]
        if not keys:
            return []
        listing = ", ".join(keys[:-1]) + " and " + keys[-1] if len(keys) > 1 else "".join(keys)
        return [(path, True, f"{subject} is missing required key{'s' if len(keys) > 1 else ''} {listing}")]
    if kind == "additionalProperties" and isinstance(value, dict):
        known = set(error.schema.get("properties", {}))
        return [
            ((*path, key), True, f"{subject} has unknown key '{key}'{suggestion(str(key), known)}")
            for key in value
            if key not in known
        ]
    if kind == "type":
        wanted = [WANTED[name] for name in ([expected] if isinstance(expected, str) else expected) if name in WANTED]
        got = "empty" if value is None else GOT.get(type(value), "a mapping of keys")
        quote = " (put it in quotes)" if "text" in wanted and isinstance(value, bool | int | float) else ""
        return [(path, False, f"{subject} should be {' or '.join(wanted)}, but is {got}{quote}")]
    if kind == "enum":
        options = ", ".join(str(option) for option in expected)
        said = "empty" if value is None else f"'{value}'"
        return [(path, False, f"{subject} is {said}, not one of: {options}")]
    if kind in ("minItems", "minLength") and expected == 1:
        return [(path, False, f"{subject} must not be empty")]
    if kind == "pattern":
        return [(path, False, f"{subject} is '{value}', which does not have the expected form")]
    where, detail = describe(error)
    return [(where, False, f"{subject}: {detail}")]


def _subject(path: tuple[str | int, ...]) -> str:
    """Words for a place in the front matter: 'Front matter', 'Media item 1 key 'alt'', 'Channel 2'."""
    owner, rest = "Front matter", path
    if len(path) >= 2 and isinstance(path[1], int) and path[0] in ITEM_NAMES:
        owner, rest = f"{ITEM_NAMES[str(path[0])]} {path[1] + 1}", path[2:]
    return f"{owner} key '{'.'.join(str(step) for step in rest)}'" if rest else owner


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


def suggestion(key: str, known: Iterable[str]) -> str:
    """' (did you mean 'channels'?)' for a near miss of a known name, else ''."""
    close = _closest(key, known)
    return f" (did you mean '{close}'?)" if close else ""


def _closest(key: str, known: Iterable[str]) -> str | None:
    from difflib import get_close_matches

    close = get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    return close[0] if close else None
