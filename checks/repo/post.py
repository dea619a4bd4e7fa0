"""Reading one proposed post: bytes to front matter, body, media, links and public text.

Reading never raises for a bad post: problems come back as a ``FormatProblem``
(the format rules), with the position the problem is at.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from checks.caches import lru_cached
from checks.policy import yamlio

# Link text holds no "[": a line of many "[" then stays linear (each try stops at the next "[").
INLINE = re.compile(r"(!?)\[([^\[\]\n]*)\]\(([^()\s]*)(?:\s+\"[^\"\n]*\")?\)")
# A list item's marker, then white space and its text: "- ", "* ", "+ ", or up to 9 digits and "." or ")".
LIST_ITEM = re.compile(r"(?:[-*+]|(\d{1,9})[.)])[ \t]+\S")
VIDEO_EXTENSIONS = frozenset({"mp4", "mov", "m4v", "webm", "avi", "mkv"})
TOO_LARGE = "File is larger than 1 MiB"


@dataclass(frozen=True)
class FormatProblem:
    """Why a file cannot be checked: a format rule id, a message and its position."""

    rule: str
    message: str
    line: int = 1
    column: int = 1


class Text:
    """A piece of public text and how to find any offset of it in the file."""

    def __init__(self, where: str, value: str, origin: Any) -> None:
        self.where = where  # "body", "text.x", "media[0].alt", "image images/a.jpg"
        self.value = value
        self._origin = origin  # callable(offset) -> (line, column)

    def position(self, offset: int = 0) -> tuple[int, int]:
        return self._origin(offset)


@dataclass(frozen=True)
class InlineImage:
    alt: str
    src: str
    line: int
    column: int  # of the "!"
    alt_column: int


@dataclass(frozen=True)
class InlineLink:
    text: str
    url: str
    line: int
    column: int  # of the "["


@dataclass
class MediaItem:
    """A media item of the front matter, or an inline image that has none."""

    fields: dict[str, Any]
    index: int | None  # position in front matter `media`, None for an inline image
    inline: InlineImage | None = None

    @property
    def file(self) -> str:
        return str(self.fields.get("file", ""))

    @property
    def kind(self) -> str:
        declared = self.fields.get("kind")
        if declared:
            return str(declared)
        extension = self.file.rsplit(".", 1)[-1].lower() if "." in self.file else ""
        return "video" if extension in VIDEO_EXTENSIONS else "image"


@dataclass
class Post:
    path: str
    front: dict[str, Any]
    front_text: str
    body: str
    body_line: int  # file line of the body's first line
    publish: datetime  # aware, Europe/London
    _nodes: Any = field(default=None, repr=False)

    # -- positions -------------------------------------------------------
    @property
    def nodes(self) -> Any:
        if self._nodes is None:
            self._nodes = yamlio.compose(self.front_text)
        return self._nodes

    def locate(self, *path: str | int, key: bool = True) -> tuple[int, int]:
        """File line and column of a front matter key (or its value)."""
        line, column = yamlio.locate(self.nodes, path, key=key)
        return line + 1, column  # the front matter starts on the file's second line

    def body_position(self, offset: int) -> tuple[int, int]:
        index, line_start = _line_of(self.body, offset)
        return self.body_line + index, offset - line_start + 1

    # -- what the post holds ------------------------------------------------
    @property
    def type(self) -> str:
        return str(self.front.get("type", ""))

    @property
    def channels(self) -> list[str]:
        listed = self.front.get("channels")
        return [str(c) for c in listed] if isinstance(listed, list) else []  # else front-matter-schema says so

    @cached_property
    def inline_images(self) -> list[InlineImage]:
        found = []
        for match in INLINE.finditer(self.body):
            if match[1]:
                line, column = self.body_position(match.start())
                found.append(InlineImage(match[2], match[3], line, column, column + 2))
        return found

    @cached_property
    def inline_links(self) -> list[InlineLink]:
        unique = {text.where: text for text in self.channel_sources().values()}
        return [link for text in unique.values() for link in _links(text)]

    @cached_property
    def media(self) -> list[MediaItem]:
        """Front matter media, then inline images that no media item describes."""
        items = [MediaItem(dict(raw), number) for number, raw in enumerate(self.front.get("media") or [])]
        described = {item.file: item for item in items}
        for image in self.inline_images:
            if image.src in described:
                described[image.src].inline = image
            else:
                items.append(MediaItem({"file": image.src, "alt": image.alt}, None, image))
        return items

    def channel_sources(self) -> dict[str, Text]:
        """The Markdown each channel publishes: its own `text`, else the body."""
        own = self.front.get("text")
        own = own if isinstance(own, dict) else {}  # else front-matter-schema says so
        sources: dict[str, Text] = {}
        for channel in self.channels:
            if channel in own:
                sources[channel] = self.front_text_value(("text", channel), f"text.{channel}")
            else:
                sources[channel] = self.body_text
        return sources

    @cached_property
    def published_texts(self) -> dict[str, str]:
        """What each channel publishes: the text channel-too-long counts and policy-schedule hands over."""
        by_source: dict[str, str] = {}  # channels that share the body share its text
        texts = {}
        for channel, source in self.channel_sources().items():
            if source.where not in by_source:
                by_source[source.where] = published_text(source.value)
            texts[channel] = by_source[source.where]
        return texts

    @cached_property
    def body_text(self) -> Text:
        return Text("body", self.body, self.body_position)

    def front_text_value(self, path: tuple[str | int, ...], where: str) -> Text:
        value = self.front
        for step in path:
            value = value[step]
        return Text(where, str(value), lambda offset: self._scalar_position(path, offset))

    def _scalar_position(self, path: tuple[str | int, ...], offset: int) -> tuple[int, int]:
        node = self.nodes
        for step in path:  # the path is in the data, so it is in the nodes too (no aliases or merges)
            node = yamlio.child(node, step)[1]
        mark = node.start_mark
        line, column = mark.line + 2, mark.column + 1
        value = str(node.value)
        index, line_start = _line_of(value, offset)
        if node.style == "|":  # literal block: lines keep their place, under a fixed indent
            lines = _line_starts(self.front_text)
            start = lines[mark.line + 1] if mark.line + 1 < len(lines) else len(self.front_text)
            end = self.front_text.find("\n", start)
            first = self.front_text[start : end if end >= 0 else len(self.front_text)]
            indent = len(first) - len(first.lstrip(" "))
            return line + 1 + index, indent + offset - line_start + 1
        if node.style in ("'", '"'):
            column += 1
        if index or node.style == ">":
            return line, column  # folded text: its own start is the best place to point
        return line, column + offset

    @cached_property
    def texts(self) -> list[Text]:
        """Everything the public reads: body (when a channel uses it), channel texts, alt texts."""
        seen: dict[str, Text] = {}
        for text in self.channel_sources().values():
            seen.setdefault(text.where, text)
        if not self.channels:
            seen["body"] = self.body_text
        return list(seen.values()) + [text for text, _ in self.alt_texts]

    @cached_property
    def alt_texts(self) -> list[tuple[Text, MediaItem]]:
        """Each alt text with its item: inline ones where they stand, front matter ones at their key."""
        found: list[tuple[Text, MediaItem]] = []
        for item in self.media:
            if item.index is not None and isinstance(item.fields.get("alt"), str):
                found.append((self.front_text_value(("media", item.index, "alt"), f"media[{item.index}].alt"), item))
            if item.inline is not None:
                image = item.inline
                text = Text(f"image {image.src}", image.alt, lambda offset, i=image: (i.line, i.alt_column + offset))
                found.append((text, item))
        return found


@lru_cached(16)
def _line_starts(text: str) -> list[int]:
    """Where each line of ``text`` starts: many findings on a long text then cost no rescans."""
    return [0, *(match.end() for match in re.finditer("\n", text))]


def _line_of(text: str, offset: int) -> tuple[int, int]:
    """The 0-based line that ``offset`` is on, and the offset that line starts at."""
    starts = _line_starts(text)
    index = bisect_right(starts, offset) - 1
    return index, starts[index]


def _links(text: Text) -> list[InlineLink]:
    links = []
    for match in INLINE.finditer(text.value):
        if not match[1]:
            line, column = text.position(match.start())
            links.append(InlineLink(match[2], match[3], line, column))
    return links


# -- the text a channel publishes ------------------------------------------------


def published_text(markdown: str) -> str:
    """What a channel publishes from a post's Markdown, as a reader of the rendered post sees it.

    As CommonMark renders it: inside a paragraph a line break is soft and is
    published as a space; a hard break (two spaces or a backslash at the end
    of the line) and each list item (``- ``, ``* ``, ``+ ``, ``1. ``, ``1) ``)
    keep their own line; one blank line stands for any run of blank lines,
    between paragraphs. A link is published as its text, a space and its URL;
    inline images are left out, and a line that holds only images with them.
    Nothing else of Markdown means anything in a post: headings, quotes and
    code are published as written, and indentation is not published.
    """
    lines = _Lines()
    for line in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        lines.add(line)
    lines.close()
    # Links once the lines are joined: a link's text may be wrapped over two lines.
    return INLINE.sub(_link_or_image, "".join(lines.parts)).strip()


def _link_or_image(match: re.Match[str]) -> str:
    return "" if match[1] else f"{match[2]} {match[3]}"


def _image_left_out(match: re.Match[str]) -> str:
    return "" if match[1] else match[0]


@dataclass
class _Lines:
    """The published text of Markdown, one source line at a time, in pieces joined once (a long post stays linear)."""

    parts: list[str] = field(default_factory=list)
    joiner: str = ""  # how the next line joins the open paragraph: " " (soft break), "\n" (hard); "" when closed
    kept: str = ""  # a hard break's backslash, published as written when no line of the paragraph follows it
    blank: bool = False  # a blank line came after the last published line: the next one starts a paragraph
    in_list: bool = False  # a numbered item other than 1 starts a line only inside a list (CommonMark)

    def add(self, line: str) -> None:
        if not line.strip(" \t"):
            self.close()
            self.blank = True
            return
        text, hard = _hard_break(line)
        text = INLINE.sub(_image_left_out, text).strip(" \t")
        if not text:
            return  # only images: the line is not published at all
        marker = LIST_ITEM.match(text)
        item = marker is not None and (not self.joiner or self.in_list or marker[1] is None or int(marker[1]) == 1)
        if self.joiner and not item:
            self.parts += (self.joiner, text)
        else:
            self.close()
            if self.parts:
                self.parts.append("\n\n" if self.blank else "\n")
            self.parts.append(text)
            self.in_list = item or (self.in_list and line[:1] in " \t")  # an indented paragraph stays in its item
        self.blank = False
        self.joiner = "\n" if hard else " "
        self.kept = hard if hard == "\\" else ""

    def close(self) -> None:
        """End the open paragraph: a backslash at its very end is a backslash, not a break."""
        if self.kept:
            self.parts.append(self.kept)
        self.joiner = self.kept = ""


def _hard_break(line: str) -> tuple[str, str]:
    """A line's text without its hard break, and the break: two spaces, a backslash, or "" for none."""
    if line.endswith("  "):
        return line, "  "
    escaped = (len(line) - len(line.rstrip("\\"))) % 2 == 0  # an even run of backslashes escapes the last one
    if line.endswith("\\") and not escaped and line[:-1].strip(" \t"):
        return line[:-1], "\\"
    return line, ""


