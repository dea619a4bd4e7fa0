"""words: words or phrases from a list, matched as whole words; or link text that is only such a phrase."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import LIST_ID, Check, Context, Parameter, Problem
from checks.repo.post import Post
from checks.repo.textscan import inside, url_spans, words_pattern

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("list", None, "The list of words or phrases.", LIST_ID, required=True),
    Parameter("subject", "text", "Public text, or the text of each Markdown link.", {"enum": ["text", "link_text"]}),
    Parameter("ignore_case", True, "Match without case.", {"type": "boolean"}),
)
VALUES: dict[str, str] = {
    "match": "The words or the link text as written.",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    entries = context.policy.words(parameters["list"])
    if parameters["subject"] == "link_text":
        phrases = frozenset(" ".join(entry.lower().split()) for entry in entries)

        def check_links(post: Post) -> Iterator[Problem]:
            for link in post.inline_links:
                said = " ".join(link.text.lower().strip(" .:!?…").split())
                if said in phrases:
                    yield Problem(link.line, link.column, {"match": link.text})

        return check_links
    regex = words_pattern(entries, ignore_case=parameters["ignore_case"])

    def check(post: Post) -> Iterator[Problem]:
        if regex is None:
            return
        for text in post.texts:
            urls = url_spans(text.value)
            for match in regex.finditer(text.value):
                if not inside(match.start(), urls):
                    yield Problem(*text.position(match.start()), {"match": match[0]})

    return check
