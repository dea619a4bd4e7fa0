"""YAML reading shared by the policy loader, the settings and the post reader.

Data is loaded with libyaml's C parser when it is there (about seven times
faster than the pure-Python one) into plain values; positions are looked up
only when something needs reporting, by composing the same text into nodes.
Dates and times stay strings, so that an impossible date is reported by us
with its position instead of failing inside the YAML library.

PyYAML's own pure-Python loader is the reference for what is wrong with text
and where: the browser has no libyaml, and libyaml words errors differently
("mapping values are not allowed in this context" against "...allowed here",
often at another column). So text that libyaml refuses is read again by the
pure loader, and its message and position are the problem's. Errors are rare,
so reading twice then costs nothing that matters. The two also differ, rarely,
in what they read: libyaml reads a tab after a value (``title: Walk<tab>``)
that PyYAML refuses. Setting ``LIBYAML`` to False reads everything with the
pure loader alone, as the browser does; without libyaml it is False already.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


# Only plain data: text, numbers, true/false, null, lists and mappings. Every other
# tag (!!python/..., !!set, !!binary, !!timestamp, a local !tag) is an error.
_PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "str", "seq", "map"))
_KINDS = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "null"}
MAX_DEPTH = 50  # lists and mappings inside each other; real files need fewer than ten
MAX_NUMBER_LENGTH = 1000  # characters of a whole number
MAX_BYTES = 1024 * 1024  # a post or settings file larger than this is refused, not read


class _StrictConstructor(yaml.constructor.SafeConstructor):
    """Safe construction of plain data that rejects duplicate keys and keeps timestamps as text."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        # e.g. `!!int abc`, a 5,000-digit number, an empty `!!int` (PyYAML reads its first character)
        except (ValueError, TypeError, KeyError, IndexError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, f"{_preview(node)} is not {_kind(node.tag)}", node.start_mark
            ) from None

    def construct_undefined(self, node: yaml.Node) -> Any:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"the tag '{_short_tag(node.tag)}' is not allowed: use plain text, numbers, lists and mappings",
            node.start_mark,
        )

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        # A longer number could not be printed back (Python's limit on digits) and is never meant.
        if len(node.value) > MAX_NUMBER_LENGTH:
            raise yaml.constructor.ConstructorError(
                None, None, f"{_preview(node)} is too long a number", node.start_mark
            )
        return super().construct_yaml_int(node)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):  # `!!map [1]`
            raise yaml.constructor.ConstructorError(None, None, f"{_preview(node)} is not a mapping", node.start_mark)
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


class PureLoader(_StrictConstructor, yaml.SafeLoader):
    """The strict loader on PyYAML's pure-Python parser: the reference for what text means and what is wrong."""


LIBYAML: bool = yaml.__with_libyaml__  # False in the browser: PyYAML there has no libyaml
if LIBYAML:

    class StrictLoader(_StrictConstructor, yaml.CSafeLoader):
        """The strict loader on libyaml's parser, for speed: what it refuses is read again by ``PureLoader``."""

else:  # pragma: no cover - depends on how PyYAML was built
    StrictLoader = PureLoader  # type: ignore[misc]


def _plain_data_only(loader: type) -> None:
    """Timestamps resolve as plain strings, and only the plain tags construct.

    The tables are per class: each loader gets copies, to leave PyYAML's own loaders untouched.
    """
    loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    loader.yaml_constructors = {
        tag: construct for tag, construct in yaml.SafeLoader.yaml_constructors.items() if tag in _PLAIN_TAGS
    } | {None: _StrictConstructor.construct_undefined, "tag:yaml.org,2002:int": _StrictConstructor.construct_yaml_int}


_plain_data_only(PureLoader)
_plain_data_only(StrictLoader)


def _fast() -> bool:
    """Whether to read with libyaml first: when it is there and not switched off."""
    return LIBYAML and StrictLoader is not PureLoader


def _loader() -> type:
    """The loader to read with: libyaml's when it is there and not switched off, else the pure one."""
    return StrictLoader if _fast() else PureLoader


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _kind(tag: str) -> str:
    return _KINDS.get(tag.removeprefix("tag:yaml.org,2002:"), f"a valid '{_short_tag(tag)}'")


