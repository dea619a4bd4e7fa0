"""What every kind shares: the ``Problem`` it yields, the ``Check`` it prepares, the ``Context`` it reads.

And ``Parameter``, the one declaration of a parameter: its name, its default,
what it sets and the JSON Schema of its value. The engine takes the defaults
from it, the rule schema's branch for the kind is generated from it, and the
rule pages show it (read from that schema).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from checks.policy.model import Policy
from checks.repo.textscan import handle_of, phone_digits

if TYPE_CHECKING:  # checks.repo.settings imports jsonschema, which is slow to import
    from checks.repo.register import Register
    from checks.repo.settings import Period, Settings


@dataclass(frozen=True)
class Problem:
    """What a kind found: where, and the values its rule's message names."""

    line: int
    column: int
    values: dict[str, Any] = field(default_factory=dict)


Check = Callable[[Any], Iterator[Problem]]
"""A prepared kind: a post in, its problems out. ``prepare`` may give None when the kind finds nothing itself."""

# A word list's id in policy/lists.yaml.
LIST_ID: dict[str, Any] = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}


@dataclass(frozen=True)
class Parameter:
    """One parameter of a kind, declared once.

    ``schema`` is the JSON Schema of its value; ``description`` says what it
    sets. A required parameter has no default worth showing (its ``default``
    is what the kind sees if the schema is bypassed, as before: None).
    """

    name: str
    default: Any
    description: str
    schema: dict[str, Any] = field(hash=False)
    required: bool = False


def with_defaults(declared: Iterable[Parameter], given: Mapping[str, Any]) -> dict[str, Any]:
    """A rule's parameters for its kind: every declared default, overridden by what the rule sets."""
    return {**{parameter.name: parameter.default for parameter in declared}, **given}


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

    @cached_property
    def consent_register(self) -> Register | None:
        """The consent register the settings name, read on first use: once per run."""
        from checks.repo.register import read_register

        return read_register(self.settings, self.policy)

    def period_at(self, periods: list[Period], moment: Any) -> Period | None:
        return next((period for period in periods if period.holds(moment)), None)
