"""Freedom of Information requests: whether one is valid (a name and an address) and when it is due.

A name is an ``author_name`` made only of two or more words of letters (a word
may hold an inner ' or -), or, in the text, "my name is" followed by two or
more such words each starting with a capital. An address for correspondence
is any e-mail address or a full UK postcode in the text, in any case ("gu51 4ae"
is as much an address as "GU51 4AE"); a handle or a private message is not one.
The same name test says whether a consultation comment is from an identified
person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from checks.inbox.kinds import Scan
from checks.inbox.workdays import foi_due
from checks.repo.patterns import POSTCODE

# Letters, with an inner apostrophe or hyphen. Possessive, and a name starts only where a word does,
# so that a search over a long run of letters is linear: no start inside a word is retried.
WORD = r"[^\W\d_]++(?:['\-][^\W\d_]++)*+"
PROFILE_NAME = re.compile(rf"(?<![^\W\d_'\-]){WORD}(?:\s++{WORD})++")
MY_NAME_IS = re.compile(r"(?<!\w)my\s+name\s+is(?!\w)", re.IGNORECASE)
NEXT_WORD = re.compile(rf"\s+({WORD})")


@dataclass(frozen=True, slots=True)
class FoiRequest:
    valid: bool
    missing: tuple[str, ...]  # "name", "address", in that order
    due: date | None


def has_name(scan: Scan) -> bool:
    author_name = scan.message.author_name.replace("\u2019", "'").strip()
    return PROFILE_NAME.fullmatch(author_name) is not None or any(
        _capitalised_words_after(scan.text, match.end()) >= 2 for match in MY_NAME_IS.finditer(scan.text)
    )


def _capitalised_words_after(text: str, position: int) -> int:
    count = 0
    while (word := NEXT_WORD.match(text, position)) and word[1][0].isupper():
        count += 1
        position = word.end()
    return count


def has_address(scan: Scan) -> bool:
    return bool(scan.addresses) or POSTCODE.search(scan.text) is not None


def foi_request(scan: Scan) -> FoiRequest:
    """Whether the request is valid, what it lacks, and (when valid) its due date; may raise BeyondHolidayData."""
    missing = tuple(part for part, present in (("name", has_name(scan)), ("address", has_address(scan))) if not present)
    if missing:
        return FoiRequest(False, missing, None)
    return FoiRequest(True, (), foi_due(scan.message.received_at))
