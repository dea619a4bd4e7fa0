"""The triage's outputs: text, JSON and CSV, picked from ``REPORTERS`` by name; the same results feed each.

The CSV output is the export again, with the columns ``labels``, ``actions``
and ``due`` added, for staff to open in a spreadsheet. A cell that begins
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could run as a
formula there, so it is written after a ``'`` (OWASP's advice on CSV
injection).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from checks.csvfile import records
from checks.inbox.triage import Result, Triaged
from checks.words import counted

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ADDED_COLUMNS = ("labels", "actions", "due")


def result_dict(result: Result) -> dict[str, Any]:
    """A result in the contract's JSON shape; the optional keys only where the contract defines them."""
    data: dict[str, Any] = {
        "id": result.id,
        "line": result.line,
        "labels": list(result.labels),
        "actions": list(result.actions),
        "clauses": list(result.clauses),
    }
    if result.foi is not None:
        data["valid"] = result.foi.valid
        if result.foi.missing:
            data["missing"] = list(result.foi.missing)
        if result.foi.due is not None:
            data["due"] = result.foi.due.isoformat()
    if result.identified is not None:
        data["identified"] = result.identified
    if result.repeat_breacher is not None:
        data["repeat_breacher"] = result.repeat_breacher
    return data


def write_json(triaged: Triaged, export: Path, stream: TextIO) -> None:
    """The contract's object, streamed: one result or problem a line (json's fast encoder works item by item)."""
    stream.write(f'{{"policy_version": {json.dumps(triaged.policy_version)}, "rows_read": {triaged.rows_read},\n')
    _write_list(stream, "results", (result_dict(result) for result in triaged.results))
    stream.write(",\n")
    problems = ({"line": problem.line, "message": problem.message} for problem in triaged.problems)
    _write_list(stream, "problems", problems)
    stream.write("\n}\n")


def _write_list(stream: TextIO, key: str, items: Iterable[dict[str, Any]]) -> None:
    stream.write(f' "{key}": [')
    separator = "\n  "
    for item in items:
        stream.write(separator + json.dumps(item, ensure_ascii=False))
        separator = ",\n  "
    stream.write("\n ]" if separator != "\n  " else "]")


def write_text(triaged: Triaged, export: Path, stream: TextIO) -> None:
    """One line per labelled row, ``line: label[,label] action (clause)``; then the problems."""
    for result in triaged.results:
        if result.labels:
            stream.write(f"{result.line}: {','.join(result.labels)} {'; '.join(result.actions)}")
            stream.write(f"{_foi_note(result)} ({', '.join(result.clauses)})\n")
    for problem in triaged.problems:
        stream.write(f"{problem.line}: problem: {problem.message}\n")
    labelled = sum(bool(result.labels) for result in triaged.results)
    stream.write(
        f"{counted(triaged.rows_read, 'row')} read, {len(triaged.results)} triaged, {labelled} labelled, "
        f"{counted(len(triaged.problems), 'problem')}\n"
    )


def _foi_note(result: Result) -> str:
    if result.foi is None:
        return ""
    if result.foi.due is not None:
        return f"; due {result.foi.due.isoformat()}"
    return f"; missing {', '.join(result.foi.missing)}" if result.foi.missing else ""


def write_csv(triaged: Triaged, export: Path, stream: TextIO) -> None:
    """The export's records, read again, each with its labels, actions and due date (or its problem)."""
    by_line = {result.line: result for result in triaged.results}
    problems = {problem.line: problem.message for problem in triaged.problems}
    writer = csv.writer(stream, lineterminator="\r\n")
    rows = records(export)
    header = next(rows)
    writer.writerow(neutralised([*header.fields, *ADDED_COLUMNS]))
    for record in rows:
        writer.writerow(neutralised([*record.fields, *_added(by_line.get(record.line), problems.get(record.line))]))


def _added(result: Result | None, problem: str | None) -> list[str]:
    if problem is not None and result is None:
        return ["", f"not triaged: {problem}", ""]
    if result is None:
        return ["", "", ""]  # the council's own row
    due = result.foi.due.isoformat() if result.foi is not None and result.foi.due is not None else ""
    return [",".join(result.labels), "; ".join(result.actions), due]


def neutralised(cells: list[str]) -> list[str]:
    """Cells a spreadsheet cannot read as a formula: one that starts like a formula is written after a '."""
    return [f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell for cell in cells]


Reporter = Callable[[Triaged, Path, TextIO], None]
REPORTERS: dict[str, Reporter] = {"text": write_text, "json": write_json, "csv": write_csv}
