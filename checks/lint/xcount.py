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

from checks.repo.textscan import EMOJI, has_emoji, inside, merged, url_spans

URL_LENGTH = 23
LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
BARE_DOMAIN = re.compile(r"(?<![\w@$#.\-/])[A-Za-z0-9][A-Za-z0-9.-]*\.([A-Za-z]{2,})(?![\w-])(/[^\s<>()\[\]]*)?")
GENERIC_DOMAINS = frozenset(
    {"com", "org", "net", "gov", "edu", "info", "biz", "app", "dev", "news", "online", "shop", "site", "blog"}
    | {"live", "london", "scot", "wales", "cymru"}
)
TRAILING_PUNCTUATION = ".,;:!?'\"’”"
# Any one character outside the light ranges: such characters weigh 2.
HEAVY = re.compile("[^" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in LIGHT_RANGES) + "]")


def weighted_length(text: str) -> int:
    """The length X shows against its 280 limit."""
    text = unicodedata.normalize("NFC", text)
    total = 0
    position = 0
    for start, end, weight in _tokens(text):
        total += _weight(text[position:start]) + weight
        position = end
    return total + _weight(text[position:])


def _weight(text: str) -> int:
    """The weight of text that holds no URL or emoji: its length, plus one for each heavy character."""
    return len(text) if text.isascii() else len(text) + len(HEAVY.findall(text))


def _tokens(text: str) -> list[tuple[int, int, int]]:
    """URLs and emoji with their fixed weights, in order, not overlapping."""
    tokens = [(start, end, URL_LENGTH) for start, end in _urls(text)]
    taken = merged((s, e) for s, e, _ in tokens)
    for match in EMOJI.finditer(text) if has_emoji(text) else ():
        if not inside(match.start(), taken):
            tokens.append((match.start(), match.end(), 2))
    return sorted(tokens)


def _urls(text: str) -> list[tuple[int, int]]:
    """Spans of the URLs X links: with a scheme or www., or bare domains; no trailing punctuation."""
    urls = url_spans(text)
    found = list(urls)
    for match in BARE_DOMAIN.finditer(text) if "." in text else ():
        # Only a URL can hold it: bare domains found before it end before it starts.
        if inside(match.start(), urls) or not _linked(match):
            continue
        found.append(match.span())
    return [(start, start + len(text[start:end].rstrip(TRAILING_PUNCTUATION))) for start, end in found]


def _linked(match: re.Match[str]) -> bool:
    ending, path = match[1].lower(), match[2] or ""
    if ending in GENERIC_DOMAINS:
        return True
    domain = match[0][: len(match[0]) - len(path)]
    return len(ending) == 2 and (bool(path) or domain.count(".") > 1)
