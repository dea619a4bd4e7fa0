"""Reading an export that may be hostile: a CSV file streamed record by record, each with the line it starts on.

A shared leaf, like ``checks.charts`` and ``checks.words``: the inbox export
(``policy-inbox``) and the analytics exports (``policy-analytics``) are read
through it, so both meet a bad file the same way. It imports nothing of the
project but the words leaf. A file over 50 MiB is refused before a byte of it is read; each
physical line is decoded on its own, so a stray byte that is not UTF-8, or a
NUL byte, spoils one record and not the file; a field longer than 100,000
characters spoils its record alone. A record's problem is in words that quote
nothing of the file, which may hold personal data.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from checks.words import counted

MAX_EXPORT_BYTES = 50 * 1024 * 1024
MAX_FIELD_CHARACTERS = 100_000  # a message longer than any network allows
BOM = b"\xef\xbb\xbf"
TOO_LONG = f"has a field longer than {MAX_FIELD_CHARACTERS} characters"
NOT_CSV = "is not a valid CSV record (a quote out of place)"


class ExportError(Exception):
    """The file cannot be read at all: a usage error (exit 2)."""


@dataclass(frozen=True)
class Record:
    """One CSV record as read: where it starts (the header is line 1), its fields, or why it cannot be read."""

    line: int
    fields: list[str]
    problem: str | None = None


def check_size(path: Path, label: str = "export") -> None:
    """Refuse what is not a readable file or is over 50 MiB, before reading a byte of it."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ExportError(f"{label} '{path}' cannot be read: {error.strerror or error}") from None
    if not path.is_file():
        raise ExportError(f"{label} '{path}' is not a file")
    if size > MAX_EXPORT_BYTES:
        raise ExportError(f"{label} '{path}' is larger than 50 MiB ({size / 1024 / 1024:.1f} MiB)")


def records(path: Path, label: str = "export") -> Iterator[Record]:
    """The header (first) and every record of the file, in order; blank lines are passed by."""
    check_size(path, label)
    try:
        stream = path.open("rb")
    except OSError as error:
        raise ExportError(f"{label} '{path}' cannot be read: {error.strerror or error}") from None
    with stream, _field_limit(MAX_FIELD_CHARACTERS):
        yield from _records(stream)


def header_and_records(path: Path, label: str = "export") -> tuple[Record, Iterator[Record]]:
    """The header, checked to be there and clean, and an iterator over the records after it."""
    stream = records(path, label)
    header = next(stream, None)
    if header is None:
        raise ExportError(f"{label} '{path}' is empty: no header row")
    if header.problem:
        raise ExportError(f"{label} '{path}' is not a CSV file of UTF-8 text: its header {header.problem}")
    return header, stream


class Columns:
    """Where each named column stands in a file's header: names without outer spaces, and without case when ``fold``.

    ``names`` maps each column the reader knows to the header it has in this
    file (a settings file may rename them); a required one missing, or a known
    one twice, is an ``ExportError``.
    """

    def __init__(
        self,
        header: list[str],
        names: dict[str, str],
        required: Iterable[str],
        *,
        fold: bool = False,
        where: str = "the export's header",
    ) -> None:
        key = str.casefold if fold else str
        found = [key(name.strip()) for name in header]
        self.width = len(header)
        self.names = dict(names)
        self.index: dict[str, int] = {}
        for column, name in self.names.items():
            wanted = key(name.strip())
            if found.count(wanted) > 1:
                raise ExportError(f"{where} has the column '{name}' more than once")
            if wanted in found:
                self.index[column] = found.index(wanted)
        for column in required:
            if column not in self.index:
                mapped = f" (named '{self.names[column]}' by the settings)" if self.names[column] != column else ""
                raise ExportError(f"{where} has no column '{column}'{mapped}")

    def value(self, fields: list[str], column: str) -> str:
        index = self.index.get(column)
        return fields[index].strip() if index is not None else ""

    def unreadable(self, record: Record) -> str | None:
        """Why a record cannot be read as a row under this header (spoilt, or ragged), or None."""
        if record.problem:
            return record.problem
        if len(record.fields) != self.width:
            return f"has {counted(len(record.fields), 'field')}; the header has {self.width}"
        return None


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
