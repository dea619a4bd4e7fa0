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

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.repo.patterns import PERSONAL_PHONE_PREFIXES, PHONE_NUMBER
from checks.repo.post import Post
from checks.repo.textscan import inside, phone_digits, url_spans

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "personal_prefixes",
        PERSONAL_PHONE_PREFIXES,
        "Number prefixes that are personal.",
        {"type": "array", "items": {"type": "string"}},
    ),
)
VALUES: dict[str, str] = {
    "number": "The number as written.",
    "kind": '"mobile" or "phone".',
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    prefixes = tuple(parameters["personal_prefixes"])

    def check(post: Post) -> Iterator[Problem]:
        for text in post.texts:
            urls = url_spans(text.value)
            for match in PHONE_NUMBER.finditer(text.value):
                digits = phone_digits(match[0])
                if not digits.startswith(prefixes) or digits in context.allowed_phones or inside(match.start(), urls):
                    continue
                kind = "mobile" if digits.startswith("07") else "phone"
                yield Problem(*text.position(match.start()), {"number": match[0], "kind": kind})

    return check
