"""The one result value every rule, reporter and test shares."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one post, sortable by where it is."""

    path: str
    line: int
    column: int
    rule: str
    severity: str  # "error" or "warning"
    message: str
    category: str = field(default="", compare=False)
    clause: str = field(default="", compare=False)
    url: str = field(default="", compare=False)
    waived: bool = field(default=False, compare=False)

    def as_dict(self) -> dict[str, object]:
        """The finding in the contract's JSON shape, keys in the contract's order."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "clause": self.clause,
            "url": self.url,
            "waived": self.waived,
        }

    @property
    def fails(self) -> bool:
        """True when this finding makes the run fail: an unwaived error."""
        return self.severity == "error" and not self.waived


@dataclass
class Report:
    """Everything one run found, for the reporters."""

    policy_version: str
    files: list[str]  # display paths of every file checked, in order
    findings: list[Finding]

    @property
    def files_checked(self) -> int:
        return len(self.files)

    @property
    def failed(self) -> bool:
        return any(f.fails for f in self.findings)

    def as_dict(self) -> dict[str, object]:
        """The object ``policy-check --format json`` prints, in the content contract's shape."""
        return {
            "policy_version": self.policy_version,
            "files_checked": self.files_checked,
            "findings": [finding.as_dict() for finding in self.findings],
        }