# -- reading -------------------------------------------------------------------


def read_post(path: Path, display: str) -> Post | FormatProblem:
    """Read and parse one post file; never raises for what the file holds."""
    raw = read_bytes(path)
    return raw if isinstance(raw, FormatProblem) else parse_post(raw, display)


def read_bytes(path: Path) -> bytes | FormatProblem:
    """A post file's bytes, or why they cannot be read: over 1 MiB is refused unread."""
    try:
        raw = yamlio.read_capped(path)
    except OSError as error:
        return FormatProblem("file-unreadable", f"File cannot be read: {error.strerror or error}")
    if raw is None:
        return FormatProblem("file-unreadable", TOO_LARGE)
    return raw


def parse_post(raw: bytes, display: str) -> Post | FormatProblem:
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = yamlio.byte_position(raw, nul)
        return FormatProblem("file-unreadable", "File holds NUL bytes", line, column)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = yamlio.byte_position(raw, error.start)
        return FormatProblem("file-unreadable", f"File is not UTF-8 text (byte 0x{raw[error.start]:02X})", line, column)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _split(text, display)


def _split(text: str, display: str) -> Post | FormatProblem:
    if not text.startswith("---\n") and text.rstrip(" \t") != "---":
        return FormatProblem("front-matter-missing", "File does not start with front matter (a '---' line)")
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.MULTILINE)
    if end is None:
        return FormatProblem("front-matter-invalid", "Front matter is not closed by a '---' line")
    front_text = text[4 : 4 + end.start()]
    body_start = 4 + end.end() + 1
    body = text[body_start:] if body_start <= len(text) else ""
    try:
        front, nodes = yamlio.load_with_nodes(front_text)
    except yamlio.YAMLProblem as problem:
        return FormatProblem(
            "front-matter-invalid",
            f"Front matter is not valid YAML: {problem.message}",
            problem.line + 1,
            problem.column,
        )
    if front is None:
        front = {}
    if not isinstance(front, dict):
        return FormatProblem(
            "front-matter-schema", f"Front matter must be a mapping of keys, not a {yamlio_type(front)}", 2, 1
        )
    publish = _publish_time(front.get("publish_at"))
    body_line = front_text.count("\n") + 3
    return Post(display, front, front_text, body, body_line, publish or datetime.min, nodes)


def yamlio_type(value: Any) -> str:
    return "list" if isinstance(value, list) else "single value"


def _publish_time(value: Any) -> datetime | None:
    """publish_at in Europe/London (``london.publish_time``); None when it is not a usable date text."""
    from checks.policy import london  # zoneinfo: imported when the first post is read

    if not isinstance(value, str):
        return None
    try:
        return london.publish_time(value)
    except ValueError:
        return None


def publish_time_problem(value: Any) -> str | None:
    """Why publish_at cannot be used, or None when it can."""
    if isinstance(value, str) and _publish_time(value) is None:
        return (
            f"Front matter key 'publish_at' is '{value}', which is not a real date (2027-06-01)"
            " or a date-time with an offset (2027-06-01T09:30:00+01:00)"
        )
    return None
