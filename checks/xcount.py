"""How X counts a post's length: the weighted length of its twitter-text library (version 3).

Characters in the light ranges (most Latin, punctuation and symbols) weigh 1;
everything else, such as CJK characters, weighs 2; an emoji sequence weighs 2
however many code points it holds; every URL counts as 23. The text is NFC
normalised first, as the library does.

X links a bare domain too, so ``hart.gov.uk/bins`` counts 23 like
``https://www.hart.gov.uk/bins``: a name ending in a common generic top-level
domain (``.com``, ``.org``...) or in a two-letter country code. As in
twitter-text, a single name before a country code (``sign up.It``) is a URL
only when a path follows it. Punctuation at the end of a URL (a full stop
after it) is not part of it.
"""

from __future__ import annotations

import re
import unicodedata

from checks.textscan import EMOJI, URL

URL_LENGTH = 23
LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
BARE_DOMAIN = re.compile(r"(?<![\w@$#.\-/])[A-Za-z0-9][A-Za-z0-9.-]*\.([A-Za-z]{2,})(?![\w-])(/[^\s<>()\[\]]*)?")
GENERIC_DOMAINS = frozenset(
    {"com", "org", "net", "gov", "edu", "info", "biz", "app", "dev", "news", "online", "shop", "site", "blog"}
    | {"live", "london", "scot", "wales", "cymru"}
)
TRAILING_PUNCTUATION = ".,;:!?'\"’”"


def weighted_length(text: str) -> int:
    """The length X shows against its 280 limit."""
    text = unicodedata.normalize("NFC", text)
    total = 0
    position = 0
    for start, end, weight in _tokens(text):
        total += sum(_char_weight(c) for c in text[position:start]) + weight
        position = end
    total += sum(_char_weight(c) for c in text[position:])
    return total


def _tokens(text: str) -> list[tuple[int, int, int]]:
    """URLs and emoji with their fixed weights, in order, not overlapping."""
    tokens = [(start, end, URL_LENGTH) for start, end in _urls(text)]
    taken = [(s, e) for s, e, _ in tokens]
    for match in EMOJI.finditer(text):
        if not any(s <= match.start() < e for s, e in taken):
            tokens.append((match.start(), match.end(), 2))
    return sorted(tokens)


def _urls(text: str) -> list[tuple[int, int]]:
    """Spans of the URLs X links: with a scheme or www., or bare domains; no trailing punctuation."""
    found = [(m.start(), m.end()) for m in URL.finditer(text)]
    for match in BARE_DOMAIN.finditer(text):
        if any(s <= match.start() < e for s, e in found) or not _linked(match):
            continue
        found.append(match.span())
    return [(start, start + len(text[start:end].rstrip(TRAILING_PUNCTUATION))) for start, end in found]


def _linked(match: re.Match[str]) -> bool:
    ending, path = match[1].lower(), match[2] or ""
    if ending in GENERIC_DOMAINS:
        return True
    domain = match[0][: len(match[0]) - len(path)]
    return len(ending) == 2 and (bool(path) or domain.count(".") > 1)


def _char_weight(char: str) -> int:
    code = ord(char)
    return 1 if any(low <= code <= high for low, high in LIGHT_RANGES) else 2
