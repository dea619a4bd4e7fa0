"""Reading an inbox export: a CSV file, streamed record by record, each a ``Message`` or a ``RowProblem``.

The export is personal data, so a problem names only the physical line where
its record starts (the header is line 1) and the column, never a value. The
records come from ``checks.csvfile``, which policy-analytics reads its exports
through too: a file over 50 MiB is refused before it is read, and a stray byte
that is not UTF-8, or a NUL byte, spoils one record, not the export.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from checks.csvfile import Columns, Record, header_and_records
from checks.inbox.settings import REQUIRED_COLUMNS, InboxSettings

NETWORKS = ("facebook", "x", "instagram", "linkedin", "youtube")
MESSAGE_KINDS = ("comment", "mention", "message")


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


def read_export(path: Path, settings: InboxSettings) -> Iterator[Message | RowProblem]:
    """Each data record of the export as a ``Message``, or as a ``RowProblem`` that says why it is not one."""
    header, stream = header_and_records(path)
    columns = Columns(header.fields, settings.columns, REQUIRED_COLUMNS)
    seen: set[str] = set()
    for record in stream:
        yield _message(record, columns, seen)


def _message(record: Record, columns: Columns, seen: set[str]) -> Message | RowProblem:
    unreadable = columns.unreadable(record)
    if unreadable:
        return RowProblem(record.line, unreadable)
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
