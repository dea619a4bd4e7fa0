"""The ``inbox`` section of ``.policy-check.yaml``: column names, council accounts, working hours, repeat breaches.

The file is the one ``policy-check`` reads, found upward from the export's
folder (or given with ``--config``) and validated whole, ``inbox`` included,
by the settings schema; this module turns the section into typed values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any

from checks.policy import yamlio
from checks.policy.errors import DataError
from checks.policy.model import Policy
from checks.repo.settings import Settings, load_section

COLUMNS = ("id", "network", "kind", "received_at", "author", "author_name", "text", "post_type", "replied_at")
REQUIRED_COLUMNS = ("id", "network", "kind", "received_at", "author", "text")


@dataclass(frozen=True)
class InboxSettings:
    columns: dict[str, str] = field(default_factory=lambda: {name: name for name in COLUMNS})
    council_accounts: frozenset[str] = frozenset()  # handles without case or a leading @
    opens: time = time(9, 0)
    closes: time = time(17, 0)
    reply_target_hours: float | None = None
    repeat_count: int = 2
    repeat_days: int = 365

    def is_council(self, author: str) -> bool:
        return account_key(author) in self.council_accounts


def account_key(author: str) -> str:
    """An author as compared: without case, white space at the ends or a leading @."""
    return author.strip().removeprefix("@").lower()


def load_inbox_settings(path: Path | None, policy: Policy) -> tuple[Settings, InboxSettings]:
    """The whole settings (validated as policy-check validates them) and their inbox section, typed."""
    settings, text, section = load_section(path, policy, "inbox")
    return settings, _inbox(str(path), text, section) if path is not None else InboxSettings()


def _inbox(label: str, text: str, data: dict[str, Any]) -> InboxSettings:
    hours = data.get("working_hours", {})
    opens = time.fromisoformat(hours.get("start", "09:00"))
    closes = time.fromisoformat(hours.get("end", "17:00"))
    if closes <= opens:
        line, column = yamlio.locate(yamlio.compose(text), ("inbox", "working_hours", "end"))
        raise DataError(label, "working hours end before they start", line=line, column=column)
    repeats = data.get("repeat_breaches", {})
    for path, value in (
        (("reply_target_hours",), data.get("reply_target_hours", 1)),
        (("repeat_breaches", "count"), repeats.get("count", 1)),
        (("repeat_breaches", "days"), repeats.get("days", 1)),
    ):
        if value <= 0:  # the schema stays within QuickSchema's subset, so the range is checked here
            line, column = yamlio.locate(yamlio.compose(text), ("inbox", *path))
            raise DataError(label, f"key '{path[-1]}': must be more than 0", line=line, column=column)
    return InboxSettings(
        columns={name: str(data.get("columns", {}).get(name, name)) for name in COLUMNS},
        council_accounts=frozenset(account_key(str(handle)) for handle in data.get("council_accounts", [])),
        opens=opens,
        closes=closes,
        reply_target_hours=data.get("reply_target_hours"),
        repeat_count=int(repeats.get("count", 2)),
        repeat_days=int(repeats.get("days", 365)),
    )
