"""A disk cache of the validated policy, so that checking one file starts fast.

Validating every policy file against its schema is most of the start-up time.
The cache is keyed by the size and modification time of every policy file and
of this package's own modules, so any edit to either loads afresh. A cache
that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from checks import __version__

PACKAGE = Path(__file__).resolve().parents[1]  # the whole checks package: any edit of its code loads afresh


def cache_dir() -> Path:
    explicit = os.environ.get("POLICY_CHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "policy-check"


def fingerprint(folder: Path) -> str:
    digest = hashlib.sha256(f"{__version__}|{sys.version}|{folder}".encode())
    for root in (folder, PACKAGE):
        for path in sorted(root.rglob("*")):
            if path.suffix in (".yaml", ".json", ".txt", ".py") and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def read(key: str) -> Any:
    if os.environ.get("POLICY_CHECK_NO_CACHE"):
        return None
    try:
        with (cache_dir() / f"policy-{key}.pickle").open("rb") as handle:
            return pickle.load(handle)  # our own file, written below
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return None


def write(key: str, value: Any) -> None:
    if os.environ.get("POLICY_CHECK_NO_CACHE"):
        return
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("policy-*.pickle"):
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / f"policy-{key}.pickle")
    except OSError:
        return
