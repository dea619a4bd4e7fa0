"""placeholder: alt text that says nothing: a generic word, a file name, or the media file's own name.

The whole alt text is compared, without case, white space runs as one space
and a trailing full stop, colon or exclamation mark ignored: "Photo." is a
placeholder, "Photo of the new boardwalk at Fleet Pond" is not. Alt text that
ends in an image file extension (DSC_0042.JPG) looks like a file name; alt
text equal to the media file's name without its folder, with or without its
extension, is the file name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import LIST_ID, Check, Context, Parameter, Problem
from checks.repo.post import Post

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("list", "generic-alt-text", "List of generic alt text words.", LIST_ID),
    Parameter("extensions_list", "image-file-extensions", "List of image file extensions.", LIST_ID),
)
VALUES: dict[str, str] = {
    "alt": "The alt text, without white space around it.",
    "file": "The media file.",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    generic = frozenset(word.lower() for word in context.policy.words(parameters["list"]))
    extensions = "|".join(re.escape(e) for e in context.policy.words(parameters["extensions_list"]))
    file_name = re.compile(rf"\S\.(?:{extensions})$", re.IGNORECASE)

    def check(post: Post) -> Iterator[Problem]:
        for text, item in post.alt_texts:
            alt = text.value.strip()
            if not alt:
                continue
            said = " ".join(alt.lower().rstrip(".:!").split())
            base = item.file.rsplit("/", 1)[-1].lower()
            stem = base.rsplit(".", 1)[0]
            if said in generic or file_name.search(alt) or said in (base, stem):
                line, column = text.position(text.value.find(alt))
                yield Problem(line, column, {"alt": alt, "file": item.file})

    return check
