"""Shared pieces of the inbox tests: the labels, settings, a way to write an export and to triage it in-process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checks.inbox.export import read_export
from checks.inbox.settings import InboxSettings
from checks.inbox.triage import Triaged, triage
from checks.policy.labels import Label, load_labels
from checks.policy.model import Policy
from checks.repo.settings import Settings, settings_from_data

HEADER = "id,network,kind,received_at,author,author_name,text,post_type,replied_at"


@pytest.fixture(scope="session")
def labels() -> dict[str, Label]:
    return load_labels()


@pytest.fixture(scope="session")
def corpus(shared: Path) -> Path:
    """``../shared/inbox-acceptance``: the labelled export; skipped when it is not beside the project."""
    folder = shared / "inbox-acceptance"
    if not (folder / "inbox.csv").is_file():
        pytest.skip("../shared/inbox-acceptance is not beside the project")
    return folder


@pytest.fixture
def write_export(tmp_path: Path) -> Callable[..., Path]:
    """An export file from its lines (the header added unless given), as bytes or text."""

    def write(*lines: str | bytes, header: str | None = HEADER, name: str = "inbox.csv") -> Path:
        parts = [header.encode()] if header is not None else []
        parts += [line if isinstance(line, bytes) else line.encode("utf-8") for line in lines]
        path = tmp_path / name
        path.write_bytes(b"\n".join(parts) + b"\n")
        return path

    return write


@pytest.fixture
def triage_file(policy: Policy, labels: dict[str, Label]) -> Callable[..., Triaged]:
    """Triage an export file in this process, with the given inbox settings and settings data."""

    def run(path: Path, inbox: InboxSettings | None = None, settings: dict[str, Any] | None = None) -> Triaged:
        inbox = inbox or InboxSettings()
        lint: Settings = settings_from_data(settings or {}, policy)
        return triage(read_export(path, inbox), policy, labels, lint, inbox)

    return run
