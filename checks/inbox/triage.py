"""Triage: every message of an export gets the labels whose tests it meets, with actions, clauses and FOI dates.

The export is read once, as a stream. Each message's own tests run as it is
read, and only a small ``Row`` of it is kept (no text). The tests that need an
author's other messages (spam, repeat breachers) and the labels that rule
others out (``unless``) run once every row is in.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from checks.inbox import breaches, kinds
from checks.inbox.breaches import Row
from checks.inbox.export import Message, RowProblem, read_export
from checks.inbox.foi import FoiRequest, foi_request, has_name
from checks.inbox.kinds import Context, Scan
from checks.inbox.settings import InboxSettings, account_key
from checks.inbox.workdays import BeyondHolidayData
from checks.policy.errors import DataError
from checks.policy.labels import Label
from checks.policy.model import Policy
from checks.repo.settings import Settings

BLOCK = "block"  # the action a repeat breach adds (the contract's word)


@dataclass(frozen=True, slots=True)
class Result:
    """A triaged message: what it is, what to do, under which clauses."""

    id: str
    line: int
    labels: tuple[str, ...]  # sorted
    actions: tuple[str, ...]
    clauses: tuple[str, ...]
    foi: FoiRequest | None = None
    identified: bool | None = None
    repeat_breacher: bool | None = None


@dataclass(frozen=True)
class Triaged:
    policy_version: str
    rows_read: int  # every data row, the council's and the problem rows included
    results: list[Result]
    problems: list[RowProblem]


class Triage:
    """Add messages one by one, then ``finish`` for the results in export order."""

    def __init__(self, policy: Policy, labels: dict[str, Label], settings: Settings, inbox: InboxSettings) -> None:
        self.policy = policy
        self.labels = labels
        self.inbox = inbox
        context = Context(policy, settings, inbox)
        row_labels = [label for label in labels.values() if label.kind in kinds.ROW_KINDS]
        self.tests = [(label.id, _prepare(label, context)) for label in row_labels]
        for label in labels.values():
            if label.kind not in kinds.ROW_KINDS and label.kind not in kinds.GROUP_KINDS:
                raise DataError(f"policy/{label.source}", f"unknown label kind '{label.kind}'", data_path="$.kind")
        self.rows: list[Row] = []
        self.problems: list[RowProblem] = []
        self.rows_read = 0

    def add(self, item: Message | RowProblem) -> None:
        self.rows_read += 1
        if isinstance(item, RowProblem):
            self.problems.append(item)
        elif not self.inbox.is_council(item.author):
            self.rows.append(self._row(item))

    def _row(self, message: Message) -> Row:
        scan = Scan(message)
        row = Row(
            line=message.line,
            id=message.id,
            author=sys.intern(account_key(message.author)),  # one string per author, however many rows
            at=message.received_at.timestamp(),
            text_key=breaches.text_key(message.text),
            labels=frozenset(label_id for label_id, test in self.tests if test(scan)),
        )
        for label_id in row.labels:
            adds = self.labels[label_id].adds
            if adds == "foi":
                row.foi = self._foi(scan)
            elif adds == "identified":
                row.identified = has_name(scan)
        return row

    def _foi(self, scan: Scan) -> FoiRequest:
        try:
            return foi_request(scan)
        except BeyondHolidayData as error:  # the row is still triaged; its due date is a problem to fix
            self.problems.append(RowProblem(scan.message.line, f"cannot count its due date: {error}"))
            return FoiRequest(True, (), None)

    def finish(self) -> Triaged:
        for label in self.labels.values():
            if label.kind in kinds.GROUP_KINDS:
                self._add_groups(label)
        for row in self.rows:
            ruled_out = {label_id for label_id in row.labels if row.labels.intersection(self.labels[label_id].unless)}
            if ruled_out:
                row.labels -= ruled_out
        breach_labels = frozenset(label.id for label in self.labels.values() if label.house_rule_breach)
        breaches.mark_repeat_breaches(self.rows, breach_labels, self.inbox.repeat_count, self.inbox.repeat_days)
        results = [self._result(row, breach_labels) for row in self.rows]
        self.rows.clear()
        problems = sorted(self.problems, key=lambda problem: problem.line)
        return Triaged(self.policy.meta.version, self.rows_read, results, problems)

    def _add_groups(self, label: Label) -> None:
        parameters = label.parameters
        grouped = breaches.repeated(
            self.rows,
            parameters["count"],
            parameters["hours"],
            parameters.get("same_text", False),
            parameters.get("labels", []),
        )
        for index in grouped:
            self.rows[index].labels |= {label.id}

    def _result(self, row: Row, breach_labels: frozenset[str]) -> Result:
        ordered = tuple(sorted(row.labels))
        actions = [self._action(self.labels[label_id], row) for label_id in ordered]
        breach = bool(row.labels & breach_labels)
        if breach and row.repeat_breacher:
            actions.append(BLOCK)
        adds = {self.labels[label_id].adds for label_id in ordered}
        return Result(
            id=row.id,
            line=row.line,
            labels=ordered,
            actions=tuple(actions),
            clauses=tuple(dict.fromkeys(self.labels[label_id].clause for label_id in ordered)),
            foi=row.foi if "foi" in adds else None,
            identified=row.identified if "identified" in adds else None,
            repeat_breacher=row.repeat_breacher if breach else None,
        )

    @staticmethod
    def _action(label: Label, row: Row) -> str:
        if label.adds == "foi" and row.foi is not None and not row.foi.valid:
            return label.action_otherwise
        if label.adds == "identified" and not row.identified:
            return label.action_otherwise
        return label.action


def _prepare(label: Label, context: Context) -> kinds.Test:
    try:
        return kinds.ROW_KINDS[label.kind](label.parameters, context)
    except (KeyError, ValueError) as error:
        raise DataError(f"policy/{label.source}", f"its parameters cannot be used: {error}") from None


def triage(
    items: Iterable[Message | RowProblem],
    policy: Policy,
    labels: dict[str, Label],
    settings: Settings,
    inbox: InboxSettings,
) -> Triaged:
    """Triage messages (and the problems read in their place), in export order."""
    run = Triage(policy, labels, settings, inbox)
    for item in items:
        run.add(item)
    return run.finish()


def triage_export(
    path: Path, policy: Policy, labels: dict[str, Label], settings: Settings, inbox: InboxSettings
) -> Triaged:
    """Triage an export file, streamed; raises ``ExportError`` when it cannot be read at all."""
    return triage(read_export(path, inbox), policy, labels, settings, inbox)
