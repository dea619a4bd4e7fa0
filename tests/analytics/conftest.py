"""Fixtures of the analytics tests: small exports and content repos written inline, the command in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from analytics_helpers import HEADER, SETTINGS, line, report


@pytest.fixture
def repo(tmp_path: Path) -> Callable[..., Path]:
    """A content repo of the given post files (name: text), with its settings; the exports go beside them."""

    def make(posts: dict[str, str] | None = None, settings: str = SETTINGS) -> Path:
        folder = tmp_path / "repo"
        (folder / "posts").mkdir(parents=True, exist_ok=True)
        (folder / ".policy-check.yaml").write_text(settings, encoding="utf-8")
        for name, text in (posts or {}).items():
            (folder / "posts" / name).write_text(text, encoding="utf-8")
        return folder

    return make


@pytest.fixture
def export(tmp_path: Path) -> Callable[..., Path]:
    """An export file from its records (``HEADER`` added unless another is given), as text or bytes."""

    def write(
        *records: str | bytes,
        header: tuple[str, ...] | str | None = HEADER,
        name: str = "posts.csv",
        folder: Path = tmp_path,
    ) -> Path:
        parts = []
        if header is not None:
            parts.append((header if isinstance(header, str) else line(*header)).encode("utf-8"))
        parts += [record if isinstance(record, bytes) else record.encode("utf-8") for record in records]
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\r\n".join(parts) + b"\r\n")
        return path

    return write


@pytest.fixture
def run(tmp_path: Path) -> Callable[..., tuple[int, Any]]:
    def call(*arguments: str | Path, fmt: str = "json") -> tuple[int, Any]:
        return report([str(argument) for argument in arguments], tmp_path, fmt)

    return call


@pytest.fixture(scope="session")
def corpus(shared: Path) -> Path:
    """``../shared/analytics-acceptance``: the labelled exports; skipped when it is not beside the project."""
    folder = shared / "analytics-acceptance"
    if not (folder / "post-performance.csv").is_file():
        pytest.skip("../shared/analytics-acceptance is not beside the project")
    return folder
