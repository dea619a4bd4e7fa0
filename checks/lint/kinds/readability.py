"""readability: text that is hard to read, by the Flesch reading ease score.

Every public text is scored on its own: the body, each channel's own text and
every alt text. URLs, handles, hashtags and emoji are left out of the count,
and Markdown links count as their text. Sentences end at . ! or ?, at a blank
line and at a list item. Very short texts (fewer than ``min_words`` words)
are not scored: the formula is not meaningful for a handful of words.

Syllables are estimated from the spelling: vowel groups, less a silent final
e (``-e``, ``-es``, ``-ed``, ``-ely``), plus vowel pairs that are said apart
(radio, lion, poem, going).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checks.caches import lru_cached
from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.repo.post import INLINE, Post
from checks.repo.textscan import EMOJI, HANDLE, HASHTAG, URL, has_emoji, has_url

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("threshold", 50, "Lowest Flesch reading ease allowed.", {"type": "number"}),
    Parameter("min_words", 15, "Texts with fewer words are not scored.", {"type": "integer", "minimum": 0}),
)
VALUES: dict[str, str] = {
    "score": "The text's Flesch reading ease, to one decimal place.",
    "threshold": "The lowest score allowed.",
}
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# A run of full stops is tried from its start only: "....x" is one failed try, not one per full stop.
SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+(?=\s|$)|\n\s*\n|\n(?=[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t])")
VOWEL_GROUP = re.compile(r"[aeiouy]+")
# Vowel pairs said as two syllables (radio, lion, video, poem, dual, going),
# but not in -tion, -sion, -cial, -shion, -cious and the like, nor after q or g.
SPLIT_PAIR = re.compile(r"(?<![tcsgxh])i[aou]|eo$|oe(?!s?$)|(?<![qg])u[ao]|[aeiouy]ing")
SILENT_E = re.compile(r"(?:[^aeiouy]e|[aeiou][^aeiouy]e)$")


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    threshold = parameters["threshold"]
    min_words = parameters["min_words"]

    def check(post: Post) -> Iterator[Problem]:
        for text in post.texts:
            score = reading_ease(text.value, min_words)
            if score is not None and score < threshold:
                yield Problem(*text.position(0), {"score": round(score, 1), "threshold": threshold})

    return check


def plain_words(markdown: str) -> str:
    # Each pattern runs only when the text holds what it needs to match ("[", "@", ...).
    text = INLINE.sub(lambda m: "" if m[1] else m[2], markdown) if "[" in markdown else markdown
    if has_url(text):
        text = URL.sub(" ", text)
    if "@" in text:
        text = HANDLE.sub(" ", text)
    if "#" in text:
        text = HASHTAG.sub(" ", text)
    if has_emoji(text):
        text = EMOJI.sub(" ", text)
    return text


def reading_ease(markdown: str, min_words: int = 1) -> float | None:
    """Flesch reading ease of the text, or None when it has fewer than ``min_words`` words."""
    text = plain_words(markdown)
    words = WORD.findall(text)
    if len(words) < max(min_words, 1):
        return None
    sentences = max(1, len([s for s in SENTENCE_END.split(text) if WORD.search(s)]))
    syllables = sum(map(count_syllables, words))
    return 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syllables / len(words))


# Posts reuse a small vocabulary, so each word's count is kept (the least used go first).
@lru_cached(20_000)
def count_syllables(word: str) -> int:
    """An English syllable estimate from the spelling."""
    word = word.lower().replace("’", "'").split("'")[0]
    if len(word) <= 3:
        return 1
    extra = len(SPLIT_PAIR.findall(word))
    if word.endswith("ely") and len(word) > 5:
        word = word[:-3] + "ly"  # likely, lovely: the e is silent
    elif word.endswith(("es", "ed")) and not word.endswith(
        ("ted", "ded", "ses", "zes", "ces", "ges", "xes", "ches", "shes")
    ):
        word = word[:-2] + ("e" if word[-3] not in "aeiouy" else "")
    if SILENT_E.search(word) and not re.search(r"[^aeiouy](?:le|re)$", word):
        word = word[:-1]  # a silent final e, but table and centre keep it
    return max(1, len(VOWEL_GROUP.findall(word)) + extra)
