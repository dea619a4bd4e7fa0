"""A content repo's consent register: the consent records that media items name, by reference only.

The settings' ``consent_register`` names the file, YAML (a list of records) or
CSV (UTF-8, an optional byte order mark, a header row), chosen by its extension.
Dates are read as text (``yamlio`` keeps YAML's timestamps as strings), so an
unquoted ``2026-06-06`` and a quoted one are the same date; an empty field is
not set. Both forms are checked against ``consent-register.schema.json``, then
for what a schema cannot say (real dates, ``expires`` not before ``given``,
unique refs, channels the policy lists). A broken register is a ``DataError``
naming the file, the line and the field: a usage error, since no post can be
judged against it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from checks.policy import yamlio
from checks.policy.errors import DataError
from checks.policy.model import Policy
from checks.repo.settings import Settings, read_text

SCHEMA = "consent-register"
FIELDS = ("ref", "given", "expires", "withdrawn", "children", "channels")
REQUIRED = ("ref", "given")
DATES = ("given", "expires", "withdrawn")
ALL = "all"
NEEDS = "every record needs a ref and the date it was given"
REFERENCES_ONLY = (
    f"is not one of the register's fields ({', '.join(FIELDS)}): it holds references only, and a name,"
    " an e-mail address or a phone number belongs in the council's own consent records"
)


@dataclass(frozen=True)
class Consent:
    """One consent record; ``channels`` None covers every channel."""

    ref: str
    given: date
    expires: date | None = None
    withdrawn: date | None = None
    children: bool = False
    channels: frozenset[str] | None = None


@dataclass(frozen=True)
class Register:
    """The records by ref, and the file they came from."""

    label: str
    records: dict[str, Consent]

    def find(self, ref: str) -> Consent | None:
        """The record a media item's ``consent`` names: compared exactly, after trimming spaces at either end."""
        return self.records.get(ref.strip())


# Where a record's field is in the file: (line, column), either None when it cannot be said.
Locate = Callable[[str | None, bool], tuple[int | None, int | None]]


@dataclass(frozen=True)
class _Records:
    """The records as read (plain data, as the schema sees it) and how to find each in the file."""

    label: str
    data: list[Any]
    locate: Callable[[int], Locate]
    path_prefix: bool  # YAML errors also carry the data path ($[2].given); a CSV row has only its line

    def error(self, index: int, field: str | None, message: str, *, key: bool = False) -> DataError:
        line, column = self.locate(index)(field, key)
        steps: tuple[str | int, ...] = (index, field) if field else (index,)
        where = yamlio.data_path(steps) if self.path_prefix else ""
        return DataError(self.label, message, line=line, column=column, data_path=where)


def read_register(settings: Settings, policy: Policy) -> Register | None:
    """The register the settings name (a rule example's records, given inline, first); None when there is none."""
    if settings.consent_records is not None:
        return register_from_records(settings.consent_records, policy)
    if settings.consent_register is None:
        return None
    if settings.consent_register_text is not None:
        return register_from_text(settings.consent_register_text, settings.consent_register, policy)
    return load_register(settings.consent_register, policy)


def load_register(path: Path, policy: Policy) -> Register:
    """Read, check and build the register at ``path``; any problem is a DataError at its line."""
    kind_of(path)
    return register_from_text(read_text(path, str(path)), path, policy)


