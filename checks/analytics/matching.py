"""Which post file a published message came from (the analytics contract, section 2), found through two indexes.

Every post file that policy-check can read is a candidate, whatever its
findings, read through ``checks.repo`` as policy-check reads it. Of each, only
what the figures and the two rules need is kept (not the post), so 10,000
posts cost little memory:

1. by channel and London minute of ``publish_at``;
2. by channel, London date and the first 40 characters of the text that
   channel publishes (``Post.published_texts``, what policy-schedule writes in
   ``message_text``), every run of white space made one space. A text shorter
   than 40 characters is its own key, so "the same 40 characters" and "where
   either is shorter, the two whole texts are equal" are one dictionary look-up.

Rows are matched one at a time in the export's order, rule 1 and then rule 2;
among several candidates the earliest ``publish_at`` wins, then the first
path. A post's channel is taken by the first row that matches it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from checks.analytics.exports import Message
from checks.policy.london import LONDON
from checks.repo.files import discover
from checks.repo.post import Post, read_post
from checks.repo.settings import Settings

PREFIX = 40  # characters of a text that rule 2 compares
SECONDS_PER_MINUTE = 60


@dataclass(frozen=True, slots=True)
class PostFile:
    """What the report needs of a post file: where it is, its type and its media."""

    path: str  # relative to --posts, with "/"
    type: str
    media: str  # video, image or none


@dataclass(frozen=True, slots=True)
class _Candidate:
    order: tuple[float, str]  # (publish_at, path): the earliest, then the first path in sorted order, wins
    number: int  # the post's place in Index.posts
    channel: str


class Index:
    """The post files of a content repo, indexed for both rules; ``match`` takes a post's channel for a row."""

    def __init__(self) -> None:
        self.posts: list[PostFile] = []
        self._by_minute: dict[tuple[str, int], list[_Candidate]] = defaultdict(list)
        self._by_text: dict[tuple[str, date, str], list[_Candidate]] = defaultdict(list)
        self._taken: set[tuple[int, str]] = set()

    def add(self, post: Post, path: str) -> None:
        """A post that has a publish time; one without cannot be matched, and is passed by."""
        if post.publish.tzinfo is None:
            return
        number = len(self.posts)
        self.posts.append(PostFile(path, _type(post), media_of(post)))
        moment = post.publish.timestamp()
        minute = int(moment) // SECONDS_PER_MINUTE
        day = post.publish.astimezone(LONDON).date()
        texts = post.published_texts
        for channel in dict.fromkeys(post.channels):
            candidate = _Candidate((moment, path), number, channel)
            self._by_minute[channel, minute].append(candidate)
            self._by_text[channel, day, text_key(texts[channel])].append(candidate)

    def finish(self) -> Index:
        for candidates in (*self._by_minute.values(), *self._by_text.values()):
            candidates.sort(key=lambda candidate: candidate.order)
        return self

    def match(self, message: Message) -> PostFile | None:
        """The post file a row came from, by rule 1 and then rule 2; its channel is then taken."""
        minute = int(message.published.timestamp()) // SECONDS_PER_MINUTE
        day = message.published.date()  # a London time already
        found = self._first_free(self._by_minute.get((message.channel, minute), ()))
        if found is None:  # rule 2 only for a row rule 1 did not place
            found = self._first_free(self._by_text.get((message.channel, day, text_key(message.text)), ()))
        return found

    def _first_free(self, candidates: Iterable[_Candidate]) -> PostFile | None:
        """The first candidate whose post file's channel no row has taken yet; it is then taken."""
        for candidate in candidates:
            if (candidate.number, candidate.channel) not in self._taken:
                self._taken.add((candidate.number, candidate.channel))
                return self.posts[candidate.number]
        return None


def text_key(text: str) -> str:
    """What rule 2 compares: the first 40 characters once white space runs are one space and the ends trimmed."""
    return " ".join(text.split())[:PREFIX]


def media_of(post: Post) -> str:
    """``video`` when any media item is a video, ``image`` when there are images and no video, else ``none``."""
    kinds = {item.kind for item in post.media}
    return "video" if "video" in kinds else "image" if kinds else "none"


def _type(post: Post) -> str:
    value = post.front.get("type")
    return value if isinstance(value, str) and value else "no-type"


def index_posts(folder: Path, settings: Settings) -> Index:
    """Every post file under ``folder`` that can be read, found and read as policy-check finds and reads them."""
    index = Index()
    for target in discover([folder], settings, folder):  # shown relative to the folder, with "/"
        post = None if target.refused else read_post(target.path, target.display)
        if isinstance(post, Post):
            index.add(post, target.display)
    return index.finish()
