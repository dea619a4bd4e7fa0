"""pattern: text that matches a regular expression (the rule's own, or a list of them).

Patterns must run in linear time: no nested quantifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checks.kinds import Check, Context, Problem
from checks.post import Post
from checks.textscan import URL, inside, spans

PARAMETERS: dict[str, Any] = {
    "patterns": [],  # list of {pattern, ignore_case}
    "list": None,  # or the id of a list whose entries are such patterns
    "exceptions_list": None,  # matches equal to an entry of this list pass
    "skip_urls": True,  # matches inside a URL pass
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    entries = list(parameters["patterns"])
    if parameters["list"]:
        entries += context.policy.words(parameters["list"])
    compiled = [_compile(entry) for entry in entries]
    exceptions = (
        frozenset(context.policy.words(parameters["exceptions_list"])) if parameters["exceptions_list"] else frozenset()
    )
    skip_urls = parameters["skip_urls"]

    def check(post: Post) -> Iterator[Problem]:
        for text in post.texts:
            urls = spans(URL, text.value) if skip_urls else []
            for regex in compiled:
                for match in regex.finditer(text.value):
                    if match[0] in exceptions or (urls and inside(match.start(), urls)):
                        continue
                    yield Problem(*text.position(match.start()), {"match": match[0]})

    return check


def _compile(entry: Any) -> re.Pattern[str]:
    if isinstance(entry, str):
        return re.compile(entry)
    return re.compile(entry["pattern"], re.IGNORECASE if entry.get("ignore_case") else 0)
