"""readability: text that is hard to read, by the Flesch reading ease score.

URLs, handles, hashtags and emoji are left out of the count, and Markdown
links count as their text. Very short texts are not scored: the formula is
not meaningful for a handful of words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checks.kinds import Check, Context, Problem
from checks.post import INLINE, Post
from checks.textscan import EMOJI, HANDLE, HASHTAG, URL

PARAMETERS: dict[str, Any] = {
    "threshold": 50,
    "min_words": 15,
}
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n")
VOWEL_GROUP = re.compile(r"[aeiouy]+")


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    threshold = parameters["threshold"]
    min_words = parameters["min_words"]

    def check(post: Post) -> Iterator[Problem]:
        sources = {text.where: text for text in post.channel_sources().values()}
        for text in sources.values():
            score = reading_ease(text.value, min_words)
            if score is not None and score < threshold:
                yield Problem(*text.position(0), {"score": round(score, 1), "threshold": threshold})

    return check


def plain_words(markdown: str) -> str:
    text = INLINE.sub(lambda m: "" if m[1] else m[2], markdown)
    for pattern in (URL, HANDLE, HASHTAG, EMOJI):
        text = pattern.sub(" ", text)
    return text


def reading_ease(markdown: str, min_words: int = 1) -> float | None:
    """Flesch reading ease of the text, or None when it has fewer than ``min_words`` words."""
    text = plain_words(markdown)
    words = WORD.findall(text)
    if len(words) < max(min_words, 1):
        return None
    sentences = max(1, len([s for s in SENTENCE_END.split(text) if WORD.search(s)]))
    syllables = sum(count_syllables(word) for word in words)
    return 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syllables / len(words))


def count_syllables(word: str) -> int:
    """An English syllable estimate: vowel groups, less a silent final e."""
    word = word.lower().replace("’", "'").split("'")[0]
    if len(word) <= 3:
        return 1
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")):
        word = word[:-1]
    elif word.endswith(("es", "ed")) and not word.endswith(("ted", "ded", "ses", "zes", "ces", "ges")):
        word = word[:-2]
    return max(1, len(VOWEL_GROUP.findall(word)))
