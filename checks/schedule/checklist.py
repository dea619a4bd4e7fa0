"""media-checklist.md: the images and video to attach in Sprout, with their alt text.

Sprout's bulk CSV carries text only, and the policy requires alt text on every
image. So each exported message is listed, in time order, with its text as the
CSV holds it (to find it in Sprout by), the files to attach and the alt text,
credit and captions that go with them, to be done in Sprout before the
message is approved there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from checks.schedule.selection import Media, Message
from checks.schedule.times import DATE_FORMATS
from checks.words import counted

FILE_NAME = "media-checklist.md"
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # not the locale's
INTRO = """\
# Media to attach in Sprout Social

Sprout Social's bulk import brings in the text of each message, but no images,
video or alt text. Before you approve a message in Sprout, open it and attach
each file listed under it, with its alt text exactly as written here. Each
message shows its text as the import brings it in, so that you can find it in
Sprout. Times are UK time (Europe/London).
"""


def render(messages: Sequence[Message], date_format: str) -> str:
    if not messages:
        return INTRO + "\nNo messages were exported, so there is nothing to attach.\n"
    with_media = sum(1 for message in messages if message.media)
    parts = [INTRO, f"\n{counted(len(messages), 'message')}, {with_media} with media.\n"]
    pattern = DATE_FORMATS[date_format]
    for message in messages:
        when = f"{DAYS[message.publish.weekday()]} {message.publish.strftime(f'{pattern} %H:%M')}"
        parts.append(f"\n## {when} · {message.channel} · {message.path}\n\n{_fenced(message.text)}")
        parts.append("".join(_item(media) for media in message.media) or "No images or video: nothing to attach.\n")
    return "".join(parts)


def _fenced(text: str) -> str:
    """The message's text line for line, in a code block whose fence is longer than any backticks in it."""
    if not text:
        return ""
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall("`+", text))])
    return f"{fence}text\n{text}\n{fence}\n\n"


def _item(media: Media) -> str:
    lines = [f"- [ ] {media.kind.capitalize()} `{media.file}`", f"  - Alt text: {_one_line(media.alt) or '(none)'}"]
    lines.append(f"  - Credit: {_one_line(media.credit) or '(none)'}")
    if media.kind == "video":
        lines.append(f"  - Captions file: `{media.captions}`" if media.captions else "  - Captions file: (none)")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    """Alt text as one line of the list, as Sprout's alt text box takes it."""
    return " ".join(text.split())


def write(messages: Sequence[Message], date_format: str, out: Path) -> Path:
    path = out / FILE_NAME
    path.write_text(render(messages, date_format), encoding="utf-8", newline="\n")
    return path
