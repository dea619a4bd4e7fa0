"""The disk cache of the validated policy: what its key holds, and that a cache read is the cache written."""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import pytest

from checks.policy import cache

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def policy_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PROJECT / "policy", tmp_path / "policy"))


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a clock that ticks coarsely


def test_an_edit_of_any_policy_file_changes_the_key(policy_copy: Path) -> None:
    before = cache.fingerprint(policy_copy)
    rule = next((policy_copy / "rules").glob("*.yaml"))
    _touch(rule, rule.read_text(encoding="utf-8") + "\n")
    assert cache.fingerprint(policy_copy) != before


def test_an_edit_of_the_code_that_builds_the_policy_changes_the_key(
    policy_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "code"
    (code / "__pycache__").mkdir(parents=True)
    (code / "loader.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "BUILT_BY", (code,))
    before = cache.fingerprint(policy_copy)
    (code / "__pycache__" / "loader.cpython-311.pyc").write_bytes(b"compiled")  # not code we wrote
    assert cache.fingerprint(policy_copy) == before
    _touch(code / "loader.py", "x = 2\n")
    assert cache.fingerprint(policy_copy) != before


def test_the_key_covers_every_module_of_the_package_that_checks_policy_imports() -> None:
    """Only checks.policy builds the cached policy: what it imports of the package must be in the key too."""
    package = PROJECT / "checks"
    imported: set[Path] = set()
    for source in (package / "policy").glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            for name in names:
                if name == "checks" or name.startswith("checks."):
                    parts = name.split(".")[1:]
                    module = package.joinpath(*parts)
                    imported.add(module / "__init__.py" if module.is_dir() else module.with_suffix(".py"))
    covered = [root.resolve() for root in cache.BUILT_BY]
    assert imported
    assert [path for path in imported if not any(path.resolve().is_relative_to(root) for root in covered)] == []


def test_a_cached_policy_is_read_back_under_its_key_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_CHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("POLICY_CHECK_NO_CACHE", raising=False)
    (tmp_path / "cache").mkdir()
    earlier = tmp_path / "cache" / "policy-0123abcd.pickle"  # as earlier versions named theirs
    earlier.write_bytes(b"old")
    cache.write("key one", {"rules": ["a", "b"]})
    assert cache.read("key one") == {"rules": ["a", "b"]}
    assert cache.read("key two") is None
    assert not earlier.exists()
    assert sorted(path.name for path in (tmp_path / "cache").iterdir()) == [cache.FILE_NAME]
