"""Which files to check: every `*.md` under the given paths, filtered by settings and git.

Walking never follows a symbolic link out of the folder being checked (the
working folder, or for a path outside it that path's folder): such a link is
reported instead of read. File names are shown with undecodable bytes and
control characters escaped.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from checks.policy.errors import DataError
from checks.repo.settings import Settings

SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"})


@dataclass(frozen=True)
class Target:
    """A file to check: where it is, how to show it, and why it must not be read (if so)."""

    path: Path
    display: str
    refused: str = ""  # a reason not to read it, such as a link leading outside


def discover(paths: list[Path], settings: Settings, cwd: Path) -> Iterator[Target]:
    seen: set[str] = set()
    cwd_prefix = os.path.join(os.path.abspath(cwd), "")
    root_prefix = os.path.join(os.path.abspath(settings.root), "")
    for given in paths:
        inside = _checked_folder(given, cwd)
        if given.is_dir() and not _within(given, inside):  # a linked folder that leads out
            yield Target(given, _display(os.path.abspath(given), cwd, cwd_prefix), FOLDER_OUTSIDE)
            continue
        explicit = given.is_file() or (given.is_symlink() and not given.is_dir())
        found = [(os.fspath(given), given.is_symlink())] if explicit else _walk(given)
        for name, link in found:
            key = os.path.abspath(name)
            relative = key[len(root_prefix) :] if key.startswith(root_prefix) else key
            if key in seen or not settings.selects(relative.replace(os.sep, "/")):
                continue
            seen.add(key)
            path = Path(name)
            refused = _refusal(path, inside) if explicit or link else ""  # only a link can lead out
            yield Target(path, _display(key, cwd, cwd_prefix), refused)


FOLDER_OUTSIDE = "Folder is a symbolic link that leads outside the checked folder, so it was not read"


def _checked_folder(given: Path, cwd: Path) -> Path:
    """The real folder no file may lead out of: the working folder, or the given path's own folder."""
    absolute = Path(os.path.abspath(given))
    if absolute.is_relative_to(os.path.abspath(cwd)):
        return Path(os.path.realpath(cwd))
    folder = absolute if absolute.is_dir() and not absolute.is_symlink() else absolute.parent
    return Path(os.path.realpath(folder))


def _within(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(folder)


def _walk(folder: Path) -> Iterator[tuple[str, bool]]:
    """Each *.md file under ``folder`` (and whether it is a link), folders and names in sorted order.

    os.scandir knows from the folder listing what each entry is, so no file is stat'ed;
    linked folders are not entered, so only a file itself can be a link.
    """
    pending = [os.fspath(folder)]
    while pending:
        try:
            entries = sorted(os.scandir(pending.pop()), key=lambda entry: entry.name)
        except OSError:
            continue
        folders = []
        for entry in entries:
            if _is_folder(entry):  # as os.walk has it: a link to a folder is a folder, and is not entered
                if not entry.is_symlink() and entry.name not in SKIPPED_FOLDERS:
                    folders.append(entry.path)
            elif entry.name.endswith(".md") and (entry.is_symlink() or entry.is_file()):  # a link is not followed
                yield entry.path, entry.is_symlink()
        pending.extend(reversed(folders))


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # as os.walk does: what cannot be looked at is not a folder
        return False


def _refusal(path: Path, inside: Path) -> str:
    """Why a file given by name, or a link, must not be read; "" when it may be."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "File is a symbolic link that leads nowhere"
    if not target.is_relative_to(inside):
        if path.is_symlink():
            return "File is a symbolic link that leads outside the checked folder, so it was not read"
        return "File is reached through a symbolic link that leads outside the checked folder, so it was not read"
    if not target.is_file():
        return "File is a symbolic link to something that is not a file"
    return ""


def _display(absolute: str, cwd: Path, cwd_prefix: str) -> str:
    """How reports name a file: relative to the working folder, with "/"; plain string work, as it runs per file."""
    if absolute.startswith(cwd_prefix):
        shown = absolute[len(cwd_prefix) :].replace(os.sep, "/")
    elif Path(absolute).anchor == cwd.anchor:
        shown = os.path.relpath(absolute, cwd).replace(os.sep, "/")
    else:  # another drive
        shown = absolute
    return printable(shown)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(name: str) -> str:
    """A file name that every report can carry: bytes that are not UTF-8 and control characters as escapes.

    Such a name could otherwise stop JSON or SARIF output, or forge a line of text output.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes arrive as lone surrogates
        name = os.fsencode(name).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda match: f"\\x{ord(match[0]):02x}", name)


def changed_since(ref: str, cwd: Path) -> set[Path]:
    """Absolute paths of files changed since the merge base with ``ref``, plus untracked ones."""
    if ref.startswith("-"):  # git would read it as an option
        raise DataError("--changed-since", f"'{ref}' is not a git ref")
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd, ref).strip())
    base = _git(["merge-base", ref, "HEAD"], cwd, ref).strip()
    names = _git(["diff", "--name-only", "--diff-filter=ACMRT", "-z", base], cwd, ref).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top, ref).split("\0")
    return {Path(os.path.abspath(top / name)) for name in names if name}


def _git(arguments: list[str], cwd: Path, ref: str) -> str:
    import subprocess  # only for --changed-since: a check of named files starts no process

    try:
        done = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise DataError("--changed-since", f"git cannot be run: {error.strerror}") from None
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "git failed"
        raise DataError("--changed-since", f"cannot compare with '{ref}': {reason}")
    return done.stdout
