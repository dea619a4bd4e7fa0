"""A content repo's `.policy-check.yaml`: found upward from the working folder, validated, typed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from checks.policy import yamlio
from checks.policy.errors import DataError
from checks.policy.model import Policy

FILE_NAME = ".policy-check.yaml"


@dataclass(frozen=True)
class Period:
    """A named span of time, inclusive, as aware datetimes in Europe/London."""

    name: str
    start: datetime
    end: datetime

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment <= self.end


@dataclass
class Settings:
    """What the content repo adds to the policy; every key is optional."""

    path: Path | None = None
    election_periods: list[Period] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    approvers: list[str] | None = None
    organisation_names: list[str] = field(default_factory=list)
    allowed_email_domains: list[str] = field(default_factory=list)
    allowed_phones: list[str] = field(default_factory=list)
    incidents: list[Period] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)  # rule id -> off | warning | error
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    consent_register: Path | None = None  # the register file, relative to the settings file's folder
    consent_records: list[dict[str, Any]] | None = None  # a rule example's register, given inline instead
    consent_register_text: str | None = None  # the register's text, given instead of read (the staff page)

    @property
    def root(self) -> Path:
        """The folder include and exclude globs are relative to."""
        return self.path.parent if self.path else Path.cwd()

    @cached_property
    def _include(self) -> list[Glob]:
        return [glob_pattern(glob) for glob in self.include]

    @cached_property
    def _exclude(self) -> list[Glob]:
        return [glob_pattern(glob) for glob in self.exclude]

    def selects(self, relative: str) -> bool:
        """Whether a file (path relative to ``root``, with '/') is to be checked."""
        if self._include and not any(p.fullmatch(relative) for p in self._include):
            return False
        return not any(p.fullmatch(relative) for p in self._exclude)


class Glob:
    """A glob where `**/` matches any depth (including none), `**` anything, `*` and `?` stay within a folder.

    Matching steps the set of reachable offsets in the path through the glob,
    kept as the bits of an integer, so its time grows with the glob's length
    times the path's. A regular expression built from a glob such as
    `**/**/**/**/x` backtracks for hours on a deep path.
    """

    def __init__(self, glob: str) -> None:
        self.glob = glob
        self.steps = _glob_steps(glob)
        literal = [len(step) == 1 and step not in "*?" for step in self.steps]
        self.prefix = "".join(self.steps[: literal.index(False)] if False in literal else self.steps)
        self.suffix = "".join(self.steps[len(literal) - literal[::-1].index(False) :] if False in literal else ())
        self.wild = False in literal

    def fullmatch(self, path: str) -> bool:
        if not self.wild:
            return path == self.prefix
        if not (path.startswith(self.prefix) and path.endswith(self.suffix)):  # most paths stop here, quickly
            return False
        bits: dict[str, int] = {}
        for offset, char in enumerate(path):
            bits[char] = bits.get(char, 0) | 1 << offset
        end = len(path)
        slashes = bits.get("/", 0)
        others = ((1 << end) - 1) & ~slashes  # offsets whose character is not "/"
        reached = 1  # offset 0
        for step in self.steps:
            lowest = reached & -reached
            if step == "**/":  # also every offset just after a "/" at or past the lowest reached
                reached |= (slashes << 1) & ~((lowest << 1) - 1)
            elif step == "**":
                reached = ((1 << (end + 1)) - 1) & ~(lowest - 1)
            elif step == "*":
                reached = _fill(reached, others << 1)
            elif step == "?":
                reached = (reached & others) << 1
            else:
                reached = (reached & bits.get(step, 0)) << 1
            if not reached:
                return False
        return bool(reached >> end & 1)


def _glob_steps(glob: str) -> tuple[str, ...]:
    steps: list[str] = []
    index = 0
    while index < len(glob):
        step = next((s for s in ("**/", "**", "*") if glob.startswith(s, index)), glob[index])
        if not (steps and steps[-1] == step == "**/"):  # `**/**/` is `**/`
            steps.append(step)
        index += len(step)
    return tuple(steps)


def _fill(reached: int, enter: int) -> int:
    """Offsets reachable from ``reached`` through offsets that may be entered (bit set in ``enter``)."""
    shift = 1
    while enter:  # doubling: after each round, runs of 2**k steps are taken at once
        reached |= enter & (reached << shift)
        enter &= enter << shift
        shift <<= 1
    return reached


def glob_pattern(glob: str) -> Glob:
    """The compiled glob; its ``fullmatch(path)`` tells whether the whole path matches."""
    return Glob(glob)


def find_settings(start: Path) -> Path | None:
    """The nearest `.policy-check.yaml` in ``start`` or a parent folder."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / FILE_NAME
        if path.is_file():
            return path
    return None


def load_settings(path: Path | None, policy: Policy) -> Settings:
    """Read and validate a settings file; ``None`` gives empty settings."""
    if path is None:
        return Settings()
    return parse_settings(read_text(path, str(path)), path, policy)


def parse_settings(text: str, path: Path, policy: Policy) -> Settings:
    """Settings from a settings file's text; ``path`` names the file in errors, and the register is beside it."""
    return _parse(text, path, policy)[0]


