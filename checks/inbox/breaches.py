"""What needs an author's other messages: groups of repeated messages (spam) and repeat breachers.

The export may not be sorted by time, so these run once every row is read,
over the small per-row records the triage keeps (no texts: a hash of each
text's letters and digits stands for it), grouped by author and sorted by
time within each author.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from checks.inbox.foi import FoiRequest

NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


@dataclass(slots=True)
class Row:
    """What the triage keeps of a message while the rest of the export is read."""

    line: int
    id: str
    author: str  # as compared: no case, no leading @
    at: float  # received, seconds since the epoch
    text_key: int  # a hash of the text's letters and digits, without case
    labels: frozenset[str]  # frozen: the many rows with none share one empty set
    foi: FoiRequest | None = None
    identified: bool | None = None
    repeat_breacher: bool | None = None


def text_key(text: str) -> int:
    """The same for texts that differ only in case, spaces and punctuation."""
    return hash(NOT_LETTER_OR_DIGIT.sub("", text.lower()))


def repeated(rows: list[Row], count: int, hours: float, same_text: bool, labels: Iterable[str]) -> set[int]:
    """Indices of rows in a group: ``count`` or more by one author within any ``hours``, with the same text or
    with one of ``labels``."""
    groups: dict[Hashable, list[int]] = defaultdict(list)
    wanted = frozenset(labels)
    for index, row in enumerate(rows):
        if same_text:
            groups[(row.author, "text", row.text_key)].append(index)
        if wanted & row.labels:
            groups[(row.author, "labels")].append(index)
    marked: set[int] = set()
    for members in groups.values():
        if len(members) >= count:
            marked |= _in_windows(rows, members, count, hours * 3600)
    return marked


def _in_windows(rows: list[Row], members: list[int], count: int, span: float) -> set[int]:
    ordered = sorted(members, key=lambda index: (rows[index].at, rows[index].line))
    marked: set[int] = set()
    first = 0
    for last, index in enumerate(ordered):
        while rows[index].at - rows[ordered[first]].at > span:
            first += 1
        if last - first + 1 >= count:
            marked.update(ordered[first : last + 1])
    return marked


def mark_repeat_breaches(rows: list[Row], breach_labels: frozenset[str], count: int, days: int) -> None:
    """Set ``repeat_breacher`` on every breach row: true when its author has at least ``count`` breach rows
    received in the ``days`` x 24 hours up to and including it."""
    by_author: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.labels & breach_labels:
            by_author[row.author].append(row)
    span = days * 24 * 3600
    for breaches in by_author.values():
        times = sorted(row.at for row in breaches)
        for row in breaches:
            within = bisect_right(times, row.at) - bisect_left(times, row.at - span)
            row.repeat_breacher = within >= count
