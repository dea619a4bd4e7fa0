"""Reading an inbox export: a CSV file, streamed record by record, each a ``Message`` or a ``RowProblem``.

The export is personal data, so a problem names only the physical line where
its record starts (the header is line 1) and the column, never a value. The
file is refused before it is read when it is over 50 MiB; each physical line
is decoded on its own, so a stray byte that is not UTF-8, or a NUL byte, spoils
one record, not the export.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from checks.inbox.settings import REQUIRED_COLUMNS, InboxSettings
from checks.words import counted

MAX_EXPORT_BYTES = 50 * 1024 * 1024
MAX_FIELD_CHARACTERS = 100_000  # a message longer than any network allows
NETWORKS = ("facebook", "x", "instagram", "linkedin", "youtube")
MESSAGE_KINDS = ("comment", "mention", "message")
BOM = b"\xef\xbb\xbf"
TOO_LONG = f"has a field longer than {MAX_FIELD_CHARACTERS} characters"
NOT_CSV = "is not a valid CSV record (a quote out of place)"


class ExportError(Exception):
    """The export cannot be read at all: a usage error (exit 2)."""


@dataclass(frozen=True, slots=True)
class Message:
    """One incoming message, as the contract's columns give it."""

    line: int
    id: str
    network: str
    kind: str
    received_at: datetime
    author: str
    author_name: str
    text: str
    post_type: str
    replied_at: datetime | None


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A record that is not triaged, and why, in words that hold nothing of the export."""

    line: int
    message: str


@dataclass(frozen=True)
class Record:
    """One CSV record as read: where it starts, its fields, or why it cannot be read."""

    line: int
    fields: list[str]
    problem: str | None = None


def check_size(path: Path) -> None:
    """Refuse what is not a readable file or is over 50 MiB, before reading a byte of it."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ExportError(f"export '{path}' cannot be read: {error.strerror or error}") from None
    if not path.is_file():
        raise ExportError(f"export '{path}' is not a file")
    if size > MAX_EXPORT_BYTES:
        raise ExportError(f"export '{path}' is larger than 50 MiB ({size / 1024 / 1024:.1f} MiB)")


def records(path: Path) -> Iterator[Record]:
    """The header (first) and every record of the export, in order; blank lines are passed by."""
    check_size(path)
    try:
        stream = path.open("rb")
    except OSError as error:
        raise ExportError(f"export '{path}' cannot be read: {error.strerror or error}") from None
    with stream, _field_limit(MAX_FIELD_CHARACTERS):
        yield from _records(stream)


