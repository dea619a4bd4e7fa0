"""consent: a media item's ``consent`` measured against the content repo's consent register.

Runs only when the settings name a register (``consent_register``), and only
on items with a non-empty ``consent``; ``image-consent-missing`` (kind
``required``) asks for one. Each item gets at most one of the register's
findings, the first in ``ORDER`` that applies, so each rule of this kind
names its ``check`` and reports the items whose first finding it is:

- ``unknown``: the ref is not in the register;
- ``withdrawn``: withdrawn on or before the post's publish date;
- ``withdrawn-after-publishing``: withdrawn after it, so the post is already out;
- ``expired``: ``expires`` is before the publish date, or ``given`` after it;
- ``scope``: a channel of the post is not among the record's ``channels``, or
  the item shows children and the record is not a consent for children.

Dates compare with the post's publish date in Europe/London. The finding
points at the item's ``consent`` key.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from checks.lint.kinds.base import Check, Context, Parameter, Problem
from checks.policy.london import long_date
from checks.repo.post import MediaItem, Post

if TYPE_CHECKING:  # the register (and csv) is read only for settings that name one: Context.consent_register
    from checks.repo.register import Consent

ORDER = ("unknown", "withdrawn", "withdrawn-after-publishing", "expired", "scope")

PARAMETERS: tuple[Parameter, ...] = (
    Parameter(
        "check",
        None,
        "Which of the register's findings the rule reports; an item gets only the first that applies, in the order "
        + ", ".join(ORDER)
        + ".",
        {"enum": list(ORDER)},
        required=True,
    ),
)
VALUES: dict[str, str] = {
    "ref": "The consent reference the item names, without spaces at either end.",
    "file": "The media file.",
    "published": "The post's publish date in London, in words: 18 June 2027.",
    "channels": "The post's channels, separated by commas.",
    "withdrawn": "When consent was withdrawn, in words (empty when it was not).",
    "problem": "Why the record does not cover the post (expired and scope), as the end of a sentence about it.",
}


def prepare(parameters: dict[str, Any], context: Context) -> Check | None:
    register = context.consent_register
    if register is None:  # without a register, image-consent-missing alone checks consent
        return None
    wanted = parameters["check"]
    known = context.policy.channels

    def check(post: Post) -> Iterator[Problem]:
        published = post.publish.date()  # publish is London time already
        channels = [channel for channel in post.channels if channel in known]  # channel-unknown has the others
        for item in post.media:
            ref = item.fields.get("consent")
            if item.index is None or not isinstance(ref, str) or not ref.strip():
                continue
            found = first_finding(register.find(ref), item, published, channels)
            if found is not None and found[0] == wanted:
                values = {
                    "ref": ref.strip(),
                    "file": item.file,
                    "published": long_date(published),
                    "channels": ", ".join(channels),
                    "withdrawn": "",
                    "problem": "",
                    **found[1],
                }
                yield Problem(*post.locate("media", item.index, "consent"), values)

    return check


def first_finding(
    record: Consent | None, item: MediaItem, published: date, channels: list[str]
) -> tuple[str, dict[str, str]] | None:
    """The item's one finding, the first of ``ORDER`` that applies, with its values; None when consent covers it."""
    if record is None:
        return "unknown", {}
    if record.withdrawn is not None:
        check = "withdrawn" if record.withdrawn <= published else "withdrawn-after-publishing"
        return check, {"withdrawn": long_date(record.withdrawn)}
    expired = _out_of_date(record, published)
    if expired:
        return "expired", {"problem": expired}
    outside = _out_of_scope(record, item, channels)
    return ("scope", {"problem": outside}) if outside else None


def _out_of_date(record: Consent, published: date) -> str:
    if record.expires is not None and record.expires < published:
        return f"ran out on {long_date(record.expires)}"
    if record.given > published:
        return f"was not given until {long_date(record.given)}"
    return ""


def _out_of_scope(record: Consent, item: MediaItem, channels: list[str]) -> str:
    if record.channels is not None:
        outside = [channel for channel in channels if channel not in record.channels]
        if outside:
            return f"covers {', '.join(sorted(record.channels))}, not {', '.join(outside)}"
    if item.fields.get("children") is True and not record.children:
        return "is not a parent's or carer's consent for children, and the item shows children"
    return ""
