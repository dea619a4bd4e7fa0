"""Reading the tool's two exports: each record a ``Message`` or a ``Day``, or a ``RowProblem`` on its line.

The records come from ``checks.csvfile`` (the inbox's reader too): a file
over 50 MiB, one that is empty or whose header is not UTF-8 text, or one whose
header lacks a required column is a usage error (``ExportError``); a bad
record is a problem on the physical line where it starts, and the other
records are still read. Only the contract's columns are looked at: a member
of staff's name (``Sent by``) is never read. A problem names its column and
never quotes a value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from checks.analytics import dates
from checks.analytics.settings import POST_COLUMNS, PROFILE_COLUMNS, AnalyticsSettings
from checks.csvfile import Columns, Record, header_and_records

NETWORKS = {
    "facebook": "facebook",
    "x": "x",
    "twitter": "x",
    "instagram": "instagram",
    "linkedin": "linkedin",
    "youtube": "youtube",
}
NETWORK_NAMES = "Facebook, X (or Twitter), Instagram, LinkedIn or YouTube"
# The numbers of a post row, in the order ``Message.values`` holds them, by the contract's column.
METRICS = {
    "impressions": "Impressions",
    "engagements": "Engagements",
    "reach": "Reach",
    "link_clicks": "Post Link Clicks",
    "video_views": "Video Views",
}
POST_REQUIRED = ("Date", "Network", "Post", "Impressions", "Engagements")
POST_VALUES = ("Date", "Network", "Post")  # a value on every row; the numbers may be not available
PROFILE_REQUIRED = PROFILE_COLUMNS
PROFILE_VALUES = ("Date", "Network", "Profile")  # and the two numbers, which must be available
TEXT_CHARACTERS = 80  # of a post's text: what top_posts shows, and more than rule 2 compares
NOT_AVAILABLE = frozenset({"", "-", "n/a"})
T = TypeVar("T")
NUMBER = re.compile(r"(?P<sign>[-+\u2212]?)(?P<digits>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)")


@dataclass(frozen=True, slots=True)
class Message:
    """One published message of the post export, as the contract's columns give it."""

    line: int
    channel: str
    published: datetime  # Europe/London
    text: str  # the Post cell's first 80 characters, once each run of white space is one space and the ends trimmed
    values: tuple[int | None, ...]  # by METRICS; None is not available


@dataclass(frozen=True, slots=True)
class Day:
    """One profile's figures for one day, from the profile export."""

    line: int
    channel: str
    profile: str
    day: date
    audience: int
    growth: int


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A record that is not counted, and why, in words that hold nothing of the export."""

    line: int
    message: str


def read_posts(path: Path, settings: AnalyticsSettings) -> Iterator[Message | RowProblem]:
    """Each record of the post export as a ``Message``, or a ``RowProblem`` saying why it is not one.

    The header is read at once, so a file that cannot be used stops the run before anything else is read.
    """
    header, stream = header_and_records(path, "post export")
    columns = _columns(path, header, POST_COLUMNS, POST_REQUIRED, settings)
    return (_message(record, columns, settings.day_first) for record in stream)


def read_profiles(path: Path, settings: AnalyticsSettings) -> Iterator[Day | RowProblem]:
    """Each record of the profile export as a ``Day``; a second row for a profile's day is a problem."""
    header, stream = header_and_records(path, "profile export")
    columns = _columns(path, header, PROFILE_COLUMNS, PROFILE_REQUIRED, settings)
    return _once_a_day(_day(record, columns, settings.day_first) for record in stream)


def _once_a_day(rows: Iterator[Day | RowProblem]) -> Iterator[Day | RowProblem]:
    seen: dict[tuple[str, str, date], int] = {}
    for row in rows:
        if isinstance(row, Day):
            first = seen.setdefault((row.channel, row.profile, row.day), row.line)
            if first != row.line:
                row = RowProblem(row.line, f"repeats the network, profile and date of line {first}")
        yield row


def _columns(
    path: Path, header: Record, wanted: tuple[str, ...], required: tuple[str, ...], settings: AnalyticsSettings
) -> Columns:
    names = {column: settings.columns[column] for column in wanted}
    return Columns(header.fields, names, required, fold=True, where=f"the header of '{path}'")


def _message(record: Record, columns: Columns, day_first: bool) -> Message | RowProblem:
    def build(row: _Row) -> Message:
        published = row.read("Date", lambda value: dates.published(value, day_first))
        text = " ".join(row.value("Post").split())[:TEXT_CHARACTERS]
        values = tuple(row.count(column) for column in METRICS.values())
        return Message(record.line, row.channel(), published, text, values)

    return _parsed(record, columns, POST_VALUES, build)


def _day(record: Record, columns: Columns, day_first: bool) -> Day | RowProblem:
    def build(row: _Row) -> Day:
        day = row.read("Date", lambda value: dates.profile_day(value, day_first))
        audience = row.count("Audience", available=True)
        growth = row.count("Net Audience Growth", signed=True, available=True)
        return Day(record.line, row.channel(), row.value("Profile"), day, audience or 0, growth or 0)

    return _parsed(record, columns, PROFILE_VALUES, build)


def _parsed(record: Record, columns: Columns, required: tuple[str, ...], build: Callable[[_Row], T]) -> T | RowProblem:
    """What ``build`` makes of a record, or the record's first problem: unreadable, a value missing, a bad value."""
    problem = columns.unreadable(record) or _missing(record.fields, columns, required)
    if problem:
        return RowProblem(record.line, problem)
    try:
        return build(_Row(record.fields, columns))
    except ValueError as error:
        return RowProblem(record.line, str(error))


def _missing(fields: list[str], columns: Columns, required: tuple[str, ...]) -> str | None:
    """The first column that must hold a value and holds none (white space alone is none)."""
    for column in required:
        if not columns.value(fields, column):
            return f"column '{columns.names[column]}' has no value"
    return None


class _Row:
    """A record's values by the contract's column; a value that cannot be read is a ValueError naming its column."""

    def __init__(self, fields: list[str], columns: Columns) -> None:
        self.fields = fields
        self.columns = columns

    def value(self, column: str) -> str:
        return self.columns.value(self.fields, column)

    def channel(self) -> str:
        channel = NETWORKS.get(self.value("Network").casefold())
        if channel is None:
            raise ValueError(f"column '{self.columns.names['Network']}' is not {NETWORK_NAMES}")
        return channel

    def read(self, column: str, read: Callable[[str], T]) -> T:
        """A column's value as ``read`` makes it; its ValueError is given the column's name."""
        try:
            return read(self.value(column))
        except ValueError as error:
            raise ValueError(f"column '{self.columns.names[column]}' {error}") from None

    def count(self, column: str, *, signed: bool = False, available: bool = False) -> int | None:
        """A whole number, thousands separators allowed; None when not available (empty, ``-`` or ``N/A``)."""
        value = self.value(column)
        if value.isascii() and value.isdigit():  # most cells: no separator, no sign
            return int(value)
        name = self.columns.names[column]
        if value.casefold() in NOT_AVAILABLE:
            if available:
                raise ValueError(f"column '{name}' has no value")
            return None
        found = NUMBER.fullmatch(value)
        if found is None:
            raise ValueError(f"column '{name}' is not a whole number")
        number = int(found["digits"].replace(",", ""))
        if found["sign"] in ("-", "\u2212"):
            if not signed:
                raise ValueError(f"column '{name}' is a negative number")
            number = -number
        return number
