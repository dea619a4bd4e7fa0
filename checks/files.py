"""Which files to check: every `*.md` under the given paths, filtered by settings and git.

Walking never follows a symbolic link out of the folder being checked: such a
link is reported instead of read.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from checks.errors import DataError
from checks.settings import Settings

SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"})


@dataclass(frozen=True)
class Target:
    """A file to check: where it is, how to show it, and why it must not be read (if so)."""

    path: Path
    display: str
    refused: str = ""  # a reason not to read it, such as a link leading outside


def discover(paths: list[Path], settings: Settings, cwd: Path) -> Iterator[Target]:
    seen: set[str] = set()
    for given in paths:
        if given.is_file() or (given.is_symlink() and not given.is_dir()):
            candidates: Iterator[tuple[Path, Path]] = iter([(given, given.parent)])
        else:
            candidates = ((path, given) for path in _walk(given))
        for path, top in candidates:
            display = _display(path, cwd)
            if display in seen or not settings.selects(_relative(path, settings.root)):
                continue
            seen.add(display)
            yield Target(path, display, _refusal(path, top))


def _walk(folder: Path) -> Iterator[Path]:
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS)
        for name in sorted(names):
            path = Path(root) / name
            if name.endswith(".md") and (path.is_file() or path.is_symlink()):
                yield path


def _refusal(path: Path, top: Path) -> str:
    if not path.is_symlink():
        return ""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return "File is a symbolic link that leads nowhere"
    if not target.is_relative_to(top.resolve()):
        return "File is a symbolic link that leads outside the checked folder, so it was not read"
    if not target.is_file():
        return "File is a symbolic link to something that is not a file"
    return ""


def _display(path: Path, cwd: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(cwd).as_posix()
    except ValueError:
        return os.path.relpath(absolute, cwd).replace(os.sep, "/") if absolute.anchor == cwd.anchor else str(path)


def _relative(path: Path, root: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path(os.path.abspath(root))).as_posix()
    except ValueError:
        return absolute.as_posix()


def changed_since(ref: str, cwd: Path) -> set[Path]:
    """Absolute paths of files changed since the merge base with ``ref``, plus untracked ones."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd, ref).strip())
    base = _git(["merge-base", ref, "HEAD"], cwd, ref).strip()
    names = _git(["diff", "--name-only", "--diff-filter=ACMRT", "-z", base], cwd, ref).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top, ref).split("\0")
    return {Path(os.path.abspath(top / name)) for name in names if name}


def _git(arguments: list[str], cwd: Path, ref: str) -> str:
    try:
        done = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as error:
        raise DataError("--changed-since", f"git cannot be run: {error.strerror}") from None
    if done.returncode != 0:
        reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "git failed"
        raise DataError("--changed-since", f"cannot compare with '{ref}': {reason}")
    return done.stdout