def _parse(text: str, path: Path, policy: Policy) -> tuple[Settings, dict[str, Any]]:
    """The settings and the file's data as validated."""
    label = str(path)
    try:
        data = yamlio.load(text)
    except yamlio.YAMLProblem as problem:
        raise DataError(label, f"not valid YAML: {problem.message}", line=problem.line, column=problem.column) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = "list" if isinstance(data, list) else "single value"
        raise DataError(label, f"must be a mapping of settings (key: value), not a {kind}", line=1, column=1)
    data = _normalise_rule_levels(data)
    if not policy.quickly_valid("settings", data):  # the schema is read with the policy (and cached with it)
        from checks.policy import schemas  # jsonschema is slow to import: only for settings the quick check doubts

        error = schemas.first_error(schemas.validator(policy.schema_dir, "settings"), data)
        if error is not None:
            where, message = schemas.describe(error)
            raise _error(label, text, where, message, key=schemas.points_at_key(error))
    return _build(path, text, data, policy), data


def read_text(path: Path, label: str) -> str:
    """A content repo's own data file as text (settings, the consent register); over 1 MiB is refused unread."""
    try:
        raw = yamlio.read_capped(path)
    except OSError as error:
        raise DataError(label, f"cannot be read: {error.strerror or error}") from None
    if raw is None:
        raise DataError(label, "is larger than 1 MiB")
    return decode_text(raw, label)


def decode_text(raw: bytes, label: str) -> str:
    """A data file's bytes as text, or a DataError at the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = yamlio.byte_position(raw, error.start)
        raise DataError(label, f"is not UTF-8 text (byte 0x{raw[error.start]:02X})", line=line, column=column) from None


def settings_from_data(
    data: dict[str, Any], policy: Policy, label: str = "settings", register: list[dict[str, Any]] | None = None
) -> Settings:
    """Settings from already-validated data, such as a rule example's, with its consent register's records."""
    settings = _build(Path(label), "", _normalise_rule_levels(dict(data)), policy)
    settings.path = None
    settings.consent_records = None if register is None else list(register)
    return settings


def _normalise_rule_levels(data: Any) -> Any:
    # YAML 1.1 reads a bare `off` as false; the contract's level is the word "off".
    if isinstance(data, dict) and isinstance(data.get("rules"), dict):
        data["rules"] = {k: ("off" if v is False else v) for k, v in data["rules"].items()}
    return data


def _error(label: str, text: str, where: tuple[str | int, ...], message: str, *, key: bool = True) -> DataError:
    line, column = yamlio.locate(yamlio.compose(text), where, key=key)
    key = next((str(step) for step in where if isinstance(step, str)), "")
    prefix = f"key '{key}': " if key else ""
    return DataError(label, prefix + message, line=line, column=column, data_path=yamlio.data_path(where))


def _build(path: Path, text: str, data: dict[str, Any], policy: Policy) -> Settings:
    for rule_id in data.get("rules", {}):
        if rule_id not in policy.rules:
            from checks.policy.schemas import suggestion

            message = f"unknown rule id '{rule_id}'{suggestion(str(rule_id), policy.rules)}"
            raise _error(str(path), text, ("rules", rule_id), message)
    return Settings(
        path=path,
        election_periods=_periods(str(path), text, data, "election_periods", date_only=True),
        partners=list(data.get("partners", [])),
        people=list(data.get("people", [])),
        approvers=list(data["approvers"]) if "approvers" in data else None,
        organisation_names=list(data.get("organisation_names", [])),
        allowed_email_domains=list(data.get("allowed_email_domains", [])),
        allowed_phones=[str(p) for p in data.get("allowed_phones", [])],
        incidents=_periods(str(path), text, data, "incidents", date_only=False),
        rules=dict(data.get("rules", {})),
        include=list(data.get("include", [])),
        exclude=list(data.get("exclude", [])),
        consent_register=path.parent / data["consent_register"] if "consent_register" in data else None,
    )


def _periods(label: str, text: str, data: dict[str, Any], key: str, *, date_only: bool) -> list[Period]:
    periods = []
    for number, raw in enumerate(data.get(key, [])):
        from checks.policy import london  # zoneinfo: imported only when settings hold a period

        try:
            start = london.period_start(str(raw["start"]))
            end = london.period_end(str(raw["end"]))
        except ValueError as error:
            raise _error(label, text, (key, number, _bad_field(raw)), str(error)) from None
        if end < start:
            raise _error(label, text, (key, number, "end"), f"'{raw['end']}' is before start '{raw['start']}'")
        periods.append(Period(str(raw["name"]), start, end))
    return periods


def _bad_field(raw: dict[str, Any]) -> str:
    from checks.policy import london

    try:
        london.period_start(str(raw["start"]))
    except ValueError:
        return "start"
    return "end"


def settings_for_export(export: Path, config: Path | None) -> Path | None:
    """``--config``, or the nearest settings file in an export's folder or a parent (policy-inbox, policy-analytics)."""
    return config if config is not None else find_settings(export.resolve().parent)


def load_section(path: Path | None, policy: Policy, key: str) -> tuple[Settings, str, dict[str, Any]]:
    """The whole settings, validated as policy-check validates them, one product's section and the file's text."""
    if path is None:
        return Settings(), "", {}
    text = read_text(path, str(path))
    settings, data = _parse(text, path, policy)
    return settings, text, data.get(key) or {}
