"""Which posts can go to Sprout Social, and why the others cannot.

Every post is checked with policy-check's own engine. A post goes when no
unwaived error remains, ``approved_by`` is set, it is at least ten minutes
after now and inside ``--from``/``--to``. A post goes whole or not at all: one
message per channel, or none. Sprout refuses two messages on one profile less
than ten minutes apart, so such a clash refuses both posts. Only posts that
could otherwise go take part: a refused post is never exported, so it cannot clash.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from checks.lint.engine import Engine
from checks.repo.files import Target
from checks.repo.post import FormatProblem, MediaItem, Post, read_post
from checks.schedule.times import london, shown

GAP = timedelta(minutes=10)  # Sprout: messages 10 minutes apart, and 10 minutes after the upload


@dataclass(frozen=True)
class Checked:
    """One post file as policy-check sees it: the post (None when unreadable) and the rules it fails."""

    display: str
    relative: str  # the path from the settings' folder, with "/": stable across checkouts
    post: Post | None
    failing: tuple[str, ...]

    @property
    def channels(self) -> list[str]:
        return self.post.channels if self.post else []

    @property
    def approver(self) -> str:
        return str(self.post.front.get("approved_by") or "").strip() if self.post else ""

    @property
    def publish(self) -> datetime | None:
        """The London publish time; None when ``publish_at`` is missing or not a time."""
        if self.post is None or self.post.publish.tzinfo is None:
            return None
        return london(self.post.publish)

    def problems(self) -> list[str]:
        """Why the post is not ready, whenever it goes out: failing rules, no approver."""
        reasons = []
        if self.failing:
            reasons.append(f"fails policy-check ({', '.join(self.failing)})")
        if not self.approver and "approval-missing" not in self.failing:
            reasons.append("no approved_by")
        return reasons


@dataclass(frozen=True)
class Window:
    """When posts may be scheduled: ten minutes after ``now``, and within ``start`` and ``end`` when given."""

    now: datetime
    start: datetime | None = None
    end: datetime | None = None

    def problems(self, publish: datetime | None) -> list[str]:
        if publish is None:
            return ["publish_at is not a date or date-time"]
        reasons = []
        if publish < self.now + GAP:
            reasons.append(f"publish_at {shown(publish)} is less than 10 minutes after now")
        if (self.start and publish < self.start) or (self.end and publish > self.end):
            reasons.append("outside --from/--to")
        return reasons


@dataclass(frozen=True)
class Media:
    kind: str
    file: str
    alt: str
    credit: str
    captions: str


@dataclass(frozen=True)
class Message:
    """What one channel publishes from one post, and when."""

    path: str
    channel: str
    publish: datetime  # London
    text: str
    media: tuple[Media, ...]


@dataclass(frozen=True, order=True)
class Refusal:
    path: str
    channel: str
    why: str

    def line(self) -> str:
        return f"{self.path}: {self.channel}: {self.why}"


@dataclass
class Selection:
    messages: list[Message]  # in time order
    refusals: list[Refusal]  # by file, then channel


def check_all(targets: Iterable[Target], engine: Engine, root: Path) -> Iterator[Checked]:
    """Each post file with the rules it fails, read with policy-check's engine."""
    root_prefix = os.path.join(os.path.abspath(root), "")
    for target in targets:
        failing, post = _check(target, engine)
        absolute = os.path.abspath(target.path)
        relative = absolute[len(root_prefix) :] if absolute.startswith(root_prefix) else absolute
        yield Checked(target.display, relative.replace(os.sep, "/"), post, failing)


def _check(target: Target, engine: Engine) -> tuple[tuple[str, ...], Post | None]:
    if target.refused:
        return ("file-unreadable",), None
    try:
        post = read_post(target.path, target.display)
        findings = engine.check_read(post, target.display)
    except RecursionError:  # as policy-check reports it
        return ("front-matter-invalid",), None
    failing = tuple(sorted({finding.rule for finding in findings if finding.fails}))
    return failing, None if isinstance(post, FormatProblem) else post


def select(checked: Iterable[Checked], window: Window) -> Selection:
    """The messages that can go, in time order, and a refusal for each post that cannot."""
    refusals: list[Refusal] = []
    candidates: list[tuple[Checked, datetime]] = []
    for item in checked:
        publish = item.publish
        reasons = item.problems() + window.problems(publish)
        if reasons or publish is None:
            refusals.append(Refusal(item.display, ",".join(item.channels) or "-", "; ".join(reasons)))
        else:
            candidates.append((item, publish))
    clashes = _clashes(candidates)
    refusals += clashes
    clashed = {refusal.path for refusal in clashes}
    messages = [message for item, _ in candidates if item.display not in clashed for message in messages_of(item)]
    messages.sort(key=lambda message: (message.publish, message.channel, message.path))
    return Selection(messages, sorted(refusals))


def _clashes(candidates: list[tuple[Checked, datetime]]) -> list[Refusal]:
    """Both sides of every pair of posts less than ten minutes apart on one channel."""
    by_channel: dict[str, list[tuple[datetime, str]]] = {}
    for item, publish in candidates:
        for channel in dict.fromkeys(item.channels):
            by_channel.setdefault(channel, []).append((publish, item.display))
    refusals = []
    for channel, times in by_channel.items():
        times.sort()
        for index, (first, first_path) in enumerate(times):
            for second, second_path in times[index + 1 :]:
                if second - first >= GAP:
                    break
                refusals.append(Refusal(second_path, channel, _apart(second, first, first_path)))
                refusals.append(Refusal(first_path, channel, _apart(first, second, second_path)))
    return refusals


def _apart(own: datetime, other: datetime, other_path: str) -> str:
    if own == other:
        return f"at the same time as {other_path} ({shown(other)})"
    relation = "after" if own > other else "before"
    return f"less than 10 minutes {relation} {other_path} ({shown(other)})"


def messages_of(item: Checked) -> list[Message]:
    """One message per channel: the text channel-too-long measures, and the post's media."""
    assert item.post is not None and item.publish is not None
    media = tuple(_media(entry) for entry in item.post.media)
    texts = item.post.published_texts
    return [Message(item.display, channel, item.publish, text, media) for channel, text in texts.items()]


def _media(item: MediaItem) -> Media:
    text = {key: str(item.fields.get(key) or "") for key in ("alt", "credit", "captions")}
    return Media(item.kind, item.file, text["alt"], text["credit"], text["captions"])
