"""required: a media item must have a field, optionally only when a condition holds.

Subjects: ``media`` (every media item, and every inline image that has no
item), ``images`` or ``videos`` (those of that kind). A message may name
``{file}``, ``{field}`` and the item's ``{credit}``; ``item`` is the media
item's number in the front matter (None for an inline image that has none).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.repo.post import MediaItem, Post

PARAMETERS: tuple[Parameter, ...] = (
    Parameter("subject", "media", "Which media items the rule looks at.", {"enum": ["media", "images", "videos"]}),
    Parameter("field", None, "The field each item must have.", {"type": "string"}, required=True),
    Parameter(
        "when_any",
        (),
        "The rule applies only to items where any one of these conditions holds.",
        {
            "type": "array",
            "items": {
                "type": "object",
                "description": "Field values that must all hold.",
                "additionalProperties": {"type": ["string", "boolean", "integer"]},
            },
        },
    ),
    Parameter("unless_organisation_credit", False, "Skip items credited to the council itself.", {"type": "boolean"}),
)
VALUES: dict[str, str] = {
    "file": "The media file (an inline image's address when it has no media item).",
    "field": "The field that is missing.",
    "credit": "The item's credit (None when it has none).",
    "item": "The media item's number in the front matter (None for an inline image that has no item).",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check:
    subject = parameters["subject"]
    field = parameters["field"]
    conditions = parameters["when_any"]
    skip_own = parameters["unless_organisation_credit"]

    def check(post: Post) -> Iterator[Problem]:
        for item in post.media:
            if subject != "media" and item.kind != subject.rstrip("s"):
                continue
            if conditions and not any(_holds(item, c) for c in conditions):
                continue
            if skip_own and not _credited_to_others(item, context):
                continue
            if _blank(value_of(item, field)):
                line, column = position_of(post, item, field)
                number = None if item.index is None else item.index + 1
                values = {"file": item.file, "field": field, "credit": item.fields.get("credit"), "item": number}
                yield Problem(line, column, values)

    return check


def value_of(item: MediaItem, field: str) -> Any:
    """A field of the item; alt text of an inline image is read where it stands."""
    if field == "alt" and item.inline is not None:
        return item.inline.alt
    return item.fields.get(field)


def position_of(post: Post, item: MediaItem, field: str | None = None) -> tuple[int, int]:
    """Where to point for a field of an item: the inline image, the field's key, or the item."""
    if item.inline is not None and (item.index is None or field == "alt"):
        image = item.inline
        return (image.line, image.alt_column) if field == "alt" else (image.line, image.column)
    assert item.index is not None
    if field and field in item.fields:
        return post.locate("media", item.index, field)
    return post.locate("media", item.index)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _holds(item: MediaItem, condition: dict[str, Any]) -> bool:
    return all(item.fields.get(key) == value for key, value in condition.items())


def _credited_to_others(item: MediaItem, context: Context) -> bool:
    credit = item.fields.get("credit")
    return isinstance(credit, str) and bool(credit.strip()) and credit.strip().lower() not in context.organisation_names