def _preview(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        return "this list" if isinstance(node, yaml.SequenceNode) else "this mapping"
    value = node.value if len(node.value) <= 40 else node.value[:40] + "…"
    return f"'{value}'"


class YAMLProblem(Exception):
    """The text is not valid YAML; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def load(text: str) -> Any:
    """Parse YAML text into plain values, or raise YAMLProblem with its position.

    What libyaml refuses is refused in the words of the pure loader, at its position.
    """
    if not _fast():
        return _within_limits(text, _read(text, PureLoader), PureLoader)
    try:
        data = _read(text, StrictLoader)
    except YAMLProblem as problem:
        raise _as_the_reference_says(text, problem) from None
    return _within_limits(text, data, StrictLoader)


def _as_the_reference_says(text: str, problem: YAMLProblem) -> YAMLProblem:
    """The pure loader's problem with text that libyaml refused; libyaml's own if the pure loader reads it.

    Only a lone surrogate escape (``"\\ud800"``) is known to be refused by libyaml and read by PyYAML: the
    text stays refused, as it always was on the command line.
    """
    try:
        _read(text, PureLoader)
    except YAMLProblem as reference:
        return reference
    return problem


def _read(text: str, loader: type) -> Any:
    """The text's data as ``loader`` reads it; its errors as YAMLProblem."""
    try:
        return yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = error.problem or error.context or "invalid YAML"
        if _character_at(text, line, column) == "\t":
            problem = "found a tab character: YAML is indented with spaces, not tabs"
        raise YAMLProblem(_sentence(problem), line, column) from None
    except yaml.reader.ReaderError as error:  # a control character; ``position`` counts characters
        character = error.character if isinstance(error.character, int) else ord(error.character)
        problem = f"{error.reason} (U+{character:04X})"
        raise YAMLProblem(_sentence(problem), *_line_column(text, error.position)) from None
    except yaml.YAMLError as error:
        raise YAMLProblem(_sentence(str(error).splitlines()[0]), 1, 1) from None
    except RecursionError:
        raise YAMLProblem("nested too deeply", 1, 1) from None


def _within_limits(text: str, data: Any, loader: type) -> Any:
    """The data that ``loader`` read from ``text``, unless it holds an alias or is nested too deep."""
    # An alias can repeat a big value thousands of times ('billion laughs'): none are allowed.
    alias = _first_alias(text, loader) if "*" in text else None
    if alias:
        raise YAMLProblem("anchors and aliases are not allowed", *alias)
    if _depth(data) > MAX_DEPTH:
        raise YAMLProblem(f"lists and mappings are nested more than {MAX_DEPTH} deep", *_too_deep(text, loader))
    return data


def _sentence(problem: str) -> str:
    return problem[:1].lower() + problem[1:] if problem else "invalid YAML"


def _character_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line)
    return lines[line - 1][column - 1 : column] if line <= len(lines) else ""


def read_capped(path: Path) -> bytes | None:
    """A file's bytes, or None when it is larger than MAX_BYTES: no more than MAX_BYTES + 1 are read. OSError passes."""
    with path.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    return raw if len(raw) <= MAX_BYTES else None


def byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters) of a byte offset, in a file that need not be UTF-8 throughout."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _depth(data: Any) -> int:
    """How deep lists and mappings go; iterative, so that depth itself cannot overflow the stack."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            stack.extend((item, depth + 1) for item in (value.values() if isinstance(value, dict) else value))
    return deepest


def _first_alias(text: str, loader: type) -> tuple[int, int] | None:
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1, event.start_mark.column + 1
    return None


def _too_deep(text: str, loader: type) -> tuple[int, int]:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return 1, 1


def load_with_nodes(text: str) -> tuple[Any, yaml.Node | None]:
    """``load(text)``'s data and, when the text is plain, its node tree for positions, from one parse.

    libyaml (or without it the pure parser) composes the nodes and ``_plain``
    builds the data from them, much faster than PyYAML's constructor. Text that
    is not plain (aliases, tags, numbers, keys that are not text, duplicate
    keys, too deep, errors) is left to ``load``, which gives the same data or
    raises YAMLProblem; the nodes are then None.
    tests/policy/test_yaml_equivalence.py holds the two to the same answers.
    """
    if "*" not in text:  # no alias can be written without "*", so no node is shared
        try:
            root = yaml.compose(text, Loader=_loader())
            return (None if root is None else _plain(root)), root
        except (yaml.YAMLError, RecursionError, _NotPlain):
            pass
    return load(text), None


class _NotPlain(Exception):
    """Text that ``_plain`` leaves to ``load``."""


_STR, _NULL, _BOOL, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "null", "bool", "seq", "map"))
_BOOLS = yaml.constructor.SafeConstructor.bool_values


def _plain(node: yaml.Node, depth: int = 1) -> Any:
    """Text, true or false, null, lists and mappings with text keys, as ``load`` builds them; else _NotPlain."""
    kind, tag = type(node), node.tag
    if kind is not yaml.ScalarNode and depth > MAX_DEPTH:
        raise _NotPlain("nested too deeply")
    if kind is yaml.ScalarNode:
        if tag == _STR:
            return node.value
        if tag == _NULL:
            return None
        if tag == _BOOL and node.value.lower() in _BOOLS:
            return _BOOLS[node.value.lower()]
    elif kind is yaml.SequenceNode and tag == _SEQ:
        return [_plain(item, depth + 1) for item in node.value]
    elif kind is yaml.MappingNode and tag == _MAP:
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag != _STR or type(key_node) is not yaml.ScalarNode or key_node.value in data:
                raise _NotPlain("a key that is not text, or a duplicate key")
            data[key_node.value] = _plain(value_node, depth + 1)
        return data
    raise _NotPlain(tag)


def compose(text: str) -> yaml.Node | None:
    """The node tree of text that ``load`` reads, for positions."""
    return yaml.compose(text, Loader=yaml.CSafeLoader if _fast() else yaml.SafeLoader)


def scan(text: str) -> Iterator[yaml.Token]:
    """The tokens of text that ``load`` reads, for what lies between them (comments)."""
    return yaml.scan(text, Loader=_loader())


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
        child_key, child_value = child(node, step)
        if child_value is None:
            break
        mark = (child_key if key and child_key is not None else child_value).start_mark
        node = child_value
    return mark.line + 1, mark.column + 1


def child(node: yaml.Node, step: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    """The key and value nodes of ``step`` in a mapping (key None in a list); (None, None) when it is not there."""
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