def kind_of(path: Path) -> str:
    """A register's format, "csv" or "yaml": the extension of the name the settings give it decides."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".yaml", ".yml"):
        raise DataError(str(path), f"a consent register is a .yaml, .yml or .csv file, not '{suffix or path.name}'")
    return "csv" if suffix == ".csv" else "yaml"


def register_from_text(text: str, path: Path, policy: Policy) -> Register:
    """Check and build a register from its text; ``path`` names it in errors and, by its extension, its format."""
    label = str(path)
    text = text.removeprefix("\ufeff")  # a byte order mark, as spreadsheets write it
    records = _csv_records(text, label) if kind_of(path) == "csv" else _yaml_records(text, label)
    return _build(records, policy)


def register_from_records(data: list[dict[str, Any]], policy: Policy, label: str = "register") -> Register:
    """A register from records already read, such as a rule example's (positions: the record's number only)."""
    return _build(_Records(label, list(data), lambda index: lambda field, key: (None, None), True), policy)


# -- YAML ----------------------------------------------------------------------------------


def _yaml_records(text: str, label: str) -> _Records:
    try:
        data, nodes = yamlio.load_with_nodes(text)  # libyaml's nodes: several times faster than constructing
    except yamlio.YAMLProblem as problem:
        raise DataError(label, f"not valid YAML: {problem.message}", line=problem.line, column=problem.column) from None
    if data is None:
        data = []
    if not isinstance(data, list):
        kind = "mapping" if isinstance(data, dict) else "single value"
        raise DataError(label, f"must be a list of consent records (- ref: ...), not a {kind}", line=1, column=1)

    def locate(index: int) -> Locate:
        def at(field: str | None, key: bool) -> tuple[int, int]:
            nonlocal nodes
            if nodes is None:
                nodes = yamlio.compose(text)
            return yamlio.locate(nodes, (index, field) if field else (index,), key=key)

        return at

    return _Records(label, data, locate, True)


# -- CSV -----------------------------------------------------------------------------------


def _csv_records(text: str, label: str) -> _Records:
    rows = list(_csv_rows(text, label))
    if not rows:
        raise DataError(label, f"is empty: a CSV register starts with a header row ({','.join(FIELDS)})", line=1)
    header_line, header = rows[0]
    columns = [name.strip() for name in header]
    _check_header(columns, label, header_line)
    data, lines = [], []
    for line, cells in rows[1:]:
        if not any(cell.strip() for cell in cells):  # a blank row, as spreadsheets leave them
            continue
        if len(cells) != len(columns):
            raise DataError(label, f"the row has {len(cells)} values and the header {len(columns)} columns", line=line)
        data.append({name: _csv_value(name, cell) for name, cell in zip(columns, cells, strict=True)})
        lines.append(line)
    return _Records(label, data, lambda index: lambda field, key: (lines[index], None), False)


def _csv_rows(text: str, label: str) -> Iterator[tuple[int, list[str]]]:
    """Each row with the line it starts on (a quoted value may run over several lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as error:
        raise DataError(label, f"is not valid CSV: {error}", line=reader.line_num or 1) from None


def _check_header(columns: list[str], label: str, line: int) -> None:
    for number, name in enumerate(columns):
        if name not in FIELDS:
            raise DataError(label, f"column '{name}' {REFERENCES_ONLY}", line=line)
        if name in columns[:number]:
            raise DataError(label, f"column '{name}' is in the header twice", line=line)
    for name in REQUIRED:
        if name not in columns:
            raise DataError(label, f"has no column '{name}': {NEEDS}", line=line)


def _csv_value(name: str, cell: str) -> Any:
    """A cell as the YAML register holds the same field: empty is not set, children true or false, channels a list."""
    value = cell.strip()
    if not value:
        return None
    if name == "children" and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if name == "channels" and value != ALL:
        return [channel.strip() for channel in value.split(";") if channel.strip()]
    return value


# -- checking and building -----------------------------------------------------------------


def _build(records: _Records, policy: Policy) -> Register:
    _check_schema(records, policy)
    built: dict[str, Consent] = {}
    first: dict[str, int] = {}
    for index, raw in enumerate(records.data):
        consent = _consent(records, index, raw, policy)
        if consent.ref in built:
            line, _ = records.locate(first[consent.ref])("ref", False)
            earlier = f"line {line}" if line else f"record {first[consent.ref] + 1}"
            raise records.error(
                index, "ref", f"field 'ref': '{consent.ref}' is already the ref of the record at {earlier}"
            )
        built[consent.ref] = consent
        first[consent.ref] = index
    return Register(records.label, built)


def _check_schema(records: _Records, policy: Policy) -> None:
    """The register's schema; a fast yes for most registers, else jsonschema's first error in file order."""
    if policy.quickly_valid(SCHEMA, records.data):  # the schema is read with the policy
        return
    from checks.policy import schemas  # jsonschema is slow to import: only for a register in doubt

    errors = list(schemas.validator(policy.schema_dir, SCHEMA).iter_errors(records.data))
    if not errors:
        return
    error = min(errors, key=_file_order)
    path = list(error.absolute_path)
    if not path:
        raise DataError(records.label, "must be a list of consent records", line=1, column=1)
    index = int(path[0])
    field, message, key = _said(error, records.data[index])
    raise records.error(index, field, message, key=key)


def _file_order(error: Any) -> tuple[int, int]:
    """Errors by record, then a record's unknown or missing fields, then its fields in the contract's order."""
    path = list(error.absolute_path)
    index = int(path[0]) if path else -1
    field = str(path[1]) if len(path) > 1 else ""
    return index, FIELDS.index(field) + 1 if field in FIELDS else 0


def _said(error: Any, record: Any) -> tuple[str | None, str, bool]:
    """The field an error is about, a sentence saying what is wrong, and whether to point at the key."""
    path = list(error.absolute_path)
    kind, value = error.validator, error.instance
    if len(path) == 1 and kind == "type":
        return None, "a consent record must be a mapping of fields (ref: ..., given: ...)", False
    if len(path) == 1 and kind == "additionalProperties":
        field = next(str(key) for key in record if key not in FIELDS)
        return field, f"field '{field}' {REFERENCES_ONLY}", True
    if len(path) == 1 and kind == "required":
        field = next(name for name in REQUIRED if name not in record)
        return None, f"field '{field}' is missing: {NEEDS}", False
    field = str(path[1])
    if field in REQUIRED and (value is None or (field == "ref" and isinstance(value, str))):
        return field, f"field '{field}' is empty: {NEEDS}", True
    return field, f"field '{field}' {_wrong_value(field, value)}", False


def _wrong_value(field: str, value: Any) -> str:
    shown = _shown(value)
    if field in DATES:
        return f"is {shown}, not a date (YYYY-MM-DD)"
    if field == "children":
        return f"is {shown}, not true, false or empty"
    if field == "channels":
        return f"is {shown}, not {ALL} or a list of channel ids (in CSV, separated by ;)"
    return f"is {shown}, not text (put it in quotes)"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"'{value}'"


def _consent(records: _Records, index: int, raw: dict[str, Any], policy: Policy) -> Consent:
    """A record the schema accepts, with its dates read and its channels checked against the policy."""
    days = {field: _date(records, index, field, raw.get(field)) for field in DATES}
    given, expires = days["given"], days["expires"]
    assert given is not None  # the schema requires it
    if expires is not None and expires < given:
        raise records.error(index, "expires", f"field 'expires': {expires} is before given {given}")
    channels = raw.get("channels")
    if isinstance(channels, list):
        unknown = [channel for channel in channels if channel not in policy.channels]
        if unknown:
            known = ", ".join(policy.channels)
            raise records.error(index, "channels", f"field 'channels': '{unknown[0]}' is not a channel ({known})")
    return Consent(
        ref=str(raw["ref"]).strip(),
        given=given,
        expires=expires,
        withdrawn=days["withdrawn"],
        children=bool(raw.get("children")),
        channels=frozenset(channels) if isinstance(channels, list) else None,
    )


def _date(records: _Records, index: int, field: str, value: Any) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise records.error(index, field, f"field '{field}': '{value}' is not a real date") from None
