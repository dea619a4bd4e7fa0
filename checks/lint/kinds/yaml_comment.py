"""yaml_comment: a YAML comment on a front-matter line that holds a value of the post's text.

YAML reads `` #`` after a plain value as the start of a comment and drops it:
``x: Bins are collected as normal #HartNews`` publishes without its hashtag.
Comments are found where YAML itself finds them, between its tokens, so a
``#`` inside a quoted value or a block of text is text, not a comment.
``fields`` names the values that are the post's text (``text.*``: every
channel's own text; ``media.*.alt``: every alt text); ``pattern`` is what a
comment must start with to be reported (a hashtag: ``#`` and a letter).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.policy import yamlio
from checks.repo.post import Post

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "fields",
        ("text.*", "media.*.alt"),
        "The front-matter values that are the post's text, as dotted paths; * is any key or list item.",
        {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": r"^([a-z_]+|\*)(\.([a-z_]+|\*))*$"}},
    ),
    Parameter(
        "pattern",
        r"#[^\W\d_]\w*",
        "What a comment must start with to be reported (a regular expression).",
        {"type": "string", "minLength": 1},
    ),
)
VALUES: dict[str, str] = {
    "hashtag": "The start of the comment that matched the pattern.",
    "field": "The value the comment follows, as a dotted path: text.x, media[0].alt.",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    fields = [tuple(field.split(".")) for field in parameters["fields"]]
    comment = re.compile(parameters["pattern"])

    def check(post: Post) -> Iterator[Problem]:
        if not comment.search(post.front_text):  # most front matter holds no such text at all
            return
        lines = {line: name for name, line in _value_lines(post.nodes, fields)}
        for line, column, text in _comments(post.front_text):
            match = comment.match(text)
            if match and line in lines:
                yield Problem(line + 2, column + 1, {"hashtag": match[0], "field": lines[line]})

    return check


def _value_lines(root: yaml.Node | None, fields: list[tuple[str, ...]]) -> Iterator[tuple[str, int]]:
    """Each front-matter line (0-based) that holds a value named by ``fields``, with the value's name."""
    for field in fields:
        for name, key, value in _find(root, field, ()):
            end = value.end_mark.line - (value.end_mark.column == 0 and value.end_mark.line > key.start_mark.line)
            for line in range(key.start_mark.line, end + 1):
                yield name, line


def _find(
    node: yaml.Node | None, field: tuple[str, ...], path: tuple[str | int, ...]
) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
    """The (name, key node, value node) of every mapping entry at ``field``; ``*`` is any key or item."""
    step, rest = field[0], field[1:]
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and step in ("*", key.value):
                if rest:
                    yield from _find(value, rest, (*path, key.value))
                else:
                    yield yamlio.data_path((*path, key.value)).removeprefix("$."), key, value
    elif isinstance(node, yaml.SequenceNode) and step == "*" and rest:
        for number, item in enumerate(node.value):
            yield from _find(item, rest, (*path, number))


def _comments(text: str) -> Iterator[tuple[int, int, str]]:
    """Each comment's 0-based line and column and its text from the ``#``: what lies between YAML's tokens."""
    end = 0
    for token in yamlio.scan(text):
        gap = text[end : token.start_mark.index]
        start = end
        end = max(end, token.end_mark.index)
        for match in re.finditer(r"(?:^|(?<=\s))#[^\n]*", gap):
            offset = start + match.start()
            line = text.count("\n", 0, offset)
            yield line, offset - (text.rfind("\n", 0, offset) + 1), match[0]
