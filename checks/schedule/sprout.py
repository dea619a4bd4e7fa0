"""Sprout Social's bulk scheduling CSV: one file per channel (one profile's upload), 350 messages each.

Sprout's documented format: a header row with the case-sensitive columns
``date`` (in the account's import preference, dd/mm/yyyy or mm/dd/yyyy),
``time_24hr`` and ``message_text``, both times in Europe/London. UTF-8 with a
byte order mark, so that a spreadsheet keeps emoji and accents; RFC 4180
quoting with CRLF line ends, so a message keeps its own line breaks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from checks.schedule.selection import Message
from checks.schedule.times import DATE_FORMATS

HEADER = ("date", "time_24hr", "message_text")
PER_FILE = 350  # Sprout imports at most 350 messages at a time


def file_name(channel: str, part: int) -> str:
    """sprout-x.csv, then sprout-x-2.csv and so on."""
    return f"sprout-{channel}.csv" if part == 1 else f"sprout-{channel}-{part}.csv"


def csv_bytes(messages: Sequence[Message], date_format: str) -> bytes:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(HEADER)
    pattern = DATE_FORMATS[date_format]
    for message in messages:
        writer.writerow((message.publish.strftime(pattern), message.publish.strftime("%H:%M"), message.text))
    return stream.getvalue().encode("utf-8-sig")


def files(messages: Sequence[Message]) -> dict[str, list[Message]]:
    """Each file's name and messages: by channel, in time order, split every 350 messages."""
    by_channel: dict[str, list[Message]] = {}
    for message in sorted(messages, key=lambda m: (m.publish, m.path)):
        by_channel.setdefault(message.channel, []).append(message)
    parts = {}
    for channel in sorted(by_channel):
        rows = by_channel[channel]
        for start in range(0, len(rows), PER_FILE):
            parts[file_name(channel, start // PER_FILE + 1)] = rows[start : start + PER_FILE]
    return parts


def write(messages: Sequence[Message], date_format: str, out: Path) -> dict[Path, int]:
    """Write the files into ``out`` (only files that have messages); each path with its number of messages."""
    counts = {}
    for name, rows in files(messages).items():
        path = out / name
        path.write_bytes(csv_bytes(rows, date_format))
        counts[path] = len(rows)
    return counts
