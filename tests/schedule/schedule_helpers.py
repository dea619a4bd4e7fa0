"""Helpers for policy-schedule's tests: a content repo in tmp_path, posts written into it, CSV rows read back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PROJECT = Path(__file__).resolve().parents[2]
EXAMPLE = PROJECT / "examples" / "content-repo"
GOLDEN = Path(__file__).resolve().parent / "golden"
NOW = "2027-01-01T00:00:00+00:00"
CLEAN: dict[str, Any] = {
    "title": "Library opening hours",
    "channels": ["facebook"],
    "publish_at": "2027-02-01T09:30:00+00:00",
    "type": "news",
    "approved_by": "comms-team",
}
BODY = "Fleet library opens until 7pm on Thursdays this month. #Fleet\n"


@dataclass
class Done:
    status: int
    out: str
    err: str

    @property
    def refused(self) -> list[str]:
        return self.err.splitlines()


class Repo:
    """A content repo in a temporary folder, the working folder while the test runs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "posts").mkdir()
        self.settings("approvers: [comms-team, r.chen]\n")

    def settings(self, text: str) -> None:
        (self.root / ".policy-check.yaml").write_text(text, encoding="utf-8")

    def post(self, name: str, body: str = BODY, **front: Any) -> Path:
        """posts/<name>.md: a clean post, with ``front`` changing its keys (None removes one)."""
        data = {key: value for key, value in {**CLEAN, **front}.items() if value is not None}
        text = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000) + "---\n" + body
        path = self.root / "posts" / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        return path


def rows(path: Path) -> list[list[str]]:
    """A Sprout CSV's rows, header first, read as a spreadsheet would."""
    import csv
    import io

    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
