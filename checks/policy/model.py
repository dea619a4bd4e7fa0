"""Typed, read-only views of the policy, built by ``loader`` and used by the site and the checker."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Clause:
    """One paragraph or list item of the policy, with a stable id."""

    id: str
    text: str
    items: tuple[Clause, ...] = ()


@dataclass(frozen=True)
class ChannelRef:
    """A place in a section where a channel's description is shown."""

    channel: str


@dataclass(frozen=True)
class Subsection:
    id: str
    title: str
    content: tuple[ContentItem, ...]


ContentItem = Clause | Subsection | ChannelRef


@dataclass(frozen=True)
class Section:
    id: str
    label: str
    title: str
    summary: str
    content: tuple[ContentItem, ...]
    source: str  # the policy file it came from


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    heading: str
    content: tuple[ContentItem, ...]
    text_limit: int
    counting: str  # "characters" or "x-weighted"
    alt_text_limit: int | None
    media_required: str | None  # "any", "video" or None


@dataclass(frozen=True)
class Link:
    """A link of the seed; ``url`` is None until the council supplies it."""

    id: str
    text: str
    url: str | None
    note: str
    page: str = ""  # for a link of the site, not of the policy's text: the docs page where it stands


@dataclass(frozen=True)
class Revision:
    version: str
    date: str
    summary: str


@dataclass(frozen=True)
class WordList:
    id: str
    description: str
    source: str
    clause: str | None
    entries: tuple[Any, ...]


@dataclass(frozen=True)
class Party:
    name: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class PreElection:
    clause: str
    source: str
    parties: tuple[Party, ...]
    councillor_titles: tuple[str, ...]
    exempt_types: tuple[str, ...]
    new_initiative_types: tuple[str, ...]
    political_reference_exempt_types: tuple[str, ...]


@dataclass(frozen=True)
class Example:
    """A post a rule must pass or fail, with the settings (and consent register) it needs and the expected positions."""

    post: str
    description: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    expect: tuple[tuple[int, int], ...] = ()  # (line, column) of each finding, fail examples only
    register: list[dict[str, Any]] | None = None  # the consent register's records, when the example needs one


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str  # "error" or "warning"
    clause: str
    kind: str
    parameters: dict[str, Any]
    message: str
    summary: str
    why: str
    how_to_fix: str
    passing: tuple[Example, ...]
    failing: tuple[Example, ...]
    source: str  # the rule's file, relative to the policy folder
    defers_to: tuple[str, ...] = ()  # more specific rules that report the same media file first
    measurement: str = ""  # how it is measured and why that way: the rule's page only


@dataclass(frozen=True)
class Meta:
    id: str
    title: str
    organisation: str
    owner: str
    contact: str
    version: str
    effective: str
    review_due: str
    site_url: str
    revisions: tuple[Revision, ...]


@dataclass(frozen=True)
class Policy:
    meta: Meta
    sections: tuple[Section, ...]
    channels: dict[str, Channel]
    links: dict[str, Link]
    site_links: dict[str, Link]
    lists: dict[str, WordList]
    pre_election: PreElection
    rules: dict[str, Rule]
    clauses: dict[str, Clause | Subsection | Section]
    raw: dict[str, Any]  # every file's data as loaded, by file name: for policy.json
    folder: str  # where the policy was read from
    # The schemas of what a content repo holds (post, settings, consent-register) by name, as jsonschema reads them.
    schemas: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def post_schema(self) -> dict[str, Any]:
        return self.schemas.get("post", {})

    @property
    def post_types(self) -> tuple[str, ...]:
        """The post ``type`` values the post schema allows, in its order (empty when it lists none)."""
        enum = self.post_schema.get("properties", {}).get("type", {}).get("enum") or ()
        return tuple(str(value) for value in enum)

    def quickly_valid(self, name: str, data: Any) -> bool:
        """True when schema ``name`` of ``schemas`` surely accepts ``data`` (``QuickSchema``); else ask jsonschema."""
        from checks.policy.quickschema import QuickSchema

        quick = QuickSchema.of(self.schemas.get(name))
        return quick is not None and quick.valid(data)

    @property
    def schema_dir(self) -> Path:
        return Path(self.folder) / "schemas"

    def rule_url(self, rule_id: str) -> str:
        return f"{self.meta.site_url.rstrip('/')}/rules/{rule_id}/"

    def words(self, list_id: str) -> tuple[Any, ...]:
        return self.lists[list_id].entries


def walk_clauses(content: tuple[ContentItem, ...]) -> Iterator[Clause | Subsection]:
    """Every clause and subsection in ``content``, depth first, in document order."""
    for item, _ in walk_content(content):
        yield item


def walk_content(
    content: tuple[ContentItem, ...], channels: dict[str, Channel] | None = None, trail: tuple[str, ...] = ()
) -> Iterator[tuple[Clause | Subsection, tuple[str, ...]]]:
    """Every clause and subsection, depth first, with the titles of the subsections it stands in.

    With ``channels``, a channel reference is followed into that channel's
    content, and its heading joins the trail; without, it is passed by.
    """
    for item in content:
        if isinstance(item, Clause):
            yield item, trail
            yield from walk_content(item.items, channels, trail)
        elif isinstance(item, Subsection):
            yield item, trail
            yield from walk_content(item.content, channels, (*trail, item.title))
        elif channels is not None:
            channel = channels[item.channel]
            yield from walk_content(channel.content, channels, (*trail, channel.heading))
