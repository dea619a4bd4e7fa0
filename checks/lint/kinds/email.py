"""email: an e-mail address whose domain is not one the council publishes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.repo.patterns import ADDRESS
from checks.repo.post import Post

PARAMETERS: tuple[Parameter, ...] = ()
VALUES: dict[str, str] = {
    "address": "The e-mail address as written.",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    allowed = context.email_domains

    def check(post: Post) -> Iterator[Problem]:
        for text in post.texts:
            if "@" not in text.value:  # every address holds one: most texts need no search
                continue
            for match in ADDRESS.finditer(text.value):
                domain = match[1].lower().rstrip(".")
                if not any(domain == ok or domain.endswith("." + ok) for ok in allowed):
                    yield Problem(*text.position(match.start()), {"address": match[0]})

    return check
