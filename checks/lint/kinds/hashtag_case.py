"""hashtag_case: a hashtag of several words written all in lower or all in upper case.

Screen readers read #fleetsummerfair as one long word; #FleetSummerFair is
read as three. A hashtag is split into the fewest words of an English word
list (digits stand alone and do not count as words, so #fleet2027 is one
word); single words, known acronyms and words not in the list pass. Hashtags
are looked for in every public text: the body, each channel's own text and
every alt text.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from checks.lint.kinds.base import LIST_ID, Check, Context, Parameter, Problem
from checks.repo.post import Post
from checks.repo.textscan import HASHTAG, inside, url_spans

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("list", "english-words", "English word list.", LIST_ID),
    Parameter("acronyms_list", "acronyms", "Known acronyms.", LIST_ID),
    Parameter(
        "min_words",
        2,
        "How many words a hashtag must split into to be flagged.",
        {"type": "integer", "minimum": 0},
    ),
)
VALUES: dict[str, str] = {
    "hashtag": "The hashtag as written, with its #.",
    "suggestion": "The hashtag in camel case.",
}
LONGEST_WORD = 24
LONGEST_HASHTAG = 100  # longer tags are not split (and are unlikely to be words)


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    @cache
    def words() -> frozenset[str]:
        """The word list as a set, made at the first hashtag to split: 36,000 words take milliseconds."""
        return frozenset(context.policy.words(parameters["list"]))

    acronyms = frozenset(word.upper() for word in context.policy.words(parameters["acronyms_list"]))
    min_words = parameters["min_words"]

    def check(post: Post) -> Iterator[Problem]:
        for text in post.texts:
            urls = url_spans(text.value)
            for match in HASHTAG.finditer(text.value):
                tag = match[1]
                letters = "".join(c for c in tag if c.isalpha())
                if not letters or not (letters.islower() or letters.isupper()) or tag.upper() in acronyms:
                    continue
                if inside(match.start(), urls):
                    continue
                split = segment(tag.lower(), words())
                if split and sum(not piece.isdigit() for piece in split) >= min_words:
                    suggestion = "#" + "".join(word.capitalize() for word in split)
                    yield Problem(*text.position(match.start()), {"hashtag": match[0], "suggestion": suggestion})

    return check


def segment(tag: str, words: frozenset[str]) -> list[str] | None:
    """The fewest dictionary words that make up ``tag`` (digits stand alone), or None."""
    if len(tag) > LONGEST_HASHTAG:
        return None
    best: list[list[str] | None] = [None] * (len(tag) + 1)
    best[0] = []
    for end in range(1, len(tag) + 1):
        for start in range(max(0, end - LONGEST_WORD), end):
            previous = best[start]
            piece = tag[start:end]
            if previous is None or not (piece in words or piece.isdigit()):
                continue
            candidate = [*previous, piece]
            current = best[end]
            if current is None or len(candidate) < len(current):
                best[end] = candidate
    return best[len(tag)]
