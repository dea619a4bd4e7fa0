"""The ``analytics`` section of ``.policy-check.yaml``: the exports' column names, their date order, the top posts.

The file is the one ``policy-check`` reads: ``--config``, or else the nearest
``.policy-check.yaml`` upward from the post export's folder
(``checks.repo.settings.settings_for_export``). It is validated
whole, ``analytics`` included, by the settings schema; this module turns the
section into typed values and checks what the schema cannot say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checks.policy import yamlio
from checks.policy.errors import DataError
from checks.policy.model import Policy
from checks.repo.settings import Settings, load_section

# The contract's columns, by the names of Sprout Social's reports; one map renames them for both exports.
POST_COLUMNS = (
    "Date",
    "Network",
    "Profile",
    "Post",
    "Impressions",
    "Engagements",
    "Reach",
    "Post Link Clicks",
    "Video Views",
)
PROFILE_COLUMNS = ("Date", "Network", "Profile", "Audience", "Net Audience Growth")
COLUMNS = tuple(dict.fromkeys(POST_COLUMNS + PROFILE_COLUMNS))
DATE_FORMATS = ("dd/mm/yyyy", "mm/dd/yyyy")


@dataclass(frozen=True)
class AnalyticsSettings:
    columns: dict[str, str] = field(default_factory=lambda: {name: name for name in COLUMNS})
    date_format: str = "dd/mm/yyyy"
    top: int = 5

    @property
    def day_first(self) -> bool:
        return self.date_format == "dd/mm/yyyy"


def load_analytics_settings(path: Path | None, policy: Policy) -> tuple[Settings, AnalyticsSettings]:
    """The whole settings (validated as policy-check validates them) and their analytics section, typed."""
    settings, text, section = load_section(path, policy, "analytics")
    return settings, analytics_section(str(path), text, section) if path is not None else AnalyticsSettings()


def analytics_section(label: str, text: str, data: dict[str, Any]) -> AnalyticsSettings:
    """The section as typed values; a ``top`` below 1, or one header for two columns, is an error in the file."""
    top = data.get("top", 5)
    if top < 1:  # the schema stays within QuickSchema's subset, so the range is checked here
        raise _error(label, text, ("analytics", "top"), "key 'top': must be 1 or more")
    given = {str(name): str(header) for name, header in data.get("columns", {}).items()}
    columns = {name: given.get(name, name) for name in COLUMNS}
    for export in (POST_COLUMNS, PROFILE_COLUMNS):
        seen: dict[str, str] = {}
        for name in export:
            other = seen.setdefault(columns[name].strip().casefold(), name)
            if other != name:
                named, also = (name, other) if name in given else (other, name)
                message = f"key '{named}': the header '{columns[named]}' is also the column '{also}'"
                raise _error(label, text, ("analytics", "columns", named), message)
    return AnalyticsSettings(columns=columns, date_format=str(data.get("date_format", "dd/mm/yyyy")), top=int(top))


def _error(label: str, text: str, where: tuple[str, ...], message: str) -> DataError:
    line, column = yamlio.locate(yamlio.compose(text), where)
    return DataError(label, message, line=line, column=column, data_path=yamlio.data_path(where))
