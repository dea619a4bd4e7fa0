"""A post's waivers: reviewed exceptions to a rule for one file, as the content contract defines them.

A waiver names a rule and gives a reason. With a reason it turns that rule's
findings in the file into waived findings; without one it does not apply and
``waiver-reason-missing`` says so; naming a rule that does not exist breaks
the front matter's schema. The engine, the front-matter check and the
``waiver_reason`` kind all read waivers here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Waiver:
    number: int  # its place in the front matter's `waivers` list, from 0
    rule: Any  # as written: usually a rule id, but the front matter may hold anything
    reason: Any

    @property
    def applies(self) -> bool:
        """Whether the waiver has a reason, without which it does not apply."""
        return isinstance(self.reason, str) and bool(self.reason.strip())


def waivers_of(front: dict[str, Any]) -> Iterator[Waiver]:
    """Every waiver of the front matter that is a mapping, in order; anything else is the schema's to report."""
    entries = front.get("waivers")
    for number, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict):
            yield Waiver(number, entry.get("rule"), entry.get("reason"))


def waived_rules(front: dict[str, Any]) -> frozenset[str]:
    """The ids of the rules waived with a reason."""
    return frozenset(waiver.rule for waiver in waivers_of(front) if waiver.applies and isinstance(waiver.rule, str))
