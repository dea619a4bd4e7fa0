"""A content repo's `.policy-check.yaml`: found upward from the working folder, validated, typed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from checks import schemas, yamlio
from checks.errors import DataError
from checks.model import Policy

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

    @property
    def root(self) -> Path:
        """The folder include and exclude globs are relative to."""
        return self.path.parent if self.path else Path.cwd()

    @cached_property
    def _include(self) -> list[re.Pattern[str]]:
        return [glob_pattern(glob) for glob in self.include]

    @cached_property
    def _exclude(self) -> list[re.Pattern[str]]:
        return [glob_pattern(glob) for glob in self.exclude]

    def selects(self, relative: str) -> bool:
        """Whether a file (path relative to ``root``, with '/') is to be checked."""
        if self._include and not any(p.fullmatch(relative) for p in self._include):
            return False
        return not any(p.fullmatch(relative) for p in self._exclude)


def glob_pattern(glob: str) -> re.Pattern[str]:
    """A glob where `**/` matches any depth (including none) and `*` stays within a folder."""
    out = ""
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            out += "(?:[^/]*/)*"
            index += 3
        elif glob.startswith("**", index):
            out += ".*"
            index += 2
        elif glob[index] == "*":
            out += "[^/]*"
            index += 1
        elif glob[index] == "?":
            out += "[^/]"
            index += 1
        else:
            out += re.escape(glob[index])
            index += 1
    return re.compile(out)


def find_settings(start: Path) -> Path | None:
    """The nearest `.policy-check.yaml` in ``start`` or a parent folder."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / FILE_NAME
        if path.is_file():
            return path
    return None


def load_settings(path: Path | None, policy: Policy, schema_dir: Path) -> Settings:
    """Read and validate a settings file; ``None`` gives empty settings."""
    if path is None:
        return Settings()
    label = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(label, f"cannot be read: {getattr(error, 'strerror', None) or error}") from None
    try:
        data = yamlio.load(text) or {}
    except yamlio.YAMLProblem as problem:
        raise DataError(label, f"not valid YAML: {problem.message}", line=problem.line, column=problem.column) from None
    data = _normalise_rule_levels(data)
    error = schemas.first_error(schemas.validator(schema_dir, "settings"), data)
    if error is not None:
        where, message = schemas.describe(error)
        raise _error(label, text, where, message, key=schemas.points_at_key(error))
    return _build(path, text, data, policy)


def settings_from_data(data: dict[str, Any], policy: Policy, label: str = "settings") -> Settings:
    """Settings from already-validated data, such as a rule example's."""
    settings = _build(Path(label), "", _normalise_rule_levels(dict(data)), policy)
    settings.path = None
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
            raise _error(str(path), text, ("rules", rule_id), f"unknown rule id '{rule_id}'")
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
    )


def _periods(label: str, text: str, data: dict[str, Any], key: str, *, date_only: bool) -> list[Period]:
    periods = []
    for number, raw in enumerate(data.get(key, [])):
        try:
            start = to_london(raw["start"], end=False)
            end = to_london(raw["end"], end=True)
        except ValueError as error:
            raise _error(label, text, (key, number, _bad_field(raw)), str(error)) from None
        if end < start:
            raise _error(label, text, (key, number, "end"), f"'{raw['end']}' is before start '{raw['start']}'")
        periods.append(Period(str(raw["name"]), start, end))
    return periods


def _bad_field(raw: dict[str, Any]) -> str:
    try:
        to_london(raw["start"], end=False)
    except ValueError:
        return "start"
    return "end"


def to_london(value: Any, *, end: bool) -> datetime:
    """A settings date or date-time as an aware London time; a date's end is the day's last moment."""
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    text = str(value)
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            if end:
                return datetime.combine(day + timedelta(days=1), time(0), london) - timedelta(microseconds=1)
            return datetime.combine(day, time(0), london)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"'{text}' is not a valid date") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=london)
    return moment.astimezone(london)
