"""Small text helpers shared by the kinds: URLs, handles, words, emoji, phone digits.

Every pattern here runs in linear time: no nested quantifiers, and runs of
characters are anchored with look-behinds so that a match is tried only where
a run starts.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property

from checks.caches import lru_cached

# Each look-behind stands after the literal start it guards ("a '#' with no word
# character before it"), so that the regex engine jumps straight to each "#",
# "@", "http" or "www." instead of trying the look-behind at every character.
URL = re.compile(r"(?:http(?<![\w/]http)s?://|www\.(?<![\w/]www\.))[^\s<>()\[\]]+")
HANDLE = re.compile(r"@(?<![\w@]@)\w{1,50}")
HASHTAG = re.compile(r"#(?<![\w&#]#)(\w+)")

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


def has_url(text: str) -> bool:
    """False when ``URL`` cannot match: every URL it finds starts with "http" or "www."."""
    return "http" in text or "www." in text


def has_emoji(text: str) -> bool:
    """False when ``EMOJI`` cannot match: every emoji holds a character outside ASCII."""
    return not text.isascii()


@lru_cached(64)
def url_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the URLs of a text are. Most kinds skip URLs, so each text's are found once, not once per rule."""
    return tuple(match.span() for match in URL.finditer(text)) if has_url(text) else ()


def inside(position: int, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether ``position`` is in one of ``ranges``: sorted ranges that do not overlap, as a pattern finds them.

    A binary search, so that a text of many URLs and many matches stays linear.
    """
    index = bisect_right(ranges, (position, sys.maxsize)) - 1
    return index >= 0 and position < ranges[index][1]


def merged(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges that may overlap, as sorted ranges that do not, covering the same positions (for ``inside``)."""
    union: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if union and start <= union[-1][1]:
            union[-1] = (union[-1][0], max(union[-1][1], end))
        elif start < end:
            union.append((start, end))
    return union


# A run of word characters: where an entry of a word list matches, each word of the entry stands as one.
WORD_RUN = re.compile(r"\w+")


class WordsPattern:
    """The entries of a word list, found as whole words by ``finditer``, as ``re.Pattern.finditer`` does.

    Without case, ASCII text is searched in lower case by a pattern with case
    (``lowered``), which is about twice as fast: in ASCII, matching without
    case is matching in lower case. Each hit is matched again on the text as
    written, for the match to hold the words as written.

    The patterns are compiled when first needed: a list of 200 words takes
    milliseconds, more than checking a post. Text needs neither when it holds
    no entry's longest word as a word of its own (``key_words``), as it must
    wherever the entry matches: the entry starts where no word character comes
    before it and ends where none follows, and inside it its words are apart,
    by white space or by characters that are not word characters. Without case
    that is known of ASCII text, searched in lower case, alone.
    """

    def __init__(self, source: str, flags: int, *, lowered: bool, key_words: frozenset[str] | None) -> None:
        self.source = source
        self.flags = flags
        self.lowered = lowered  # the pattern without case finds the entries in lower case ASCII
        # Each entry's longest word as the pattern matches it (in lower case without case); None if one has none.
        self.key_words = key_words

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.source, self.flags)

    @cached_property
    def regex_in_lower_case(self) -> re.Pattern[str]:
        return re.compile(self.source)  # the trie holds the entries in lower case

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.lowered and text.isascii():
            folded = text.lower()
            return iter(()) if self._skips(folded, "regex_in_lower_case") else self._ascii_matches(text, folded)
        if not self.flags & re.IGNORECASE and self._skips(text, "regex"):
            return iter(())
        return self.regex.finditer(text)

    def _skips(self, text: str, pattern: str) -> bool:
        """True when ``text`` (in the case the pattern matches) holds no entry's longest word as a word.

        Asked only while ``pattern`` is not compiled: once it is, searching is
        quicker than asking.
        """
        if self.key_words is None or pattern in vars(self):  # a cached_property keeps its value in the instance
            return False
        return self.key_words.isdisjoint(WORD_RUN.findall(text))

    def _ascii_matches(self, text: str, folded: str) -> Iterator[re.Match[str]]:
        for hit in self.regex_in_lower_case.finditer(folded):
            match = self.regex.match(text, hit.start())
            if match is None or match.end() != hit.end():
                raise AssertionError(f"word patterns disagree on {text!r}")  # cannot happen: see above
            yield match


def words_pattern(words: Iterable[str], *, ignore_case: bool) -> WordsPattern | None:
    """A pattern matching any entry as whole words; white space inside an entry is flexible.

    Where one place could match several entries, the longest entry wins. The
    entries are merged into a trie so that each place tries one branch per
    first letter, not every entry (a list of 200 words is ten times faster).
    """
    entries = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    if not entries:
        return None
    flags = re.IGNORECASE if ignore_case else 0
    key_words = _key_words([entry.lower() for entry in entries] if ignore_case else entries)
    # A word boundary that also holds next to punctuation such as "(Hart)" or "re-elect".
    if not all(_trie_safe(entry, ignore_case) for entry in entries):
        parts = [r"\s+".join(re.escape(piece) for piece in entry.split()) for entry in entries]
        source = rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)"
        return WordsPattern(source, flags, lowered=False, key_words=key_words)
    return WordsPattern(_trie_pattern(entries, ignore_case), flags, lowered=ignore_case, key_words=key_words)


def _key_words(entries: list[str]) -> frozenset[str] | None:
    """Each entry's longest word, the likeliest to be missing from a text; None when an entry has no word."""
    words = [WORD_RUN.findall(entry) for entry in entries]
    return frozenset(max(found, key=len) for found in words) if all(words) else None


def _trie_safe(entry: str, ignore_case: bool) -> bool:
    """Whether the trie matches exactly as the plain alternation, longest entry first.

    That holds when two different letters of the trie can never match the same
    character of the text (without case: ASCII, where case folding is plain
    ``lower``) and a longer entry always has more letters (single spaces only).
    """
    return (entry.isascii() or not ignore_case) and " ".join(entry.split()) == entry


def _trie_pattern(entries: list[str], ignore_case: bool) -> str:
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for entry in entries:
        node = root
        for char in entry.lower() if ignore_case else entry:
            node = node.setdefault(char, {})
        node[""] = {}  # an entry ends here
    if ignore_case:  # the engine cannot jump to a letter of either case: rule out most places first
        return r"(?<!\w)" + _trie_node(root)
    # "No word character before the first letter", checked once the letter is read (as URL does).
    starts = [re.escape(char) + r"(?<!\w.)" + _trie_node(child) for char, child in root.items()]
    return f"(?:{'|'.join(starts)})"


def _trie_node(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    # Longer continuations come first and the end of an entry last, so the longest entry wins.
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_node(child) for char, child in node.items() if char
    ]
    if "" in node:
        branches.append(r"(?!\w)")
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def emoji_runs(text: str) -> Iterator[tuple[int, int]]:
    """(offset, count) of each run of emoji, white space between them allowed."""
    if not has_emoji(text):
        return
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
