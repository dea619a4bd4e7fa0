"""The kinds of rule: a short, closed list, one small module each.

A kind knows nothing of rule ids or severities. Its module exposes
``PARAMETERS`` (names and defaults) and ``prepare(parameters, context)``,
which returns a function that yields ``Problem`` values for one post. The
engine stamps each problem with its rule's id, severity, message and clause.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from types import ModuleType
from typing import TYPE_CHECKING, Any

from checks.lint.textscan import handle_of, phone_digits
from checks.policy.model import Policy

if TYPE_CHECKING:  # checks.lint.settings imports jsonschema, which is slow to import
    from checks.lint.settings import Period, Settings


@dataclass(frozen=True)
class Problem:
    """What a kind found: where, and the values its rule's message names."""

    line: int
    column: int
    values: dict[str, Any] = field(default_factory=dict)


Check = Callable[[Any], Iterator[Problem]]


class Context:
    """The policy and the content repo's settings, merged once per run."""

    def __init__(self, policy: Policy, settings: Settings) -> None:
        self.policy = policy
        self.settings = settings

    @cached_property
    def election_periods(self) -> list[Period]:
        return self.settings.election_periods

    @cached_property
    def incidents(self) -> list[Period]:
        return self.settings.incidents

    @cached_property
    def partners(self) -> frozenset[str]:
        return frozenset(handle_of(p) for p in self.settings.partners)

    @cached_property
    def people(self) -> list[str]:
        return self.settings.people

    @cached_property
    def approvers(self) -> frozenset[str] | None:
        approvers = self.settings.approvers
        return None if approvers is None else frozenset(a.strip().lower() for a in approvers)

    @cached_property
    def organisation_names(self) -> frozenset[str]:
        names = [*self.policy.words("organisation-names"), *self.settings.organisation_names]
        return frozenset(name.strip().lower() for name in names)

    @cached_property
    def email_domains(self) -> frozenset[str]:
        domains = [*self.policy.words("allowed-email-domains"), *self.settings.allowed_email_domains]
        return frozenset(domain.strip().lower().lstrip("@") for domain in domains)

    @cached_property
    def allowed_phones(self) -> frozenset[str]:
        return frozenset(phone_digits(number) for number in self.settings.allowed_phones)

    def period_at(self, periods: list[Period], moment: Any) -> Period | None:
        return next((period for period in periods if period.holds(moment)), None)


def _registry() -> dict[str, ModuleType]:
    from checks.lint.kinds import (
        approval,
        channel_known,
        channel_media,
        date_window,
        email,
        emoji_count,
        format,
        hashtag_case,
        max_length,
        pattern,
        phone,
        placeholder,
        political_reference,
        readability,
        required,
        share_source,
        waiver_reason,
        words,
        yaml_comment,
    )

    modules = (
        approval,
        channel_known,
        channel_media,
        date_window,
        email,
        emoji_count,
        format,
        hashtag_case,
        max_length,
        pattern,
        phone,
        placeholder,
        political_reference,
        readability,
        required,
        share_source,
        waiver_reason,
        words,
        yaml_comment,
    )
    return {module.__name__.rsplit(".", 1)[-1]: module for module in modules}


KINDS: dict[str, ModuleType] = _registry()
