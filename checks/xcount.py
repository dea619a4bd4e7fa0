"""How X counts a post's length: the weighted length of its twitter-text library (version 3).

Characters in the light ranges (most Latin, punctuation and symbols) weigh 1;
everything else, such as CJK characters, weighs 2; an emoji sequence weighs 2
however many code points it holds; every URL counts as 23. The text is NFC
normalised first, as the library does.
"""

from __future__ import annotations

import unicodedata

from checks.textscan import EMOJI, URL

URL_LENGTH = 23
LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


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
    tokens = [(m.start(), m.end(), URL_LENGTH) for m in URL.finditer(text)]
    taken = [(s, e) for s, e, _ in tokens]
    for match in EMOJI.finditer(text):
        if not any(s <= match.start() < e for s, e in taken):
            tokens.append((match.start(), match.end(), 2))
    return sorted(tokens)


def _char_weight(char: str) -> int:
    code = ord(char)
    return 1 if any(low <= code <= high for low, high in LIGHT_RANGES) else 2
