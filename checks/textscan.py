"""Small text helpers shared by the kinds: URLs, handles, words, emoji, phone digits.

Every pattern here runs in linear time: no nested quantifiers, and runs of
characters are anchored with look-behinds so that a match is tried only where
a run starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

URL = re.compile(r"(?<![\w/])(?:https?://|www\.)[^\s<>()\[\]]+")
HANDLE = re.compile(r"(?<![\w@])@\w{1,50}")
HASHTAG = re.compile(r"(?<![\w&#])#(\w+)")

# Emoji: pictographs with optional variation selector or skin tone, joined by ZWJ;
# flags (regional indicator pairs); keycaps.
_PICTO = (
    "\u231a\u231b\u2328\u23cf"
    "\u23e9-\u23f3\u23f8-\u23fa\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe\u2600-\u27bf"
    "\u2934\u2935\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001f0ff\U0001f10d-\U0001f10f\U0001f12f\U0001f16c-\U0001f171"
    "\U0001f17e\U0001f17f\U0001f18e\U0001f191-\U0001f19a\U0001f1ad-\U0001f1e5"
    "\U0001f201-\U0001f2ff\U0001f300-\U0001f5ff\U0001f600-\U0001f64f\U0001f680-\U0001f6ff"
    "\U0001f700-\U0001f7ff\U0001f800-\U0001f8ff\U0001f900-\U0001f9ff\U0001fa00-\U0001faff"
)
_MODIFIER = "[\ufe0f\U0001f3fb-\U0001f3ff]?"
EMOJI = re.compile(
    f"[\U0001f1e6-\U0001f1ff]{{2}}|[0-9#*]\ufe0f?\u20e3|[{_PICTO}]{_MODIFIER}(?:\u200d[{_PICTO}]{_MODIFIER})*"
)


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text)]


def inside(position: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)


def words_pattern(words: Iterable[str], *, ignore_case: bool) -> re.Pattern[str] | None:
    """One alternation matching any entry as whole words; white space inside an entry is flexible."""
    entries = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not entries:
        return None
    parts = [r"\s+".join(re.escape(piece) for piece in entry.split()) for entry in entries]
    # A word boundary that also holds next to punctuation such as "(Hart)" or "re-elect".
    body = "|".join(parts)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE if ignore_case else 0)


def emoji_runs(text: str) -> Iterator[tuple[int, int]]:
    """(offset, count) of each run of emoji, white space between them allowed."""
    run_start, count, last_end = -1, 0, -1
    for match in EMOJI.finditer(text):
        if count and text[last_end : match.start()].strip() == "":
            count += 1
        else:
            if count:
                yield run_start, count
            run_start, count = match.start(), 1
        last_end = match.end()
    if count:
        yield run_start, count


def phone_digits(number: str) -> str:
    """A phone number as national digits: '+44 1252 622122' -> '01252622122'."""
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    if number.strip().startswith("+44") or (digits.startswith("44") and len(digits) == 12):
        digits = "0" + digits[2:]
    return digits


def handle_of(source: str) -> str:
    """The account a handle or a channel URL names, lower case: 'https://x.com/HantsFRS/status/1' -> '@hantsfrs'."""
    text = source.strip()
    if text.startswith("@"):
        return text.lower()
    match = re.match(
        r"(?:https?://)?(?:www\.|m\.|mobile\.)?(?:x|twitter|facebook|instagram|linkedin|youtube|threads)\.com/"
        r"(?:in/|company/|@)?([\w.-]+)",
        text,
        re.IGNORECASE,
    )
    return f"@{match[1].lower()}" if match else text.lower()
