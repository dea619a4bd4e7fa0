"""A disk cache of the validated policy, so that checking one file starts fast.

Validating every policy file against its schema is most of the start-up time.
The cache is keyed by the size and modification time of every policy file and
of the code that builds the policy from them (this package, ``checks.policy``,
and the two modules it imports), so any edit to either loads afresh; an edit
to the linter, the site or a command leaves the cache valid, since they only
read the policy. The key is kept in the file as text ahead of the policy and
compared whole: reading the cache hashes nothing and reads no more than it
must. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checks import __version__

CHECKS = Path(__file__).resolve().parents[1]
# The code a cached policy is built by: checks.policy imports nothing else of the package (pyproject.toml's
# import contracts), apart from the package's version and the cache registry.
BUILT_BY = (CHECKS / "policy", CHECKS / "caches.py", CHECKS / "__init__.py")
SUFFIXES = (".yaml", ".json", ".txt", ".py")
FILE_NAME = "policy.pickle"


def cache_dir() -> Path:
    explicit = os.environ.get("POLICY_CHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policy-check"


def fingerprint(folder: Path) -> str:
    """The key of the policy in ``folder``: the versions, then each file's path, size and modification time."""
    lines = [f"{__version__}|{sys.version}|{folder}"]
    for root in (folder, *BUILT_BY):
        lines += _stamps(root)
    return "\n".join(lines)


def _stamps(root: Path) -> Iterator[str]:
    """path|size|mtime of each data or code file at or under ``root``, in a fixed order.

    os.scandir knows from the folder listing which entries are folders, so only
    the files are stat'ed.
    """
    if not root.is_dir():
        stat = root.stat()
        yield f"{root}|{stat.st_size}|{stat.st_mtime_ns}"
        return
    pending = [os.fspath(root)]
    while pending:
        with os.scandir(pending.pop()) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            if entry.is_dir():
                if entry.name != "__pycache__":
                    pending.append(entry.path)
            elif entry.name.endswith(SUFFIXES):
                stat = entry.stat()
                yield f"{entry.path}|{stat.st_size}|{stat.st_mtime_ns}"


def read(key: str) -> Any:
    """The policy cached under ``key``, or None."""
    if os.environ.get("POLICY_CHECK_NO_CACHE"):
        return None
    try:
        with (cache_dir() / FILE_NAME).open("rb") as handle:
            if pickle.load(handle) != key:  # our own file, written below
                return None
            return pickle.load(handle)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return None


def write(key: str, value: Any) -> None:
    """Keep ``value`` under ``key``, in place of any policy cached before."""
    if os.environ.get("POLICY_CHECK_NO_CACHE"):
        return
    folder = cache_dir()
    partial = folder / f"{FILE_NAME}.{os.getpid()}.tmp"  # one process's own, until it replaces the cache whole
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("policy-*.pickle"):  # earlier versions named each cache by a hash of its key
            old.unlink(missing_ok=True)
        with partial.open("wb") as handle:
            pickle.dump(key, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, folder / FILE_NAME)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