def _records(stream: BinaryIO) -> Iterator[Record]:
    lines = _Lines(stream)
    reader = csv.reader(lines, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error:
            too_long = lines.longest_through(reader.line_num) > MAX_FIELD_CHARACTERS
            lines.forget_through(reader.line_num)
            yield Record(start, [], TOO_LONG if too_long else NOT_CSV)
            continue
        problem = lines.spoiled_through(reader.line_num)
        if fields in ([], [""]) and problem is None:
            continue
        yield Record(start, fields, problem)


class _Lines:
    """The file's physical lines as text, decoded one by one, noting the lines that are not clean UTF-8.

    It remembers only the lines of the record being read: the caller forgets them once the record is out.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._number = 0
        self._bad: dict[int, str] = {}
        self._lengths: dict[int, int] = {}

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        raw = next(self._stream)
        self._number += 1
        if self._number == 1:
            raw = raw.removeprefix(BOM)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            self._bad[self._number] = f"is not UTF-8 text (byte 0x{raw[error.start]:02X})"
            text = raw.decode("utf-8", "replace")
        if "\x00" in text:
            self._bad.setdefault(self._number, "holds a NUL byte")
            text = text.replace("\x00", "")
        self._lengths[self._number] = len(text)
        return text

    def spoiled_through(self, last: int) -> str | None:
        """Why a line up to ``last`` cannot be trusted, or None; then forgets those lines."""
        found = next((self._bad[number] for number in sorted(self._bad) if number <= last), None)
        self.forget_through(last)
        return found

    def longest_through(self, last: int) -> int:
        return max((length for number, length in self._lengths.items() if number <= last), default=0)

    def forget_through(self, last: int) -> None:
        self._bad = {number: why for number, why in self._bad.items() if number > last}
        self._lengths = {number: length for number, length in self._lengths.items() if number > last}


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    # csv.field_size_limit is global to the process: set it while reading, then put it back.
    before = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(before)


class Columns:
    """Where each column of the contract stands in the export's header."""

    def __init__(self, header: list[str], settings: InboxSettings) -> None:
        names = [name.strip() for name in header]
        self.width = len(header)
        self.names = {column: settings.columns[column] for column in settings.columns}
        self.index: dict[str, int] = {}
        for column, name in self.names.items():
            if names.count(name) > 1:
                raise ExportError(f"the export's header has the column '{name}' more than once")
            if name in names:
                self.index[column] = names.index(name)
        for column in REQUIRED_COLUMNS:
            if column not in self.index:
                mapped = f" (named '{self.names[column]}' by the settings)" if self.names[column] != column else ""
                raise ExportError(f"the export's header has no column '{column}'{mapped}")

    def value(self, fields: list[str], column: str) -> str:
        index = self.index.get(column)
        return fields[index].strip() if index is not None else ""


def read_export(path: Path, settings: InboxSettings) -> Iterator[Message | RowProblem]:
    """Each data record of the export as a ``Message``, or as a ``RowProblem`` that says why it is not one."""
    stream = records(path)
    header = next(stream, None)
    if header is None:
        raise ExportError(f"export '{path}' is empty: no header row")
    if header.problem:
        raise ExportError(f"export '{path}' is not a CSV file of UTF-8 text: its header {header.problem}")
    columns = Columns(header.fields, settings)
    seen: set[str] = set()
    for record in stream:
        yield _message(record, columns, seen)


def _message(record: Record, columns: Columns, seen: set[str]) -> Message | RowProblem:
    if record.problem:
        return RowProblem(record.line, record.problem)
    if len(record.fields) != columns.width:
        return RowProblem(record.line, f"has {counted(len(record.fields), 'field')}; the header has {columns.width}")
    values = {column: columns.value(record.fields, column) for column in columns.names}
    problem = _invalid(values, columns)
    if values["id"]:
        duplicate = values["id"] in seen
        seen.add(values["id"])
        if duplicate and problem is None:
            problem = f"column '{columns.names['id']}' repeats the id of an earlier row"
    if problem:
        return RowProblem(record.line, problem)
    return Message(
        line=record.line,
        id=values["id"],
        network=values["network"].lower(),
        kind=values["kind"].lower(),
        received_at=_moment(values["received_at"]),  # type: ignore[arg-type]  # checked by _invalid
        author=values["author"],
        author_name=values["author_name"],
        text=values["text"],
        post_type=values["post_type"],
        replied_at=_moment(values["replied_at"]) if values["replied_at"] else None,
    )


def _invalid(values: dict[str, str], columns: Columns) -> str | None:
    """What is wrong with a record's values, naming the column and never its value; None when nothing is."""
    for column in REQUIRED_COLUMNS:
        if not values[column]:
            return f"column '{columns.names[column]}' is empty"
    if values["network"].lower() not in NETWORKS:
        return f"column '{columns.names['network']}' is not one of {', '.join(NETWORKS)}"
    if values["kind"].lower() not in MESSAGE_KINDS:
        return f"column '{columns.names['kind']}' is not one of {', '.join(MESSAGE_KINDS)}"
    for column in ("received_at", "replied_at"):
        if values[column] and _moment(values[column]) is None:
            return f"column '{columns.names[column]}' is not an ISO 8601 date-time with offset"
    return None


def _moment(value: str) -> datetime | None:
    """An ISO 8601 date-time with an offset, or None (no offset, an impossible date, not a date-time)."""
    if len(value) < 16 or value[10] not in "Tt ":
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None
