"""emoji_count: too many emoji in a row, or in one published text.

Screen readers read every emoji's full name aloud, so a row of them is noise.
Each public text (the body, a channel's own text, an alt text) is counted on
its own. Emoji with only white space between them are in a row. A flag, a
keycap or a sequence joined with zero width joiners (a family) counts as one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.repo.post import Post
from checks.repo.textscan import EMOJI, emoji_runs, has_emoji

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("max_in_a_row", 3, "Most emoji allowed in a row.", {"type": "integer", "minimum": 0}),
    Parameter("max_total", 6, "Most emoji allowed in one text.", {"type": "integer", "minimum": 0}),
)
VALUES: dict[str, str] = {
    "count": "How many emoji there are (in the row, or in the text).",
    "limit": "The most allowed.",
    "where": '"in a row" or "in the post".',
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    in_a_row = parameters["max_in_a_row"]
    total = parameters["max_total"]

    def check(post: Post) -> Iterator[Problem]:
        for text in post.texts:
            if not has_emoji(text.value):
                continue
            for offset, count in emoji_runs(text.value):
                if count > in_a_row:
                    yield Problem(*text.position(offset), {"count": count, "limit": in_a_row, "where": "in a row"})
            found = list(EMOJI.finditer(text.value))
            if len(found) > total:
                yield Problem(
                    *text.position(found[total].start()),
                    {"count": len(found), "limit": total, "where": "in the post"},
                )

    return check
