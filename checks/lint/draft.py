"""One post checked from its text, with its settings and consent register as text: the staff page's check.

``check_draft`` gives the object that ``policy-check --format json`` prints
for one file. The staff page "Check a draft" runs it in the browser, in
Pyodide, and the command line checks each file's bytes with the same
``check_post`` (``checks.lint.parallel``), so both give the same answers.

Settings and a consent register arrive as text (or bytes) with the names they
go by, and are read by the readers that read them from disk, so a broken one
is the same ``DataError``. The register's format is the one the settings' name
for it says (``consent/register.csv`` is CSV), as on the command line; the
name of the file it came from, when given, must say the same. A file with no
settings means the policy alone, as a repo without ``.policy-check.yaml``.
The settings' ``include`` and ``exclude`` choose files in a repo and do not
apply: a draft is checked because someone asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checks import caches
from checks.lint.engine import Engine
from checks.lint.findings import Finding, Report
from checks.policy import yamlio
from checks.policy.errors import DataError
from checks.policy.model import Policy
from checks.repo.files import printable
from checks.repo.post import TOO_LARGE, FormatProblem
from checks.repo.settings import FILE_NAME, Settings, decode_text, parse_settings

DEFAULT_PATH = "draft.md"
TOO_DEEP = "Front matter is nested too deeply to check"


def check_post(engine: Engine, raw: bytes | str, path: str) -> list[Finding]:
    """A post's findings from its bytes (text is read as its UTF-8); what the post holds never raises."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw  # a lone surrogate: not UTF-8
    if len(data) > yamlio.MAX_BYTES:
        return engine.report_problem(path, FormatProblem("file-unreadable", TOO_LARGE))
    try:
        return engine.check_text(data, path)
    except RecursionError:
        return engine.report_problem(path, FormatProblem("front-matter-invalid", TOO_DEEP))


@dataclass(frozen=True)
class Given:
    """The settings file and consent register a draft is checked with, as their bytes and names."""

    settings: bytes | None = None
    settings_name: str = FILE_NAME
    register: bytes | None = None
    register_name: str | None = None  # the file the register came from; its extension must agree


def check_draft(
    policy: Policy,
    post: bytes | str,
    *,
    path: str = DEFAULT_PATH,
    settings: bytes | str | None = None,
    settings_name: str = FILE_NAME,
    register: bytes | str | None = None,
    register_name: str | None = None,
) -> dict[str, object]:
    """What ``policy-check --format json`` prints for one file of ``post`` at ``path``; a broken settings
    file or register raises ``DataError`` (the command line's exit status 2)."""
    given = Given(_bytes(settings), settings_name, _bytes(register), register_name)
    shown = printable(path)
    findings = check_post(_ENGINES.get(policy, given), post, shown)
    return Report(policy.meta.version, [shown], sorted(findings)).as_dict()


def settings_of(policy: Policy, given: Given) -> Settings:
    """The settings and register given, read and checked as ``policy-check`` reads them from files."""
    if given.settings is None:
        settings = Settings()
    else:
        text = _text(given.settings, given.settings_name)
        settings = parse_settings(text, Path(given.settings_name), policy)
    named = settings.consent_register
    if given.register is None:
        if named is not None:
            raise DataError(given.settings_name, f"names the consent register '{named}': give that file too")
        return settings
    from checks.repo.register import kind_of  # the command line reads a register only when the settings name one

    label = given.register_name or "the consent register"
    if named is None:
        raise DataError(label, "is not used: the settings name no consent register (consent_register)")
    if given.register_name is not None and kind_of(Path(given.register_name)) != kind_of(named):
        raise DataError(
            label,
            f"is a {kind_of(Path(given.register_name)).upper()} file, but the settings name the register "
            f"'{named}', a {kind_of(named).upper()} file: give the file the settings name",
        )
    settings.consent_register_text = _text(given.register, str(named))
    return settings


def _bytes(value: bytes | str | None) -> bytes | None:
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value


def _text(raw: bytes, label: str) -> str:
    if len(raw) > yamlio.MAX_BYTES:
        raise DataError(label, "is larger than 1 MiB")
    return decode_text(raw, label)


class _EngineStore:
    """The engine of the settings last given, kept: preparing the rules takes longer than checking a post."""

    def __init__(self) -> None:
        self._kept: tuple[Policy, Given, Engine] | None = None

    def get(self, policy: Policy, given: Given) -> Engine:
        kept = self._kept
        if kept is not None and kept[0] is policy and kept[1] == given:
            return kept[2]
        engine = Engine(policy, settings_of(policy, given))
        self._kept = (policy, given, engine)
        return engine

    def cache_clear(self) -> None:
        self._kept = None


_ENGINES = _EngineStore()
caches.register(_ENGINES)
