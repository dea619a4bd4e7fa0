"""YAML reading shared by the policy loader, the settings and the post reader.

Data is loaded with libyaml's C parser when it is there (about seven times
faster than the pure-Python one) into plain values; positions are looked up
only when something needs reporting, by composing the same text into nodes.
Dates and times stay strings, so that an impossible date is reported by us
with its position instead of failing inside the YAML library.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import yaml

try:  # libyaml is normally present; fall back so that the checker still runs without it.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]


class StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe YAML loading that rejects duplicate keys and keeps timestamps as text."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Hashable, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, Hashable) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key '{key}' (first at line {seen[key].start_mark.line + 1})",
                    key_node.start_mark,
                )
            if isinstance(key, Hashable):
                seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


# Timestamps are resolved as plain strings: the resolver table is per class, so
# copy it before editing it to leave PyYAML's own loaders untouched.
StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


class YAMLProblem(Exception):
    """The text is not valid YAML; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def load(text: str) -> Any:
    """Parse YAML text into plain values, or raise YAMLProblem with its position."""
    try:
        data = yaml.load(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        raise YAMLProblem(_sentence(problem), line, column) from None
    except yaml.YAMLError as error:  # e.g. a reader error on a control character
        mark = getattr(error, "problem_mark", None) or getattr(error, "mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YAMLProblem(_sentence(str(error).splitlines()[0]), line, column) from None
    except RecursionError:
        raise YAMLProblem("nested too deeply", 1, 1) from None
    if _shares_containers(data):
        raise YAMLProblem("anchors and aliases are not allowed", *_first_alias(text))
    return data


def _sentence(problem: str) -> str:
    return problem[:1].lower() + problem[1:] if problem else "invalid YAML"


def _shares_containers(data: Any) -> bool:
    """True when one list or mapping is reached twice: an alias, possibly a 'billion laughs'."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict | list):
            if id(value) in seen:
                return True
            seen.add(id(value))
            stack.extend(value.values() if isinstance(value, dict) else value)
    return False


def _first_alias(text: str) -> tuple[int, int]:
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1, event.start_mark.column + 1
    return 1, 1


def compose(text: str) -> yaml.Node | None:
    """The node tree of valid YAML text, for positions."""
    return yaml.compose(text, Loader=_BaseLoader)


def locate(root: yaml.Node | None, path: Iterable[str | int], *, key: bool = True) -> tuple[int, int]:
    """1-based line and column of the data at ``path``, as deep as it exists.

    With ``key`` true a mapping entry points at its key (where editors put the
    cursor for "this key is wrong"); otherwise at its value.
    """
    node = root
    if node is None:
        return 1, 1
    mark = node.start_mark
    for step in path:
        child_key, child_value = _child(node, step)
        if child_value is None:
            break
        mark = (child_key if key and child_key is not None else child_value).start_mark
        node = child_value
    return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                return key_node, value_node
    elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
        return None, node.value[step]
    return None, None


def data_path(path: Iterable[str | int]) -> str:
    """A JSONPath-like label for messages: ``$.media[0].alt``."""
    out = "$"
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else f".{step}"
    return out
