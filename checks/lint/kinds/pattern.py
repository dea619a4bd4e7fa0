"""pattern: text that matches a regular expression (the rule's own, or a list of them).

Patterns must run in linear time: no nested quantifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checks.lint.kinds.base import LIST_ID, Check, Context, Parameter, Problem
from checks.repo.post import Post
from checks.repo.textscan import inside, url_spans

PATTERN: dict[str, Any] = {
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "pattern": {"type": "string", "description": "A regular expression (Python syntax, linear time)."},
                "ignore_case": {"type": "boolean", "description": "Match without case."},
                "label": {"type": "string", "description": "What the pattern finds."},
            },
            "required": ["pattern"],
        },
    ],
    "description": "A pattern.",
}
PARAMETERS: tuple[Parameter, ...] = (
    Parameter("patterns", (), "The patterns.", {"type": "array", "items": PATTERN}),
    Parameter("list", None, "A list whose entries are patterns.", LIST_ID),
    Parameter("exceptions_list", None, "Matches equal to an entry of this list pass.", LIST_ID),
    Parameter("skip_urls", True, "Matches inside URLs pass.", {"type": "boolean"}),
)
VALUES: dict[str, str] = {
    "match": "The text that matched.",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    entries = list(parameters["patterns"])
    if parameters["list"]:
        entries += context.policy.words(parameters["list"])
    compiled = [(regex, Needs.of(regex)) for regex in map(_compile, entries)]
    exceptions = (
        frozenset(context.policy.words(parameters["exceptions_list"])) if parameters["exceptions_list"] else frozenset()
    )
    skip_urls = parameters["skip_urls"]

    def check(post: Post) -> Iterator[Problem]:
        for text in post.texts:
            urls = url_spans(text.value) if skip_urls else ()
            lowered = text.value.lower() if text.value.isascii() else None
            for regex, needs in compiled:
                if not needs.met(text.value, lowered):
                    continue
                for match in regex.finditer(text.value):
                    if match[0] in exceptions or (urls and inside(match.start(), urls)):
                        continue
                    yield Problem(*text.position(match.start()), {"match": match[0]})

    return check


@dataclass(frozen=True)
class Needs:
    """What a text must hold for a pattern to match it, so that most texts skip most patterns.

    Read from the pattern's parse, and only where every match is sure to hold
    it: ``literal``, the longest run of plain characters in the pattern
    (``publication`` in ``\\bnot\\s+for\\s+publication\\b``), and ``run``, a
    search for the longest repeat of one character class (``[A-Z]{4}`` for
    ``[A-Z]{4,}``), with the pattern's own flags, which ``run_in_ascii`` says
    whether ASCII text can hold. A pattern with neither runs on every text.
    """

    literal: str = ""
    ignore_case: bool = False
    run: re.Pattern[str] | None = None
    run_in_ascii: bool = True

    @classmethod
    def of(cls, regex: re.Pattern[str]) -> Needs:
        try:
            return cls._read(regex)
        except Exception:  # the parse comes from a private module, which may change: then nothing is skipped
            return cls()

    @classmethod
    def _read(cls, regex: re.Pattern[str]) -> Needs:
        from re import _constants, _parser  # type: ignore[attr-defined]

        ignore_case = bool(regex.flags & re.IGNORECASE)
        literals, literal, runs = [], "", []
        for op, value in _parser.parse(regex.pattern, regex.flags):
            if op is _constants.LITERAL:
                literal += chr(value)
                continue
            literals.append(literal)
            literal = ""
            if op is _constants.IN:
                runs.append((1, _character_class(value, _constants)))
            elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and value[0] >= 1 and len(value[2]) == 1:
                (inner, body), least = value[2][0], value[0]
                if inner is _constants.IN:
                    runs.append((least, _character_class(body, _constants)))
        literal = max([*literals, literal], key=len)
        if ignore_case and not literal.isascii():
            literal = ""
        usable = [(least, -number, pattern) for number, (least, pattern) in enumerate(runs) if pattern]
        if not usable:
            return cls(literal, ignore_case)
        least, _, pattern = max(usable)
        flags = regex.flags & (re.IGNORECASE | re.ASCII)
        single = re.compile(pattern, flags)
        in_ascii = any(single.fullmatch(chr(code)) for code in range(128))
        return cls(literal, ignore_case, re.compile(f"{pattern}{{{least}}}", flags), in_ascii)

    def met(self, text: str, lowered: str | None) -> bool:
        """Whether the pattern may match ``text``; ``lowered`` is the text in lower case when it is ASCII."""
        if self.literal:
            if not self.ignore_case:
                if self.literal not in text:
                    return False
            # Without case, ASCII letters match only their ASCII capitals: exact for ASCII text.
            elif lowered is not None and self.literal.lower() not in lowered:
                return False
        if self.run is None:
            return True
        return (self.run_in_ascii or lowered is None) and self.run.search(text) is not None


def _character_class(items: list[tuple[Any, Any]], constants: Any) -> str:
    """A parsed character set written back as a class, ``[\\d\\U00000041-\\U0000005a]``; "" if it cannot be."""
    categories = {
        constants.CATEGORY_DIGIT: r"\d",
        constants.CATEGORY_NOT_DIGIT: r"\D",
        constants.CATEGORY_SPACE: r"\s",
        constants.CATEGORY_NOT_SPACE: r"\S",
        constants.CATEGORY_WORD: r"\w",
        constants.CATEGORY_NOT_WORD: r"\W",
    }
    parts = []
    for number, (kind, value) in enumerate(items):
        if kind is constants.NEGATE and number == 0:
            parts.append("^")
        elif kind is constants.LITERAL:
            parts.append(f"\\U{value:08x}")
        elif kind is constants.RANGE:
            parts.append(f"\\U{value[0]:08x}-\\U{value[1]:08x}")
        elif kind is constants.CATEGORY and value in categories:
            parts.append(categories[value])
        else:
            return ""
    return f"[{''.join(parts)}]"


def _compile(entry: Any) -> re.Pattern[str]:
    if isinstance(entry, str):
        return re.compile(entry)
    return re.compile(entry["pattern"], re.IGNORECASE if entry.get("ignore_case") else 0)
