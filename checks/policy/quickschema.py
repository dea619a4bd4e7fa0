"""A fast yes for data that a JSON Schema accepts: jsonschema (slow to import and to run) is asked only in doubt.

Used for each post's front matter (``checks.lint.engine``) and for ``.policy-check.yaml``
(``checks.repo.settings``): most files are valid, and jsonschema then only words the
errors of those that may not be.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any


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
