"""phone: a UK mobile or geographic phone number that is not a published organisational one.

Mobiles (07, +44 7) and geographic numbers (01, 02) are personal unless the
settings list them; 03 and 08 numbers, and short numbers such as 999 and 101,
are organisational. Numbers compare by their digits alone, so the settings'
``allowed_phones`` entry ``01252 622122`` allows ``+44 (0)1252 622122`` and
``(01252) 622122``. Numbers inside URLs pass.

Passes: ``Call 0300 123 4567, or 999 in an emergency.``
Fails: ``Call Jo on 07700 900123.``

These examples run as tests, in tests/lint/kinds/test_phone.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.lint.post import Post
from checks.lint.textscan import inside, phone_digits, url_spans

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "personal_prefixes",
        ("07", "01", "02"),
        "Number prefixes that are personal.",
        {"type": "array", "items": {"type": "string"}},
    ),
)
VALUES: dict[str, str] = {
    "number": "The number as written.",
    "kind": '"mobile" or "phone".',
}
# A look-behind keeps attempts to the start of a number; the repeat is bounded. Digits may be
# grouped with spaces or hyphens, and an area code may close with a bracket: "(01252) 622122".
# The look-behind ("nothing like a number just before") stands after the first character, so that
# the regex engine jumps from one "+", "(" or "0" to the next instead of trying every place.
NUMBER = re.compile(
    r"(?:\+(?<![\w+(].)44[ \t]?(?:\(0\)[ \t]?)?|\((?<![\w+(].)0|0(?<![\w+(].))\d(?:\)?[ \t-]?\d){8,9}(?!\d)"
)


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    prefixes = tuple(parameters["personal_prefixes"])

    def check(post: Post) -> Iterator[Problem]:
        for text in post.texts:
            urls = url_spans(text.value)
            for match in NUMBER.finditer(text.value):
                digits = phone_digits(match[0])
                if not digits.startswith(prefixes) or digits in context.allowed_phones or inside(match.start(), urls):
                    continue
                kind = "mobile" if digits.startswith("07") else "phone"
                yield Problem(*text.position(match.start()), {"number": match[0], "kind": kind})

    return check
